"""The answer record every surface shows: status, text, citations; no pipeline here.

The engine that makes answers is ``assistant.engine``; this module is what the web page,
the answer log, evaluation and the pipeline's steps share.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Status:
    label: str  # what the public page shows above the answer
    message: str  # the messages.yaml key of the fixed reply for this status ("" when the documents answer)


# The one vocabulary of outcomes, read by the pipeline, the web page, the log and evaluation.
STATUS_TABLE = {
    "answered": Status("Answer from the documents", ""),
    "unanswerable": Status("Not found in the documents", "unanswerable"),
    "out_of_scope": Status("Outside what I can help with", "out_of_scope_reply"),
    "signposted": Status("If you need help now", "signposting"),
    "rejected": Status("Question not accepted", "rejected"),
    "error": Status("Something went wrong", "error"),
}
STATUSES = tuple(STATUS_TABLE)


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
    """An earlier turn: the question, and what the answer to it cited.

    ``passages`` are the cited passages as the JSON answer gives them (``source``, ``start``,
    ``end``, ``highlights``), so a follow-up ("who said that?") can be read against them.
    """

    question: str
    sources: list[str] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)

    @classmethod
    def coerce(cls, item: Any) -> "Turn":
        if isinstance(item, Turn):
            return item
        if isinstance(item, str):
            return cls(item)
        if isinstance(item, dict) and isinstance(item.get("question"), str):
            passages = []
            for cited in item.get("citations") or item.get("passages") or []:
                if isinstance(cited, dict) and isinstance(cited.get("source"), str) and isinstance(cited.get("start"), int):
                    highlights = [h for h in cited.get("highlights") or [] if isinstance(h, list) and len(h) == 2
                                  and all(isinstance(x, int) for x in h)]
                    passages.append({"source": cited["source"], "start": cited["start"],
                                     "end": cited.get("end", cited["start"]), "highlights": highlights})
            sources = [s for s in item.get("sources") or [] if isinstance(s, str)]
            return cls(item["question"], sources or list(dict.fromkeys(p["source"] for p in passages)), passages)
        raise ValueError("A history item must be a question string or {'question': ..., 'citations': [...]}, "
                         f"not {type(item).__name__}")


@dataclass
class Answer:
    question: str  # as stored and shown back: invisible characters removed, personal data masked
    rewritten_question: str
    status: str
    answer: str  # text with [n] markers
    route: str = ""  # which fixed reply fired, for staff: a routing name (greeting, complaint, …) or a signposting kind
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
