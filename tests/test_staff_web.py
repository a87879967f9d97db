"""The staff workspace: nothing reachable without logging in; the pages work once logged in."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from assistant.web.staff import local_time

from .conftest import STAFF_PASSWORD
from .test_web import axe_serious, shot, tab_to

PASSWORD = STAFF_PASSWORD


def request(url, method="GET", data=None, opener=None, headers=None):
    """(status, body) without following redirects."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    handlers = [NoRedirect()] + ([urllib.request.HTTPCookieProcessor(opener)] if opener is not None else [])
    req = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with urllib.request.build_opener(*handlers).open(req, timeout=30) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def login(url, name="alice", password=PASSWORD):
    jar = http.cookiejar.CookieJar()
    status, body = request(url + "staff-login", "POST", urllib.parse.urlencode({"name": name, "password": password}).encode(), jar)
    return status, jar, body


STAFF_ROUTES = [
    ("GET", "staff/config"), ("GET", "staff/gradio_api/info"), ("GET", "staff/gradio_api/openapi.json"),
    ("POST", "staff/gradio_api/queue/join"), ("POST", "staff/gradio_api/run/predict"), ("POST", "staff/gradio_api/upload"),
    ("GET", "staff/gradio_api/file=/etc/hostname"), ("GET", "staff/export.csv"), ("GET", "staff/eval/run/report.html"),
    ("GET", "staff/theme.css"), ("GET", "staff/gradio_api/queue/data?session_hash=x"),
]


@pytest.mark.parametrize("method, path", STAFF_ROUTES)
def test_every_staff_route_refuses_without_a_login(staff_server, method, path):
    url = staff_server[0]
    status, body = request(url + path, method, data=b"{}" if method == "POST" else None, headers={"Content-Type": "application/json"})
    assert status in (401, 404), (path, status, body[:200])  # 404: a route the guard closes for everyone
    forged = http.cookiejar.CookieJar()
    forged.set_cookie(http.cookiejar.Cookie(0, "assistant_staff", "forged-token", None, False, "127.0.0.1", False, False,
                                            "/", True, False, None, False, None, None, {}))
    assert request(url + path, method, data=b"{}" if method == "POST" else None, opener=forged,
                   headers={"Content-Type": "application/json"})[0] in (401, 404)


def test_the_staff_page_sends_strangers_to_the_login(staff_server):
    status, _ = request(staff_server[0] + "staff/")
    assert status == 303


def test_the_public_api_reaches_no_staff_function(staff_server):
    from gradio_client import Client

    assert list(Client(staff_server[0], verbose=False).view_api(print_info=False, return_format="dict")["named_endpoints"]) == ["/ask"]
    with pytest.raises(Exception):
        Client(staff_server[0] + "staff/", verbose=False)


def test_login_logout_and_repeated_failures_are_slowed(staff_server):
    url, log, _ = staff_server
    assert login(url, password="wrong password")[0] == 401
    status, jar, _ = login(url)
    assert status == 303
    assert request(url + "staff/export.csv", opener=jar)[0] == 200
    request(url + "staff-logout", opener=jar)
    assert request(url + "staff/export.csv", opener=jar)[0] == 401
    for _ in range(3):
        assert login(url, name="mallory", password="guess guess guess")[0] == 401
    status, _, body = login(url, name="mallory", password="guess guess guess")
    assert status == 429 and "Too many failed attempts" in body


def test_public_answers_are_logged_masked_and_exported_to_staff(staff_server):
    from gradio_client import Client

    url, log, _ = staff_server
    Client(url, verbose=False).predict("I'm jo@example.org. Who wrote the response to the public question?", api_name="/ask")
    rows = log.recent(words="wrote")
    assert rows and rows[0]["question"] == "I'm [email removed]. Who wrote the response to the public question?"
    _, jar, _ = login(url)
    status, body = request(url + "staff/export.csv?" + urllib.parse.urlencode({"words": "wrote", "status": "answered"}), opener=jar)
    assert status == 200 and "[email removed]" in body and "jo@example.org" not in body
    assert "panel-question-2022-05-31-pfcc-child-protection-response.txt" in body


def test_a_close_prior_question_is_answered_with_the_official_response(staff_server):
    from gradio_client import Client

    answer = Client(staff_server[0], verbose=False).predict(
        "What exactly is the PFCC doing to bring the force to account?", api_name="/ask")
    assert answer["status"] == "answered"
    assert answer["answer"].startswith("This has been asked before")
    assert "31 May 2022" in answer["answer"] and "In its response of 9 June 2022" in answer["answer"]
    assert {c["role"] for c in answer["citations"][:2]} == {"member_of_public", "commissioners_office"}


def open_tab(page, name: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Gradio lays the tabs out after measuring them, and may measure again (under load, a tab can move
    # into or out of the "More tabs" menu between two looks): wait for the tab or the menu, and look again
    # if what was seen has moved.
    for _ in range(4):
        page.wait_for_function("name => [...document.querySelectorAll('[role=tab]')].some(t => t.textContent.trim() === name)"
                               " || document.querySelector('button[aria-label=\"More tabs\"]') !== null", arg=name)
        try:
            if page.get_by_role("tab", name=name).count():
                page.get_by_role("tab", name=name).click(timeout=5000)
            else:  # on a phone the last tabs are under "More tabs"
                page.get_by_role("button", name="More tabs").click(timeout=5000)
                page.locator(".overflow-dropdown button", has_text=name).click(timeout=5000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"The staff workspace shows no tab {name!r}, neither in the tab list nor under More tabs")


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "375px"])
def test_staff_search_open_review_summary_and_prior_responses_in_a_browser(staff_server, browser, width):
    url, log, _ = staff_server
    topic = f"budget{width}"  # each width's own answers
    question = f"What is the force's {topic}?"
    answer_id = log.record({"question": question, "rewritten_question": question,
                            "status": "unanswerable", "answer": "The documents I have don't say.", "citations": [],
                            "related": [], "index_version": "v1", "latency_ms": 50}, "conv-1")
    log.feedback(answer_id, "conv-1", "not_helpful", f"It missed the {topic}")
    log.record({"question": f"i'm scared my neighbours kids are being hurt {width}", "rewritten_question": "",
                "status": "signposted", "route": "abuse", "answer": "Call 999", "citations": [], "related": [],
                "index_version": "v1", "latency_ms": 5}, "conv-2")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.size_name = "375px" if width == 375 else "desktop"
    page.goto(url + "staff/", wait_until="load")
    assert "/staff-login" in page.url
    page.fill("#name", "alice")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#log-table")
    page.fill("#log-since input, #log-since textarea", "2026-13-45")
    page.click("#log-search")
    page.wait_for_function("document.querySelector('#log-message').innerText.includes('is not a date')")
    assert "YYYY-MM-DD" in page.inner_text("#log-message") and topic in page.inner_text("#log-table")  # the table stays
    shot(page, "staff-bad-date")
    page.fill("#log-since input, #log-since textarea", "")
    page.fill("#log-words input, #log-words textarea", topic)
    page.click("#log-search")
    page.wait_for_function("document.querySelector('#log-message').innerText.includes('1 answer found')")
    table_text = page.inner_text("#log-table")
    local = local_time(log.get(answer_id)["created_at"], "Europe/London")
    assert local in table_text and "+00:00" not in table_text  # local time, not raw ISO
    page.locator("#log-table [role=gridcell]", has_text=question).first.click()  # a row opens its answer
    page.wait_for_function("document.querySelector('#shown-answer').innerText.includes('Not found in the documents')")
    assert page.locator("#answer-id input").input_value() == str(answer_id)
    assert f"It missed the {topic}" in page.inner_text("#shown-answer")  # the public's feedback, beside the answer
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.get_by_label("incorrect").check()
    page.fill("#review-note textarea", "The budget report should be added to the corpus")
    page.click("#save-review")
    page.wait_for_function("document.querySelector('#shown-answer').innerText.includes('Reviewed')")
    assert log.get(answer_id)["verdict"] == "incorrect" and log.get(answer_id)["reviewed_by"] == "alice"
    shot(page, "staff-opened")
    open_tab(page, "Summary")
    page.click("#show-summary")
    page.wait_for_function("document.querySelector('#summary').innerText.includes('Content gaps')")
    summary = page.inner_text("#summary")
    assert f"{question} (asked once)" in summary and f"It missed the {topic}" in summary
    signposted = summary.split("Signposted")[1]
    assert f"i'm scared my neighbours kids are being hurt {width}" in signposted and "(abuse," in signposted
    open_tab(page, "Prior responses")
    page.fill("#prior-query input, #prior-query textarea", "bring the force to account")
    page.click("#prior-search")
    page.wait_for_function("document.querySelector('#prior-results').innerText.includes('Answered by')")
    assert "31 May 2022" in page.inner_text("#prior-results") and "9 June 2022" in page.inner_text("#prior-results")
    page.fill("#prior-query input, #prior-query textarea", "recipe for lemon drizzle cake")
    page.click("#prior-search")
    page.wait_for_function("document.querySelector('#prior-results').innerText.includes('No prior response matches closely')")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    context.close()


def test_staff_upload_a_question_set_run_it_and_download_the_report(staff_server, browser, tmp_path):
    url, _, _ = staff_server
    questions = tmp_path / "mini.jsonl"
    questions.write_text(json.dumps({"id": "m1", "question": "Is Staffordshire Police in special measures?",
                                     "answerable": True, "must_include": ["special measures"]}) + "\n")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url + "staff-login", wait_until="load")
    page.fill("#name", "alice")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("#log-table")
    page.get_by_role("tab", name="Evaluation").click()
    with page.expect_file_chooser() as chooser:
        page.click("#eval-upload")
    chooser.value.set_files(str(questions))
    page.wait_for_function("document.querySelector('#eval-chosen').innerText.includes('Chosen: mini.jsonl')")
    page.click("#eval-run")
    page.wait_for_function("document.querySelector('#eval-result').innerText.includes('Download')", timeout=60_000)
    result = page.inner_text("#eval-result")
    assert "All thresholds met" in result
    assert "Answered correctly with a supporting source" in result and "1 of 1 (100%)" in result  # in plain words
    link = page.locator("#eval-result a", has_text="Open the full report")
    assert link.get_attribute("target") == "_blank" and link.get_attribute("download") is None
    href = link.get_attribute("href")
    report = page.request.get(url.rstrip("/") + href)
    assert report.status == 200 and "Evaluation: mini.jsonl" in report.text()
    assert report.headers["content-disposition"].startswith("inline")  # opens in the browser
    assert "default-src 'none'" in report.headers["content-security-policy"]
    assert request(url.rstrip("/") + href)[0] == 401  # the same link without the login
    first_run = re.search(r"Run (\S+)", result)[1]
    page.wait_for_timeout(1100)  # run folders are named by the second they start
    page.click("#eval-run")  # a second run, to compare with the first
    page.wait_for_function(f"(t => t.includes('Open the full report') && !t.includes('{first_run}'))"
                           "(document.querySelector('#eval-result').innerText)", timeout=60_000)
    second_run = re.search(r"Run (\S+)", page.inner_text("#eval-result"))[1]
    page.reload()  # earlier runs are listed after a reload, the two newest ready to compare
    page.get_by_role("tab", name="Evaluation").click()
    page.wait_for_function("document.querySelector('#eval-second input') && document.querySelector('#eval-second input').value", timeout=30_000)
    assert page.locator("#eval-first input").input_value() == first_run
    assert page.locator("#eval-second input").input_value() == second_run
    page.click("#eval-compare")
    page.wait_for_function("document.querySelector('#eval-compared').innerText.includes('Questions answered worse')")
    assert "None: no question got worse." in page.inner_text("#eval-compared")
    page.click("#eval-show")
    page.wait_for_function("document.querySelector('#eval-result').innerText.includes('1 of 1 (100%)')")
    page.size_name = "desktop"
    shot(page, "staff-evaluation-compared")
    assert axe_serious(page) == [], "an evaluation run and a comparison"
    context.close()


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "375px"])
def test_staff_by_keyboard_alone_open_an_answer_review_it_and_export_with_no_serious_axe_findings(staff_server, browser, width):
    url, log, _ = staff_server
    question = f"Who chairs the panel? ({width})"
    answer_id = log.record({"question": question, "rewritten_question": question, "status": "unanswerable",
                            "answer": "The documents I have don't say.", "citations": [], "related": [], "index_version": "v1",
                            "latency_ms": 7}, "conv-keys")
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.size_name = "375px" if width == 375 else "desktop"
    page.goto(url + "staff-login", wait_until="load")
    assert axe_serious(page) == [], "the login page"
    page.keyboard.press("Tab")
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("#log-table")
    page.wait_for_function("document.querySelector('#log-message').innerText.includes('found')")
    shot(page, "staff-log")
    assert axe_serious(page) == [], "the answer log"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    tab_to(page, "document.activeElement.closest('#answer-id') !== null")
    page.keyboard.type(str(answer_id))
    page.keyboard.press("Tab")  # to "Open this answer"
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('#shown-answer').innerText.includes({question!r})")
    tab_to(page, "document.activeElement.closest('#verdict') !== null")
    page.keyboard.press("ArrowRight")  # correct → incorrect
    page.keyboard.press("Space")
    tab_to(page, "document.activeElement.closest('#review-note') !== null")
    page.keyboard.type("Needs the panel's terms of reference")
    tab_to(page, "document.activeElement.closest('#save-review') !== null || document.activeElement.id === 'save-review'")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('#review-message').innerText.includes('Review saved')")
    assert log.get(answer_id)["verdict"] in ("correct", "incorrect") and log.get(answer_id)["review_note"]
    shot(page, "staff-reviewed")
    assert axe_serious(page) == [], "an opened, reviewed answer"
    tab_to(page, "document.activeElement.matches('a[href^=\"/staff/export.csv\"]')", limit=120)
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert question in download.value.path().read_text(encoding="utf-8")
    for tab, button, done in (("Summary", "#show-summary", "Content gaps"), ("Prior responses", "#prior-search", "Answered by"),
                              ("Evaluation", None, None)):
        open_tab(page, tab)
        if button:
            page.click(button)
            page.wait_for_function(f"document.body.innerText.includes({done!r})")
        shot(page, f"staff-{tab.split()[0].lower()}")
        assert axe_serious(page) == [], tab
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, tab
    context.close()
