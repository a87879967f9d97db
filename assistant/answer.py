"""The answer every surface shows, and ``answer(question, history)`` that makes it.

>>> from assistant import answer                                        # doctest: +SKIP
>>> reply = answer("What did the inspector say?")                      # doctest: +SKIP
>>> reply.status, reply.citations[0].speaker                           # doctest: +SKIP
('answered', 'Wendy Williams, HM Inspector of Constabulary (HMICFRS)')
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

# The one vocabulary of outcomes, read by the pipeline, the web page, the log and evaluation.
STATUSES = ("answered", "unanswerable", "out_of_scope", "signposted", "rejected", "error")
RELOAD_CHECK_S = 2.0  # how often an engine looks for a newer index version


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
    """Models and index loaded once; ``answer`` runs the pipeline for one question.

    When an ingest (from this or another machine) makes a new index version live, the
    engine switches to it before its next answer; the model stays loaded.
    """

    def __init__(self, settings=None, retriever=None):
        from .settings import get_settings

        self.settings = settings or get_settings()
        self._lock = threading.Lock()
        self._checked = 0.0
        self._load(retriever)

    def _load(self, retriever=None) -> None:
        from .pipeline import build_pipeline
        from .prior_responses import PriorResponses, find_prior_responses
        from .retrieval import Retriever

        retriever = retriever or Retriever.from_settings(self.settings)
        index = retriever.index
        prior = PriorResponses(find_prior_responses(index.documents.values()), retriever.embedder, index.lexical)
        self.retriever, self.prior_responses = retriever, prior
        self.pipeline = build_pipeline(self.settings, retriever, prior)

    def _follow_the_live_index(self) -> None:
        from .index import current_version

        if time.monotonic() - self._checked < RELOAD_CHECK_S:
            return
        self._checked = time.monotonic()
        live = current_version(self.retriever.index.version_dir.parent)
        if live is not None and live != self.retriever.index.version_dir:
            with self._lock:
                if live != self.retriever.index.version_dir:
                    self._load()

    def answer(self, question: str, history: list | None = None, id: Any = None) -> Answer:
        self._follow_the_live_index()
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
