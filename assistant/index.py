"""The persisted index: versioned folders switched atomically by a pointer file.

Layout under the index folder::

    CURRENT          the name of the live version folder (replaced atomically)
    v000003-1a2b3c/  one complete version:
        manifest.json    model, dimension, chunker, and each document's content hash
        documents.jsonl  documents: text, metadata, sections
        chunks.jsonl     chunk rows: id, document, offsets (row i is BM25 document i)
        chroma/          Chroma PersistentClient (cosine space): chunk id, vector, document id;
                         queried through LlamaIndex's ChromaVectorStore
        bm25/            bm25s index
        sentences/       the vectors of every quotable sentence of the chunks (keys.npy: a hash of the
                         text; vectors.npy: float16), so that answering embeds only the question

An ingest builds a new version folder and only then replaces ``CURRENT``, so a reader
(or a crash at any moment) sees either the previous version or the complete new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .documents import Document, Section
from .embedding import model_identity
from .lexical import LexicalIndex

POINTER = "CURRENT"
COLLECTION = "chunks"


class IndexMissing(Exception):
    pass


class IndexModelMismatch(Exception):
    pass


@dataclass(frozen=True)
class ChunkRow:
    id: str
    document_id: str
    start: int
    end: int


def current_version(index_dir: Path) -> Path | None:
    pointer = index_dir / POINTER
    if not pointer.is_file():
        return None
    version = index_dir / pointer.read_text().strip()
    return version if (version / "manifest.json").is_file() else None


def read_manifest(version_dir: Path) -> dict:
    return json.loads((version_dir / "manifest.json").read_text())


class ChromaLocation:
    """Where a version's vectors live: an embedded Chroma in the version folder (default), or a
    collection named after the version on a Chroma server (``ASSISTANT_CHROMA_URL``)."""

    def __init__(self, url: str = ""):
        self.url = url.rstrip("/")

    def _client(self, version_dir: Path):
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        settings = ChromaSettings(anonymized_telemetry=False)
        if not self.url:
            return chromadb.PersistentClient(path=str(version_dir / "chroma"), settings=settings)
        parsed = urlparse(self.url)
        return chromadb.HttpClient(host=parsed.hostname or "127.0.0.1", port=parsed.port or 8000,
                                   ssl=parsed.scheme == "https", settings=settings)

    def name(self, version_dir: Path) -> str:
        return COLLECTION if not self.url else f"{COLLECTION}-{version_dir.name}"

    def open(self, version_dir: Path, create: bool = False):
        """(client, collection) for a version; a missing server collection is an IndexMissing."""
        client = self._client(version_dir)
        if create:
            return client, client.get_or_create_collection(self.name(version_dir), metadata={"hnsw:space": "cosine"},
                                                           embedding_function=None)
        try:
            return client, client.get_collection(self.name(version_dir), embedding_function=None)
        except Exception:  # chromadb raises NotFoundError or ValueError by version
            raise IndexMissing(f"The vectors of index {version_dir.name} are not in {self.url or version_dir / 'chroma'}: "
                               "run `assistant ingest` with the same ASSISTANT_CHROMA_URL.") from None

    def copy(self, previous: Path, version_dir: Path, batch: int) -> None:
        """Start a new version from the previous one's vectors."""
        if not self.url:
            shutil.copytree(previous / "chroma", version_dir / "chroma")
            return
        _, source = self.open(previous)
        _, target = self.open(version_dir, create=True)
        offset = 0
        while True:
            page = source.get(include=["embeddings", "metadatas"], limit=batch, offset=offset)
            if not page["ids"]:
                break
            target.add(ids=page["ids"], embeddings=page["embeddings"], metadatas=page["metadatas"])
            offset += len(page["ids"])

    def drop(self, version_dir: Path) -> None:
        """Remove a version's vectors (its folder is removed by the caller)."""
        if self.url:
            try:
                self._client(version_dir).delete_collection(self.name(version_dir))
            except Exception:  # already gone, or never created by a killed ingest
                pass


class SentenceVectors:
    """Vectors of texts embedded at ingest, found by a hash of the text (the same sentence in two
    chunks or two versions is one row). Anything not here is embedded when it is asked for."""

    FOLDER = "sentences"
    VERSION = 1  # in each index's manifest: an index from before (or another version) is rebuilt

    def __init__(self, keys, vectors):
        self.vectors = vectors
        self.row = {key: row for row, key in enumerate(keys.tolist())}

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()

    @classmethod
    def load(cls, version_dir: Path) -> "SentenceVectors":
        import numpy as np

        folder = version_dir / cls.FOLDER
        if not (folder / "vectors.npy").is_file():  # an index from before sentences were embedded ahead
            return cls(np.zeros(0, dtype="S16"), np.zeros((0, 0), dtype=np.float16))
        return cls(np.load(folder / "keys.npy"), np.load(folder / "vectors.npy", mmap_mode="r"))

    @classmethod
    def save(cls, version_dir: Path, keys: list[bytes], vectors) -> None:
        import numpy as np

        folder = version_dir / cls.FOLDER
        folder.mkdir()
        np.save(folder / "keys.npy", np.array(keys, dtype="S16"))
        np.save(folder / "vectors.npy", np.asarray(vectors, dtype=np.float16))

    def get(self, key: bytes):
        """The stored vector of the text whose ``key`` this is, or None."""
        row = self.row.get(key)
        return None if row is None else self.vectors[row]

    def embed(self, texts: list[str], embedder):
        """Vectors for ``texts`` (float32, normalised): stored ones where kept, the rest embedded now."""
        import numpy as np

        if not texts:
            return np.zeros((0, embedder.dimension), dtype=np.float32)
        found = [self.get(self.key(t)) for t in texts]
        missing = [t for t, v in zip(texts, found) if v is None]
        fresh = iter(embedder.embed_passages(missing)) if missing else iter(())
        rows = [np.asarray(v, dtype=np.float32) if v is not None else next(fresh) for v in found]
        stacked = np.stack(rows)
        return stacked / np.maximum(np.linalg.norm(stacked, axis=1, keepdims=True), 1e-12)


def vector_store(collection):
    from llama_index.vector_stores.chroma import ChromaVectorStore

    return ChromaVectorStore(chroma_collection=collection)


def write_json_lines(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_json_lines(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


class Index:
    """One opened version of the index: documents, chunk rows, the dense and lexical stores."""

    def __init__(self, version_dir: Path, manifest: dict):
        self.version_dir = version_dir
        self.manifest = manifest
        self.documents = {d["id"]: Document.from_dict(d) for d in read_json_lines(version_dir / "documents.jsonl")}
        self.chunks = [ChunkRow(**row) for row in read_json_lines(version_dir / "chunks.jsonl")]
        self.row_of = {chunk.id: row for row, chunk in enumerate(self.chunks)}
        self.rows_of_document: dict[str, list[int]] = {}
        for row, chunk in enumerate(self.chunks):
            self.rows_of_document.setdefault(chunk.document_id, []).append(row)
        self.lexical = LexicalIndex.load(version_dir / "bm25", len(self.chunks))
        self.sentences = SentenceVectors.load(version_dir)
        self._client, collection = ChromaLocation(manifest.get("chroma_url", "")).open(version_dir)
        self.store = vector_store(collection)

    @classmethod
    def open(cls, index_dir: Path, embedding_model: str, chroma_url: str = "") -> "Index":
        """Open the live version; it must have been built with ``embedding_model`` and ``chroma_url``."""
        version_dir = current_version(index_dir)
        if version_dir is None:
            raise IndexMissing(f"No index at {index_dir}: run `assistant ingest` first (or `make run`).")
        manifest = read_manifest(version_dir)
        if manifest.get("chroma_url", "") != chroma_url.rstrip("/"):
            raise IndexMissing(
                f"The index at {index_dir} keeps its vectors in {manifest.get('chroma_url') or 'an embedded Chroma'}, "
                f"not {chroma_url or 'an embedded Chroma'}: re-ingest with `assistant ingest`, or set ASSISTANT_CHROMA_URL back.")
        wanted = model_identity(embedding_model)
        if manifest["embedding_model"] != wanted:
            raise IndexModelMismatch(
                f"The index at {index_dir} was built with the embedding model {manifest['embedding_model']!r} "
                f"({manifest['dimension']} dimensions) but the configured model is {wanted!r}. Scores would be "
                "meaningless: re-ingest with `assistant ingest`, or set ASSISTANT_EMBEDDING_MODEL back."
            )
        return cls(version_dir, manifest)

    @property
    def version(self) -> str:
        return self.version_dir.name

    def section(self, chunk: ChunkRow) -> Section:
        return self.documents[chunk.document_id].section_at(chunk.start)
