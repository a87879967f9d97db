"""Reading source files into documents: text, metadata, and who speaks where.

A document's metadata lives beside it in ``<file>.meta.yaml`` (see the README's
"Corpus format"); without one, the title comes from the first heading or line and the
date from the first date in the text. ``read_corpus`` never raises for a bad file: it
returns it as ``Skipped`` with the reason, so one bad file cannot stop an ingest.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import stat
import zipfile
from collections import Counter
from itertools import groupby
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path

import yaml

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".csv", ".tsv")
# Bumped when reading a file gives different metadata (title, date, who issued it): an index
# read by another version is rebuilt, so every citation shows what this version reads.
READER_VERSION = 29  # 3: who issued a plain document is read from the start of its heading; 4: a letter's author;
# 5: a byline under the title names the issuer before the title does, and plain "Question from …"/"Response from …" headings;
# 6: a statement's speaker from its lead-in ("A. Name said:") or byline ("Foreword by …"); 7: or its sign-off;
# 8: hard-wrapped paragraphs are unwrapped, and Windows line ends read as any others; 9: "Question submitted by …"
# headings, markdown "**Author:**" fields, a PDF's pages without their furniture, a web page's <main> without the
# site's menus and banners and dated by its markup, a Word file's or a web page's tables, and a markdown file's front
# matter; 10: a sheet of several questions and responses ("Q1. From …", "A1. Response from …", "Answer from …"), each
# dated by its own lines or the sheet's heading; a letter's subject line and date, a "Title:" field, a letterhead read
# with the heading under it, a date under a signature, headings in capitals, "Publication – date" and "By A. Name,
# Publication" bylines, and an inspector who signs a report speaking for the inspectorate; 11: "Question 1 (A. Name,
# <town>)" and "Response (Office of the … Commissioner)" headings, a masthead or release label with a date over the
# headline ("<Publication> | <date>"), "Report published:" lines, markdown emphasis round a byline, a web page's inline
# markup kept within its line, and "By A. Name | Published <date>";
# 12: a web page with no issuer named in its text is published by its site (og:site_name, or the end of its <title>);
# 13: a markdown table of texts read as a Word file's table is, a letter's "Copy:" line not its issuer, a letterhead
# not a publication line under it, a force's press release by its headline, a news report's dateline opening its first
# paragraph ("KETTLEWICK, 9 October 2024 — …") and "Reporting by A. Name, <Publication>", a "Subject:" field as the
# title, and an acronym and a year ("PEEL 2023–25") not a heading in capitals; 14: a short first line read with the
# heading lines under it ("PEEL 2023–25" / "… legitimacy" / "An inspection of <force>"), and a sheet's asker named in
# brackets on its question's heading or closing it ("(Mr D. Foster, Lower Brenton)"); 15: a letterhead issues the document
# before a body a line under it names ("<Area> Police and Crime Commissioner" over "Response to HMICFRS PEEL …"), the
# opening lines end where the body begins (its headings say what it is about), and "(from Mr T. Hale, <town>)"; 16: "Q1. From
# Mrs L. Barker, <town>" (an initial in the asker's name) opens a question and names its asker, and "Response from the Office
# of the … Commissioner: …" opens a response on its own line; 17: so does "Question from: Mr K. Name, <town>"; 18: a
# "Signed: A. Name, <post>" line names who wrote a document; 19: "Asked by: Mrs P. Name (<town>)" opens a question and names
# its asker and where from, and "A (PFCC): …" opens the response; 20: a transcript's turns ("COMMISSIONER (A. Name): …")
# are each their speaker's words; 21: "Public Question 1 (submitted by …)" headings, and grades on "<area> — <grade>"
# lines; 22: a transcript's kind, "meeting transcript"; 23: a table laid out in columns read row by row, a line set far
# right and a column row not run into the next, a wrapped line's indent dropped, "Dear Ms Name" without a comma, the
# heading under a body past "Date of meeting:" and "Agenda item" lines, acronyms kept in headings set in capitals, a web
# form's "Question: …" and "Response (Office of the PFCC, <date>): …" with the "Name:"/"Received:" fields above, a
# masthead over a headline and a byline, and readers' comments under a story each a section of its own; 24: a sign-off
# on one line ("*Jane Doe, <post>*"), a front matter's author, a web page's site as its issuer's kind of body, and a
# heading that asks a question ("What does a … Commissioner do?") not naming who issued it; 25: a spreadsheet's export
# (.csv, .tsv) read row by row as "Heading: value" lines, and "Response: …" under a "Question: …" line; 26: an e-mail's
# earlier messages below the reply each their sender's, "Sent:" dating a message, a webcast's timed turns ("[00:02:31] Mr
# A. Name: …"), "– 4 –" page marks, a running header's parts, a release's label over the force, and a meeting's opening
# lines ending at "Present:" or its first numbered item; 27: a "Title:" field set apart by wide spaces;
# 28: a social media post's author from the "A. Name (@handle)" line heading it
# 29: a date in a sentence of the opening lines ("… since I was elected in May 2024.") is not the document's own
META_SUFFIX = ".meta.yaml"
LIST_MARK = r"[-*•–]|\d{1,2}[.)]"  # what starts an item of a list: a bullet, or a number and a stop
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: ~10x faster on big corpora

# Who can speak in a document. The answer engine words its attributions from these.
ROLES = ("journalist", "inspector", "commissioners_office", "member_of_public", "panel", "author")


class UnreadableFile(Exception):
    """A file that cannot be ingested; the message is the reason shown to the user."""


@dataclass
class Section:
    start: int
    end: int
    label: str = ""
    speaker: str = ""
    role: str = "author"
    date: str = ""


@dataclass
class Document:
    id: str  # the path relative to the corpus folder, with forward slashes
    text: str
    title: str
    kind: str = "document"
    publisher: str = ""
    date: str = ""  # ISO date or ""
    url: str = ""
    sections: list[Section] = field(default_factory=list)
    content_hash: str = ""

    def section_at(self, offset: int) -> Section:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return Section(0, len(self.text))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        data = dict(data)
        data["sections"] = [Section(**s) for s in data.get("sections", [])]
        return cls(**data)


@dataclass
class Skipped:
    path: str
    reason: str


# --- dates -------------------------------------------------------------------------

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I),
     lambda m: (int(m[3]), MONTHS[m[2].lower()], int(m[1]))),
    (re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{1,2}),?\s+(\d{4})\b", re.I),
     lambda m: (int(m[3]), MONTHS[m[1].lower()], int(m[2]))),
    # UK order: day/month/year
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), lambda m: (int(m[3]), int(m[2]), int(m[1]))),
]


_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)


def find_dates(text: str) -> list[str]:
    """Every valid date in ``text``, in order of position: ISO ``YYYY-MM-DD``, or ``YYYY-MM`` for "June 2024"."""
    found: list[tuple[int, int, str]] = []
    for pattern, parts in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                found.append((match.start(), match.end(), date(*parts(match)).isoformat()))
            except ValueError:
                continue
    for match in _MONTH_YEAR.finditer(text):
        if not any(s <= match.start() < e for s, e, _ in found):
            found.append((match.start(), match.end(), f"{int(match[2]):04d}-{MONTHS[match[1].lower()]:02d}"))
    return [iso for _, _, iso in sorted(found)]


def find_date(text: str) -> str:
    """The earliest-placed full date in ``text`` as ISO ``YYYY-MM-DD``, or ``""``."""
    return next((iso for iso in find_dates(text) if len(iso) == 10), "")


DATED_LINE = re.compile(r"^\W*(?:(?:report|outcome|page|letter|decision)\s+)?(published|date|dated|updated|issued|last updated)\b",
                        re.I)


_PROSE = re.compile(r"^\W*(?:[\w’'-]+\W+){7,}[\w’'-]+[.!?]\s*$")  # a sentence of eight or more words


def document_date(text: str) -> str:
    """The date a plain document gives itself: on a "Published:"/"Date:" line, else in its opening lines.

    A date further into the text is about something the document reports, not the
    document's own date. A month and year alone ("September 2019") gives ``YYYY-MM``.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    for line in lines[:40]:
        found = find_dates(line) if DATED_LINE.match(line) else []
        if found:
            return found[0]
    for line in lines[:4]:
        # … not in a sentence of the text itself ("This is my first annual report since I was elected in May 2024.")
        found = find_dates(line) if len(line) <= 120 and not _PROSE.match(line) else []
        if found:
            return found[0]
        dateline = _NEWS_DATELINE.match(line)  # "KETTLEWICK, 9 October 2024 — …", a news report's first words
        found = find_dates(dateline[1]) if dateline else []
        if found:
            return found[0]
    # a letter's date under its address, or the date under a statement's signature
    return next(filter(None, map(date_alone, lines[:12] + lines[-3:])), "")


_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE_ALONE = 30  # a line that is a date is no longer than this


def date_alone(line: str) -> str:
    """The date of a line that is a date and nothing else ("22 June 2023", "Tuesday 9 July 2024", "June 2024"); ""."""
    found = find_dates(line) if len(line.strip()) <= _DATE_ALONE else []
    rest = re.sub(rf"\b{_WEEKDAY}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{4}}\b|\b(?:{'|'.join(MONTHS)})\b|[^\w]", "",
                  line, flags=re.I)
    return found[0] if found and not rest else ""


def human_date(iso: str) -> str:
    """``2022-06-09`` → ``9 June 2022``; ``2019-09`` → ``September 2019``; anything else is returned unchanged."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}", iso or ""):
            d = date.fromisoformat(iso + "-01")
            return f"{d.strftime('%B')} {d.year}"
        d = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    return f"{d.day} {d.strftime('%B')} {d.year}"


# --- file readers ------------------------------------------------------------------

def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableFile("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


# A saved web page's furniture: the cookie banner, menus, search, breadcrumbs and sharing links are not the document
_PAGE_FURNITURE = re.compile(r"cookie|breadcrumb|skip-?link|share|social|menu|navigation|site-?search", re.I)  # class, id
_FURNITURE_ROLES = {"banner", "navigation", "contentinfo", "search"}  # the site's header, menus, footer and search


# Where a page states when it was published, for a page whose text does not say: (attribute, value) of a <meta>
_DATE_META = [("property", "article:published_time"), ("name", "dc.date"), ("name", "dcterms.created"), ("name", "date"),
              ("itemprop", "datePublished")]


# "<Headline> | <Site>", "<Headline> - <Site>": a page's <title> ending in the name of the site that published it
_TITLE_SITE = re.compile(r"\s+[|–—-]\s+([A-Z][^|–—]{0,60}?)\s*$")


def _page_site(soup, heading: str) -> str:
    """The name of the site that published a page: what its markup calls the site, or what its <title> adds after
    the page's heading ("… find | Helmsby Evening Star"); "" if neither."""
    tag = soup.find("meta", attrs={"property": "og:site_name"})
    if tag and (tag.get("content") or "").strip():
        return " ".join(tag["content"].split())
    title = " ".join(soup.title.get_text(" ").split()) if soup.title else ""
    match = _TITLE_SITE.search(title)
    return match[1] if match and heading and title.startswith(heading) and match.start() >= len(heading) else ""


def _page_date(soup) -> str:
    """The date a page's markup says it was published ("2024-05-03", "2024-05-03T09:00:00+01:00"), or ""."""
    def read(value: str) -> str:
        return find_date(re.sub(r"^(\d{4}-\d\d-\d\d)T.*", r"\1", value.strip()))

    for attribute, name in _DATE_META:
        tag = soup.find("meta", attrs={attribute: re.compile(rf"^{re.escape(name)}$", re.I)})
        if tag and read(tag.get("content") or ""):
            return read(tag["content"])
    tag = soup.find("time", attrs={"datetime": True})
    return read(tag["datetime"]) if tag else ""


_BLOCKS = ["p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
           "ul", "ol", "table", "blockquote", "pre", "dd", "dt", "figcaption", "main", "address", "hr"]


def _read_html(data: bytes) -> tuple[str, dict]:
    """The page's text, and what the page states of itself: its heading as the title, and the date its markup gives."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(data), "html.parser")
    published = _page_date(soup)
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    # the page's own content where it marks it (<main>, <article>), else its body without the site's header and footer
    body = soup.find("main") or soup.find("article") or soup.find(attrs={"role": "main"})
    if body is None:
        body = soup.body or soup
        for tag in body.find_all(["header", "footer"], recursive=False):
            tag.decompose()
    for tag in body.find_all(["nav", "aside", "form", "button"]):
        tag.decompose()
    for tag in body.find_all(lambda t: t.get("role") in _FURNITURE_ROLES
                             or any(_PAGE_FURNITURE.search(" ".join(t.get_attribute_list(k) or [])) for k in ("class", "id"))):
        tag.decompose()
    for table in body.find_all("table"):  # read as a Word file's are, not a cell a line
        rows = [[" ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"])] for row in table.find_all("tr")]
        table.replace_with("\n\n" + "\n\n".join(_table_blocks(rows)) + "\n\n")
    heading = body.find("h1") or soup.find("h1") or soup.find("title")
    title = heading.get_text(" ", strip=True) if heading else ""
    site = _page_site(soup, title)
    for tag in body.find_all(_BLOCKS):  # a line ends where a block does, not at every tag ("Published <time>…</time>")
        tag.insert_after("\n")
    for tag in body.find_all("br"):
        tag.replace_with("\n")
    lines = [line.strip() for line in body.get_text("").splitlines()]
    stated = (("title", title), ("date", published), ("site", site))
    return "\n".join(line for line in lines if line), {key: value for key, value in stated if value}


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        return "\f".join((page.extract_text() or "") for page in reader.pages)  # unpage reads the pages apart
    except Exception as exc:  # a damaged file can raise almost anything inside the parser
        raise UnreadableFile(f"corrupt or unreadable PDF ({exc.__class__.__name__})") from None


def _read_docx(path: Path, max_bytes: int) -> str:
    import docx

    try:
        with zipfile.ZipFile(path) as archive:  # a zip bomb is refused on its declared sizes, before unpacking
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnreadableFile(f"corrupt or unreadable Word file ({exc.__class__.__name__})") from None
    if unpacked > max_bytes:
        raise UnreadableFile(f"the Word file unpacks to {unpacked / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # a damaged file can raise almost anything inside the parser
        raise UnreadableFile(f"corrupt or unreadable Word file ({exc.__class__.__name__})") from None
    return "\n\n".join(block for block in _docx_blocks(document) if block.strip())


_LONG_CELL = 80  # a table's cell longer than this (or of several paragraphs) is text laid out in a table, not a value


def _docx_blocks(document) -> list[str]:
    """The paragraphs and tables of a Word file in their order (a table as ``_table_blocks`` reads it)."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    blocks = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            blocks.append(Paragraph(child, document).text)
        elif child.tag.endswith("}tbl"):
            table = Table(child, document)
            blocks.extend(_table_blocks([[_Cell(tc, table).text.strip() for tc in dict.fromkeys(cell._tc for cell in row.cells)]
                                         for row in table.rows]))  # a merged cell is listed once per column it spans
    return blocks


_MARKDOWN_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$")
_RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")


_VALUE_CELL = re.compile(r"\W*(?:outstanding|good|adequate|requires improvement|inadequate|yes|no)\W*", re.I)  # no heading


def read_delimited(text: str, delimiter: str) -> str:
    """A spreadsheet's export (a .csv or .tsv file) as text: under a row of headings, each row a block of "Heading:
    value" lines ("Question: …" / "Response: …", as a sheet of public questions reads); without one, each row's
    cells joined by " | "."""
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter) if any(c.strip() for c in row)]
    if not rows:
        return ""
    headings = rows[0]
    if len(rows) > 1 and all(cell and len(cell) <= 40 and not re.fullmatch(r"[\d.,£%/ -]+", cell) and not find_dates(cell)
                             and not _VALUE_CELL.fullmatch(cell) for cell in headings):
        return "\n\n".join("\n".join(f"{heading}: {value}" for heading, value in zip(headings, row) if value)
                           for row in rows[1:]) + "\n"
    return "\n".join(" | ".join(row) for row in rows) + "\n"


def _markdown_tables(text: str) -> str:
    """``text`` with each markdown table whose cells hold text (a sheet of "| Question | Response |" rows) read as a
    Word file's table is (``_table_blocks``); a table of short values ("| Investigating crime | Adequate |") as it is."""
    lines, out, table = text.split("\n"), [], []

    def flush() -> None:
        rows = [[cell.strip() for cell in _MARKDOWN_ROW.match(line)[1].split("|")] for line in table]
        rows = [row for row in rows if not all(_RULE_CELL.match(cell) or not cell for cell in row)]
        blocks = _table_blocks(rows)
        out.extend(table if len(blocks) == 1 and blocks[0].startswith("|") else ["\n\n".join(blocks)])
        table.clear()

    for line in lines:
        if _MARKDOWN_ROW.match(line):
            table.append(line)
            continue
        if table:
            flush()
        out.append(line)
    if table:
        flush()
    return "\n".join(out)


def _table_blocks(rows: list[list[str]]) -> list[str]:
    """A table's text (rows of cells' texts), as the blocks it reads as: one markdown table of short values ("|
    Investigating crime | Adequate |"), or, where its cells hold text, a block a cell: column by column under a row
    of headings ("Question from a member of the public | Response from the Commissioner", then the two texts; with
    more rows, each row's texts under those headings, and a column of numbers alone left out), else row by row
    ("Question 1 | <text>")."""
    rows = [row for row in rows if any(row)]
    long = [any(len(text) > _LONG_CELL or "\n" in text for text in row) for row in rows]
    if not rows:
        return []
    if not any(long):
        return ["\n".join("| " + " | ".join(row) + " |" for row in rows)]
    if not long[0] and len(rows) > 1:
        headings, rows = rows[0], rows[1:]
        kept = [c for c in range(len(headings)) if not all(re.fullmatch(r"\W*\d{0,3}\W*", row[c] if c < len(row) else "")
                                                           for row in rows)]
        return [text for row in rows for c in kept if c < len(row) for text in (headings[c], row[c])]
    return [text for row in rows for text in row]


_CELL_GAP = re.compile(r" {3,}|\t+")  # between the columns of a table laid out in plain text
_COLUMN_CELL = 60  # a table's cell is short; longer, the line is prose with wide spaces in it


def _cells(line: str) -> list[str]:
    """A line's cells, where it is a row of a table laid out in columns ("Police legitimacy      Good"); else []. A field
    aligned under others ("Officer:      A. Name") is no table's row."""
    cells = [cell for cell in _CELL_GAP.split(line.strip()) if cell]
    if len(cells) < 2 or any(len(cell) > _COLUMN_CELL for cell in cells) or cells[0].endswith(":"):
        return []
    return cells


def column_tables(text: str) -> str:
    """``text`` with each table laid out in columns (a PDF's text, a report pasted as plain text) read row by row, each
    value under its label and heading: "Area / Grade" over "Police legitimacy / Good" reads "Police legitimacy: Good";
    "2023/24 / 2024/25" over "Reviews completed / 198 / 251" reads as the markdown row "| Reviews completed | 198 (2023/24) |
    251 (2024/25) |", a unit of its own."""
    out = []
    for is_row, run in groupby(((line, _cells(line)) for line in text.split("\n")), key=lambda pair: bool(pair[1])):
        lines, rows = zip(*run)
        width = len(rows[1]) if len(rows) >= 3 and len({len(row) for row in rows[1:]}) == 1 else 0
        headings = rows[0] if len(rows[0]) == width else [""] + list(rows[0]) if len(rows[0]) == width - 1 else None
        if not is_row or headings is None:
            out.extend(lines)
        elif width == 2:
            out.extend(f"{label}: {value}" for label, value in rows[1:])
        else:
            out.extend("| " + " | ".join([row[0]] + [f"{value} ({heading})" if heading else value
                                                       for heading, value in zip(headings[1:], row[1:])]) + " |"
                       for row in rows[1:])
    return "\n".join(out)


_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def uncapped(line: str) -> str:
    """A heading set in capitals ("CARROWBY POLICE AND CRIME PANEL") as it would be written ("Carrowby Police and
    Crime Panel"); any other line, and an acronym alone ("HMICFRS"), as it is."""
    if not line.isupper() or len(re.findall(r"[A-Za-z]{2,}", line)) < 2:  # "PEEL 2023–25" is an acronym and a year
        return line
    # an acronym's letters are mostly consonants ("HMICFRS", "PFCC"): it stays as it is
    words = [word if len(re.findall(r"[AEIOUY]", word)) <= (len(word) >= 6) else word.title() for word in line.split(" ")]
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def _heading_line(line: str) -> str:
    """A heading's words; a running header's parts set apart by wide spaces ("<Office>        Annual Report 2024/25")
    joined by a colon."""
    return re.sub(r"[ \t]{3,}", ": ", line.strip().lstrip("#").strip(" *_"))


def _title(text: str) -> str:
    """A plain document's title: its first line, except where that only says who sent it.

    A letter's title is the subject line under "Dear …," (above it are a letterhead, addresses and "From:" lines); a
    record with a "Title:" or "Subject:" field near its top is called by it; a force's press release by the headline
    under its label; a first line that only names a body ("Office of the
    … Commissioner for <area>", "<Area> Police and Crime Panel", a letterhead) is read with the heading under it."""
    lines = [_heading_line(line) for line in text.splitlines() if _heading_line(line)][:15]
    if not lines:
        return ""
    heading = lambda line: len(line) <= 120 and not line.endswith((".", "?", "!", ",")) and not date_alone(line)
    for line, subject in zip(lines, lines[1:]):
        if re.match(r"^Dear\b.{0,60},?$", line):  # "Dear Ms Name," (or, as British letters drop it, no comma)
            if heading(subject):
                return _shortened(re.sub(r"^(?:Re|Subject)\s*:\s*", "", subject, flags=re.I))
            break
    top = "\n".join(lines[:12])
    titled = _field(top, "Title") or _field(top, "Subject")
    if titled:
        return _shortened(titled)
    if _masthead(lines) and heading(lines[1]):  # a publication's name over the headline
        return _shortened(lines[1])
    lines = _force_first(lines)
    first = uncapped(lines[0])
    if len(lines) > 2 and _FORCE.fullmatch(first) and _RELEASE_LABEL.match(lines[1]):
        # "Tolbury Police" / "Press release" / "Issued: 5 June 2024": the headline under its label and date
        headline = next((line for line in lines[2:] if heading(line) and not _STARTS_FIELD.match(line)), "")
        return _shortened(headline or first)
    if len(lines) > 1 and _dateline(first) and heading(lines[1]):
        return _shortened(uncapped(lines[1]))
    # … the heading under a body's name, past the fields of a meeting's papers ("Date of meeting: …", "Agenda item 6")
    under = [line for line in lines[1:4] if not _AGENDA_ITEM.match(line)
             and not (_STARTS_FIELD.match(line) and date_alone(line.partition(":")[2]))][:1]
    if under and _only_a_body(first) and heading(under[0]) and not _QUESTION_HEADING.match(under[0]) \
            and not _RESPONSE_HEADING.match(under[0]):
        return _shortened(f"{first}: {uncapped(under[0]).rstrip(':')}")
    # a short first line with the lines of its heading under it, before the first blank line: "PEEL 2023–25" /
    # "Police effectiveness, efficiency and legitimacy" / "An inspection of <force>" is one title
    block = [_heading_line(line) for line in text.lstrip().split("\n\n", 1)[0].splitlines()]
    if 2 <= len(block) <= 3 and len(first.split()) <= 6 and all(
            line and heading(line) and len(line) <= 80 and not _STARTS_FIELD.match(line) for line in block):
        return _shortened(f"{first}: " + " – ".join(uncapped(line) for line in block[1:]))
    return _shortened(first)


_AGENDA_ITEM = re.compile(r"^(?:agenda )?item (?:no\.? ?)?\d+\w?$", re.I)


def _dateline(line: str) -> str:
    """The date of a line that is a masthead or a release's label and a date ("Castlemere Chronicle | Monday 20 January
    2025", "IOPC news release – 19 June 2024"), not a title; ""."""
    match = re.fullmatch(r"\s*([^|–—,]{2,40}?)\s*(?:[|–—,]|\s-)\s*(.+?)\s*", line)
    return date_alone(match[2]) if match and len(match[1].split()) <= 4 else ""


def _shortened(line: str) -> str:
    return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "…"


_TEXT_FIELDS = ("title", "kind", "publisher", "url")
_SECTION_FIELDS = ("label", "speaker", "role", "starts_at")
MAX_META_BYTES = 100_000


def _iso_date(value, where: str) -> str:
    """A date field as ISO text; a value that is not a real date is an error naming where it is."""
    if value in (None, ""):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise UnreadableFile(f"{where}: date {value!r} is not a date (write it as YYYY-MM-DD)") from None


def read_metadata(raw: bytes, name: str) -> dict:
    """A sidecar's fields, checked: text where text belongs, real dates, a list of section mappings.

    Anchors and aliases are refused (a few hundred bytes of them can expand to gigabytes).
    """
    if len(raw) > MAX_META_BYTES:
        raise UnreadableFile(f"{name} is {len(raw):,} bytes; a metadata file is at most {MAX_META_BYTES:,}")
    try:
        events = list(yaml.parse(raw, Loader=_YAML_LOADER))
        if any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) for e in events):
            raise UnreadableFile(f"{name} uses YAML anchors or aliases (& or *); write each value out in full")
        meta = yaml.load(raw, Loader=_YAML_LOADER)
    except ValueError as exc:  # a date-looking value that is no date ("2022-13-45")
        raise UnreadableFile(f"{name}: a date is not a date ({exc}); write it as YYYY-MM-DD") from None
    except yaml.YAMLError as exc:
        raise UnreadableFile(f"{name} is not valid YAML: {exc}") from None
    meta = meta or {}
    if not isinstance(meta, dict):
        raise UnreadableFile(f"{name} must be a mapping of fields (title, kind, …)")
    for key in _TEXT_FIELDS:
        if meta.get(key) is not None and not isinstance(meta[key], (str, int, float)):
            raise UnreadableFile(f"{name}: {key} must be text, not a {type(meta[key]).__name__}")
    meta["date"] = _iso_date(meta.get("date"), f"{name}")
    sections = meta.get("sections") or []
    if not isinstance(sections, list) or not all(isinstance(spec, dict) for spec in sections):
        raise UnreadableFile(f"{name}: sections must be a list of mappings (label, speaker, role, starts_at, date)")
    for number, spec in enumerate(sections, start=1):
        for key in _SECTION_FIELDS:
            if spec.get(key) is not None and not isinstance(spec[key], str):
                raise UnreadableFile(f"{name}: section {number} {key} must be text, not {spec[key]!r}")
        spec["date"] = _iso_date(spec.get("date"), f"{name}: section {number}")
    meta["sections"] = sections
    return meta


def _sections(text: str, specs: list[dict], meta_path: Path) -> list[Section]:
    """Sections from the sidecar: each starts where its ``starts_at`` text first occurs."""
    placed = []
    cursor = 0
    for number, spec in enumerate(specs, start=1):
        anchor = spec.get("starts_at", "")
        start = text.find(anchor, cursor) if anchor else cursor
        if start < 0:
            raise UnreadableFile(f"{meta_path.name}: section {number} starts_at text not found in the document")
        role = spec.get("role", "author")
        if role not in ROLES:
            raise UnreadableFile(f"{meta_path.name}: section {number} role {role!r} is not one of {', '.join(ROLES)}")
        placed.append(Section(start, 0, spec.get("label", ""), spec.get("speaker", ""), role, str(spec.get("date", "") or "")))
        cursor = start + 1
    for current, following in zip(placed, placed[1:] + [None]):
        current.end = following.start if following else len(text)
    if placed and placed[0].start > 0:
        placed.insert(0, Section(0, placed[0].start))
    return placed


# "Question from a member of the public", "Question submitted by a resident of <place>", "Q1. From a resident of
# <place>", "Question 2": a heading line of its own
# "Question 1 (Mr A. Name, <town>)": who asked, in brackets; "Asked by: Mrs A. Name (<town>)" over "Q: …?"
_QUESTION_HEADING = re.compile(r"""
    ^[ \t*#]*                                                   # Markdown emphasis or heading marks
    (?:
      (public\ question(?:\ \d{1,2})?|question\(s\)\ posed|questions?\ posed|question(?:\ \d{1,2})?|q\d{1,2})
      [.:)]?
      (?:\s+[-–—]?\s*(?:submitted\ |asked\ |received\ |put\ |sent\ )?(?:from|by):?\                # … from
         (?:[^\n.?!:]|(?<=\b[A-Z])\.){1,60}?                    # … whom (an initial's full stop is part of the name)
       |\s*\([^()\n]{1,60}\)                                    # … or whom, in brackets
      )?
      [ \t*]*:?[ \t*]*$
     |asked\ by:[ \t]*(?:[^\n.?!:]|(?<=\b[A-Z])\.){3,60}?[ \t*]*$   # "Asked by: Mrs P. Name (<town>)", the question below
     |question:[ \t]+(?=\S)                                      # "Question: Why was …?", a web form's export
    )""", re.I | re.M | re.X)
_DATED = r"(?:,[ \t]*[\w /.-]{4,20})?"  # ", 20/01/2026" after who responded, in the brackets
_COMMISSIONER = r"(?:the )?(?:office of the )?(?:police,? (?:fire )?(?:and|&) crime commissioner|p?fcc|pcc|commissioner)(?: for [\w ,&'’-]{1,40})?"
# "Commissioner's response", "A1. Response from the Police and Crime Commissioner", "Answer from the Office of the …"
# … "Response (Office of the Police and Crime Commissioner)"; or, naming the commissioner, opening the response's line
# ("Response from the Office of the Police and Crime Commissioner: The Commissioner does not hold …", "A (PFCC): …")
_RESPONSE_HEADING = re.compile(rf"""
    ^[ \t*#]*(?:a\d{{1,2}}[.:)]?\s+)?                            # marks, and an answer's number ("A1.")
    (?:
      (                                                          # a heading on a line of its own:
        (?:the\ )?(?:police,\ fire\ and\ crime\ |p?fcc\ |pcc\ )?commissioner(?:'s|’s)?\ response     # "Commissioner's response"
       |pfcc\ response|official\ response
       |(?:response|answer|reply)(?:\ (?:from|by)\ (?-x:{_COMMISSIONER})|\s*\((?:from\ |by\ )?(?-x:{_COMMISSIONER}){_DATED}\))?  # "Response from …"
       |a\d{{0,2}}\ ?\((?-x:{_COMMISSIONER})\)                   # "A (PFCC)"
      )[ \t*]*:?[ \t*]*$
     |(?:(?:response|answer|reply)\ (?:from|by)\ (?-x:{_COMMISSIONER})|a\d{{0,2}}\ ?\((?-x:{_COMMISSIONER})\)
        |(?:response|answer|reply)\s*\((?:from\ |by\ )?(?-x:{_COMMISSIONER}){_DATED}\)   # "Response (Office of the PFCC, 20/01/2026): …"
        |response(?=:[ \t]*\S[^\n]{{20,}}))                     # "Response: …" under a "Question: …" line (an export's row)
      [ \t*]*:[ \t*]*(?=\S)                                     # or opening the response's line
    )""", re.I | re.M | re.X)


def _field(text: str, name: str) -> str:
    # "Author: …", "**Author:** …", "Title:        …" (its wide spaces read as a colon, as a running header's are)
    match = re.search(rf"^[ \t*]*{name}[ \t*]*:[ \t*:]*(.+)$", text, re.I | re.M)
    return match.group(1).strip() if match else ""


def _date_line(text: str) -> str:
    """The date a part of a sheet gives itself: on its "Date:" line, a line that is a date ("20 June 2024"), or a
    lead-in opening it ("Response from the Office of the … Commissioner, 28 November 2023:"); "" if none."""
    dated = next(filter(None, (_field(text, name) for name in ("Date", "Question Date", "Received", "Date received", "Submitted",
                                                                "Response date", "Date of response"))), "")
    if dated:
        return find_date(dated)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    lead_in = re.match(r"^[^:]{3,80}:", lines[0]) if lines else None  # "Response (Office of the PFCC, 20/01/2026): …"
    return next(filter(None, map(date_alone, lines)), "") \
        or next((find_date(line) for line in lines[:3] if line.endswith(":") and find_date(line)), "") \
        or (find_date(lead_in[0]) if lead_in else "")


# "(Mr D. Foster, Lower Brenton)", "(from Mr T. Hale, <village>)": who asked, in brackets after the heading or closing
# the question
_ASKER = re.compile(r"\((?:(?:from|asked by|submitted by)\s+)?([^()\n]{3,60})\)[ \t*]*:?[ \t*]*$", re.M | re.I)


# "Q1. From Mrs L. Barker, <town>", "Question from: Mr K. Name", "Asked by: Mrs P. Name (<town>)": who asked, named on
# the heading line (and where from)
_ASKED_BY = re.compile(r"\b(?:from|by):?\s+(.{3,60}?)(?:\s*\(([^()\n]{2,40})\))?[ \t*]*:?[ \t*]*$", re.I)


def _asker(part: str) -> str:
    """The person a sheet's question names as its asker, in brackets on its heading line or closing it, or after
    "from" on its heading line; "" if none."""
    lines = [line for line in part.strip().splitlines() if line.strip()]
    for line in lines[:1] + lines[-1:]:
        match = _ASKER.search(line)
        if match and person_named(match[1]):
            return match[1].strip()
    by = _ASKED_BY.search(lines[0]) if lines else None
    person = person_named(by[1]) if by else ""
    if not person and person_named(_field(part, "Name")):  # a web form's "Name: Mr K. Name" / "Area: <town>"
        return ", ".join(filter(None, [_field(part, "Name"), _field(part, "Area")]))
    return f"{person}, {by[2].strip()}" if person and by[2] else person


_INLINE_QUESTION = re.compile(r"[ \t*#]*question:[ \t]+\S", re.I)


def _fields_above(text: str, start: int) -> int:
    """Where the run of 'Field: value' lines just above ``start`` begins (a web form's "Reference: …", "Received: …",
    "Name: …" over its "Question: …" line); ``start`` where there are none."""
    lines = text[:start].split("\n")[:-1]  # the lines above the question's line
    above = start - len(text[:start].rsplit("\n", 1)[-1])
    for line in reversed(lines):
        if not _STARTS_FIELD.match(line.strip() + " "):
            break
        above -= len(line) + 1
    return above


def recognise_question_and_response(text: str) -> list[Section]:
    """Sections of an official question-and-response sheet, found by its headings.

    Each "Question(s) Posed:", "Public Question:", "Q1. From …" heading opens a member of the public's question, and
    each "Commissioner Response:", "Response:", "A1. Answer from …" heading after one the Commissioner's office's
    response, a sheet holding one pair or several. Each is dated by its own "Date:" line or a line that is a date,
    else by the sheet's heading ("Public questions – meeting of 21 March 2024"): a date in what someone wrote ("the
    service started on 4 March 2024") is not when they wrote it. Nothing is recognised without a question followed
    by a response."""
    headings = sorted([(m.start(), "question") for m in _QUESTION_HEADING.finditer(text)]
                      + [(m.start(), "response") for m in _RESPONSE_HEADING.finditer(text)])
    first = next((i for i, (_, kind) in enumerate(headings) if kind == "question"), None)
    if first is None or not any(kind == "response" for _, kind in headings[first:]):
        return []
    # a web form's "Question: …" line under a question's own heading ("Question 1" / "Submitted by: …") is that question
    headings = [(start, kind) for i, (start, kind) in enumerate(headings) if i <= first or kind != "question"
                or headings[i - 1][1] != "question" or not _INLINE_QUESTION.match(text, start)]
    headings = [(_fields_above(text, start) if kind == "question" else start, kind) for start, kind in headings[first:]]
    sheet_date = document_date(text[:headings[0][0]])
    sections = [Section(0, headings[0][0])] if headings[0][0] > 0 else []
    for (start, kind), (end, _) in zip(headings, headings[1:] + [(len(text), "")]):
        part = text[start:end]
        if kind == "question":
            sections.append(Section(start, end, "Public question", _asker(part) or "a member of the public", "member_of_public",
                                    _date_line(part) or sheet_date))
        else:
            signed = _field(part, "Author") or _field(part, "Signed")
            author = person_named(signed) or signed
            sections.append(Section(start, end, "Commissioner's response",
                                    "the Commissioner's office" + (f" ({author})" if author else ""), "commissioners_office",
                                    _date_line(part) or sheet_date))
    return sections


# A transcript's turn: its speaker in capitals at the start of a line, perhaps with who they are in brackets, then a colon:
# "COMMISSIONER (A. Name): …", "MR K. NAME (member of the public, <town>): …", "CHAIR: …"
_TURN = re.compile(r"^[ \t]*([A-Z][A-Z .’'-]{1,40}?)[ \t]*(?:\(([^()\n]{2,80})\))?[ \t]*:[ \t]+(?=\S)", re.M)
# … or, as a webcast's transcript is timed, after the time it was said, the label as written: "[00:02:31] Mr A. Name: …",
# "[00:02:49] Commissioner (A. Name): …"
_TIMED_TURN = re.compile(r"^[ \t]*\[?\d{1,2}:\d\d(?::\d\d)?\]?[ \t]+([A-Z][\w .’'-]{1,40}?)[ \t]*(?:\(([^()\n]{2,80})\))?"
                         r"[ \t]*:[ \t]+(?=\S)", re.M)
_MEMBER = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? [A-Z]")  # a speaker named with no post: one of the public at a meeting
_TURNS = 3  # a transcript has at least this many turns, by at least two speakers
_PUBLIC = re.compile(r",?\s*\bmember of the public\b,?\s*", re.I)
_SPEAKS_FOR = [(re.compile(r"\b(?:P?F?CC|COMMISSIONER)\b"), "commissioners_office"), (re.compile(r"\b(?:CHAIR|COUNCILLOR|CLLR)\b"), "panel")]


TRANSCRIPT_KIND = "meeting transcript"  # the kind of a document read as a transcript's turns
COMMENT_LABEL = "Reader comment"  # a section that is a reader's comment under a news story or a blog post

# "Comments (3)", "Reader comments": the heading over the comments under a story; and each comment's opening line,
# "BarnwellResident wrote, 6 February 2026:", "Kev_I commented on 7 February 2026:"
_COMMENTS_HEADING = re.compile(r"^[ \t#*]*(?:reader(?:s'|’s|s)? )?comments?[ \t]*(?:\(\d+\))?[ \t*]*:?[ \t]*$", re.I | re.M)
_COMMENT = re.compile(r"^[ \t*]*(\S[^\n:]{0,40}?)[ \t]+(?:wrote|commented|said|posted|replied)(?:,|[ \t]+on)?[ \t]*"
                      r"([^\n:]{0,40}?)[ \t]*:[ \t]*$", re.M)
_MODERATOR = re.compile(r"\b(?:moderator|editor|admin|administrator)\b", re.I)


# What opens an earlier message quoted below a reply: "-----Original Message-----", "---------- Forwarded message ---------",
# "On 9 July 2025, Mrs A. Name wrote:"
_EARLIER_MESSAGE = re.compile(r"^[ \t>]*(?:-{2,}[ \t]*(?:original message|forwarded message)[ \t]*-{2,}|on [^\n]{6,80} wrote:)[ \t]*$",
                              re.I | re.M)


def with_earlier_messages(text: str, sections: list[Section], doc_date: str) -> list[Section]:
    """``sections`` and, below a reply, each earlier message it quotes a section of its own: its sender's words (a member
    of the public's, or the office's or body's its "From:" line names), dated by its "Sent:" or "Date:" line. A
    question quoted under the office's reply is the questioner's claim, not the office's."""
    marks = list(_EARLIER_MESSAGE.finditer(text))
    if not marks or len(sections) != 1:
        return sections
    found = [replace(sections[0], end=marks[0].start())]
    for mark, following in zip(marks, marks[1:] + [None]):
        end = following.start() if following else len(text)
        part = text[mark.start():end]
        sender = re.sub(r"\s*<[^>]*>", "", _field(part, "From")).strip()
        if not sender:
            wrote = re.search(r"on [^\n]*?,\s*([^,\n]+?)\s+wrote:", mark[0], re.I)
            sender = wrote[1].strip() if wrote else ""
        issuer = _issuer([sender], doc_date, _ISSUERS) if sender else None
        role = issuer[1] if issuer else "member_of_public" if person_named(sender) or not sender else "author"
        date = find_date(_field(part, "Sent") or _field(part, "Date")) or find_date(mark[0])
        found.append(Section(mark.start(), end, "Earlier message", sender or "the sender", role, date))
    return found


def with_comments(text: str, story: Section) -> list[Section]:
    """``story`` (the whole document's section) and, where readers' comments follow it under a "Comments" heading,
    each comment a section of its own: a reader's words are not the story's ("Crime here has doubled" is a claim,
    not a finding), and a moderator's note is the publication's."""
    heading = _COMMENTS_HEADING.search(text)
    comments = list(_COMMENT.finditer(text, heading.end())) if heading else []
    if not comments:
        return [story]
    sections = [replace(story, end=heading.start())]
    for comment, following in zip(comments, comments[1:] + [None]):
        start, end = comment.start() if comment is not comments[0] else heading.start(), following.start() if following else len(text)
        name, date = comment[1].strip(), find_date(comment[2]) or story.date
        if _MODERATOR.search(name):
            sections.append(Section(start, end, COMMENT_LABEL, "", story.role if story.role != "journalist" else "author", date))
        else:
            sections.append(Section(start, end, COMMENT_LABEL, f"a reader ({name})", "member_of_public", date))
    return sections


def recognise_transcript(text: str) -> list[Section]:
    """Sections of a meeting's transcript, one for each turn, found by its speakers' labels in capitals: each turn is
    its speaker's words, dated by the transcript's heading. A turn is a member of the public's when its label says
    so; the Commissioner's office's, or the panel's (its chair, a councillor), by the label's post. A speaker's later
    turns under the label alone ("COMMISSIONER: …") are theirs too. Nothing is recognised without several turns."""
    turns = list(_TURN.finditer(text))
    if len(turns) < _TURNS:
        turns = list(_TIMED_TURN.finditer(text))
    if len(turns) < _TURNS or len({m[1].strip() for m in turns}) < 2:
        return []
    date = document_date(text[:turns[0].start()])
    named: dict[str, str] = {}  # a label's speaker, as its first turn names them
    sections = [Section(0, turns[0].start())]
    for turn, end in zip(turns, [m.start() for m in turns[1:]] + [len(text)]):
        label, about = turn[1].strip(), (turn[2] or "").strip()
        public = bool(_PUBLIC.search(about)) or bool(_MEMBER.match(label)) and not about
        role = "member_of_public" if public else next((r for pattern, r in _SPEAKS_FOR if pattern.search(label.upper())), "author")
        where = _PUBLIC.sub(" ", about).strip(" ,") if public else about
        # "Dan Whitfield, Commissioner" (a post's holder named in brackets); "Mr K. Name, <town>"
        written = label.title() if label.isupper() else label
        parts = [written, where] if public else [where, written]
        named.setdefault(label, ", ".join(part for part in parts if part))
        sections.append(Section(turn.start(), end, written, named[label], role, date))
    return sections


# Who issued a plain document, read from its opening lines: (pattern, publisher, role, kind).
# Generic bodies of police oversight only; a corpus's own names come from its text.
_ISSUERS = [
    (re.compile(r"Inspectorate of Constabulary and Fire|\bHMICFRS\b"), "HMICFRS", "inspector", ""),
    (re.compile(r"Inspectorate of Constabulary\b|\bHMIC\b"), "HMIC", "inspector", ""),
    (re.compile(r"\b(?:HM|His Majesty[’']s|Her Majesty[’']s) (?:Chief )?Inspector of (?:Constabulary|Fire)"), "HMICFRS",
     "inspector", ""),
    (re.compile(r"Independent Office for Police Conduct|\bIOPC\b"), "the IOPC", "author", ""),
    (re.compile(r"\b((?:[A-Z][\w’'&-]* ){1,4}Police,? (?:Fire )?(?:and|&) Crime Panel)\b"), r"the \1", "panel", ""),
    (re.compile(r"\b((?:[A-Z][\w’'&-]* ){1,4}Police,? (?:Fire )?(?:and|&) Crime Commissioner)\b"), r"the \1", "commissioners_office", ""),
    # "Jane Doe, Police and Crime Commissioner for Westshire": the office, named by its area
    (re.compile(r"\b(Police,? (?:Fire )?(?:and|&) Crime Commissioner for (?:[A-Z][\w’'&-]*(?: and| &)? ?){1,4})"), r"the \1",
     "commissioners_office", ""),
    # "Foreword by the Police and Crime Commissioner, A. Name": the office, unnamed
    (re.compile(r"\b(Police,? (?:Fire )?(?:and|&) Crime Commissioner)\b"), r"the \1", "commissioners_office", ""),
]
# "Northmoor Evening Post, 6 February 2024", "Northmoor Telegraph – 3 October 2024": a publication's name and a date
# on a line of their own.
_PUBLICATION_LINE = re.compile(r"^\s*((?:[A-Z][\w’'&-]*\s){0,4}[A-Z][\w’'&-]*)(?:,|\s+[-–—|])\s+(.+?)\s*$")


def _only_a_body(line: str) -> bool:
    """The line names a body of police oversight and nothing more ("Office of the Police and Crime Commissioner for
    <area>", "<Area> Police, Fire and Crime Panel", "HMICFRS"): a letterhead, not a title."""
    bare = re.sub(r"^(?:the\s+)?(?:office of the\s+)?", "", line.strip(), flags=re.I)
    return any(pattern.fullmatch(bare) for pattern, *_ in _ISSUERS)


# Where a meeting's record begins, after its heading: who was there, or its first numbered item ("12. HMICFRS inspection")
_BODY_STARTS = re.compile(r"^(?:present|also present|apologies|in attendance|attendees)\s*:|^\d{1,3}[.)]\s", re.I)
# A line naming whom a document was sent to, not who sent it
_RECIPIENT = re.compile(r"^\s*(?:copy|cc|copied to|to|for the attention of)\s*:", re.I)
_FORCE = re.compile(r"(?:[A-Z][\w’'&-]*\s){1,3}(?:Police|Constabulary)")  # "Tolbury Police", a force's name alone
_RELEASE_LABEL = re.compile(r"^\s*(?:press|news|media) (?:release|statement)\s*$", re.I)
# A news report's dateline, opening its first paragraph: "KETTLEWICK, 9 October 2024 — Kettlewick Police is …"
_NEWS_DATELINE = re.compile(r"^\s*[A-Z][A-Z’' -]{2,30},\s+((?:\w+day,? )?\d{1,2} \w+ \d{4})\s*[—–-]{1,2}\s")
# "Reporting by A. Name, Kettlewick Courier" closing a news report: the publication it names
_REPORTING_BY = re.compile(r"^\s*(?:reporting|words|report) by [^,\n]{2,60},\s*([A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){1,4})\s*$",
                           re.I | re.M)


def _first_paragraph(text: str) -> str:
    """The first line of a document that is a sentence (not a heading): where a news report's dateline is."""
    return next((line for line in text.splitlines() if len(line) > 120 or line.rstrip().endswith(".")), "")


def _signed_publication(text: str) -> str:
    match = _REPORTING_BY.search("\n".join(text.splitlines()[-4:]))
    return match[1] if match else ""


def infer_issuer(text: str, doc_date: str) -> tuple[str, str, str]:
    """(publisher, role, kind) of a document with no metadata, from its opening lines; "" where unclear.

    A byline under the title ("Office of the … Commissioner", "Westshire Gazette, 3 May 2024") says who issued it;
    the title may only name what it is about ("Commissioner's response to the HMICFRS inspection …"), so it is
    read last."""
    # The heading lines before the body: short, and not sentences; the body's headings ("Item 1: … HMICFRS cause of
    # concern", under a commissioner's meeting notes) say what it is about, not who issued it
    opening = []
    for line in [uncapped(_heading_line(line)) for line in text.splitlines() if _heading_line(line)][:5]:
        if len(line) > 120 or line.endswith(".") or _BODY_STARTS.match(line):
            break
        if not _RECIPIENT.match(line):  # … not whom it was sent to ("Copy: A. Name, Police and Crime Commissioner for <area>")
            opening.append(line)
    opening = _force_first(opening)
    title, bylines = opening[:1], opening[1:]
    if title and _dateline(title[0]):  # a masthead ("<Publication> | <date>") opens it; the headline follows
        bylines = opening
    named, unnamed = _ISSUERS[:-1], _ISSUERS[-1:]  # an office named by its area, before one named only by its kind
    # a letterhead: the body issued it, not a body or publication a line under it names ("<Area> Police and Crime
    # Commissioner" over "Response to HMICFRS PEEL inspection …"; "Tolbury Police" over "Tolbury Police – collision
    # after a police pursuit in <town>, 2 March 2024")
    letterhead = bool(title) and _only_a_body(title[0])
    found = _issuer(title if letterhead else bylines, doc_date, named)
    if found:
        return found
    if title and _FORCE.fullmatch(title[0]) and bylines and _RELEASE_LABEL.match(bylines[0]):
        return title[0], "author", "press release"  # "Tolbury Police" over "Press release": the force's own
    if letterhead:
        bylines = []
    if _masthead(opening):  # "<Publication>" / headline / "By A. Name, <post>": the publication's report
        return opening[0], "journalist", "news report"
    if _NEWS_DATELINE.match(_first_paragraph(text)):  # "KETTLEWICK, 9 October 2024 — …": a news report's first words
        return _signed_publication(text), "journalist", "news report"
    for line, below in zip(bylines, bylines[1:] + [""]):
        match = _PUBLICATION_LINE.match(line)
        byline = _BYLINE.match(line)
        if match and find_dates(match[2]) and len(match[1].split()) >= 2 and not byline:
            return match[1], "journalist", "news report"
        # "By A. Name, Westshire Herald" over "Tuesday 9 July 2024": a reporter's byline
        publication = byline[1].rsplit(",", 1)[-1].strip() if byline and "," in byline[1] else ""
        if publication and date_alone(below) and len(publication.split()) >= 2 and publication.istitle():
            return publication, "journalist", "news report"
        # "By A. Name | Published 13 March 2024": a reporter, the publication unnamed
        if byline and re.search(r"\s[|–—]\s+(?:published|updated|posted)\b", line, re.I) and (find_dates(line) or date_alone(below)):
            return "", "journalist", "news report"
    return _issuer(title, doc_date, named) or _issuer(opening, doc_date, unnamed) or ("", "author", "")


def _force_first(lines: list[str]) -> list[str]:
    """The opening lines with a release's label under the force it is from, as most releases set them: "PRESS RELEASE" /
    "<Force>" reads as "<Force>" / "PRESS RELEASE"."""
    if len(lines) > 1 and _RELEASE_LABEL.match(lines[0]) and _FORCE.fullmatch(uncapped(lines[1])):
        return [lines[1], lines[0]] + lines[2:]
    return lines


def _masthead(lines: list[str]) -> bool:
    """The opening lines are a publication's name over a headline over a reporter's byline ("Ilverton Evening Echo" /
    "Police 'making progress' on backlog …" / "By A. Name, Local Democracy Reporter")."""
    return len(lines) >= 3 and bool(_BYLINE.match(lines[2])) and len(lines[0].split()) <= 5 and lines[0].istitle() \
        and not _BYLINE.match(lines[1])


def _issuer(lines: list[str], doc_date: str, issuers: list) -> tuple[str, str, str] | None:
    for line in lines:
        if line.rstrip().endswith("?"):  # "What does a Police, Fire and Crime Commissioner do?" is about one, not by one
            continue
        # The body a heading is about comes first in it ("X Commissioner: response to the HMICFRS report").
        found = [(match.start(), i, match) for i, (pattern, *_) in enumerate(issuers) for match in [pattern.search(line)] if match]
        if found:
            _, i, match = min(found, key=lambda f: f[:2])
            _, publisher, role, kind = issuers[i]
            if publisher == "HMICFRS" and doc_date[:4].isdigit() and int(doc_date[:4]) < 2017:
                publisher = "HMIC"  # the inspectorate's name before it took on fire and rescue
            name = re.sub(r"^the (the|from the|statement from the)\s+", "the ", match.expand(publisher), flags=re.I)
            return " ".join(name.split()), role, kind
    return None


def letter_author(text: str) -> tuple[str, str]:
    """(author, ISO date) of a plain letter or memo, from its header's "From:" and "Date:" lines ("From: A. Name, HM
    Inspector of Constabulary"); ("", "") when it has no "From:" line near the top."""
    header = "\n".join(text.splitlines()[:12])
    author = " ".join(re.sub(r"<[^>]*>", "", _field(header, "From")).split())  # not "<address@…>"
    if not author or len(author) > 100:
        return "", ""
    return author, find_date(_field(header, "Date") or _field(header, "Sent"))


# "Jane Doe, Police and Crime Commissioner for Westshire, said:" opening a statement's body: the whole statement is hers
_LEAD_IN = re.compile(r"^\s*([A-Z][^.:;!?\n]{2,100}?),?\s+(?:said|says|writes|wrote|stated)\s*:\s*$")
# "Foreword by the Police and Crime Commissioner, Jane Doe": a byline under the title
_BYLINE = re.compile(r"^\s*(?:(?:foreword|introduction|preface|written|statement)\s+)?by\s+([A-Z]?[^.:;!?\n]{2,100}?)\s*$", re.I)

# "Chief Constable A. Name (@handle)" opening a post: who posted it
_POSTED_BY = re.compile(r"([A-Z][^()@\n]{2,80}?)\s*\(@\w{1,30}\)")


def statement_speaker(text: str, doc_date: str) -> tuple[str, str]:
    """(speaker, ISO date) of a plain document with a byline under its title ("Foreword by A. Name, role"), or a
    statement whose body opens with "A. Name, role, said:", or a social media post headed by who posted it ("A. Name
    (@handle) - posted 12 November 2025"); ("", "") otherwise."""
    posted = _POSTED_BY.match(text.lstrip())
    if posted:
        return " ".join(posted[1].split()), doc_date
    for line in [line for line in text.splitlines() if line.strip()][1:8]:
        stripped = line.strip()
        byline = _BYLINE.match(stripped) if len(stripped) <= 120 else None
        if byline and re.search(r"[A-Z]", byline[1]):
            return " ".join(re.split(r"\s+[|–—]\s+|\s*,\s*(?=(?:published|updated|posted)\b)", byline[1], flags=re.I)[0].split()), doc_date
        if len(stripped) > 120 or stripped.endswith((".", ":", "?", "!", "”", '"')):  # the first line of the body
            match = _LEAD_IN.match(stripped)
            return (" ".join(match[1].split()), doc_date) if match else ("", "")
    return "", ""


# A person's name written plainly: "Jane Doe", "Dr Jane A. Doe" (two to four capitalised words, a title allowed)
PERSON_NAME = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Sir|Dame|Councillor|Cllr)\.? )?[A-Z][a-z’'-]+(?: [A-Z][a-z’'.-]*){1,3}$")


def person_named(speaker: str) -> str:
    """The person in "Jane Doe, Police and Crime Commissioner for <area>" or "the Commissioner, Jane Doe"; "" if none."""
    return next((part.strip() for part in speaker.split(",") if PERSON_NAME.match(part.strip())), "")


# "Jane Doe" over "Police and Crime Commissioner for Westshire" (and perhaps a date) closing a statement: who signed it
_POST = re.compile(r"\b(Commissioner|Constable|Inspector|Chair|Chairman|Chief|Director|Executive|Officer|Mayor|Secretary|"
                   r"Minister|Councillor|Leader|Head|President|Manager|Clerk)\b")


def sign_off(text: str) -> str:
    """"Jane Doe, <post>" from the two lines that close a plain statement ("Jane Doe" over "Police and Crime
    Commissioner for Westshire", in capitals as a post is written; a date below them allowed); "" when it does not
    close so."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][-3:]
    if len(lines) == 3 and len(lines[-1]) <= 30 and find_dates(lines[-1]):
        lines = lines[:-1]
    if len(lines) < 2:
        return ""
    name, post = lines[-2], lines[-1]
    closing = lines[-1].strip("*_ ").split(", ", 1)  # … or on one line, as a blog signs off ("*Jane Doe, <post>*")
    if len(closing) == 2 and PERSON_NAME.fullmatch(closing[0]) and _POST.search(closing[1]) and len(closing[1]) <= 100:
        name, post = closing
    titled = all(w[0].isupper() or w.lower() in ("of", "and", "for", "the", "to", "in", "&") for w in post.replace(",", " ").split())
    if PERSON_NAME.match(name) and len(post) <= 100 and titled and _POST.search(post) and not find_dates(post):
        return f"{name}, {post}"
    return ""


_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)  # "Page 2 of 4", "7", "– 4 –"
# "Page 2 of 4" or "– 4 –" only
_PAGE_LINE = re.compile(r"^\s*(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])\s*$", re.I | re.M)
_FURNITURE_LINE = 60  # a running header or footer is a short line …
_FURNITURE_PAGES = 0.5  # … at the top or foot of at least this share of the pages (and of two at least)
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"”’')\]]*$")


def unpage(text: str) -> str:
    """``text`` without the furniture of its pages, where it has pages (a PDF's, split by form feeds, or lines such
    as "Page 2 of 4"): page numbers and the short lines repeated on page after page ("OFFICIAL", a running title)
    go, and a paragraph that runs on over a page break is one paragraph again."""
    pages = text.split("\f")
    if len(pages) < 2:  # no form feeds: a page ends at each "Page N" line, where there are two or more
        pages = _PAGE_LINE.split(text)
        if len(pages) < 3:
            return text
    edges = [line for page in pages for lines in [[l.strip() for l in page.split("\n") if l.strip()]]
             for line in set(lines[:3] + lines[-3:])]  # each page's top and foot lines, once a page
    enough = max(2, math.ceil(_FURNITURE_PAGES * len(pages)))
    repeated = {line for line, pages_with in Counter(edges).items() if len(line) <= _FURNITURE_LINE and pages_with >= enough}
    kept = []
    for page in pages:
        lines = [line for line in page.split("\n") if not _PAGE_NUMBER.match(line) and line.strip() not in repeated]
        body = "\n".join(lines).strip("\n")
        if not body.strip():
            continue
        # a sentence cut by the page break goes on: one line break, which unwrap reads as a wrapped line's
        joins = kept and not _ENDS_SENTENCE.search(kept[-1].rstrip()) and not body.lstrip()[:1].isupper()
        kept.append(("\n" if joins else "\n\n") + body if kept else body)
    return "".join(kept) + "\n"


# Hard-wrapped text (a PDF's lines, an e-mail at 72 columns): most lines run nearly as long as the longest, and break
# mid-sentence. Such a document's line breaks inside a paragraph are spaces: a line break ends a sentence (chunking),
# and "time people wait on the 101 line will be her first job when she takes" is no quotable sentence.
_WRAP_WIDTH = 110  # lines no longer than this (the 90th percentile of a document's lines) may be wrapped ones …
_WRAPPED_SHARE = 0.3  # … when at least this share of them are full lines that end mid-sentence
_FULL_LINE = 0.6  # a full line: at least this share of the width
_SET_RIGHT = 12  # this many spaces before a line's words
_WRAPPED_LINES = 8  # a wrapped document has at least this many lines (a heading over a paragraph is no wrapping)
_STARTS_ITEM = re.compile(rf"^\s*({LIST_MARK})\s")
_STARTS_FIELD = re.compile(r"^[A-Z][^:.!?\n]{0,60}:\s")  # "Date: …", "Responding to fires and other emergencies: good"


def unwrap(text: str) -> str:
    """``text`` with the line breaks of hard-wrapped paragraphs made spaces, and a word broken over two lines
    ("neighb-" / "ourhood") whole again; a document whose lines are its paragraphs is returned as it is. A line that
    is a date ("Tuesday 9 July 2024", under a byline) stays a line."""
    lines = text.split("\n")
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not lengths:
        return text
    width = lengths[int(0.9 * (len(lengths) - 1))]
    full = [bool(line.strip()) and len(line.rstrip()) >= _FULL_LINE * width for line in lines]
    tabular = [bool(_cells(line) or _MARKDOWN_ROW.match(line)) for line in lines]  # a row of a table: a line of its own
    open_ended = sum(f and not _ENDS_SENTENCE.search(line.rstrip()) for f, line in zip(full, lines))
    if width > _WRAP_WIDTH or open_ended < _WRAPPED_SHARE * len(lengths) or len(lengths) < _WRAPPED_LINES:
        return text
    joined, join = [], False
    for i, line in enumerate(lines[:-1]):
        line = line.lstrip() if join else line  # a wrapped line's indent ("1.1 This report …" / "    for the Panel …")
        following = lines[i + 1]
        # a line set far to the right (a PDF's header, "      HMICFRS") is a line of its own
        join = full[i] and following.strip() and len(line) - len(line.lstrip()) < _SET_RIGHT \
            and not line.rstrip().endswith(":") and not _STARTS_ITEM.match(following) \
            and not _STARTS_FIELD.match(following) and not date_alone(following) and not tabular[i] and not tabular[i + 1]
        if join and re.search(r"[a-z]-$", line.rstrip()) and following.lstrip()[:1].islower():
            joined.append(line.rstrip()[:-1])
        else:
            joined.append(line + (" " if join else "\n"))
    return "".join(joined) + (lines[-1].lstrip() if join else lines[-1])


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEYS = {"title": "title", "date": "date", "published": "date", "publisher": "publisher", "source": "publisher",
               "url": "url", "link": "url", "author": "author"}  # what a markdown file's front matter may say, as the sidecar's names


def front_matter(text: str) -> tuple[dict, str]:
    """A markdown file's YAML front matter ("---" / "title: …" / "date: …" / "---", as static sites and note apps
    write it) as the sidecar's fields it gives, and the text after it; ``({}, text)`` when there is none. Its lines
    are no part of the document's text (they had been its title, "---", and pushed its dateline out of its opening)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        fields = yaml.load(match[1], Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return {}, text
    if not isinstance(fields, dict):
        return {}, text
    found = {}
    for key, value in fields.items():
        name = _FRONT_KEYS.get(str(key).lower())
        if not name or value in (None, "") or name in found:
            continue
        if name == "date":  # a YAML date, "2025-07-02T09:00:00" or "2 July 2025": the ISO day, or nothing
            value = find_date(value.isoformat()[:10] if hasattr(value, "isoformat") else str(value)[:10]
                              if re.match(r"\d{4}-\d\d-\d\d", str(value)) else str(value))
        if value:
            found[name] = str(value).strip()
    return found, text[match.end():].lstrip("\n")


def load_document(path: Path, corpus_dir: Path, max_bytes: int) -> Document:
    """Read one file and its metadata; raises ``UnreadableFile`` with the reason."""
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableFile(f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit")
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    stated: dict = {}  # what the file states of itself (a web page's heading and date, a markdown file's front matter)
    if suffix in (".txt", ".md"):
        text = _decode(raw)
    elif suffix in (".html", ".htm"):
        text, stated = _read_html(raw)
    elif suffix == ".pdf":
        text = _read_pdf(path)
    elif suffix in (".csv", ".tsv"):  # a spreadsheet's export has no heading: it is called by its file's name
        text = read_delimited(_decode(raw), "\t" if suffix == ".tsv" else ",")
        stated = {"title": re.sub(r"[-_\s]+", " ", path.stem).strip().capitalize()}
    else:
        text = _read_docx(path, max_bytes)
    if not text.strip():
        raise UnreadableFile("no text in it (empty file, or a scanned PDF without a text layer)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # a file saved on Windows reads as any other
    if suffix in (".txt", ".md"):
        stated, text = front_matter(text)
        text = _markdown_tables(text)
    text = unwrap(column_tables(unpage(text)))

    meta_path = path.with_name(path.name + META_SUFFIX)
    meta_raw = meta_path.read_bytes() if meta_path.exists() else b""
    meta = read_metadata(meta_raw, meta_path.name) if meta_raw else {}

    # a page whose heading opens its text is titled as a plain file is: a letter by its subject line, a heading that
    # only names a body with the heading under it
    stated_title = "" if text.lstrip().startswith(stated.get("title") or "\0") else stated.get("title", "")
    sections = _sections(text, meta.get("sections") or [], meta_path)
    recognised = [] if sections else recognise_question_and_response(text)
    spoken = [] if sections or recognised else recognise_transcript(text)
    doc_date = str(meta.get("date") or stated.get("date") or (recognised[-1].date if recognised else "") or document_date(text))
    publisher, role, kind = ("", "author", "") if meta else infer_issuer(text, doc_date)
    if not (meta or publisher) and stated.get("site"):  # a web page whose text names no issuer: its site's kind of body
        publisher, role, kind = _issuer([stated["site"]], doc_date, _ISSUERS) or (publisher, role, kind)
    author, author_date = ("", "") if meta else letter_author(text)
    if not (meta or author):
        author, author_date = statement_speaker(text, doc_date)
    signed_line = _field(text, "Signed")  # … or a "Signed: A. Name, <post>" line (a decision notice's)
    signed = "" if meta or author or recognised or spoken else sign_off(text) or (signed_line if person_named(signed_line) else "")
    if signed:
        author, author_date = signed, doc_date
    if not (meta or author) and stated.get("author"):  # … else the author a markdown file's front matter gives
        author, author_date = stated["author"], doc_date
    if author and not (meta or publisher):  # "A. Name, His Majesty's Inspector of Constabulary": who they speak for
        publisher, role, kind = _issuer([author], doc_date, _ISSUERS) or (publisher, role, kind)
    return Document(
        id=path.relative_to(corpus_dir).as_posix(),
        text=text,
        title=str(meta.get("title") or stated_title or _title(text)),
        kind=str(meta.get("kind") or ("panel public question and response" if recognised else TRANSCRIPT_KIND if spoken
                                         else kind or "document")),
        publisher=str(meta.get("publisher", "")) or stated.get("publisher", "") or publisher or stated.get("site", ""),
        date=doc_date,
        url=str(meta.get("url", "")) or stated.get("url", ""),
        sections=sections or recognised or spoken or with_earlier_messages(text, with_comments(
            text, Section(0, len(text), role=role, speaker=author, date=author_date)), doc_date),
        content_hash=hashlib.sha256(raw + b"\0" + meta_raw).hexdigest(),
    )


def _shown(relative: str) -> str:
    """A path as it can be printed and stored, whatever bytes its name has."""
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def corpus_files(corpus_dir: Path) -> tuple[list[Path], list[Skipped]]:
    """Every regular file under the corpus folder (not hidden files, not metadata sidecars), and what
    was passed over with the reason: links (never followed, so nothing outside the folder is read),
    pipes, sockets and devices, folders named like documents, and names that are not UTF-8."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for folder, folders, names in os.walk(corpus_dir, followlinks=False):
        base = Path(folder)
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in folders:
            path = base / name
            relative = _shown(path.relative_to(corpus_dir).as_posix())
            if path.is_symlink():
                skipped.append(Skipped(relative, "a symbolic link to a folder: links are not followed; copy the files in"))
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                skipped.append(Skipped(relative, "a folder, not a file, though its name looks like a document"))
        folders[:] = [f for f in folders if not (base / f).is_symlink()]
        for name in sorted(names):
            path = base / name
            if name.startswith(".") or name.endswith(META_SUFFIX):
                continue
            relative = path.relative_to(corpus_dir).as_posix()
            try:
                relative.encode("utf-8")
            except UnicodeEncodeError:
                skipped.append(Skipped(_shown(relative), "the file name is not valid UTF-8: rename the file"))
                continue
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                skipped.append(Skipped(relative, "a symbolic link: links are not followed; copy the file into the corpus folder"))
            elif not stat.S_ISREG(mode):
                skipped.append(Skipped(relative, "not a regular file (a pipe, socket or device)"))
            else:
                files.append(path)
    return sorted(files), skipped


def read_corpus(corpus_dir: Path, max_bytes: int) -> tuple[list[Document], list[Skipped]]:
    """All readable documents under ``corpus_dir``, and the files skipped with reasons."""
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"Corpus folder {corpus_dir} does not exist: create it or set ASSISTANT_CORPUS_DIR")
    documents = []
    files, skipped = corpus_files(corpus_dir)
    for path in files:
        relative = path.relative_to(corpus_dir).as_posix()
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            skipped.append(Skipped(relative, f"unsupported file type {path.suffix or '(none)'}; use {', '.join(SUPPORTED_SUFFIXES)}"))
            continue
        try:
            documents.append(load_document(path, corpus_dir, max_bytes))
        except UnreadableFile as exc:
            skipped.append(Skipped(relative, str(exc)))
    return documents, skipped
