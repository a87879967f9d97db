from pathlib import Path

import pytest

from assistant.documents import UnreadableFile, find_date, human_date, load_document, read_corpus

from .conftest import CORPUS, NEWS, PANEL


def read_file(folder: Path, name: str, text: str):
    """``text`` written to ``folder/name`` and read back as the corpus reader reads it."""
    (folder / name).write_text(text)
    return load_document(folder / name, folder, 10_000)


def test_seed_documents_keep_their_text_verbatim_and_metadata():
    documents, skipped = read_corpus(CORPUS, 50_000_000)
    assert skipped == []
    by_id = {d.id: d for d in documents}
    news, panel = by_id[NEWS], by_id[PANEL]
    assert news.text == (CORPUS / NEWS).read_text(encoding="utf-8")
    assert (news.kind, news.date) == ("news report", "2022-07-05")
    assert (panel.kind, panel.publisher, panel.date) == ("panel public question and response", "Staffordshire Police, Fire and Crime Panel", "2022-06-09")


def test_sections_say_who_speaks_where():
    documents, _ = read_corpus(CORPUS, 50_000_000)
    news = next(d for d in documents if d.id == NEWS)
    inspector = news.section_at(news.text.index("urgently needs to make fundamental changes"))
    assert inspector.role == "inspector" and "Wendy Williams" in inspector.speaker
    public = news.section_at(news.text.index("We need visible, concerted action"))
    assert public.role == "member_of_public"
    office = news.section_at(news.text.index("monthly strategic governance board"))
    assert office.role == "commissioners_office"
    panel = next(d for d in documents if d.id == PANEL)
    question = panel.section_at(panel.text.index("We have seen no"))
    response = panel.section_at(panel.text.index("Strategic Governance Board"))
    assert (question.role, question.date) == ("member_of_public", "2022-05-31")
    assert (response.role, response.date) == ("commissioners_office", "2022-06-09")


@pytest.mark.parametrize("opening, issuer", [
    ("Westshire Police and Crime Commissioner: response to the HMICFRS PEEL report\n\n5 January 2023",
     ("the Westshire Police and Crime Commissioner", "commissioners_office", "")),  # the heading's subject, not its object
    ("Westshire Police and Crime Plan 2022-2025\n\nForeword by Jane Doe, Police and Crime Commissioner for Westshire",
     ("the Police and Crime Commissioner for Westshire", "commissioners_office", "")),
    ("HMICFRS letter to the Chief Constable of Westshire Police\n\nDate: 3 March 2023",
     ("HMICFRS", "inspector", "")),
    # a byline under the title names the issuer; the title only names what the document is about
    ("Commissioner's response to the HMICFRS inspection of Westshire Police\nOffice of the Westshire Police and Crime Commissioner",
     ("the Westshire Police and Crime Commissioner", "commissioners_office", "")),
    ("Inspectorate criticises Westshire Police over 999 calls\n\nWestshire Gazette, 3 March 2023",
     ("Westshire Gazette", "journalist", "news report")),
])
def test_who_issued_a_plain_file_is_read_from_its_heading(opening, issuer):
    from assistant.documents import infer_issuer

    assert infer_issuer(opening + "\n\nThe body of the document.", "2023-03-03") == issuer


def test_a_sheet_with_plain_question_and_response_headings_has_the_questioner_and_the_office_as_speakers(tmp_path):
    path = tmp_path / "question.txt"
    path.write_text("Westshire Police and Crime Panel\nPublic question for the meeting of 26 November 2024\n\n"
                    "Question from a member of the public\n\nWhy was my local police station closed? It is a disgrace.\n\n"
                    "Response from the Police and Crime Commissioner\n\nThe front counter was used by few people.\n\n"
                    "Jane Doe\nPolice and Crime Commissioner for Westshire\n19 November 2024\n")
    document = load_document(path, tmp_path, 10_000)
    asked = document.section_at(document.text.index("It is a disgrace"))
    answered = document.section_at(document.text.index("used by few people"))
    assert (asked.role, answered.role, answered.date) == ("member_of_public", "commissioners_office", "2024-11-19")
    assert document.kind == "panel public question and response"


def test_a_statement_that_opens_with_its_speaker_or_is_signed_is_theirs_and_dated(tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text("Statement on the inspection\n\nOffice of the Westshire Police and Crime Commissioner\n23 October 2023\n\n"
                    "Jane Doe, Police and Crime Commissioner for Westshire, said:\n\n\"I share the inspectorate's concerns.\"\n")
    section = load_document(path, tmp_path, 10_000).sections[0]
    assert (section.speaker, section.role, section.date) == (
        "Jane Doe, Police and Crime Commissioner for Westshire", "commissioners_office", "2023-10-23")
    path.write_text("Westshire chief to retire\n\nWestshire Gazette, 3 May 2024\n\nThe chief constable is to retire.\n\n"
                    "Jane Doe, the Commissioner, said:\n\n\"We thank him.\"\n")
    assert load_document(path, tmp_path, 10_000).sections[0].speaker == ""  # a quote inside a report is not the whole of it
    path.write_text("Westshire Police and Crime Plan 2021-2024\n\nForeword by the Police and Crime Commissioner, Jane Doe\n\n"
                    "When I was elected in May 2021, I promised to put your priorities first.\n")
    plan = load_document(path, tmp_path, 10_000)
    assert (plan.publisher, plan.sections[0].role, plan.sections[0].speaker) == (
        "the Police and Crime Commissioner", "commissioners_office", "the Police and Crime Commissioner, Jane Doe")
    # signed at its end: "Jane Doe" over her post
    path.write_text("Westshire Police and Crime Commissioner: response to the inspection\n\n5 January 2023\n\n"
                    "I accept the findings in full.\n\nJane Doe\nPolice and Crime Commissioner for Westshire\n")
    section = load_document(path, tmp_path, 10_000).sections[0]
    assert (section.speaker, section.role, section.date) == (
        "Jane Doe, Police and Crime Commissioner for Westshire", "commissioners_office", "2023-01-05")
    path.write_text("Westshire Police and Crime Commissioner: response to the inspection\n\n5 January 2023\n\n"
                    "I accept the findings in full.\n\nFurther Information\nVisit the Commissioner's website\n")
    assert load_document(path, tmp_path, 10_000).sections[0].speaker == ""  # a closing heading is no signature


def test_a_plain_file_gets_its_title_from_the_first_heading_and_a_date_from_its_text(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("\n# Force management statement\n\nPublished on 3 March 2023 by the force.\n")
    document = load_document(path, tmp_path, 10_000)
    assert document.title == "Force management statement"
    assert document.date == "2023-03-03"
    assert document.kind == "document"


def test_a_date_in_a_sentence_of_the_opening_lines_is_what_it_reports_not_the_documents_own_date(tmp_path):
    path = tmp_path / "annual-report.txt"
    path.write_text("Commissioner – Annual Report 2024/25\n\nIntroduction by the Commissioner\n\n"
                    "This is my first annual report since I was elected in May 2024. It covers the year to March 2025.\n")
    assert load_document(path, tmp_path, 10_000).date == ""  # undated, not "of May 2024"
    path.write_text("Commissioner – Annual Report 2024/25\n\nJune 2025\n\nThis is my first annual report since I was elected.\n")
    assert load_document(path, tmp_path, 10_000).date == "2025-06"


@pytest.mark.parametrize("text, expected", [
    ("Question Date: 31/05/2022", "2022-05-31"),
    ("Date:\t9 June 2022", "2022-06-09"),
    (" date 2022-07-05 Concerns", "2022-07-05"),
    ("on March 4, 2021 the panel", "2021-03-04"),
    ("no date at all, 31/02/2022 is not one", ""),
])
def test_dates_are_found_in_text(text, expected):
    assert find_date(text) == expected


def test_human_dates_read_naturally():
    assert human_date("2022-06-09") == "9 June 2022"
    assert human_date("") == ""


def test_html_is_read_as_text_without_scripts(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>Panel minutes</title><script>alert(1)</script></head>"
                    "<body><h1>Panel minutes 2023</h1><p>The panel met on 1 May 2023.</p></body></html>")
    document = load_document(path, tmp_path, 10_000)
    assert document.title == "Panel minutes 2023"
    assert "alert" not in document.text and "The panel met on 1 May 2023." in document.text


def test_docx_and_pdf_are_read(tmp_path):
    import docx
    from pypdf import PdfWriter

    word = docx.Document()
    word.add_paragraph("Inspection update")
    word.add_paragraph("The force responded on 2 February 2024.")
    word.save(tmp_path / "update.docx")
    document = load_document(tmp_path / "update.docx", tmp_path, 1_000_000)
    assert document.title == "Inspection update" and document.date == "2024-02-02"

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with open(tmp_path / "blank.pdf", "wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableFile, match="no text"):
        load_document(tmp_path / "blank.pdf", tmp_path, 1_000_000)


def test_a_word_file_that_unpacks_to_far_more_than_the_limit_is_refused_before_it_is_unpacked(tmp_path):
    import time
    import tracemalloc
    import zipfile

    import docx

    word = docx.Document()
    word.add_paragraph("A real paragraph.")
    word.save(tmp_path / "bomb.docx")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/media/padding.bin", "w") as padding:  # 40 MB of zeros: about 40 KB packed
            for _ in range(40):
                padding.write(bytes(1_000_000))
    assert (tmp_path / "bomb.docx").stat().st_size < 1_000_000
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(UnreadableFile, match="unpacks to 4[01] MB, over the 1 MB limit"):
        load_document(tmp_path / "bomb.docx", tmp_path, 1_000_000)
    assert time.perf_counter() - started < 1.0 and tracemalloc.get_traced_memory()[1] < 5_000_000
    tracemalloc.stop()


def test_a_sidecar_with_a_missing_anchor_names_the_file(tmp_path):
    (tmp_path / "a.txt").write_text("Some text.")
    (tmp_path / "a.txt.meta.yaml").write_text("sections:\n  - starts_at: not there\n")
    with pytest.raises(UnreadableFile, match="a.txt.meta.yaml: section 1"):
        load_document(tmp_path / "a.txt", tmp_path, 10_000)


def test_a_question_and_response_sheet_is_recognised_without_metadata(tmp_path):
    from assistant.prior_responses import find_prior_responses

    sheet = (CORPUS / PANEL).read_text(encoding="utf-8")
    (tmp_path / "sheet.txt").write_text(sheet, encoding="utf-8")
    document = load_document(tmp_path / "sheet.txt", tmp_path, 1_000_000)
    assert document.kind == "panel public question and response"
    question = document.section_at(sheet.index("We have seen no"))
    response = document.section_at(sheet.index("Strategic Governance Board"))
    assert (question.role, question.date) == ("member_of_public", "2022-05-31")
    assert (response.role, response.date, response.speaker) == ("commissioners_office", "2022-06-09", "the Commissioner's office (Ralph Butler)")
    (record,) = find_prior_responses([document])
    data = record.to_dict()
    assert data["asked_on"] == "2022-05-31" and data["answered_on"] == "2022-06-09"
    assert "bring the force to account" in data["question"] and "Child Protection Improvement Programme" in data["response"]


def test_a_news_report_quoting_a_question_is_not_an_official_record():
    from assistant.prior_responses import find_prior_responses

    documents, _ = read_corpus(CORPUS, 50_000_000)
    assert [r.document.id for r in find_prior_responses(documents)] == [PANEL]


@pytest.mark.parametrize("meta, reason", [
    ("sections: hello\n", "sections must be a list of mappings"),
    ("sections: {a: 1}\n", "sections must be a list of mappings"),
    ("sections: [1, 2]\n", "sections must be a list of mappings"),
    ("sections:\n  - starts_at: 5\n", "section 1 starts_at must be text"),
    ("date: 2022-13-45\n", "a date is not a date"),
    ("date: 31st of Junetember\n", "is not a date"),
    ("title: [a, b]\n", "title must be text"),
    ("a: &x [1, 2]\nb: [*x, *x, *x]\n", "anchors or aliases"),
])
def test_a_wrong_metadata_file_skips_its_document_with_the_reason_and_the_rest_ingest(tmp_path, meta, reason):
    (tmp_path / "good.txt").write_text("Report\n\nThe inspectors found good practice.")
    (tmp_path / "bad.txt").write_text("Report\n\nSomething else.")
    (tmp_path / "bad.txt.meta.yaml").write_text(meta)
    documents, skipped = read_corpus(tmp_path, 10**6)
    assert [d.id for d in documents] == ["good.txt"]
    assert len(skipped) == 1 and skipped[0].path == "bad.txt" and reason in skipped[0].reason


def test_links_pipes_odd_folders_and_bad_names_are_skipped_with_reasons_and_nothing_outside_is_read(tmp_path):
    import os

    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("Outside the corpus.")
    (corpus / "good.txt").write_text("Report\n\nThe inspectors found good practice.")
    (corpus / "link.txt").symlink_to(outside / "secret.txt")
    (corpus / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "loop").symlink_to(corpus)
    (corpus / "folder.txt").mkdir()
    os.mkfifo(corpus / "pipe.txt")
    (corpus / os.fsdecode(b"bad-\xff.txt")).write_text("A name that is not UTF-8.")
    documents, skipped = read_corpus(corpus, 10**6)
    assert [d.id for d in documents] == ["good.txt"]
    reasons = {s.path: s.reason for s in skipped}
    assert "links are not followed" in reasons["link.txt"] and "links are not followed" in reasons["broken.txt"]
    assert "links are not followed" in reasons["loop"]
    assert "a folder, not a file" in reasons["folder.txt"] and "not a regular file" in reasons["pipe.txt"]
    assert "not valid UTF-8" in reasons["bad-\\xff.txt"]
    assert not any("Outside the corpus" in d.text for d in documents)


def test_a_file_saved_on_windows_reads_as_the_same_document(tmp_path):
    text = ("Westshire Police and Crime Panel\nPublic question for the meeting of 26 November 2024\n\n"
            "Question from a member of the public\n\nWhy was my local police station closed?\n\n"
            "Response from the Police and Crime Commissioner\n\nThe front counter was used by few people.\n\n"
            "Jane Doe\nPolice and Crime Commissioner for Westshire\n19 November 2024\n")
    (tmp_path / "unix.txt").write_bytes(text.encode())
    (tmp_path / "windows.txt").write_bytes(text.replace("\n", "\r\n").encode())
    unix, windows = (load_document(tmp_path / name, tmp_path, 10_000) for name in ("unix.txt", "windows.txt"))
    assert windows.text == unix.text and "\r" not in windows.text
    assert (windows.title, windows.date, windows.kind) == (unix.title, unix.date, unix.kind)
    assert [(s.start, s.role, s.date) for s in windows.sections] == [(s.start, s.role, s.date) for s in unix.sections]


@pytest.mark.parametrize("question_heading, author", [("Question submitted by a resident of Haddon Vale", "Author: Office of the PCC"),
                                                      ("## Question from Mr J Smith", "**Author:** Office of the PCC")])
def test_a_sheets_question_heading_may_say_who_sent_it_and_its_fields_may_be_in_markdown(tmp_path, question_heading, author):
    path = tmp_path / "sheet.md"
    path.write_text(f"Brindley Police, Fire and Crime Panel\n\nPublic question to the meeting of 23 January 2025\n\n"
                    f"{question_heading}\n\nHas the rural crime team been cut?\n\n"
                    f"Response from the Police, Fire and Crime Commissioner\n\nThe rural crime team has not been cut.\n\n"
                    f"{author}\nDate: 16 January 2025\n")
    document = load_document(path, tmp_path, 10_000)
    asked = document.section_at(document.text.index("Has the rural crime team"))
    answered = document.section_at(document.text.index("has not been cut"))
    # the resident's question had been the panel's own words, quoted as what "the Panel says"
    assert (asked.role, answered.role) == ("member_of_public", "commissioners_office")
    assert answered.speaker == "the Commissioner's office (Office of the PCC)" and answered.date == "2025-01-16"


def test_a_pdfs_text_reads_as_the_document_its_pages_were_made_from(tmp_path):
    from .conftest import DALES
    from .layouts import as_pdf_text

    # wrapped lines, words broken over two lines, form feeds, "Page 2 of 4" and a running "OFFICIAL" at each foot
    for path in sorted(DALES.iterdir()):
        text = path.read_text(encoding="utf-8")
        (tmp_path / path.name).write_text(as_pdf_text(text), encoding="utf-8")
        read = load_document(tmp_path / path.name, tmp_path, 100_000)
        assert read.text.split() == text.split(), path.name
        plain = load_document(path, DALES, 100_000)
        assert (read.title, read.date, read.kind, read.publisher) == (plain.title, plain.date, plain.kind, plain.publisher)
        assert [(s.role, s.speaker, s.date) for s in read.sections] == [(s.role, s.speaker, s.date) for s in plain.sections]


def test_a_saved_web_page_reads_as_its_content_not_the_sites_menus_and_banners(tmp_path):
    from .conftest import DALES
    from .layouts import as_web_page

    # the cookie banner, menus and breadcrumbs had come first, so no date, issuer or speaker was read from the
    # opening lines, and the footer hid a statement's signer
    for path in sorted(DALES.iterdir()):
        text = path.read_text(encoding="utf-8")
        (tmp_path / f"{path.stem}.html").write_text(as_web_page(text), encoding="utf-8")
        read = load_document(tmp_path / f"{path.stem}.html", tmp_path, 100_000)
        plain = load_document(path, DALES, 100_000)
        assert read.text.split() == plain.text.split(), path.name
        # … and a page whose text names no issuer is published by the site ("<title>… - Police oversight</title>")
        assert (read.title, read.date, read.kind, read.publisher) == (plain.title, plain.date, plain.kind,
                                                                      plain.publisher or "Police oversight")
        assert [(s.role, s.speaker, s.date) for s in read.sections] == [(s.role, s.speaker, s.date) for s in plain.sections]


def test_a_word_files_tables_are_read_in_place_as_rows_of_values_or_as_text(tmp_path):
    import docx

    sheet = docx.Document()
    sheet.add_paragraph("Westshire Police and Crime Panel")
    sheet.add_paragraph("Public question for the meeting of 26 November 2024")
    laid_out = sheet.add_table(rows=2, cols=2)  # a sheet laid out as "Question | Response", each text in a cell
    for (row, column), text in {(0, 0): "Question from a member of the public",
                                (0, 1): "Response from the Police and Crime Commissioner",
                                (1, 0): "Why was my local police station closed? It is used by many people in the village.",
                                (1, 1): "The front counter was used by fewer than ten people a week, and its officers "
                                        "now patrol the area.\nJane Doe"}.items():
        laid_out.cell(row, column).text = text
    sheet.add_paragraph("Our judgments")
    grades = sheet.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "Investigating crime", (0, 1): "Adequate",
                                (1, 0): "Responding to the public", (1, 1): "Requires improvement"}.items():
        grades.cell(row, column).text = text
    sheet.save(tmp_path / "sheet.docx")
    document = load_document(tmp_path / "sheet.docx", tmp_path, 1_000_000)
    # the tables had not been read at all: neither the question, nor the response, nor a grade
    asked = document.section_at(document.text.index("Why was my local police station closed?"))
    answered = document.section_at(document.text.index("fewer than ten people a week"))
    assert (asked.role, answered.role) == ("member_of_public", "commissioners_office")
    assert document.text.index("Our judgments") < document.text.index("| Investigating crime | Adequate |")
    assert "| Responding to the public | Requires improvement |" in document.text


def test_a_web_pages_table_is_read_row_by_row_not_a_cell_a_line(tmp_path):
    (tmp_path / "peel.html").write_text(
        "<html><body><main><h1>PEEL 2025: Westshire Police</h1><p>Published: 3 March 2025</p><h2>Our judgments</h2>"
        "<table><tr><th>Area</th><th>Grade</th></tr><tr><td>Investigating crime</td><td>Adequate</td></tr>"
        "<tr><td>Responding to the public</td><td><strong>Requires improvement</strong></td></tr></table>"
        "<p>We found that the force answers calls too slowly.</p></main></body></html>")
    document = load_document(tmp_path / "peel.html", tmp_path, 100_000)
    # "Investigating crime" and "Adequate" had been two lines, each too short to be quoted
    assert "| Investigating crime | Adequate |\n| Responding to the public | Requires improvement |" in document.text
    assert (document.title, document.date) == ("PEEL 2025: Westshire Police", "2025-03-03")


def test_a_markdown_files_front_matter_gives_its_title_date_and_source_and_is_not_its_text(tmp_path):
    (tmp_path / "news.md").write_text('---\ntitle: "Westshire Police leaves enhanced monitoring"\ndate: 2025-07-02\n'
                                      'source: Westshire Echo\ntags: [policing, inspection]\n---\n\n'
                                      "# Westshire Police leaves enhanced monitoring\n\n"
                                      "Westshire Police has been removed from the police inspectorate's engage process.\n")
    document = load_document(tmp_path / "news.md", tmp_path, 10_000)
    # its title had been "---", and its lines the opening of its text
    assert (document.title, document.date, document.publisher) == (
        "Westshire Police leaves enhanced monitoring", "2025-07-02", "Westshire Echo")
    assert document.text.startswith("# Westshire Police") and "tags:" not in document.text
    plain = tmp_path / "plain.md"  # a file that merely opens with a rule keeps its text
    plain.write_text("---\nNot front matter, just a rule.\n\nThe panel met on 3 May 2024.\n")
    assert load_document(plain, tmp_path, 10_000).text.startswith("---\nNot front matter")


def test_a_web_page_whose_text_gives_no_date_is_dated_by_its_markup(tmp_path):
    page = ('<html><head><meta property="article:published_time" content="2024-05-03T09:00:00+01:00"></head><body><main>'
            "<h1>Westshire Police taken out of enhanced monitoring</h1>"
            "<p>Westshire Police has been taken out of the police inspectorate's engage process.</p></main></body></html>")
    (tmp_path / "news.html").write_text(page)
    assert load_document(tmp_path / "news.html", tmp_path, 10_000).date == "2024-05-03"  # it had been undated
    (tmp_path / "time.html").write_text(page.replace('<meta property="article:published_time" content="2024-05-03T09:00:00+01:00">', "")
                                        .replace("<main>", '<main><time datetime="2024-05-04">4 May</time>'))
    assert load_document(tmp_path / "time.html", tmp_path, 10_000).date == "2024-05-04"


def test_a_web_page_is_published_by_its_site_unless_its_text_names_the_issuer(tmp_path):
    def page(title: str, head: str = "",
             byline: str = 'By Ann Lee | Published <time datetime="2024-03-13">13 March 2024</time>') -> str:
        return (f"<html><head><title>{title}</title>{head}</head><body><article><h1>Call waits up in Westshire</h1>"
                f"<p>{byline}</p><p>Residents waited longer for 101 calls, figures show.</p></article></body></html>")

    def publisher(name: str, html: str) -> str:
        (tmp_path / name).write_text(html)
        return load_document(tmp_path / name, tmp_path, 10_000).publisher

    # it had been unnamed, so the answer said "A news report of …"
    assert publisher("news.html", page("Call waits up in Westshire | Westshire Evening Star")) == "Westshire Evening Star"
    assert publisher("og.html", page("Call waits up in Westshire", '<meta property="og:site_name" content="Fenland  Echo">')) \
        == "Fenland Echo"
    # a title that is not the page's heading and a site's name says nothing of who published the page
    assert publisher("other.html", page("Home | Westshire Evening Star")) == ""
    # the issuer the text names comes first: a site that hosts an inspectorate's report did not write it
    assert publisher("report.html", page("Call waits up in Westshire - Police oversight",
                                         byline="His Majesty's Inspectorate of Constabulary and Fire & Rescue Services")) \
        == "HMICFRS"


@pytest.mark.parametrize("written, read", [("2025-07-02", "2025-07-02"), ("2025-07-02T09:00:00Z", "2025-07-02"),
                                           ("2 July 2025", "2025-07-02"), ("soon", None)])
def test_a_front_matter_date_is_read_as_a_day_or_not_at_all(written, read):
    from assistant.documents import front_matter

    fields, text = front_matter(f"---\ntitle: A report\ndate: {written}\n---\n\nThe text.\n")
    assert fields.get("date") == read and text == "The text.\n"


def test_a_sheet_of_several_questions_gives_each_asker_and_response_its_own_section_and_date(tmp_path):
    path = tmp_path / "Panel questions May 2025.txt"  # a file name as people save them
    path.write_text("HALLOWBY POLICE AND CRIME PANEL\n\nPublic questions – meeting of 14 May 2025\n\n"
                    "Q1. From a resident of Upper Fen\n\nI waited an hour on 101 in April. How long is the wait now?\n\n"
                    "A1. Response from the Police and Crime Commissioner\n\n"
                    "The average wait fell to 8 minutes after the new system went live on 2 April 2025.\n\n"
                    "Q2. From a resident of Stowe\n\nWill the Stowe front counter close?\n\n"
                    "A2. Response from the Police and Crime Commissioner\n\nNo decision has been made.\n\n"
                    "Question\n\nWhy was my report closed?\n\n"
                    "Answer from the Office of the Police and Crime Commissioner\n\nWe cannot comment on one case.\n\n"
                    "Signed: Ann Gale, Chief Executive, Office of the Police and Crime Commissioner\nDate: 9 May 2025\n")
    document = load_document(path, tmp_path, 10_000)
    at = lambda words: document.section_at(document.text.index(words))
    # the residents' questions had been the Commissioner's words, and the sheet's capitals its title
    assert [at(w).role for w in ("I waited an hour", "8 minutes", "front counter close", "No decision", "report closed",
                                 "one case")] == ["member_of_public", "commissioners_office"] * 3
    assert document.kind == "panel public question and response" and document.publisher == "the Hallowby Police and Crime Panel"
    assert document.title == "Hallowby Police and Crime Panel: Public questions – meeting of 14 May 2025"
    # a date someone writes of ("went live on 2 April 2025") is not when they wrote: the meeting's is
    assert (at("I waited an hour").date, at("8 minutes").date, at("one case").date) == ("2025-05-14", "2025-05-14", "2025-05-09")
    assert at("one case").speaker == "the Commissioner's office (Ann Gale)"


def test_a_letter_a_record_and_a_signed_report_are_titled_dated_and_attributed_as_they_say(tmp_path):
    files = {
        # a letterhead and addresses above the subject line, the date alone on a line
        "letter.txt": "HMICFRS\nFloor 2, Quay House\n\nChief Constable A. Byrne\nHallowby Police\n\n3 April 2024\n\n"
                      "Dear Chief Constable,\n\nHallowby Police: police performance oversight\n\n"
                      "I am writing to tell you that the force is moved into the engage phase.\n\nYours sincerely,\n\n"
                      "Ruth Amis\nHis Majesty's Inspector of Constabulary\n",
        "record.txt": "Office of the Police and Crime Commissioner for Hallowby\n\nDecision record\n\n"
                      "Decision number: 2024/03\nTitle: A grant for victim support\nDate of decision: 5 March 2024\n\n"
                      "I approve a grant of £50,000 to the victim support service.\n",
        # signed by an inspector, dated under the signature, its heading saying nothing of who issued it
        "report.txt": "An inspection of Hallowby Fire and Rescue Service\n\nThe service is good at preventing fires, "
                      "and it answers most calls within ten minutes.\n\nLee Barr\n"
                      "His Majesty's Inspector of Fire & Rescue Services\n6 June 2024\n",
        "news.txt": "Hallowby force meets its 999 target\n\nBy Dan Eyre, Hallowby Herald\nTuesday 9 July 2024\n\n"
                    "The force answered nine in ten emergency calls within ten seconds in June.\n",
        "dashed.txt": "Two officers dismissed\n\nHallowby Telegraph – 3 October 2024\n\nTwo officers were dismissed.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    read = {name: load_document(tmp_path / name, tmp_path, 10_000) for name in files}
    assert (read["letter.txt"].title, read["letter.txt"].date) == ("Hallowby Police: police performance oversight", "2024-04-03")
    assert read["record.txt"].title == "A grant for victim support"
    report = read["report.txt"]
    assert (report.publisher, report.sections[0].role, report.date) == ("HMICFRS", "inspector", "2024-06-06")
    for name, publication in (("news.txt", "Hallowby Herald"), ("dashed.txt", "Hallowby Telegraph")):
        assert (read[name].kind, read[name].publisher, read[name].sections[0].role) == ("news report", publication, "journalist")


def test_bracketed_askers_mastheads_release_labels_and_a_pages_inline_byline_are_read_as_they_say(tmp_path):
    files = {
        "Hallowby panel - questions - 4 July 2024.txt":
            "Hallowby Police and Crime Panel\nQuestions from the public – meeting of 4 July 2024\n\n"
            "Question 1 (Mr R. Obi, Stowe)\nWhy is nobody at Stowe police station at weekends?\n\n"
            "Response (Office of the Police and Crime Commissioner)\nThe front desk is staffed from Monday to Friday.\n",
        "masthead.txt": "Hallowby Chronicle | Monday 20 January 2025\n\nNew chief constable confirmed\n\nBy Tom Reid\n\n"
                        "The panel confirmed the appointment on Friday.\n",
        "release.txt": "IOPC news release – 19 June 2024\n\nTwo officers to face a hearing\n\n"
                       "Two custody officers will face a gross misconduct hearing.\n",
        "custody.txt": "Report on an inspection of custody in Hallowby\n\nInspection carried out: 6–17 May 2024\n"
                       "Report published: 3 September 2024\n\nDetainees waited too long to see a nurse.\n",
        "gazette.md": "# Hallowby Police leaves enhanced monitoring\n\n*Hallowby Gazette – 28 April 2025*\n\n"
                      "The force has been taken out of the engage process.\n",
        "page.html": "<html><head><title>Force short of detectives | Hallowby Star</title></head><body><article>"
                     "<h1>Force short of detectives</h1><p>By Nadia Carr | Published <time datetime='2024-03-13'>"
                     "13 March 2024</time></p><p>The force is short of 212 detectives.</p></article></body></html>",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    read = {name: load_document(tmp_path / name, tmp_path, 10_000) for name in files}
    sheet = read["Hallowby panel - questions - 4 July 2024.txt"]
    at = lambda words: sheet.section_at(sheet.text.index(words))
    # the resident's words had been the panel's
    assert (at("nobody at Stowe").role, at("front desk").role) == ("member_of_public", "commissioners_office")
    # a masthead or a release's label over the headline is not the title
    assert (read["masthead.txt"].title, read["masthead.txt"].publisher, read["masthead.txt"].kind) == \
        ("New chief constable confirmed", "Hallowby Chronicle", "news report")
    assert read["release.txt"].title == "Two officers to face a hearing"
    # the report's date, not the inspection's last day
    assert read["custody.txt"].date == "2024-09-03"
    assert (read["gazette.md"].publisher, read["gazette.md"].sections[0].role) == ("Hallowby Gazette", "journalist")
    page = read["page.html"]
    # "<time>" had broken the byline over two lines, and the reporter had been "Nadia Carr | Published"
    assert "By Nadia Carr | Published 13 March 2024" in page.text
    assert (page.sections[0].speaker, page.sections[0].role, page.date) == ("Nadia Carr", "journalist", "2024-03-13")


def test_a_social_media_post_is_its_posters_words(tmp_path):
    (tmp_path / "thread.txt").write_text("Chief Constable Ann Lowe (@HallowbyCC) - posted 2 May 2025\n\n"
                                         "1/2 Today the inspectors published their report. I accept it in full.\n\n"
                                         "2/2 We will do better.\n")
    post = load_document(tmp_path / "thread.txt", tmp_path, 10_000)
    assert (post.sections[0].speaker, post.sections[0].date) == ("Chief Constable Ann Lowe", "2025-05-02")


def test_a_letters_copy_line_a_letterhead_a_press_release_and_a_news_dateline_say_who_issued_it_and_when(tmp_path):
    # the commissioner it was copied to had been taken for its issuer
    letter = read_file(tmp_path, "letter.txt", "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services\n\nA. Name\nChief Constable\n"
                  "Westshire Police\n\nCopy: B. Name, Police and Crime Commissioner for Westshire\n\n2 July 2024\n\n"
                  "Dear Chief Constable,\n\nWestshire Police: escalation to the engage phase\n\nI am writing to tell you.\n")
    assert (letter.publisher, letter.sections[0].role, letter.title) == ("HMICFRS", "inspector", "Westshire Police: escalation to the engage phase")
    # "<force> – <what happened>, <date>" under a letterhead had been read as a newspaper's masthead
    summary = read_file(tmp_path, "iopc.txt", "Independent Office for Police Conduct\n\nInvestigation summary\n\n"
                   "Westshire Police – collision after a police pursuit, 2 March 2024\n\nPublished: 22 April 2025\n\n"
                   "We began an independent investigation on 4 March 2024.\n")
    assert (summary.publisher, summary.kind, summary.date) == ("the IOPC", "document", "2025-04-22")
    # it had been titled by the force's name, and issued by nobody
    release = read_file(tmp_path, "release.txt", "Westshire Police\n\nPress release\n\nIssued: 5 June 2024\n\n"
                   "999 calls answered faster after new control room opens\n\nThe force is now answering 94 percent of calls.\n")
    assert (release.title, release.publisher, release.kind, release.date) == (
        "999 calls answered faster after new control room opens", "Westshire Police", "press release", "2024-06-05")
    # it had been undated, and not a news report
    news = read_file(tmp_path, "news.txt", "Police failing children, inspectors say\n\nWESTSHIRE, 9 October 2024 — Westshire Police is failing "
                "to protect children who repeatedly go missing from home, according to a report published yesterday.\n\n"
                "Reporting by A. Name, Westshire Courier\n")
    assert (news.date, news.kind, news.publisher, news.sections[0].role) == ("2024-10-09", "news report", "Westshire Courier", "journalist")
    # a report to a panel is called by its subject, not "<panel>: Agenda item 7"; an acronym and a year stay as written
    report = read_file(tmp_path, "report.txt", "WESTSHIRE POLICE AND CRIME PANEL\n\nAgenda item 7\n\nDate of meeting: 6 February 2025\n\n"
                  "Subject: Complaint reviews, April to December 2024\n\n1.1 This report tells the panel.\n")
    assert report.title == "Complaint reviews, April to December 2024"
    # … and a short first line is read with the heading lines under it (it had been "Peel 2023–25")
    assert read_file(tmp_path, "peel.txt", "PEEL 2023–25\nAn inspection of Westshire Police\n\nThe force is good.\n").title \
        == "PEEL 2023–25: An inspection of Westshire Police"


def test_a_markdown_table_of_questions_and_responses_is_read_as_a_sheet_of_askers_and_answers(tmp_path):
    (tmp_path / "sheet.md").write_text(
        "# Westshire Police and Crime Panel\n\n## Public questions – meeting of 21 November 2024\n\n"
        "| No. | Question (asked by) | Response from the Police and Crime Commissioner |\n|---|---|---|\n"
        "| 1 | My village has not seen a police officer in months. How many neighbourhood officers cover it? (Mr D. Foster) "
        "| There are 46 neighbourhood officers and 22 PCSOs in the North Westshire neighbourhood area. |\n"
        "| 2 | Why did it take the police three hours to come when my shop was broken into? (Ms R. Kaur) "
        "| I cannot comment on an individual case, and I have asked the force to contact Ms Kaur. |\n")
    sheet = load_document(tmp_path / "sheet.md", tmp_path, 10_000)
    # the whole table had been one section, so a resident's words were quoted as the panel's
    asked = sheet.section_at(sheet.text.index("My village has not seen"))
    answered = sheet.section_at(sheet.text.index("There are 46 neighbourhood officers"))
    second = sheet.section_at(sheet.text.index("I cannot comment on an individual case"))
    assert (asked.role, answered.role, second.role) == ("member_of_public", "commissioners_office", "commissioners_office")
    # each asker as the sheet names them, in brackets closing their question (they had all been "a member of the public")
    assert (asked.speaker, sheet.section_at(sheet.text.index("Why did it take")).speaker) == ("Mr D. Foster", "Ms R. Kaur")
    assert "| 1 |" not in sheet.text and "---" not in sheet.text
    # a table of short values stays a table (its rows are read as grades)
    (tmp_path / "grades.md").write_text("# Grades\n\n| Area | Grade |\n|---|---|\n| Investigating crime | Adequate |\n")
    assert "| Investigating crime | Adequate |" in load_document(tmp_path / "grades.md", tmp_path, 10_000).text


def test_a_commissioners_letterhead_and_meeting_notes_are_the_commissioners_and_a_sheets_askers_are_named(tmp_path):
    # the commissioner's response had been the inspectorate's, its commissioner speaking as an inspector
    response = read_file(tmp_path, "response.txt", "Westshire Police and Crime Commissioner\n\nResponse to HMICFRS PEEL inspection of Westshire "
                    "Police (2025)\n\nDate: 2 July 2025\n\nI welcome the report.\n\nA. Name\nPolice and Crime Commissioner for Westshire\n")
    assert (response.publisher, response.sections[0].role) == ("the Westshire Police and Crime Commissioner", "commissioners_office")
    # an item's heading in the notes of the commissioner's meeting had been taken for its issuer
    notes = read_file(tmp_path, "notes.txt", "Westshire Police and Crime Commissioner – Accountability Board\n\nNotes of the meeting on 9 October "
                 "2025\n\nThe Chief Constable reported on call answering.\n\nItem 1: HMICFRS cause of concern\n\nCalls are faster.\n")
    assert (notes.publisher, notes.sections[0].role) == ("the Westshire Police and Crime Commissioner", "commissioners_office")
    # "(from Mr A. Name, <town>)" names the asker
    sheet = read_file(tmp_path, "sheet.txt", "WESTSHIRE POLICE AND CRIME PANEL\nPublic questions - meeting of 20 March 2025\n\n"
                 "Question 1 (from Mr T. Hale, Eastbrook)\n\nHow many burglaries were there?\n\n"
                 "Response from the Police and Crime Commissioner\n\nThere were 184.\n")
    assert [(s.speaker, s.role) for s in sheet.sections[1:]] == [
        ("Mr T. Hale, Eastbrook", "member_of_public"), ("the Commissioner's office", "commissioners_office")]


def test_a_sheet_whose_askers_have_initials_or_whose_responses_open_their_line_is_read_as_a_sheet(tmp_path):
    # "Q1. From Mrs L. Barker, <town>": the initial's full stop had kept it from opening a question, so nothing on the
    # sheet was read as asked, and a questioner's claims were no one's
    sheet = read_file(tmp_path, "q.txt", "WESTSHIRE POLICE AND CRIME PANEL\nPublic questions: meeting of 25 September 2025\n\n"
                 "Q1. From Mrs L. Barker, Eastley\nI waited 25 minutes on 101. What is being done?\n\n"
                 "A1. Response from the Police and Crime Commissioner\nTwelve more call handlers started in August.\n")
    assert [(s.speaker, s.role) for s in sheet.sections[1:]] == [
        ("Mrs L. Barker", "member_of_public"), ("the Commissioner's office", "commissioners_office")]
    # "Response from the Office of the … Commissioner: …" opening the response's own line
    sheet = read_file(tmp_path, "r.txt", "Westshire Police and Crime Panel - Questions from the public\nMeeting date: 19 June 2025\n\n"
                 "Question 1\nSubmitted by: a resident of Eastley\nQuestion: When is the office open?\n"
                 "Response from the Office of the Police and Crime Commissioner: It is not open to the public.\n")
    assert [s.role for s in sheet.sections[1:]] == ["member_of_public", "commissioners_office"]
    # "Question from: Mr K. Name, <town>" over "Answer from the Police and Crime Commissioner:"
    asked = read_file(tmp_path, "a.txt", "Westshire Police and Crime Panel\n\nQuestions from members of the public\nMeeting of 30 January 2025\n\n"
                 "Question from: Mr K. Adeyemi, Hollins Cross\n\"How is stop and search checked?\"\n\n"
                 "Answer from the Police and Crime Commissioner:\nRecords are checked by a panel of residents.\n")
    assert [(s.speaker, s.role) for s in asked.sections[1:]] == [
        ("Mr K. Adeyemi", "member_of_public"), ("the Commissioner's office", "commissioners_office")]
    response = sheet.sections[2]
    assert sheet.text[response.start:response.end].startswith("Response from the Office")


def test_a_signed_line_names_who_wrote_a_document(tmp_path):
    # a commissioner's record of decision, "Signed: A. Name, <post>", had been no one's
    document = read_file(tmp_path, "decision.txt",
                         "Police and Crime Commissioner for Westshire\nRecord of decision\n\nDecision number: 2024/017\n"
                         "Title: Funding for a new control room\nDate of decision: 9 September 2024\n\n"
                         "Summary of decision:\nThe Commissioner approves spending of £3.8 million.\n\n"
                         "Signed: Olivia Grant, Police and Crime Commissioner for Westshire\n")
    assert document.sections[0].speaker == "Olivia Grant, Police and Crime Commissioner for Westshire"
    assert document.sections[0].role == "commissioners_office"


def test_a_transcripts_turns_are_each_their_speakers_words_dated_by_the_meeting(tmp_path):
    path = tmp_path / "panel-transcript.txt"
    path.write_text("Hallowby Police and Crime Panel\n\nTranscript of the public question session, 22 January 2026\n\n"
                    "CHAIR (Councillor A. Name): We have one public question. Mr Reed, please.\n\n"
                    "MR B. REED (member of the public, Upper Fen): Why has the front counter closed on Saturdays?\n\n"
                    "COMMISSIONER (C. Gale): Because four people a day used it. It will open again in April 2026.\n\n"
                    "CHAIR: Thank you.\n\nCOMMISSIONER: The trial will last six months.\n")
    document = load_document(path, tmp_path, 10_000)
    at = lambda words: document.section_at(document.text.index(words))
    assert [(at(w).speaker, at(w).role) for w in ("We have one", "Why has", "four people", "Thank you", "six months")] == [
        ("Councillor A. Name, Chair", "panel"), ("Mr B. Reed, Upper Fen", "member_of_public"),
        ("C. Gale, Commissioner", "commissioners_office"), ("Councillor A. Name, Chair", "panel"),
        ("C. Gale, Commissioner", "commissioners_office")]
    assert {at(w).date for w in ("Why has", "six months")} == {"2026-01-22"}  # the meeting's, not "April 2026"
    # capitals that open a few lines of an ordinary document are not a transcript
    plain = tmp_path / "report.txt"
    plain.write_text("HMICFRS\n\nPEEL 2025: An inspection of Hallowby Police\n\nNOTE: figures are for 2024.\n\nThe force is good.\n")
    assert len(load_document(plain, tmp_path, 10_000).sections) == 1


def test_a_numbered_public_question_submitted_by_someone_opens_their_question(tmp_path):
    (tmp_path / "sheet.txt").write_text(
        "Hallowby Police and Crime Panel\n\nPublic questions to the Commissioner, meeting of 12 February 2026\n\n"
        "Public Question 1 (submitted by Mr D. Okafor, of Stowe)\n\nWhy does it take so long to get through on 101?\n\n"
        "Reply from the Commissioner:\n\nThe average wait fell to 9 minutes in December.\n")
    sheet = load_document(tmp_path / "sheet.txt", tmp_path, 10_000)
    at = lambda words: sheet.section_at(sheet.text.index(words))
    assert (at("so long").role, at("so long").speaker, at("so long").date) == ("member_of_public", "Mr D. Okafor, of Stowe",
                                                                              "2026-02-12")
    assert at("average wait").role == "commissioners_office"


def test_a_table_laid_out_in_columns_is_read_row_by_row_and_a_right_set_header_stays_a_line(tmp_path):
    prose = ("The force has made progress since our last inspection, but it still takes too long to allocate\n"
             "investigations to officers, and victims told us that they were not kept informed about what was\n"
             "happening with their case. We found that supervisors did not always review investigation plans\n"
             "and that some officers had more than twenty investigations to manage at the same time as their\n")
    report = read_file(tmp_path, "peel.txt",
                       "                                                              HMICFRS\nPEEL 2024\n\n" + prose
                       + "duties.\n\nArea                                        Grade\nPolice legitimacy                           Good\n"
                       "Investigating crime                         Inadequate\nManaging offenders                          Adequate\n\n"
                       + prose + "duties.\n\n                                   2022/23     2023/24\n"
                       "Complaints received                    180         215\nComplaints upheld                       22          35\n")
    assert "Police legitimacy: Good\nInvestigating crime: Inadequate\nManaging offenders: Adequate" in report.text
    assert "| Complaints upheld | 22 (2022/23) | 35 (2023/24) |" in report.text
    assert report.title.startswith("HMICFRS") and report.sections[0].role == "inspector"  # an acronym kept in capitals
    assert "Area" not in report.text.split("Police legitimacy")[0][-30:]


def test_a_wrapped_lines_indent_goes_and_a_notices_aligned_fields_stay_lines(tmp_path):
    paper = read_file(tmp_path, "paper.txt",
                      "LANGTON POLICE AND CRIME PANEL\n\nDate of meeting: 4 March 2026\n\nAgenda item 5\n\nPROPOSED POLICE PRECEPT 2026/27\n\n"
                      "1.1 This report sets out the proposed precept for the year ahead so that the panel can review\n"
                      "    it under the rules that apply to every police area, and make a recommendation about it\n"
                      "    before the deadline set for the commissioner's final decision on the precept this year.\n"
                      "1.2 The commissioner consulted the public between 1 December 2025 and 9 January 2026, and\n"
                      "    1,912 people responded to the consultation, most of them through the online survey form.\n"
                      "Officer:            Police Constable A. Byrne\nOutcome:            Final written warning\n"
                      "Finding:            Misconduct proven, following a hearing held over two days at the force\n"
                      "                    headquarters in the town centre\n")
    assert paper.title == "Langton Police and Crime Panel: Proposed Police Precept 2026/27"
    assert "review it under the rules" in paper.text and "9 January 2026, and 1,912 people" in paper.text
    assert "Officer:            Police Constable A. Byrne\nOutcome:" in paper.text


def test_a_letter_without_a_comma_after_dear_is_titled_by_its_subject_line(tmp_path):
    letter = read_file(tmp_path, "letter.txt", "Office of the Police and Crime Commissioner for Langton\nTown Hall, Langton LN1 2AB\n\n"
                       "3 March 2026\n\nDear Mr Okafor\n\nRe: Your report on custody in Langton\n\nThank you for your report, "
                       "which I have read with the Chief Constable.\n\nYours sincerely\n\nJo Hart\nPolice and Crime Commissioner for Langton\n")
    assert letter.title == "Your report on custody in Langton"


def test_a_masthead_over_a_headline_is_a_news_report_and_readers_comments_are_theirs(tmp_path):
    story = read_file(tmp_path, "story.txt", "Langton Courier\n\nStation counter to close on Sundays\n\nBy Amy Lowe, Crime Reporter\n"
                      "Published 2 March 2026\n\nThe police front counter in Langton will close on Sundays from April, the force said.\n\n"
                      "Comments (2)\n\nTownWatcher wrote, 2 March 2026:\nNobody ever answers the phone there anyway.\n\n"
                      "Courier moderator wrote, 3 March 2026:\nComments are the views of readers.\n")
    assert (story.title, story.publisher, story.kind) == ("Station counter to close on Sundays", "Langton Courier", "news report")
    story_part, comment, note = story.sections
    assert story_part.role == "journalist" and "Amy Lowe" in story_part.speaker
    assert (comment.label, comment.speaker, comment.role, comment.date) == ("Reader comment", "a reader (TownWatcher)",
                                                                              "member_of_public", "2026-03-02")
    assert "Nobody ever answers" in story.text[comment.start:comment.end] and note.role != "member_of_public"


def test_a_web_forms_export_of_questions_names_askers_from_its_fields_and_dates_responses_by_their_lead_in(tmp_path):
    export = read_file(tmp_path, "export.txt", "Langton Police and Crime Panel - questions from the website\n\nExport date: 12/03/2026\n\n"
                       "--------------------\nReference: Q-11\nReceived: 01/03/2026\nName: Mrs P. Dunn\nArea: Eastgate\n"
                       "Question: Why has the Eastgate counter closed?\n"
                       "Response (Office of the PCC, 10/03/2026): It was used by four people a day.\n"
                       "--------------------\nReference: Q-12\nReceived: 02/03/2026\nName: (withheld)\n"
                       "Question: When does the panel meet?\nResponse (Office of the PCC, 11/03/2026): Six times a year.\n")
    asked, answered, asked_again, answered_again = export.sections[1:]
    assert (asked.role, asked.speaker, asked.date) == ("member_of_public", "Mrs P. Dunn, Eastgate", "2026-03-01")
    assert "Reference: Q-11" in export.text[asked.start:asked.end]
    assert (answered.role, answered.date) == ("commissioners_office", "2026-03-10")
    assert (asked_again.speaker, answered_again.date) == ("a member of the public", "2026-03-11")


def test_a_blog_signed_on_one_line_or_by_its_front_matter_is_its_authors_and_a_page_is_its_sites(tmp_path):
    signed = read_file(tmp_path, "blog.md", "---\ntitle: Why I asked for a custody review\ndate: 2026-02-01\n---\n\n"
                       "# Why I asked for a custody review\n\nDetainees wait too long to be seen by a nurse.\n\n"
                       "*Sam Okoro, Police and Crime Commissioner for Langton*\n")
    assert (signed.sections[0].speaker, signed.sections[0].role) == ("Sam Okoro, Police and Crime Commissioner for Langton",
                                                                     "commissioners_office")
    front = read_file(tmp_path, "post.md", "---\ntitle: A month on the beat\nauthor: Commissioner Sam Okoro\n---\n\n"
                      "I spent a month with neighbourhood officers in Langton.\n")
    assert front.sections[0].speaker == "Commissioner Sam Okoro"
    page = read_file(tmp_path, "page.html", "<html><head><title>What does a Police and Crime Commissioner do? | Langton Civic "
                     "Society</title></head><body><main><h1>What does a Police and Crime Commissioner do?</h1>"
                     "<p>A commissioner sets the police budget.</p></main></body></html>")
    assert page.publisher == "Langton Civic Society" and page.sections[0].role != "commissioners_office"


def test_a_spreadsheets_export_of_questions_is_read_row_by_row_as_a_sheet_of_questions_and_responses(tmp_path):
    export = read_file(tmp_path, "langton-questions-2026.csv",
                       "Reference,Date received,Question,Response,Response date\n"
                       'LQ-1,02/03/2026,"How many PCSOs are there in Langton?","There are 88 PCSOs in Langton, the same as last year.",'
                       "16/03/2026\n")
    assert export.title == "Langton questions 2026"
    asked, answered = export.sections[1:] if len(export.sections) == 3 else export.sections
    assert (asked.role, asked.date) == ("member_of_public", "2026-03-02") and "Reference: LQ-1" in export.text[asked.start:asked.end]
    assert (answered.role, answered.date) == ("commissioners_office", "2026-03-16")
    assert "There are 88 PCSOs" in export.text[answered.start:answered.end]
    plain = read_file(tmp_path, "grades.tsv", "Investigating crime\tGood\nResponding to the public\tAdequate\n")
    assert "Investigating crime | Good" in plain.text  # no row of headings: each row's cells in a line


def test_an_emails_earlier_message_below_the_reply_is_its_senders_and_dated_by_its_sent_line(tmp_path):
    mail = read_file(tmp_path, "reply.txt", "From: Office of the Police and Crime Commissioner for Langton <info@langton.example>\n"
                     "Sent: 4 March 2026 09:10\nTo: Mr B. Cole\nSubject: RE: Speeding on Mill Road\n\nDear Mr Cole,\n\n"
                     "The Commissioner has asked the force to add Mill Road to its speed checks.\n\nKind regards\n\n"
                     "-----Original Message-----\nFrom: Mr B. Cole\nSent: 1 March 2026 20:01\nTo: info@langton.example\n"
                     "Subject: Speeding on Mill Road\n\nCars race down Mill Road every night and nobody does anything.\n")
    reply, earlier = mail.sections
    assert (reply.speaker, reply.role, reply.date) == ("Office of the Police and Crime Commissioner for Langton",
                                                       "commissioners_office", "2026-03-04")
    assert (earlier.speaker, earlier.role, earlier.date) == ("Mr B. Cole", "member_of_public", "2026-03-01")
    assert "Cars race down" in mail.text[earlier.start:earlier.end]


def test_a_webcasts_timed_turns_are_each_their_speakers_and_one_of_the_public_is_named_without_a_post(tmp_path):
    webcast = read_file(tmp_path, "webcast.txt", "Langton Police and Crime Panel - webcast transcript\nMeeting: 5 March 2026\n\n"
                        "[00:01:02] Chair (Cllr Ann Rowe): We have a question from Mrs Joy Hale.\n"
                        "[00:01:20] Mrs Joy Hale: Why is the counter shut on Sundays?\n"
                        "[00:01:41] Commissioner (Sam Okoro): Because two people a week used it.\n")
    chair, asker, commissioner = webcast.sections[1:]
    assert (chair.role, asker.role, commissioner.role) == ("panel", "member_of_public", "commissioners_office")
    assert commissioner.speaker == "Sam Okoro, Commissioner" and asker.date == "2026-03-05"


def test_page_marks_running_headers_a_release_label_first_and_a_meetings_attendance_are_read_as_they_are(tmp_path):
    page = ("Langton Police and Crime Commissioner                           Annual Report 2025/26\n\n"
            "The force recorded fewer crimes this year than last, and answered more of its emergency calls on time.\n\n"
            "                                   – {} –\n\n")
    report = read_file(tmp_path, "report.txt", "".join(page.format(n) for n in (1, 2, 3)))
    assert report.title == "Langton Police and Crime Commissioner: Annual Report 2025/26" and "– 2 –" not in report.text
    release = read_file(tmp_path, "release.txt", "PRESS RELEASE\nLangton Police\nFor immediate release: 2 March 2026\n\n"
                        "Custody suite to close\n\nThe force will close its custody suite in May.\n")
    assert (release.title, release.publisher) == ("Custody suite to close", "Langton Police")
    minutes = read_file(tmp_path, "minutes.txt", "LANGTON FIRE AUTHORITY\n\nMinutes of the meeting held on 3 March 2026\n\n"
                        "Present: Cllr A. Rowe (Chair)\n\n4. HMICFRS inspection\n\nThe Chief Fire Officer presented her plan.\n")
    assert minutes.sections[0].role != "inspector"  # the inspection it discusses did not write it


def test_a_title_field_set_apart_by_wide_spaces_titles_its_record(tmp_path):
    record = read_file(tmp_path, "decision.txt", "LANGTON POLICE AND CRIME COMMISSIONER\nRECORD OF DECISION\n\n"
                       "Decision number:    PCC/2026/02\nTitle:              Closure of the Eastgate front counter on Sundays\n"
                       "Date of decision:   3 March 2026\n\nDecision\nI approve the closure of the front counter on Sundays.\n")
    assert record.title == "Closure of the Eastgate front counter on Sundays"
