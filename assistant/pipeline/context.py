"""The context the pipeline's steps share."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..answer import Answer, Citation, Turn
from ..retrieval import Passage


@dataclass
class Evidence:
    """A quotable unit (a sentence, or a run of 'Field: value' lines) from a passage."""

    passage: Passage
    start: int  # offsets in the document text
    end: int
    text: str
    score: float
    similarity: float  # cosine similarity to the question
    also_in: list[Passage] = field(default_factory=list)  # the same words in other passages
    features: dict = field(default_factory=dict)  # what the evidence model read (see compose.evidence_features)


@dataclass
class Context:
    raw_question: str
    history: list[Turn]  # as given until the input checks make each item a Turn (or refuse them)
    question: str = ""  # cleaned and masked: the only form stored or shown
    rewritten_question: str = ""
    follow_up: bool = False
    passages: list[Passage] = field(default_factory=list)
    carried: int = 0  # how many passages a follow-up carried over (the last answer's, a grade's grounds), beyond those retrieved
    candidates: list[Evidence] = field(default_factory=list)  # every unit the composer scored
    evidence: list[Evidence] = field(default_factory=list)  # the units chosen to quote
    answer_features: dict = field(default_factory=dict)  # what the answerability model read (see sufficiency)
    prior: tuple | None = None  # (PriorResponse, similarity) when an earlier official question matches
    answer: str = ""
    citations: list[Citation] = field(default_factory=list)
    related: list[Citation] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    status: str | None = None
    route: str = ""  # which fixed reply fired (routing name or signposting kind)
    latency_ms: float = 0.0

    def last_answer(self) -> Turn | None:
        """The latest earlier turn that cited passages: after "the documents don't say", a follow-up still leans on
        the last answer that quoted something."""
        return next((turn for turn in reversed(self.history) if turn.passages or turn.sources),
                    self.history[-1] if self.history else None)

    def stop(self, status: str, text: str, route: str = "") -> None:
        self.status, self.answer, self.route = status, text, route

    def to_answer(self) -> Answer:
        return Answer(
            question=self.question, rewritten_question=self.rewritten_question or self.question,
            status=self.status or "error", answer=self.answer, route=self.route, citations=self.citations,
            related=self.related, notices=self.notices, latency_ms=self.latency_ms,
            retrieved=[{"source": p.source, "start": p.start, "end": p.end, "score": round(p.score, 4)} for p in self.passages],
        )
