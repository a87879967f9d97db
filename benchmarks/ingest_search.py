"""Ingest throughput and search latency on a synthetic corpus; prints the figures.

    .venv/bin/python benchmarks/ingest_search.py [--chunks 2000] [--queries 200]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.embedding import Embedder  # noqa: E402
from assistant.evaluation.metrics import percentile  # noqa: E402
from assistant.ingest import ingest  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from benchmarks.synthetic import questions, write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    try:
        documents = write_corpus(work / "corpus", args.chunks)
        settings = Settings(corpus_dir=work / "corpus", index_dir=work / "index")
        Embedder.load("")  # load the model outside the timing, as a running service has it
        started = time.perf_counter()
        report = ingest(settings, progress=True)
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        again = ingest(settings, progress=False)
        reingest_s = time.perf_counter() - started
        assert again.chunks_embedded == 0

        retriever = Retriever.from_settings(settings)
        asked = questions(args.queries)
        retriever.search(asked[0])  # warm-up
        latencies = []
        for question in asked:
            started = time.perf_counter()
            retriever.search(question)
            latencies.append((time.perf_counter() - started) * 1000)
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        print(f"documents: {documents}, chunks: {report.chunks_embedded}")
        print(f"ingest: {ingest_s:.1f} s, {report.chunks_embedded / ingest_s:.1f} chunks/s (model loaded beforehand)")
        print(f"re-ingest of the unchanged corpus: {reingest_s:.2f} s, 0 chunks embedded")
        print(f"search latency over {len(latencies)} queries: p50 {statistics.median(latencies):.1f} ms, "
              f"p95 {percentile(latencies, 0.95):.1f} ms")
        print(f"peak memory (max RSS): {peak_mib:.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
