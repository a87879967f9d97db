"""Incremental, crash-safe ingest: corpus files → chunks → embeddings → a new index version.

Unchanged documents (same content hash, same model and chunker) are never re-embedded;
an unchanged corpus writes nothing at all. Changed and removed documents lose their old
chunks. The new version is complete on disk before ``CURRENT`` points at it. Embeddings are
kept on disk block by block as they are made, so an ingest killed part-way resumes where it stopped.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .chunking import CHUNKER_VERSION, chunk_documents, embedding_text
from .documents import READER_VERSION, Document, Skipped, read_corpus
from .embedding import Embedder, model_identity, parallel_tokenizer
from .index import (
    POINTER,
    ChromaLocation,
    ChunkRow,
    SentenceVectors,
    current_version,
    read_json_lines,
    read_manifest,
    write_json_lines,
)
from .lexical import LexicalIndex
from .settings import Settings

_VERSION_NAME = re.compile(r"^v(\d{6})-[0-9a-f]{6}$")
CACHE_DIR = "embedding-cache"  # in the index folder: blocks of embeddings an unfinished ingest completed
BLOCK_BATCHES = 16  # batches per block kept on disk: a kill loses at most one block's work


class IngestFailed(Exception):
    pass


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks_total: int = 0
    chunks_embedded: int = 0
    version: str = ""

    @property
    def wrote(self) -> bool:
        return bool(self.chunks_embedded or self.changed or self.removed or self.added)

    def summary(self) -> str:
        documents = len(self.added) + len(self.changed) + len(self.unchanged)
        head = (
            f"Ingested {documents} documents ({len(self.added)} new, {len(self.changed)} changed, "
            f"{len(self.removed)} removed, {len(self.unchanged)} unchanged); embedded {self.chunks_embedded} chunks"
            if self.wrote else f"Index is up to date: {documents} documents; nothing to embed"
        )
        return f"{head}; {self.chunks_total} chunks in index {self.version}; skipped {len(self.skipped)} files."


def _signature(settings: Settings) -> dict:
    return {
        "chroma_url": settings.chroma_url.rstrip("/"),
        "embedding_model": model_identity(settings.embedding_model),
        "chunk_max_tokens": settings.chunk_max_tokens,
        "chunker": CHUNKER_VERSION,
        "reader": READER_VERSION,
        "sentences": SentenceVectors.VERSION,
    }


def _chunk_id(document: Document, index: int) -> str:
    """Unique per document path and content, so a changed document never reuses an id."""
    return hashlib.sha256(f"{document.id}\0{document.content_hash}".encode()).hexdigest()[:24] + f":{index}"


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _lock(index_dir: Path):
    handle = open(index_dir / ".ingest.lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise IngestFailed(f"Another ingest is running on {index_dir}; wait for it to finish.") from None
    return handle


def ingest(settings: Settings, strict: bool = False, progress: bool = True, log=None) -> IngestReport:
    """Bring the index at ``settings.index_dir`` in step with ``settings.corpus_dir``."""
    log = log or (lambda message: print(message, file=sys.stderr))
    index_dir = settings.index_dir
    index_dir.mkdir(parents=True, exist_ok=True)
    documents, skipped = read_corpus(settings.corpus_dir, int(settings.max_file_mb * 1_000_000))
    for skip in skipped:
        log(f"warning: skipped {skip.path}: {skip.reason}")
    if strict and skipped:
        raise IngestFailed(f"--strict: {len(skipped)} file(s) could not be ingested; the index was not changed.")

    lock = _lock(index_dir)
    try:
        previous = current_version(index_dir)
        old_manifest = read_manifest(previous) if previous else None
        signature = _signature(settings)
        rebuild = old_manifest is None or any(old_manifest.get(k) != v for k, v in signature.items())
        if old_manifest and rebuild:
            changed = ", ".join(f"{k} {old_manifest.get(k)!r} → {v!r}" for k, v in signature.items() if old_manifest.get(k) != v)
            log(f"The embedding model, chunking, document reading or vector store changed ({changed}): "
                "re-embedding every document.")
        old_hashes = {} if rebuild else old_manifest["documents"]
        current = {d.id: d for d in documents}
        report = IngestReport(skipped=skipped)
        for doc_id, document in sorted(current.items()):
            if doc_id not in old_hashes:
                report.added.append(doc_id)
            elif old_hashes[doc_id] != document.content_hash:
                report.changed.append(doc_id)
            else:
                report.unchanged.append(doc_id)
        report.removed = sorted(set(old_hashes) - set(current))
        if not rebuild and not (report.added or report.changed or report.removed):
            report.version = previous.name
            report.chunks_total = old_manifest["chunks"]
            return report
        _build_version(settings, index_dir, previous, old_manifest, rebuild, current, signature, report, progress, log)
        return report
    finally:
        lock.close()


def _build_version(settings, index_dir, previous, old_manifest, rebuild, current, signature, report, progress, log) -> None:
    embedder = Embedder.load(settings.embedding_model)
    fresh = [current[d] for d in report.added + report.changed]
    new_rows: list[ChunkRow] = []
    with parallel_tokenizer():  # nothing else runs while chunking: let it use every core
        for document, chunks in chunk_documents(fresh, embedder.token_offsets, settings.chunk_max_tokens):
            new_rows += [ChunkRow(_chunk_id(document, c.index), document.id, c.start, c.end) for c in chunks]
    texts = [embedding_text(current[r.document_id], r) for r in new_rows]
    cache = EmbeddingCache(index_dir / CACHE_DIR, embedder.identity)
    vectors = _embed(embedder, texts, settings.embedding_batch_size, progress, cache, log)

    number = int(_VERSION_NAME.match(previous.name)[1]) + 1 if previous and _VERSION_NAME.match(previous.name) else 1
    version_dir = index_dir / f"v{number:06d}-{secrets.token_hex(3)}"
    version_dir.mkdir()
    location = ChromaLocation(settings.chroma_url)
    unchanged = set(report.unchanged)
    kept = [] if rebuild else [ChunkRow(**r) for r in read_json_lines(previous / "chunks.jsonl") if r["document_id"] in unchanged]
    rows = sorted(kept + new_rows, key=lambda r: (r.document_id, r.start))
    _embed_sentences(embedder, settings, current, rows, None if rebuild else previous, version_dir, progress,
                     EmbeddingCache(cache.folder / "sentences", embedder.identity), log)
    collection, batch = _open_vectors(location, previous, version_dir, rebuild, report.changed + report.removed)
    # Chroma's writes run on one core and let go of the GIL: a writer thread takes them while
    # this thread builds the BM25 index and the JSON files.
    with ThreadPoolExecutor(1, thread_name_prefix="chroma-writer") as writer:
        written = [writer.submit(_add_vectors, collection, new_rows[i:i + batch], vectors[i:i + batch])
                   for i in range(0, len(new_rows), batch)]
        LexicalIndex.build([embedding_text(current[r.document_id], r) for r in rows]).save(version_dir / "bm25")
        write_json_lines(version_dir / "documents.jsonl", (current[d].to_dict() for d in sorted(current)))
        write_json_lines(version_dir / "chunks.jsonl", (r.__dict__ for r in rows))
        for batch_written in written:
            batch_written.result()
    manifest = dict(signature, dimension=embedder.dimension, chunks=len(rows),
                    created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    documents={d: current[d].content_hash for d in sorted(current)})
    (version_dir / "manifest.json").write_text(json.dumps(manifest, indent=1))
    del collection
    for path in [version_dir, version_dir / "chroma", version_dir / "bm25", version_dir / SentenceVectors.FOLDER]:
        if path.exists():  # no chroma/ folder when the vectors are on a Chroma server
            _fsync_dir(path)

    pointer_tmp = index_dir / (POINTER + ".tmp")
    with pointer_tmp.open("w") as handle:
        handle.write(version_dir.name)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer_tmp, index_dir / POINTER)
    _fsync_dir(index_dir)

    report.version = version_dir.name
    report.chunks_total = len(rows)
    report.chunks_embedded = len(new_rows)
    cache.clear()  # the vectors are in the index now
    # Keep the live and the previous version (a reader may still hold it); drop the rest,
    # including any folder a killed ingest left half-written.
    for path in index_dir.iterdir():
        if path.is_dir() and _VERSION_NAME.match(path.name) and path not in (version_dir, previous):
            location.drop(path)
            shutil.rmtree(path, ignore_errors=True)


def _open_vectors(location: ChromaLocation, previous: Path | None, version_dir: Path, rebuild: bool, gone: list[str]):
    """The new version's vector store, started from the previous one's minus ``gone`` documents."""
    if previous and not rebuild:
        location.copy(previous, version_dir, batch=1000)
    client, collection = location.open(version_dir, create=True)
    for i in range(0, len(gone), 100):
        collection.delete(where={"document_id": {"$in": gone[i:i + 100]}})
    return collection, client.get_max_batch_size()


def _add_vectors(collection, rows: list[ChunkRow], vectors) -> None:
    """Store ``rows``' vectors in Chroma under their chunk ids, with the document id (for
    deletes) as the only metadata. Everything a citation needs (text, title, kind, date,
    speaker, offsets) is kept once, in chunks.jsonl and documents.jsonl. Written straight to
    the collection, not through LlamaIndex's ``ChromaVectorStore.add``, which stores each node
    again as a JSON string plus a dozen metadata fields, each a row in Chroma's SQLite: at
    30,000 chunks that took 28 s of writes against 12 s, and made every query 5 ms slower."""
    collection.add(ids=[r.id for r in rows], embeddings=vectors,
                   metadatas=[{"document_id": r.document_id} for r in rows])


class EmbeddingCache:
    """Blocks of embeddings already computed by an ingest that did not finish, so the next one resumes.

    Each block is one ``.npz`` file (the texts' hashes and their vectors), written whole and then
    renamed into place, so a kill leaves only complete blocks. The model's identity is part of each
    hash: another model never reuses them. An ingest that completes removes the folder.
    """

    def __init__(self, folder: Path, model: str):
        self.folder, self.model = folder, model

    def key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model}\0{text}".encode()).hexdigest()

    def load(self) -> dict:
        import numpy as np

        found = {}
        for path in sorted(self.folder.glob("*.npz")) if self.folder.is_dir() else []:
            if path.name.endswith(".partial.npz"):  # a kill while it was being written
                path.unlink(missing_ok=True)
                continue
            try:
                with np.load(path) as block:
                    found.update(zip(block["keys"].tolist(), block["vectors"]))
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):  # a damaged block is embedded again
                path.unlink(missing_ok=True)
        return found

    def save(self, keys: list[str], vectors) -> None:
        import numpy as np

        self.folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256("".join(keys).encode()).hexdigest()[:16]
        partial = self.folder / f"{name}.partial.npz"
        np.savez(partial, keys=np.array(keys), vectors=vectors)
        os.replace(partial, self.folder / f"{name}.npz")

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _embed_sentences(embedder, settings, current, rows, previous, version_dir, progress, cache, log) -> None:
    """Every quotable sentence of the index, embedded once (those of the previous version are reused)."""
    import numpy as np

    from .pipeline.evidence import quotable_texts

    texts = list(dict.fromkeys(t for r in rows for document in [current[r.document_id]]
                               for t in quotable_texts(document.text[r.start:r.end], document.title)))
    keys = [SentenceVectors.key(t) for t in texts]
    known = SentenceVectors.load(previous) if previous else None  # None after a change of model: all is rebuilt
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float16)
    todo = []
    for i, key in enumerate(keys):
        vector = known.get(key) if known else None
        if vector is None:
            todo.append(i)
        else:
            vectors[i] = vector
    if todo:
        vectors[todo] = _embed(embedder, [texts[i] for i in todo], settings.embedding_batch_size, progress, cache, log,
                               "sentences")
    SentenceVectors.save(version_dir, keys, vectors)


def _embed(embedder: Embedder, texts: list[str], batch_size: int, progress: bool, cache: EmbeddingCache, log,
           what: str = "chunks"):
    import numpy as np
    from tqdm import tqdm

    keys = [cache.key(t) for t in texts]
    saved = cache.load()
    vectors = np.zeros((len(texts), embedder.dimension), dtype="float32")
    todo = []
    for i, key in enumerate(keys):
        if key in saved:
            vectors[i] = saved[key]
        else:
            todo.append(i)
    if len(todo) < len(texts):
        log(f"Resuming: {len(texts) - len(todo)} of {len(texts)} {what} were embedded by an ingest that did not finish.")
    # Blocks of texts of about the same length, so that batches carry little padding (as
    # one encode() of everything would: ~5% faster than blocks in corpus order). Each block is
    # kept on disk as soon as it is done.
    order = sorted(todo, key=lambda i: len(texts[i]))
    block = batch_size * BLOCK_BATCHES
    with tqdm(total=len(texts), initial=len(texts) - len(todo), desc=f"Embedding {what}", unit=what[:-1], file=sys.stderr,
              disable=not progress) as bar:
        for i in range(0, len(order), block):
            rows = order[i:i + block]
            vectors[rows] = embedder.encode([texts[r] for r in rows], batch_size)
            cache.save([keys[r] for r in rows], vectors[rows])
            bar.update(len(rows))
    return vectors
