"""This project beside the plain LlamaIndex way, on the same synthetic documents and model.

    .venv/bin/python benchmarks/scale.py --chunks 1000 10000 [100000] [--no-cache] [--raw-sample 0]

For each size: ingest time and throughput (and as a fraction of raw
`SentenceTransformer.encode` on the same chunk texts), re-ingest of the unchanged corpus,
search and full-answer latency p50/p95 (models loaded), peak memory, index size on disk,
and each figure's ratio to the baseline (a `VectorStoreIndex` over `ChromaVectorStore`
with its default node parser and retriever). Each system, and raw encode (before and after
ours), runs in a process of its own, so peak memory is its own.

Search is timed on 200 different questions and answers on 100 others, each answer from
cold (no question or sentence vector kept from an earlier one). Chunk embeddings may be
cached on disk (benchmarks/.cache/embeddings, keyed by text) so that a 100k run is
practical: the cache serves ingest only, a cached run says so, and its ingest throughput
then measures the pipeline without the model (use --no-cache for the fraction of raw encode).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache" / "embeddings"
REINGEST_BASELINE_UP_TO = 5000  # baseline chunks; its re-ingest is a full ingest again


class EmbeddingCache:
    """Vectors by SHA-1 of the text, kept in one .npz per benchmark process run."""

    def __init__(self, folder: Path):
        import numpy as np

        self.np = np
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.vectors: dict[str, object] = {}
        for part in sorted(folder.glob("*.npz")):
            data = np.load(part)
            self.vectors.update(zip(data["keys"].tolist(), data["vectors"]))
        self.new: dict[str, object] = {}

    def encode(self, texts, compute):
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        missing = [i for i, k in enumerate(keys) if k not in self.vectors]
        if missing:
            fresh = compute([texts[i] for i in missing])
            for i, vector in zip(missing, fresh):
                self.vectors[keys[i]] = self.new[keys[i]] = self.np.asarray(vector, dtype="float32")
        return self.np.stack([self.vectors[k] for k in keys]) if keys else self.np.zeros((0, 384), dtype="float32")

    def save(self) -> None:
        if self.new:
            keys = list(self.new)
            self.np.savez(self.folder / f"{time.time_ns()}.npz", keys=self.np.array(keys), vectors=self.np.stack([self.new[k] for k in keys]))


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def timed(function, items):
    latencies = []
    for item in items:
        started = time.perf_counter()
        function(item)
        latencies.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(latencies), 1), round(percentile(latencies, 0.95), 1)


def timed_questions() -> list[str]:
    """300 different questions: the first 200 time search, the other 100 time answers."""
    from benchmarks.synthetic import questions

    return list(dict.fromkeys(questions(2000)))[:300]


def run_raw(corpus: Path, raw_sample: int) -> dict:
    """Plain ``SentenceTransformer.encode`` on exactly the texts ingest embeds (all of them, or
    an evenly spread sample), in a process of its own so that it adds nothing to ours' peak."""
    from assistant.chunking import chunk_documents, embedding_text
    from assistant.documents import read_corpus
    from assistant.embedding import Embedder
    from assistant.settings import Settings

    settings = Settings(corpus_dir=corpus)
    embedder = Embedder.load("")
    documents, _ = read_corpus(corpus, 50_000_000)
    texts = [embedding_text(d, c) for d, chunks in chunk_documents(documents, embedder.token_offsets, settings.chunk_max_tokens) for c in chunks]
    sample = texts[::max(1, len(texts) // raw_sample)][:raw_sample] if raw_sample else texts
    started = time.perf_counter()
    embedder.model.encode(sample, batch_size=settings.embedding_batch_size, normalize_embeddings=True)
    return {"raw_chunks_per_s": len(sample) / (time.perf_counter() - started), "raw_sampled": len(sample)}


def run_ours(corpus: Path, work: Path, use_cache: bool) -> dict:
    from assistant.engine import AnswerEngine
    from assistant.embedding import Embedder
    from assistant.ingest import ingest
    from assistant.settings import Settings

    settings = Settings(corpus_dir=corpus, index_dir=work / "index", data_dir=work / "data")
    embedder = Embedder.load("")
    cache = EmbeddingCache(CACHE) if use_cache else None
    if cache:  # for ingest only: answers below always run the model
        plain = embedder.encode
        embedder.encode = lambda texts, batch_size=32, progress=False: cache.encode(list(texts), lambda t: plain(t, batch_size))
    started = time.perf_counter()
    report = ingest(settings, progress=False)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest(settings, progress=False)
    reingest_s = time.perf_counter() - started
    assert again.chunks_embedded == 0
    if cache:
        del embedder.encode
        cache.save()

    engine = AnswerEngine(settings)
    asked = timed_questions()
    engine.answer("What did the inspectors find?")

    def cold_answer(question):  # no question or sentence vector kept from an earlier answer
        engine.retriever.embedder.forget()
        engine.answer(question)

    search = timed(engine.retriever.search, asked[:200])
    answer = timed(cold_answer, asked[200:])
    return {"chunks": report.chunks_total, "ingest_s": round(ingest_s, 1), "chunks_per_s": round(report.chunks_total / ingest_s, 1),
            "reingest_s": round(reingest_s, 2),
            "search_p50_ms": search[0], "search_p95_ms": search[1], "answer_p50_ms": answer[0], "answer_p95_ms": answer[1],
            "index_mb": round(disk_mb(work / "index"), 1)}


def run_baseline(corpus: Path, work: Path, use_cache: bool) -> dict:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.embedding import model_path

    cache = EmbeddingCache(CACHE) if use_cache else None

    class Embedding(HuggingFaceEmbedding):
        def _get_text_embeddings(self, texts):
            if cache is None:
                return super()._get_text_embeddings(texts)
            return cache.encode(list(texts), lambda t: super(Embedding, self)._get_text_embeddings(t)).tolist()

    LlamaSettings.llm = None
    LlamaSettings.embed_model = Embedding(model_name=model_path(""))

    def build():
        client = chromadb.PersistentClient(path=str(work / "chroma"), settings=ChromaSettings(anonymized_telemetry=False))
        store = ChromaVectorStore(chroma_collection=client.get_or_create_collection("baseline"))
        documents = SimpleDirectoryReader(str(corpus), required_exts=[".md"]).load_data()
        return VectorStoreIndex.from_documents(documents, storage_context=StorageContext.from_defaults(vector_store=store))

    started = time.perf_counter()
    index = build()
    ingest_s = time.perf_counter() - started
    chunks = index.vector_store._collection.count()
    reingest_s = None
    if chunks <= REINGEST_BASELINE_UP_TO:
        started = time.perf_counter()
        build()  # the plain way has no change detection: the same corpus is embedded and added again
        reingest_s = round(time.perf_counter() - started, 2)
    retriever = index.as_retriever()
    engine = index.as_query_engine()
    asked = timed_questions()
    engine.query("What did the inspectors find?")
    search = timed(retriever.retrieve, asked[:200])
    answer = timed(engine.query, asked[200:])
    if cache:
        cache.save()
    return {"chunks": chunks, "ingest_s": round(ingest_s, 1), "chunks_per_s": round(chunks / ingest_s, 1),
            "reingest_s": reingest_s, "search_p50_ms": search[0], "search_p95_ms": search[1],
            "answer_p50_ms": answer[0], "answer_p95_ms": answer[1], "index_mb": round(disk_mb(work / "chroma"), 1),
            "note": "re-ingest embeds and adds every chunk again (duplicates; timed only up to "
                    f"{REINGEST_BASELINE_UP_TO} chunks, above that it equals a full ingest); 'answer' is its query engine with no LLM"}


def child(system: str, corpus: str, work: str, use_cache: bool, raw_sample: int) -> None:
    if system == "raw":
        result = run_raw(Path(corpus), raw_sample)
    elif system == "ours":
        result = run_ours(Path(corpus), Path(work), use_cache)
    else:
        result = run_baseline(Path(corpus), Path(work), use_cache)
    result["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print("RESULT " + json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chunks", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--no-cache", action="store_true", help="always embed (no embedding cache)")
    parser.add_argument("--raw-sample", type=int, default=4000,
                        help="chunks timed with plain SentenceTransformer.encode (0: every chunk, as ingest does)")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child[0], args.child[1], args.child[2], not args.no_cache, args.raw_sample)
    from benchmarks.synthetic import write_corpus

    use_cache = not args.no_cache
    print(f"embedding cache: {'on (' + str(CACHE) + '): cached vectors are reused, so ingest throughput excludes the model for them (answers always run the model)' if use_cache else 'off'}")
    for size in args.chunks:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            documents = write_corpus(corpus, size)
            results, raw = {}, []
            # raw encode is timed before and after ours: this machine's speed drifts over minutes
            for system in ("raw", "ours", "raw", "baseline"):
                work = Path(tmp) / system
                work.mkdir(exist_ok=True)
                print(f"{size} chunks: running {system} ...", flush=True)
                output = subprocess.run([sys.executable, __file__, "--child", system, str(corpus), str(work)]
                                        + (["--no-cache"] if args.no_cache else []) + ["--raw-sample", str(args.raw_sample)],
                                        capture_output=True, text=True, cwd=ROOT, env=dict(os.environ))
                line = next((l for l in output.stdout.splitlines() if l.startswith("RESULT ")), None)
                if line is None:
                    sys.exit(f"{system} failed at {size} chunks:\n{output.stderr[-3000:]}")
                results[system] = json.loads(line[7:])
                if system == "raw":
                    raw.append(results[system])
        ours, base = results["ours"], results["baseline"]
        print(f"\n== {size} target chunks: {documents} documents; ours {ours['chunks']} chunks, baseline {base['chunks']} chunks")
        print(f"{'figure':28} {'ours':>10} {'baseline':>10} {'ours/baseline':>14}")
        for key in ("ingest_s", "chunks_per_s", "reingest_s", "search_p50_ms", "search_p95_ms", "answer_p50_ms",
                    "answer_p95_ms", "peak_mib", "index_mb"):
            ratio = ours[key] / base[key] if base.get(key) else float("nan")
            if base.get(key) is None:
                base[key] = "–"
            print(f"{key:28} {ours[key]:>10} {base[key]:>10} {ratio:>14.2f}")
        before, after = (r["raw_chunks_per_s"] for r in raw)
        print(f"raw SentenceTransformer.encode on {raw[0]['raw_sampled']:,} of {ours['chunks']:,} chunks: "
              f"{(before + after) / 2:.1f} chunks/s (mean of {before:.1f} before and {after:.1f} after ours); "
              f"our ingest is {ours['chunks_per_s'] / ((before + after) / 2):.0%} of it")
        print(f"baseline: {base['note']}")


if __name__ == "__main__":
    main()
