"""BEIR SciFact through the project's own ingest and retriever; prints nDCG@10 and Recall@100.

    .venv/bin/python benchmarks/scifact.py [--data ../shared/bench/scifact]

Each abstract becomes a corpus file (title, blank line, text) and goes through the real
ingest (sentence-aware chunks ≤ 200 word pieces). A document's score is its best chunk's.
The index is cached under benchmarks/.cache/ (incremental ingest makes reruns fast).
SciFact is CC BY-NC: evaluation only, never copied into corpus/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.ingest import ingest  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402

PUBLISHED = {"BM25 (Elasticsearch)": 0.665, "BM25 + MiniLM-L6 cross-encoder": 0.688, "all-MiniLM-L6-v2 dense": 0.645}


def ndcg_at_10(ranked: list[str], relevant: dict[str, int]) -> float:
    dcg = sum(relevant.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranked[:10]))
    ideal = sum(score / math.log2(rank + 2) for rank, score in enumerate(sorted(relevant.values(), reverse=True)[:10]))
    return dcg / ideal if ideal else 0.0


def recall_at_100(ranked: list[str], relevant: dict[str, int]) -> float:
    return len(set(ranked[:100]) & set(relevant)) / len(relevant)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "bench" / "scifact")
    args = parser.parse_args()
    if not (args.data / "corpus.jsonl.gz").exists():
        sys.exit(f"SciFact data not found at {args.data}: pass --data DIR (it needs corpus.jsonl.gz, queries_test.jsonl, qrels/test.tsv)")

    cache = ROOT / "benchmarks" / ".cache" / "scifact"
    corpus = cache / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.data / "corpus.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            path = corpus / f"{doc['_id']}.txt"
            content = f"{doc['title']}\n\n{doc['text']}\n"
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.write_text(content, encoding="utf-8")
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in (args.data / "qrels" / "test.tsv").read_text().splitlines()[1:]:
        query_id, doc_id, score = line.split("\t")
        qrels[query_id][doc_id] = int(score)
    queries = [json.loads(line) for line in (args.data / "queries_test.jsonl").read_text().splitlines()]
    queries = [q for q in queries if q["_id"] in qrels]

    settings = Settings(corpus_dir=corpus, index_dir=cache / "index", candidates=300)
    started = time.perf_counter()
    report = ingest(settings)
    print(f"ingest: {report.summary()} ({time.perf_counter() - started:.0f} s)")

    rows = []
    for name, overrides in [("dense (MiniLM, chunked)", {"dense_weight": 1.0}),
                            ("BM25 (bm25s, stemmed, chunked)", {"dense_weight": 0.0}),
                            ("hybrid: weighted 0.5 (default)", {}),
                            ("hybrid: RRF k=60", {"fusion": "rrf"})]:
        retriever = Retriever.from_settings(settings.model_copy(update=overrides))
        ndcg, recall = [], []
        for query in queries:
            ranked: list[str] = []
            for passage in retriever.search(query["text"], 300):
                doc_id = passage.source.removesuffix(".txt")
                if doc_id not in ranked:
                    ranked.append(doc_id)
            ndcg.append(ndcg_at_10(ranked, qrels[query["_id"]]))
            recall.append(recall_at_100(ranked, qrels[query["_id"]]))
        rows.append((name, sum(ndcg) / len(ndcg), sum(recall) / len(recall)))

    print(f"\nBEIR SciFact test, {len(queries)} queries")
    print(f"{'retriever':40} {'nDCG@10':>8} {'Recall@100':>11}")
    for name, ndcg, recall in rows:
        print(f"{name:40} {ndcg:8.3f} {recall:11.3f}")
    print("\npublished (nDCG@10):")
    for name, value in PUBLISHED.items():
        print(f"{name:40} {value:8.3f}")


if __name__ == "__main__":
    main()
