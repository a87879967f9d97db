"""Hybrid retrieval: dense (Chroma) + lexical (BM25), fused, optionally reranked."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from .embedding import Embedder, ModelUnavailable, model_path
from .index import Index
from .settings import Settings


@dataclass
class Passage:
    """A retrieved chunk with everything needed to cite and highlight it."""

    chunk_id: str
    text: str
    score: float  # fused (or reranker) score: higher is better
    dense: float  # cosine similarity to the question, -1..1
    lexical: float  # BM25 score, 0 when no query word matched
    source: str  # path relative to the corpus folder
    title: str
    kind: str
    publisher: str
    date: str  # the document's date
    section: str
    speaker: str
    role: str
    speaker_date: str  # when this speaker said it, where the document records it; else ""
    start: int
    end: int

    @property
    def said_on(self) -> str:
        """When its words were said or written: the speaker's date where the document records one, else its own."""
        return self.speaker_date or self.date

    def to_dict(self) -> dict:
        return asdict(self)


def _min_max(scores: dict[int, float]) -> dict[int, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    return {row: (s - low) / (high - low) if high > low else 1.0 for row, s in scores.items()}


class Reranker:
    """A cross-encoder that re-scores (question, passage) pairs."""

    def __init__(self, name: str):
        from sentence_transformers import CrossEncoder

        try:
            self.model = CrossEncoder(model_path(name), device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(f"Reranker model {name!r} cannot be loaded offline ({exc}); set ASSISTANT_RERANKER_MODEL to a local folder or leave it empty.") from None

    def scores(self, question: str, texts: list[str]) -> list[float]:
        return [float(s) for s in self.model.predict([(question, t) for t in texts], show_progress_bar=False)]


class Retriever:
    """Finds the passages that best match a question.

    >>> retriever = Retriever.from_settings(Settings())        # doctest: +SKIP
    >>> retriever.search("What did the inspector say?", k=3)    # doctest: +SKIP
    """

    def __init__(self, index: Index, embedder: Embedder, settings: Settings, reranker: Reranker | None = None):
        if embedder.identity != index.manifest["embedding_model"] or embedder.dimension != index.manifest["dimension"]:
            raise ValueError("The embedder does not match the index: re-ingest with `assistant ingest`.")
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.reranker = reranker

    @classmethod
    def from_settings(cls, settings: Settings) -> "Retriever":
        index = Index.open(settings.index_dir, settings.embedding_model, settings.chroma_url)
        reranker = Reranker(settings.reranker_model) if settings.reranker_model else None
        return cls(index, Embedder.load(settings.embedding_model), settings, reranker)

    def dense(self, question: str, n: int) -> dict[int, float]:
        from llama_index.core.vector_stores.types import VectorStoreQuery

        vector = self.embedder.embed_query(question).tolist()
        result = self.index.store.query(VectorStoreQuery(query_embedding=vector, similarity_top_k=min(n, len(self.index.chunks))))
        # Chroma keeps only ids, vectors and document ids (the rest is in the index files), so
        # ChromaVectorStore returns bare nodes: only the ids and similarities are used.
        # It reports exp(-distance); cosine distance is 1 - similarity.
        return {self.index.row_of[i]: 1.0 + math.log(s) for i, s in zip(result.ids, result.similarities) if i in self.index.row_of}

    def search(self, question: str, k: int | None = None) -> list[Passage]:
        """The top ``k`` passages for ``question``, best first."""
        k = k or self.settings.top_k
        if not self.index.chunks:
            return []
        n = max(self.settings.candidates, k)
        dense = self.dense(question, n)
        lexical = dict(self.index.lexical.search(question, n))
        fused = self.fuse(dense, lexical)
        ranked = sorted(fused, key=lambda row: -fused[row])[: n if self.reranker else k]
        passages = [self.passage(row, fused[row], dense, lexical) for row in ranked]
        if self.reranker:
            for passage, score in zip(passages, self.reranker.scores(question, [p.text for p in passages])):
                passage.score = score
            passages.sort(key=lambda p: -p.score)
        return passages[:k]

    def fuse(self, dense: dict[int, float], lexical: dict[int, float]) -> dict[int, float]:
        rows = set(dense) | set(lexical)
        if self.settings.fusion == "rrf":
            ranks = [{row: r for r, row in enumerate(sorted(s, key=lambda x: -s[x]), start=1)} for s in (dense, lexical)]
            return {row: sum(1.0 / (self.settings.rrf_k + rank[row]) for rank in ranks if row in rank) for row in rows}
        weight = self.settings.dense_weight
        d, l = _min_max(dense), _min_max(lexical)
        return {row: weight * d.get(row, 0.0) + (1 - weight) * l.get(row, 0.0) for row in rows}

    def neighbours(self, passage: Passage) -> list[Passage]:
        """The other chunks of the same section as ``passage`` (unscored), in document order."""
        document = self.index.documents[passage.source]
        section = document.section_at(passage.start)
        chunks = self.index.chunks
        return [self.passage(row, 0.0, {}, {}) for row in self.index.rows_of_document.get(passage.source, [])
                if chunks[row].id != passage.chunk_id and document.section_at(chunks[row].start) is section]

    def adjacent(self, passage: Passage) -> list[Passage]:
        """The chunks just before and after ``passage`` in its document (a quote often runs on past a chunk's end)."""
        rows = self.index.rows_of_document.get(passage.source, [])
        at = next((i for i, row in enumerate(rows) if self.index.chunks[row].id == passage.chunk_id), None)
        if at is None:
            return []
        return [self.passage(rows[i], passage.score * 0.9, {}, {}) for i in (at - 1, at + 1) if 0 <= i < len(rows)]

    def passages_at(self, source: str, start: int, end: int, score: float = 0.0) -> list[Passage]:
        """The chunks of document ``source`` that overlap ``[start, end)`` (an earlier answer's citation)."""
        chunks = self.index.chunks
        return [self.passage(row, score, {}, {}) for row in self.index.rows_of_document.get(source, [])
                if chunks[row].start < max(end, start + 1) and start < chunks[row].end]

    def section_passage(self, document_id: str, section) -> Passage:
        """A whole section of a document as one passage (for prior responses)."""
        document = self.index.documents[document_id]
        return Passage(
            chunk_id=f"{document_id}#{section.start}", text=document.text[section.start:section.end], score=0.0,
            dense=0.0, lexical=0.0, source=document.id, title=document.title, kind=document.kind,
            publisher=document.publisher, date=document.date, section=section.label, speaker=section.speaker,
            role=section.role, speaker_date=section.date, start=section.start, end=section.end,
        )

    def passage(self, row: int, score: float, dense: dict[int, float], lexical: dict[int, float]) -> Passage:
        chunk = self.index.chunks[row]
        document = self.index.documents[chunk.document_id]
        section = document.section_at(chunk.start)
        return Passage(
            chunk_id=chunk.id, text=document.text[chunk.start:chunk.end], score=round(score, 6),
            dense=round(dense.get(row, 0.0), 6), lexical=round(lexical.get(row, 0.0), 6),
            source=document.id, title=document.title, kind=document.kind, publisher=document.publisher,
            date=document.date, section=section.label, speaker=section.speaker, role=section.role,
            speaker_date=section.date, start=chunk.start, end=chunk.end,
        )
