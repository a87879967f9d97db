"""The answer every surface shows, and ``answer(question, history)`` that makes it.

>>> from assistant import answer                                        # doctest: +SKIP
>>> reply = answer("What did the inspector say?")                      # doctest: +SKIP
>>> reply.status, reply.citations[0].speaker                           # doctest: +SKIP
('answered', 'Wendy Williams, HM Inspector of Constabulary (HMICFRS)')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

# The one vocabulary of outcomes, read by the pipeline, the web page, the log and evaluation.
STATUSES = ("answered", "unanswerable", "out_of_scope", "signposted", "rejected", "error")


@dataclass
class Citation:
    n: int
    text: str  # the cited passage
    source: str
    title: str
    kind: str
    date: str  # the document's date
    speaker: str
    role: str
    speaker_date: str  # when the speaker said it, where the document records it
    start: int  # the passage's character offsets in the document text
    end: int
    score: float
    highlights: list[list[int]] = field(default_factory=list)  # offsets of the quoted sentences


@dataclass
class Turn:
    """An earlier user turn: the question, and the sources the answer to it cited."""

    question: str
    sources: list[str] = field(default_factory=list)

    @classmethod
    def coerce(cls, item: Any) -> "Turn":
        if isinstance(item, Turn):
            return item
        if isinstance(item, str):
            return cls(item)
        if isinstance(item, dict) and isinstance(item.get("question"), str):
            return cls(item["question"], [str(s) for s in item.get("sources") or []])
        raise ValueError(f"A history item must be a question string or {{'question': ..., 'sources': [...]}}, not {item!r}")


@dataclass
class Answer:
    question: str  # as stored and shown back: invisible characters removed, personal data masked
    rewritten_question: str
    status: str
    answer: str  # text with [n] markers
    citations: list[Citation] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)  # further reading when not answered
    retrieved: list[dict] = field(default_factory=list)  # every passage retrieved, best first: source, start, end, score
    notices: list[str] = field(default_factory=list)
    latency_ms: float = 0.0
    index_version: str = ""
    id: Any = None

    def to_dict(self) -> dict:
        data = asdict(self)
        return {"id": data.pop("id"), **data}


class AnswerEngine:
    """Models and index loaded once; ``answer`` runs the pipeline for one question."""

    def __init__(self, settings=None, retriever=None):
        from .pipeline import build_pipeline
        from .prior_responses import PriorResponses, find_prior_responses
        from .retrieval import Retriever
        from .settings import get_settings

        self.settings = settings or get_settings()
        self.retriever = retriever or Retriever.from_settings(self.settings)
        index = self.retriever.index
        self.prior_responses = PriorResponses(find_prior_responses(index.documents.values()), self.retriever.embedder, index.lexical)
        self.pipeline = build_pipeline(self.settings, self.retriever, self.prior_responses)

    def answer(self, question: str, history: list | None = None, id: Any = None) -> Answer:
        result = self.pipeline.run(question, [Turn.coerce(t) for t in history or []])
        result.id = id
        result.index_version = self.retriever.index.version
        return result


@lru_cache(maxsize=1)
def default_engine() -> AnswerEngine:
    return AnswerEngine()


def answer(question: str, history: list | None = None) -> Answer:
    """Answer ``question`` from the configured index; ``history`` is the earlier user turns."""
    return default_engine().answer(question, history)
