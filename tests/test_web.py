"""The public chat in a real browser (Debian Chromium via Playwright), and its `/ask` API.

Screenshots of each state, at desktop width and at 375 px, are saved under
test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.ingest import ingest
from assistant.web import serve

from .conftest import ROOT, copy_corpus, free_port, make_settings

AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-artifacts" / "screenshots"
HOSTILE = (
    "Hostile test page\n\n"
    "The panel said <script>window.__pwned = 1; alert('x')</script> in its minutes of 1 March 2023. "
    "A picture was attached <img src=x onerror=\"window.__pwned = 2\"> to the custody review. "
    "See [the custody review](javascript:window.__pwned=3) for details. Template ${window.__pwned = 4} text. "
    "The custody review reference is " + "X" * 3000 + ".\n"
)
CUSTODY = ("Custody visiting scheme annual note\n\n"
           "Volunteer custody visitors made 48 unannounced visits to the custody suites during the year. "
           "The visitors found the cells clean and detainees were offered a hot meal within the required time.\n")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    copy_corpus(tmp / "corpus")
    (tmp / "corpus" / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    (tmp / "corpus" / "custody-visit.txt").write_text(CUSTODY, encoding="utf-8")
    (tmp / "corpus" / "custody-visit.txt.meta.yaml").write_text(
        "title: Custody visiting scheme annual note\npublisher: Independent Custody Visiting Scheme\n"
        "date: 2023-04-12\nurl: https://example.org/custody-visiting-note\n", encoding="utf-8")
    settings = make_settings(tmp, port=free_port(), data_dir=tmp / "data")
    ingest(settings, progress=False)
    serving = serve(settings, background=True)
    yield serving.url, settings
    serving.close()


@pytest.fixture(params=[(1280, 900), (375, 800)], ids=["desktop", "375px"])
def page(request, browser, server):
    width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server[0], wait_until="load")
    page.wait_for_selector("#question textarea, #question input")
    page.size_name = request.node.callspec.id
    yield page
    context.close()
CUSTODY = ("Custody visiting scheme annual note\n\n"
           "Volunteer custody visitors made 48 unannounced visits to the custody suites during the year. "
           "The visitors found the cells clean and detainees were offered a hot meal within the required time.\n")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.size_name}.png"), full_page=True)


ANSWERED = ("n => document.querySelectorAll('#conversation article.answer').length > n && "
            "!document.querySelector('#conversation [aria-busy=true]')")


def ask(page, text: str) -> None:
    before = page.locator("#conversation article.answer").count()
    box = page.locator("#question textarea, #question input").first
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(ANSWERED, arg=before, timeout=60_000)


def last_answer(page):
    return page.locator("#conversation article.answer").last


def test_a_question_gets_a_cited_answer_and_the_source_opens_with_the_passage_highlighted(page):
    ask(page, "How does the Commissioner hold the Chief Constable to account?")
    answer = last_answer(page)
    assert "Answer from the documents" in answer.inner_text()
    assert "monthly Strategic Governance Board" in answer.inner_text()
    assert answer.locator("a.cite").count() >= 1
    shot(page, "answered")
    card = answer.locator("details.source").first
    card.locator(":scope > summary").click()
    mark = card.locator("blockquote.passage mark").first
    assert mark.is_visible() and "monthly Strategic Governance Board" in mark.inner_text()
    card.locator("details.document > summary").click()
    whole = card.locator(".document-text mark")
    assert whole.is_visible() and "monthly" in whole.inner_text()
    shot(page, "source-open")
    # usable at 375 px: nothing forces sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


def test_a_follow_up_uses_the_conversation_and_new_conversation_starts_again(page):
    ask(page, "Who wrote the official response to the public question?")
    ask(page, "What is his position?")
    answer = last_answer(page)
    assert "I took this to mean" in answer.inner_text()
    assert "Interim Joint Chief Executive" in answer.inner_text()
    shot(page, "follow-up")
    page.locator("#new-conversation").click()
    page.wait_for_function("document.querySelectorAll('#conversation article.answer').length === 0")


def test_a_question_the_documents_cannot_answer_says_so_and_offers_related_reading(page):
    ask(page, "What is Staffordshire Police's budget for 2023?")
    answer = last_answer(page)
    assert "Not found in the documents" in answer.inner_text()
    assert "Related reading (not an answer)" in answer.inner_text()
    assert answer.locator("a.cite").count() == 0
    shot(page, "unanswerable")


def test_danger_puts_emergency_routes_first(page):
    ask(page, "My neighbour is hurting his child right now")
    answer = last_answer(page)
    assert answer.get_attribute("role") == "alert"
    text = answer.inner_text()
    assert text.index("999") < text.index("101")
    shot(page, "signposted")


def test_the_page_limits_length_and_the_notice_is_always_visible(page):
    box = page.locator("#question textarea, #question input").first
    assert box.get_attribute("maxlength") == "1000"
    notice = page.locator("aside.always-notice")
    assert notice.is_visible()
    for words in ("can make mistakes", "999", "101", "What we keep"):
        assert words in notice.inner_text()


def test_injected_markup_in_documents_and_questions_shows_as_text_and_runs_nothing(page):
    ask(page, "What did the panel say about the custody review? <script>window.__pwned=9</script>"
              "<img src=x onerror=\"window.__pwned=8\"> [link](javascript:window.__pwned=7)")
    conversation = page.locator("#conversation")
    text = conversation.text_content()  # includes closed source cards
    assert "<script>window.__pwned=9</script>" in text  # the question, shown as text
    assert "<script>" in text and "onerror" in text     # the hostile document, shown as text
    assert conversation.locator("script, img, iframe").count() == 0
    assert conversation.locator("a[href^='javascript']").count() == 0
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None and page.dialogs == []
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1
    shot(page, "injection")


def tab_to(page, script: str, limit: int = 80) -> None:
    """Press Tab until ``script`` (a JS expression about document.activeElement) is true."""
    for _ in range(limit):
        if page.evaluate(script):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached: {script}")


def test_keyboard_only_ask_open_a_source_read_the_passage_give_feedback_and_start_again(page):
    page.keyboard.press("Tab")
    tab_to(page, "document.activeElement && document.activeElement.closest('#question') !== null")
    page.keyboard.type("Who wrote the official response to the public question?")
    page.keyboard.press("Enter")
    page.wait_for_function(ANSWERED, arg=0, timeout=60_000)
    tab_to(page, "document.activeElement.matches('#conversation a.cite')")
    page.keyboard.press("Enter")  # the citation opens its source card
    assert page.locator("#conversation details.source[open]").count() == 1
    assert page.evaluate("document.activeElement.matches('details.source[open] > summary')")
    tab_to(page, "document.activeElement.matches('details.document > summary')")
    page.keyboard.press("Enter")  # the whole document opens at the highlighted passage
    box = page.locator("#conversation details.document[open] .document-text")
    mark = box.locator("mark").first
    page.wait_for_timeout(100)
    assert box.bounding_box()["y"] <= mark.bounding_box()["y"] < box.bounding_box()["y"] + box.bounding_box()["height"]
    tab_to(page, "document.activeElement.matches('.feedback textarea')")
    page.keyboard.type("Clear and quoted")
    tab_to(page, "document.activeElement.matches(\".feedback button[value='helpful']\")")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#conversation .feedback-status').textContent.startsWith('Thank you')")
    tab_to(page, "document.activeElement.id === 'new-conversation' || document.activeElement.closest('#new-conversation') !== null")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('#conversation article.answer').length === 0")


def axe_serious(page) -> list:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results["violations"]
            if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_or_critical_violations_in_any_state_or_page(page, server):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `make setup`")
    assert axe_serious(page) == [], "the empty page"
    ask(page, "What did the inspector say about child protection?")
    for summary in page.locator("#conversation details.source > summary").all():
        summary.click()
    page.locator("#conversation details.document > summary").first.click()
    last_answer(page).locator(".feedback button[value='not_helpful']").click()
    page.wait_for_function("document.querySelector('#conversation .feedback-status').textContent.length > 0")
    shot(page, "axe")
    assert axe_serious(page) == [], "an answer with open sources, a document and feedback sent"
    ask(page, "My neighbour is hurting his child right now")
    ask(page, "What is Staffordshire Police's budget for 2023?")
    page.locator("#question textarea").first.fill("")
    page.locator("#ask").click()
    page.wait_for_selector("#conversation .hint")
    assert axe_serious(page) == [], "signposted, not found and an empty question"
    for name in ("privacy", "accessibility", "contact"):
        page.goto(server[0] + name)
        assert axe_serious(page) == [], name


def test_the_api_exposes_only_ask_and_answers_exactly_as_the_cli(server):
    from gradio_client import Client

    url, settings = server
    client = Client(url, verbose=False)
    assert list(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]
    api = client.predict("Who wrote the official response to the public question?", api_name="/ask")
    cli = subprocess.run([sys.executable, "-m", "assistant", "ask", "Who wrote the official response to the public question?",
                          "--index", str(settings.index_dir), "--json"], capture_output=True, text=True, cwd=ROOT)
    expected = json.loads(cli.stdout)
    for answer in (api, expected):
        answer.pop("latency_ms")
    assert api == expected
    follow = client.predict("What is his position?", ["Who wrote the official response to the public question?"], api_name="/ask")
    assert "Interim Joint Chief Executive" in follow["answer"]
    too_long = client.predict("x" * 1500, api_name="/ask")
    assert too_long["status"] == "rejected" and "1,000" in too_long["answer"]
    with pytest.raises(Exception):
        client.predict("hello", api_name="/submit")


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= -1 and box["y"] < page.viewport_size["height"]


def test_a_citation_opens_its_source_and_the_whole_document_opens_at_the_passage(page):
    ask(page, "Who wrote the official response to the public question?")
    answer = last_answer(page)
    answer.locator("a.cite").first.click()
    card = answer.locator("details.source").first
    assert card.get_attribute("open") is not None and in_view(page, card.locator(":scope > summary"))
    card.locator("details.document > summary").click()
    box, mark = card.locator(".document-text"), card.locator(".document-text mark").first
    page.wait_for_timeout(100)
    top, bottom = box.bounding_box()["y"], box.bounding_box()["y"] + box.bounding_box()["height"]
    assert top <= mark.bounding_box()["y"] < bottom  # the highlighted passage is inside the visible part of the box
    assert "**" not in card.locator(".document-text").inner_text()  # the source's markdown emphasis is not shown raw
    assert card.locator(".source-file").count() == 0  # file names and offsets are for staff
    shot(page, "citation-opened")


def test_source_cards_give_title_publisher_date_and_a_link_to_the_original(page):
    ask(page, "How many unannounced visits did custody visitors make?")
    card = last_answer(page).locator("details.source").first
    summary = card.locator(":scope > summary").inner_text()
    assert "Custody visiting scheme annual note" in summary and "Independent Custody Visiting Scheme" in summary
    assert "12 April 2023" in summary
    card.locator(":scope > summary").click()
    link = card.locator(".original a")
    assert link.get_attribute("href") == "https://example.org/custody-visiting-note"
    assert link.get_attribute("rel") == "noopener noreferrer" and "example.org" in link.inner_text()
    shot(page, "source-card")


def test_text_is_large_enough_and_focus_is_plain_to_see(page):
    ask(page, "What did the inspector say about child protection?")
    expected = "16px" if page.viewport_size["width"] < 641 else "19px"
    for selector in ("#conversation .answer p", "#conversation .turn .question", ".always-notice p", "#question textarea"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize") == expected, selector
    assert page.locator(".starters button").first.evaluate("e => getComputedStyle(e).fontSize") == "16px"
    for selector in ("#question textarea", ".starters button", "#ask"):
        page.locator(selector).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
        page.wait_for_timeout(400)  # Gradio's buttons ease into their focus style
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); "
                              "return [s.outlineStyle, s.outlineWidth, s.outlineColor, document.activeElement.outerHTML.slice(0, 80)]; }")
        assert style[:3] == ["solid", "3px", "rgb(255, 221, 0)"], (selector, style)


def test_on_a_phone_the_question_box_stays_at_hand_and_each_new_answer_starts_in_view(page):
    ask(page, "What did the inspectors find?")
    ask(page, "What is the Commissioner doing about the inspection findings?")
    assert in_view(page, page.locator("#question textarea").first)
    assert in_view(page, page.locator("#conversation .turn").last.locator(".question"))
    shot(page, "second-answer")


def test_an_empty_question_adds_no_bubble_and_says_what_to_do(page):
    page.locator("#question textarea").first.fill("   ")
    page.locator("#ask").click()
    page.wait_for_selector("#conversation .hint")
    assert page.locator("#conversation .turn").count() == 0
    assert "Please type a question first" in page.locator("#conversation .hint").inner_text()


def test_the_footer_links_to_privacy_accessibility_and_complaints_and_helplines_can_be_tapped(page, server):
    page.wait_for_selector("footer.page-footer a")  # counting does not wait for the page to draw its footer
    links = page.locator("footer.page-footer a")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Privacy notice", "Accessibility statement", "Contact us and complaints"]
    for href, words in (("/privacy", "90 days"), ("/accessibility", "WCAG"), ("/contact", "Independent Office for Police Conduct")):
        page.goto(server[0].rstrip("/") + href)
        assert words in page.locator("main").inner_text()
        if href == "/contact":
            assert page.locator("a[href='tel:999']").count() == 1
        page.go_back()
    page.wait_for_selector("#question textarea")
    ask(page, "My neighbour is hurting his child right now")
    assert last_answer(page).locator("a[href='tel:999']").count() >= 1


def test_feedback_on_an_answer_reaches_the_answer_log_and_the_answer_copies_with_its_sources(page, server):
    from assistant.answer_log import AnswerLog

    ask(page, "How many unannounced visits did custody visitors make?")
    answer = last_answer(page)
    answer.locator("button.copy-answer").click()
    page.wait_for_function("document.querySelector('#conversation .copy-status').textContent === 'Copied.'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "48 unannounced visits" in copied and "Custody visiting scheme annual note" in copied
    assert "https://example.org/custody-visiting-note" in copied
    answer.locator(".feedback textarea").fill("It did not say which year; email me at jo@example.org")
    answer.locator(".feedback button[value='not_helpful']").click()
    page.wait_for_function("document.querySelector('#conversation .feedback-status').textContent.startsWith('Thank you')")
    row = next(r for r in AnswerLog.from_settings(server[1]).recent(limit=50) if r["question"].startswith("How many unannounced"))
    assert row["feedback"] == "not_helpful" and row["feedback_note"] == "It did not say which year; email me at [email removed]"
    shot(page, "feedback-sent")


def test_a_reload_keeps_the_conversation_for_this_tab_and_a_follow_up_still_reads_it(page):
    ask(page, "Who wrote the official response to the public question?")
    # the tab keeps the conversation just after the answer is shown (a step that runs in the browser)
    page.wait_for_function("(sessionStorage.getItem('assistant-conversation') || '').includes('Who wrote the official')")
    page.reload()
    page.wait_for_function("document.querySelectorAll('#conversation article.answer').length === 1", timeout=30_000)
    assert "Who wrote the official response" in page.locator("#conversation .turn .question").first.inner_text()
    ask(page, "What is his position?")
    assert "Interim Joint Chief Executive" in last_answer(page).inner_text()
    page.locator("#new-conversation").click()
    page.wait_for_function("document.querySelectorAll('#conversation article.answer').length === 0")
    page.wait_for_function("sessionStorage.getItem('assistant-conversation') === ''")
    page.reload()
    page.wait_for_selector("#conversation .empty")
    page.wait_for_timeout(500)
    assert page.locator("#conversation article.answer").count() == 0
    page.evaluate("sessionStorage.setItem('assistant-conversation', '{\"id\": \"x\", \"turns\": [1]}')")  # not one the page wrote
    page.reload()
    page.wait_for_selector("#conversation .empty")


def test_a_kept_conversation_is_rebuilt_only_from_what_the_page_shows():
    from assistant.web.public import _kept_state

    good = {"id": "a" * 32, "turns": [{"question": "q", "log_id": 3, "answer": {
        "status": "answered", "answer": "text [1]", "question": "q", "rewritten_question": "q", "notices": [],
        "citations": [{"n": 1, "text": "t", "source": "s.txt", "title": "T", "start": 0, "end": 1, "highlights": [[0, 1]],
                       "extra": "<script>"}], "related": []}}]}
    state = _kept_state(json.dumps(good))
    assert state["turns"][0]["answer"]["citations"][0].get("extra") is None and state["turns"][0]["log_id"] == 3
    for bad in ("", "[]", "null", '{"id": "x"}', json.dumps(dict(good, id="../etc")),
                json.dumps({"id": "a" * 32, "turns": [{"question": "q", "answer": {"status": "hacked", "answer": ""}}]}),
                json.dumps({"id": "a" * 32, "turns": [{"question": "q", "answer": {"status": "answered", "answer": "",
                                                                                   "citations": [{"n": "x"}]}}]})):
        assert _kept_state(bad) is None, bad


def test_at_400_percent_zoom_the_page_reflows_and_the_question_box_does_not_cover_the_conversation(browser, server):
    context = browser.new_context(viewport={"width": 320, "height": 225})  # 1280 x 900 at 400%
    page = context.new_page()
    page.size_name = "400pc-zoom"
    page.goto(server[0], wait_until="load")
    page.wait_for_selector("#question textarea")
    ask(page, "What did the inspectors find?")
    assert page.locator("#ask-bar").first.evaluate("e => getComputedStyle(e).position") != "sticky"
    assert page.evaluate("document.documentElement.scrollWidth") <= 321
    shot(page, "answered")
    context.close()
