"""Latency of `answer()` with models loaded, over the team question set; prints p50/p95.

    .venv/bin/python benchmarks/answer_latency.py [--rounds 5] [--cold]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.engine import AnswerEngine  # noqa: E402
from assistant.evaluation.metrics import percentile  # noqa: E402
from assistant.evaluation.questions import load_question_set  # noqa: E402
from assistant.ingest import ingest  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="keep no question or sentence vectors between calls")
    args = parser.parse_args()
    if args.cold:
        import assistant.embedding

        assistant.embedding.QUERY_CACHE = assistant.embedding.PASSAGE_CACHE = 0
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(corpus_dir=ROOT / "corpus", index_dir=Path(tmp) / "index")
        ingest(settings, progress=False)
        engine = AnswerEngine(settings)
        questions = load_question_set(ROOT / "tests" / "questions.jsonl")
        engine.answer("warm-up question about the inspection")
        rounds = []
        for _ in range(args.rounds):
            latencies = []
            for q in questions:
                started = time.perf_counter()
                engine.answer(q["question"], q.get("history"))
                latencies.append((time.perf_counter() - started) * 1000)
            rounds.append(latencies)
    every = [latency for latencies in rounds for latency in latencies]
    mode = "no vectors kept between calls" if args.cold else "question and sentence vectors kept"
    print(f"mode: {mode}")
    print(f"first round ({len(rounds[0])} questions): p50 {statistics.median(rounds[0]):.1f} ms, "
          f"p95 {percentile(rounds[0], 0.95):.1f} ms, max {max(rounds[0]):.1f} ms")
    print(f"all {len(every)} calls ({len(questions)} questions x {args.rounds}): "
          f"p50 {statistics.median(every):.1f} ms, p95 {percentile(every, 0.95):.1f} ms, max {max(every):.1f} ms")


if __name__ == "__main__":
    main()
