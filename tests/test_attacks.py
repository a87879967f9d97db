"""The server under attack, on loopback: hostile questions and histories, oversized and stalling
requests, closed routes, other origins, and a staff upload fetched from the public side.

Bounded and fast: one server, ~80 hostile inputs. ``benchmarks/attack.py`` runs the same inputs
and prints the figures. Ingest attacks (bad metadata, alias and zip bombs, links, pipes, odd
names, a kill while embedding) are in test_documents.py and test_ingest.py; the login throttle
under parallel guesses in test_answer_log.py; the personal data table in test_redaction.py.
"""

from __future__ import annotations

import http.cookiejar
import json
import socket
import time
import urllib.parse
import urllib.request

import pytest

from assistant.answer import STATUSES
from assistant.ingest import ingest
from assistant.messages import load_messages

from .attacks import CLOSED, LIMIT, ask_raw, bad_corpus, get, hostile_inputs, page_latency_during, post, status_of
from .conftest import STAFF_PASSWORD, make_settings

MESSAGES = load_messages()


@pytest.fixture(scope="module")
def target(staff_server):
    return staff_server


def staff_opener(base: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "staff-login", urllib.parse.urlencode({"name": "alice", "password": STAFF_PASSWORD}).encode())
    return opener


def test_hostile_questions_and_histories_get_an_answer_or_a_clear_refusal_fast_and_never_a_traceback(target, capfd):
    base, log, _ = target
    ask_raw(base, "What did the inspectors find?", None)  # warm
    slow, broken = [], []
    for label, question, history in hostile_inputs():
        outcome = ask_raw(base, question, history)
        if outcome["http"] != 200 or outcome["event"] != "complete" or outcome["answer"]["status"] not in STATUSES:
            broken.append((label, outcome))
        elif outcome["seconds"] > 2.0:
            slow.append((label, round(outcome["seconds"], 2)))
        else:
            answer = outcome["answer"]
            assert len(answer["question"]) <= LIMIT, label  # never more than the limit's worth kept or shown
            assert "<script" not in answer["answer"] and "Traceback" not in answer["answer"], label
    assert not broken, broken
    assert not slow, slow
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception" not in err, err[-3000:]
    stored = log.recent(limit=1000)
    assert max(len(r["question"]) for r in stored) <= LIMIT  # a 100 KB question is stored as 1,000 characters at most


@pytest.mark.parametrize("history", [5, 1.5, True, "What did the inspectors find?", {"question": "x"}, [1, 2], [None]],
                         ids=["int", "float", "bool", "string", "dict", "list-of-ints", "list-of-null"])
def test_a_history_of_the_wrong_shape_is_refused_with_a_message(target, history):
    answer = ask_raw(target[0], "and then?", history)["answer"]
    assert answer["status"] == "rejected" and answer["answer"] == MESSAGES["rejected"]["bad_history"]


def test_a_question_that_is_not_text_is_refused_with_a_message(target):
    for question in (12345, ["what"], {"question": "what"}, True):
        answer = ask_raw(target[0], question, None)["answer"]
        assert answer["status"] == "rejected" and answer["answer"] == MESSAGES["rejected"]["not_text"]


def test_a_hostile_request_does_not_stall_the_page_for_anyone_else(target):
    base = target[0]
    quiet = page_latency_during(base, lambda: time.sleep(1.0), rounds=10)

    def hostile():
        for question in ("a-" * 100_000, "0" * 200_000, "why " * 60_000):
            ask_raw(base, question, None)

    loud = page_latency_during(base, hostile, rounds=40)
    assert loud < max(0.5, quiet * 5), (quiet, loud)


def _send_body(port: int, head: bytes, chunks) -> bytes:
    """Send a request head then body parts until the server answers; the start of its reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head)
        try:
            for chunk in chunks:
                sock.sendall(chunk)
        except OSError:
            pass  # the server answered and closed before the rest was sent
        return sock.recv(4096)


def test_an_oversized_body_is_refused_before_it_is_read_and_nothing_is_stored(target):
    base, log, settings = target
    before = len(log.recent(limit=100_000))
    started = time.perf_counter()
    head = b"POST /gradio_api/call/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    # a declared 20 MB: refused on the header, before a byte of the body is read
    reply = _send_body(settings.port, head + b"Content-Length: 20000000\r\n\r\n", [b'{"data": ["'])
    assert reply.startswith(b"HTTP/1.1 413") and b"larger than 262,144 bytes" in reply, reply[:300]
    # no length declared: counted as it arrives and cut off at the limit
    chunk = b"x" * 65_536
    reply = _send_body(settings.port, head + b"Transfer-Encoding: chunked\r\n\r\n",
                       (f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" for _ in range(settings.max_request_kb // 64 + 2)))
    assert reply.startswith(b"HTTP/1.1 413"), reply[:300]
    assert time.perf_counter() - started < 5
    assert len(log.recent(limit=100_000)) == before


@pytest.mark.parametrize("method, path", CLOSED)
def test_routes_the_public_page_does_not_use_are_closed(target, method, path):
    status = status_of(target[0], method, path)
    assert status == 404, (method, path, status)


def test_calls_must_name_one_of_the_page_events_and_send_all_its_values(target):
    base = target[0]
    for fn_index in (999, -1, "0", None, True):
        status, body = post(base + "gradio_api/queue/join",
                            json.dumps({"data": ["x"], "fn_index": fn_index, "session_hash": "attack"}).encode())
        assert status == 404 and b"No such event" in body, (fn_index, status, body)
    status, body = post(base + "gradio_api/queue/join", b"[not json")
    assert status == 422, body  # Gradio's own answer to a body it cannot read: not a 500
    status, body = post(base + "gradio_api/call/ask", b'{"data": ["only the question"]}')
    assert status == 422 and b"takes 2 input values" in body  # Gradio would log a traceback and answer 500


def test_a_staff_upload_cannot_be_fetched_from_the_public_side(target, tmp_path):
    base = target[0]
    opener = staff_opener(base)
    boundary = "attackboundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"set.jsonl\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n{{\"question\": \"secret staff question\"}}\r\n--{boundary}--\r\n").encode()
    request = urllib.request.Request(base + "staff/gradio_api/upload", data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    uploaded = json.loads(opener.open(request, timeout=10).read())[0]
    assert opener.open(base + f"staff/gradio_api/file={uploaded}", timeout=10).read().startswith(b'{"question"')
    for path in (f"gradio_api/file={uploaded}", f"gradio_api/file/{uploaded.lstrip('/')}"):
        status, body, _ = get(base + path)
        assert status == 404 and b"secret" not in body, path
    assert get(base + f"staff/gradio_api/file={uploaded}")[0] == 401  # the staff route without the login


def test_staff_routes_refuse_pages_on_other_ports_and_nothing_is_readable_cross_origin(target):
    base, _, settings = target
    opener = staff_opener(base)
    same = urllib.request.Request(base + "staff/config", headers={"Origin": f"http://127.0.0.1:{settings.port}"})
    assert opener.open(same, timeout=10).status == 200
    for origin in (f"http://127.0.0.1:{settings.port + 1}", "http://localhost:1", "null", "https://evil.example"):
        other = urllib.request.Request(base + "staff/config", headers={"Origin": origin})
        with pytest.raises(urllib.error.HTTPError) as refused:
            opener.open(other, timeout=10)
        assert refused.value.code == 403, origin
    status, _, headers = get(base + "config", headers={"Origin": f"http://localhost:{settings.port + 1}"})
    assert status == 200 and "access-control-allow-origin" not in {k.lower() for k in headers}


def test_one_ingest_over_every_kind_of_bad_file_keeps_the_good_one_and_names_each_bad_one(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    settings = make_settings(tmp_path, max_file_mb=50)
    expected = bad_corpus(settings.corpus_dir, outside)
    report = ingest(settings, progress=False, log=lambda message: None)
    assert report.added == ["good.txt"]
    assert sorted(s.path for s in report.skipped) == expected
    assert all(s.reason for s in report.skipped)


def test_feedback_takes_only_its_own_shape_and_only_for_an_answer_of_the_same_conversation(target):
    base, log, _ = target
    answer_id = log.record({"question": "q", "rewritten_question": "q", "status": "answered", "answer": "a", "citations": [],
                            "related": [], "index_version": "v1", "latency_ms": 1}, "c" * 32)
    good = {"answer": answer_id, "conversation": "c" * 32, "feedback": "helpful", "note": ""}
    for body in (b"not json", b"[]", b"null", json.dumps(dict(good, answer=True)).encode(), json.dumps(dict(good, answer=10**30)).encode(),
                 json.dumps(dict(good, answer=str(answer_id))).encode(), json.dumps(dict(good, feedback="<script>")).encode(),
                 json.dumps(dict(good, note=5)).encode(), json.dumps(dict(good, conversation=None)).encode()):
        status, reply = post(base + "feedback", body)
        assert status == 422 and b"feedback" in reply, (body, status, reply)
    assert post(base + "feedback", json.dumps(dict(good, conversation="d" * 32)).encode())[0] == 404
    assert post(base + "feedback", json.dumps(dict(good, note="x" * 300_000)).encode())[0] == 413
    assert log.get(answer_id)["feedback"] is None
    assert post(base + "feedback", json.dumps(good).encode())[0] == 200 and log.get(answer_id)["feedback"] == "helpful"
