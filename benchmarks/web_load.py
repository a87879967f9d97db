"""Simultaneous gradio_client users against the web app on loopback; prints latency and losses.

    .venv/bin/python benchmarks/web_load.py [--users 20] [--seconds 60]

Starts `app.py` on a free port over an index of corpus/ built in a temporary folder
(`benchmarks/app_server.py`), then
each user asks questions from the team set (each user a different one first) in a loop.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.evaluation.metrics import percentile  # noqa: E402
from assistant.evaluation.questions import load_question_set  # noqa: E402
from app_server import running_app  # noqa: E402  (benchmarks/, beside this script)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gradio_client import Client

    questions = [q["question"] for q in load_question_set(ROOT / "tests" / "questions.jsonl")]
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp)) as (url, _):
        latencies: list[float] = []
        failures: list[str] = []
        sent = [0]
        lock = threading.Lock()
        deadline = time.time() + args.seconds

        def user(number: int) -> None:
            client = Client(url, verbose=False)
            i = number
            while time.time() < deadline:
                question = questions[i % len(questions)]
                i += args.users
                started = time.perf_counter()
                with lock:
                    sent[0] += 1
                try:
                    answer = client.predict(question, api_name="/ask")
                    assert answer["status"] in ("answered", "unanswerable", "out_of_scope", "signposted", "rejected")
                    with lock:
                        latencies.append((time.perf_counter() - started) * 1000)
                except Exception as exc:  # a lost or failed request is what we are counting
                    with lock:
                        failures.append(f"{question[:40]}: {exc}")

        threads = [threading.Thread(target=user, args=(n,)) for n in range(args.users)]
        began = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.time() - began
    print(f"{args.users} users for {args.seconds:.0f} s (queue concurrency: ASSISTANT_WEB_CONCURRENCY, default 2)")
    print(f"requests sent {sent[0]}, answered {len(latencies)}, failed or lost {len(failures)}")
    if latencies:
        print(f"latency p50 {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms; "
              f"throughput {len(latencies) / elapsed:.1f} answers/s")
    for failure in failures[:5]:
        print("failure:", failure)


if __name__ == "__main__":
    main()
