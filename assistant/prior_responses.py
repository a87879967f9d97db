"""Prior responses: official question-and-response records found in the corpus.

A record is a member of the public's question section followed by the Commissioner's
office's response section in the same document, in a document whose kind is a question
and response (the panel's public-question sheets). Its structure comes from the document's
sections (a metadata file, or headings recognised in a plain file), never from a file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .chunking import split_sentences
from .documents import Document, Section
from .embedding import Embedder
from .lexical import LexicalIndex

ASKER_ROLES = ("member_of_public",)
RESPONDER_ROLES = ("commissioners_office", "panel")


@dataclass
class PriorResponse:
    document: Document
    question: Section
    response: Section

    @property
    def question_text(self) -> str:
        return self.document.text[self.question.start:self.question.end].strip()

    @property
    def response_text(self) -> str:
        return self.document.text[self.response.start:self.response.end].strip()

    def to_dict(self) -> dict:
        return {
            "source": self.document.id, "title": self.document.title,
            "question": self.question_text, "asked_by": self.question.speaker, "asked_on": self.question.date,
            "question_start": self.question.start, "question_end": self.question.end,
            "response": self.response_text, "answered_by": self.response.speaker, "answered_on": self.response.date,
            "response_start": self.response.start, "response_end": self.response.end,
        }


def find_prior_responses(documents) -> list[PriorResponse]:
    records = []
    for document in documents:
        if "question" not in document.kind.lower():
            continue
        sections = document.sections
        for i, section in enumerate(sections):
            if section.role not in ASKER_ROLES:
                continue
            response = next((s for s in sections[i + 1:] if s.role in RESPONDER_ROLES), None)
            if response:
                records.append(PriorResponse(document, section, response))
    return records


def _asks(sentence: str) -> bool:
    """A sentence that asks something ("What exactly is the PFCC doing …?"), not context around it."""
    sentence = sentence.strip(" ‘’'\"“”")
    return sentence.endswith("?") or bool(re.match(r"(what|how|why|when|who|which|will|is|are|does|do|can)\b", sentence, re.I))


def _plain(text: str) -> str:
    return re.sub(r"[*_]+", "", text)


class PriorResponses:
    """Prior responses with their questions embedded, searchable by meaning and by words."""

    def __init__(self, records: list[PriorResponse], embedder: Embedder, lexical: LexicalIndex):
        self.records = records
        self.embedder = embedder
        self.lexical = lexical
        # each record's question as a whole and sentence by sentence: a short public question
        # may match one sentence of a long, many-part one
        self._owners: list[int] = []
        texts: list[str] = []
        for number, record in enumerate(records):
            question = _plain(record.question_text)
            pieces = [question] + [question[s:e] for s, e in split_sentences(question) if _asks(question[s:e])]
            texts += pieces
            self._owners += [number] * len(pieces)
        self._vectors = embedder.encode(texts) if texts else np.zeros((0, embedder.dimension), dtype="float32")

    def similarities(self, question: str) -> list[float]:
        """For each record, the best cosine similarity between ``question`` and its question."""
        best = [0.0] * len(self.records)
        if not self.records:
            return best
        scores = self._vectors @ self.embedder.embed_query(question)
        for owner, score in zip(self._owners, scores):
            best[owner] = max(best[owner], float(score))
        return best

    def closest(self, question: str, threshold: float) -> tuple[PriorResponse, float] | None:
        scores = self.similarities(question)
        if not scores:
            return None
        number = int(np.argmax(scores))
        return (self.records[number], scores[number]) if scores[number] >= threshold else None

    def search(self, query: str, limit: int = 20) -> list[tuple[PriorResponse, float]]:
        """Records ranked by meaning (embedding similarity) and words (share of the query's words they contain)."""
        meaning = self.similarities(query)
        terms = set(self.lexical.terms(query))
        ranked = []
        for record, similarity in zip(self.records, meaning):
            words = set(self.lexical.terms(record.question_text + " " + record.response_text))
            overlap = len(terms & words) / len(terms) if terms else 0.0
            ranked.append((record, round(0.5 * similarity + 0.5 * overlap, 4)))
        return sorted(ranked, key=lambda pair: -pair[1])[:limit]
