"""Attack the web app and the ingest on loopback; prints what issue 13's targets are measured on.

    .venv/bin/python benchmarks/attack.py

Builds an index of corpus/ in a temporary folder, starts `app.py` on a free port (its log kept),
then sends the hostile inputs of tests/attacks.py, probes the closed routes and an oversized
body, measures GET / while hostile requests run, runs the personal data table, and ingests a
corpus of every kind of bad file. Prints: inputs tried, crashes (an error event, a 5xx, a
traceback in the server log), the slowest request, the server stall, PII leaks and false masks,
and whether any bad file aborted the ingest.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from assistant.answer import STATUSES  # noqa: E402
from assistant.redaction import mask_personal_data, strip_invisible  # noqa: E402
from app_server import running_app  # noqa: E402  (benchmarks/, beside this script)
from tests.attacks import CLOSED, ask_raw, bad_corpus, hostile_inputs, page_latency_during, status_of  # noqa: E402


def web(tmp: Path) -> dict:
    server_log = tmp / "server.log"
    with server_log.open("w") as log_file, running_app(tmp, log_file) as (base, port):
        ask_raw(base, "What did the inspectors find?", None)
        inputs = hostile_inputs()
        crashes, slowest = [], (0.0, "")
        for label, question, history in inputs:
            outcome = ask_raw(base, question, history)
            if outcome["http"] != 200 or outcome["event"] != "complete" or outcome["answer"]["status"] not in STATUSES:
                crashes.append(label)
            slowest = max(slowest, (outcome["seconds"], label))
        open_routes = []
        for method, path in CLOSED:
            status = status_of(base, method, path)
            if status != 404:
                open_routes.append(f"{method} /{path} → {status}")
        quiet = page_latency_during(base, lambda: time.sleep(1.0), rounds=10)

        def hostile():
            for question in ("a-" * 100_000, "0" * 200_000, "why " * 60_000, "4 " * 100_000):
                ask_raw(base, question, None)

        loud = page_latency_during(base, hostile, rounds=60)
        started = time.perf_counter()
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"POST /gradio_api/call/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 20000000\r\n\r\n")
            try:
                oversized = sock.recv(200).split(b"\r\n")[0].decode()
            except TimeoutError:
                oversized = "no answer in 10 s (the server waits for the whole body)"
        oversized_s = time.perf_counter() - started
    tracebacks = len(re.findall(r"^Traceback", server_log.read_text(errors="replace"), re.M))
    return {"inputs": len(inputs), "crashes": crashes, "slowest": slowest, "open_routes": open_routes, "quiet": quiet,
            "loud": loud, "oversized": (oversized, oversized_s), "tracebacks": tracebacks}


def personal_data() -> tuple[int, int, list[str], int, list[str]]:
    table = yaml.load((ROOT / "tests" / "sets" / "personal_data.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    masked = [(kind, value) for kind, values in table["mask"].items() for value in values]
    shown = {value: mask_personal_data(strip_invisible(f"Reply to {value} please."))[0] for _, value in masked}
    leaks = [f"{kind}: {value}" for kind, value in masked if "@" in shown[value] or any(ch.isdigit() for ch in shown[value])]
    false_masks = [text for text in table["keep"] if mask_personal_data(text)[1]]
    return len(masked), len(leaks), leaks, len(table["keep"]), false_masks


def bad_ingest(tmp: Path) -> tuple[int, str]:
    outside = tmp / "outside"
    outside.mkdir()
    corpus = tmp / "bad-corpus"
    expected = bad_corpus(corpus, outside)
    env = dict(os.environ, ASSISTANT_CORPUS_DIR=str(corpus), ASSISTANT_INDEX_DIR=str(tmp / "bad-index"))
    result = subprocess.run([sys.executable, "-m", "assistant", "ingest", "--quiet"], env=env, cwd=ROOT,
                            capture_output=True, text=True)
    return len(expected), (f"completed: {result.stdout.strip()}" if result.returncode == 0
                           else f"ABORTED (exit {result.returncode}): {result.stderr.strip()[-300:]}")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        result = web(tmp)
        bad_files, ingest_outcome = bad_ingest(tmp)
    tried, leaks, leaked, kept, false_masks = personal_data()
    print(f"inputs tried: {result['inputs']} hostile questions and histories, {len(CLOSED)} closed routes, 1 oversized body")
    print(f"crashes: {len(result['crashes'])} (error events or 5xx) {result['crashes'] or ''}; "
          f"tracebacks in the server log: {result['tracebacks']}")
    print(f"slowest request: {result['slowest'][0] * 1000:.0f} ms ({result['slowest'][1]})")
    print(f"server stall: slowest GET / {result['loud'] * 1000:.0f} ms during hostile requests, "
          f"{result['quiet'] * 1000:.0f} ms when quiet")
    print(f"oversized 20 MB body: {result['oversized'][0]} in {result['oversized'][1] * 1000:.0f} ms")
    print(f"routes that should be closed but answered: {len(result['open_routes'])} {result['open_routes'] or ''}")
    print(f"PII leaks: {leaks} of {tried} claimed formats {leaked or ''}")
    print(f"false masks: {len(false_masks)} of {kept} ordinary texts {false_masks or ''}")
    print(f"ingest over {bad_files} bad files and 1 good one: {ingest_outcome}")


if __name__ == "__main__":
    main()
