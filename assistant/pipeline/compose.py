"""Step 6: a short answer made of the sources' own sentences, each attributed and cited.

Sentences of the top passages are scored against the question (embedding similarity,
the question's key words, and whether the sentence has the kind of fact asked for); the
best few are quoted with who said them and when. The same words found in another source
are not repeated: that source is cited beside them, with its own date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..answer import Citation
from ..chunking import split_sentences
from ..documents import human_date
from ..lexical import LexicalIndex
from ..retrieval import Passage, Retriever
from .answer_types import answers_field, asks_number, asks_when, asks_who, has_date, has_number, names_someone
from .context import Context, Evidence

# Stems that say what kind of question it is, not what it is about.
QUESTION_STEMS = {"what", "did", "doe", "do", "who", "whom", "whose", "when", "where", "why", "how", "which", "mani",
                  "much", "say", "said", "tell", "me", "pleas", "know", "is", "are", "was", "were", "has", "have",
                  "been", "his", "her", "their", "they", "about", "exact", "anyth", "someth", "there", "can", "could",
                  "would", "should", "will", "happen", "follow", "and", "or", "the", "a", "an", "of", "to", "in",
                  "on", "for", "it", "that", "this", "them", "he", "she", "we", "you", "i", "my", "our", "your",
                  "email", "phone", "number", "address", "postcod"}
_FIELD_LINE = re.compile(r"^[A-Z][\w ()/’'-]{0,30}:\s*\S.{0,80}$")
_HEADER_ONLY = re.compile(r"^[^:]{0,40}:$")
_QUOTES = "“”\"‘’'*_ "


def is_field(text: str) -> bool:
    """Every line is a 'Field: value' line ("Author: Ralph Butler")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_FIELD_LINE.match(line) for line in lines)


def term_present(term: str, words: set[str]) -> bool:
    """The term, or a word it begins (owner → ownership), is among ``words``."""
    return term in words or (len(term) >= 4 and any(w.startswith(term) for w in words))


def key_terms(lexical: LexicalIndex, text: str) -> list[str]:
    """The stemmed words that say what ``text`` is about (question words and masked personal data left out)."""
    text = re.sub(r"\[[a-z ]+ removed\]", " ", text)
    # A short word the corpus has never seen is most likely a misspelt little word ("wat").
    return [t for t in dict.fromkeys(lexical.terms(text))
            if t not in QUESTION_STEMS and (len(t) > 3 or lexical.known(t))]


def display(text: str) -> str:
    """A quotable form of source text: whitespace collapsed, markdown emphasis and outer quotes removed."""
    lines = [" ".join(line.split()).replace("**", "").replace("*", "") for line in text.splitlines() if line.strip()]
    return "; ".join(line.strip(_QUOTES) for line in lines).strip(_QUOTES)


_METADATA_QUESTION = re.compile(r"\b(who|when|date|dated|position|title|role|job|author|wrote|written|signed)\b", re.I)


def quote(passage: Passage, spans) -> str:
    """The quoted spans of ``passage`` in order; "…" marks words left out between them."""
    spans = sorted(spans, key=lambda span: span[0])
    parts = []
    for i, (start, end) in enumerate(spans):
        if i:
            between = passage.text[spans[i - 1][1] - passage.start:start - passage.start]
            parts.append(" " if not between.strip() else " … ")
        parts.append(display(passage.text[start - passage.start:end - passage.start]))
    return "".join(parts)


def answer_type_bonus(question: str, text: str, passage: Passage) -> float:
    """A small lift for a sentence holding the kind of fact asked for (a date, a number, a name)."""
    if answers_field(question, text):  # "who wrote it?" and an "Author:" line: near-certain
        return 0.4
    if asks_when(question):
        return 0.1 if has_date(text) or passage.speaker_date else 0.0
    if asks_number(question):
        return 0.1 if has_number(text) else 0.0
    if asks_who(question):
        return 0.1 if names_someone(text, question) else 0.0
    return 0.0


# A question that names a speaker prefers that speaker's own words to reports of them.
_SPEAKERS = {
    "inspector": re.compile(r"\b(inspector|inspectorate|inspectors|hmic|hmicfrs|watchdog|wendy williams)\b", re.I),
    "commissioners_office": re.compile(r"\b(commissioner|commissioner's office|pfcc|pcc|ben adams|response|responded)\b", re.I),
    "member_of_public": re.compile(r"\b(member of the public|questioner|the person asking|public question|asked)\b", re.I),
    "journalist": re.compile(r"\b(news|newspaper|journalist|article|reported)\b", re.I),
}


def speaker_bonus(question: str, role: str) -> float:
    pattern = _SPEAKERS.get(role)
    return 0.1 if pattern and pattern.search(question) else 0.0


class Compose:
    def __init__(self, retriever: Retriever, messages: dict, passages: int = 5, max_units: int = 3, margin: float = 0.12,
                 max_candidates: int = 20):
        self.retriever = retriever
        self.embedder = retriever.embedder
        self.lexical = retriever.index.lexical
        self.messages = messages
        self.passages = passages
        self.max_units = max_units
        self.margin = margin
        self.max_candidates = max_candidates

    @staticmethod
    def units(passage: Passage) -> list[tuple[int, int]]:
        """Quotable spans of a passage (document offsets): sentences, with runs of 'Field: value' lines joined."""
        spans: list[tuple[int, int]] = []
        previous_field = False
        for start, end in split_sentences(passage.text):
            text = passage.text[start:end]
            field_line = is_field(text)
            # Not evidence: headers ("Commissioner Response:"), lead-ins to a quote ("… said:"),
            # and name tags after a quote ("Office of the Staffordshire Commissioner").
            words = len(re.findall(r"\w+", text))
            if _HEADER_ONLY.match(text) or text.endswith(":") or words < 2 \
                    or (not field_line and words < 12 and not re.search(r"[.!?][”’\"'*_]*$", text)):
                previous_field = False
                continue
            if field_line and previous_field:
                spans[-1] = (spans[-1][0], passage.start + end)
            else:
                spans.append((passage.start + start, passage.start + end))
            previous_field = field_line
        return spans

    def run(self, context: Context) -> None:
        question = context.rewritten_question
        # 'Field: value' lines (Author, Date, Position) are quoted only for questions about who
        # and when, and are read in their section ("Commissioner's response: Author: Ralph Butler").
        metadata_question = bool(_METADATA_QUESTION.search(question))
        candidates = [(p, s, e) for p in context.passages[: self.passages] for s, e in self.units(p)
                      if (metadata_question or not is_field(p.text[s - p.start:e - p.start]))
                      and not self._in_prior(context, p.source, s)]
        if not candidates:
            self.write(context)
            return
        terms = key_terms(self.lexical, question)
        overlaps = []
        for passage, start, end in candidates:
            present = set(self.lexical.terms(passage.text[start - passage.start:end - passage.start]))
            overlaps.append(sum(term_present(t, present) for t in terms) / len(terms) if terms else 0.0)
        if len(candidates) > self.max_candidates:  # embedding sentences is the costly part: keep the likeliest
            keep = sorted(sorted(range(len(candidates)), key=lambda i: -(overlaps[i] + candidates[i][0].score))[: self.max_candidates])
            candidates, overlaps = [candidates[i] for i in keep], [overlaps[i] for i in keep]
        texts = [p.text[s - p.start:e - p.start] for p, s, e in candidates]
        embedded = [f"{p.section}: {t}" if metadata_question and p.section and is_field(t) else t
                    for (p, _, _), t in zip(candidates, texts)]
        vectors = np.vstack([self.embedder.embed_query(context.question), self.embedder.embed_query(question),
                             self.embedder.embed_passages(embedded)])
        # A follow-up's sentences are judged against the question both as asked and as rewritten.
        asked, rewritten = vectors[2:] @ vectors[0], vectors[2:] @ vectors[1]
        vectors = vectors[1:]
        units = []
        for (passage, start, end), text, a, r, overlap in zip(candidates, texts, asked, rewritten, overlaps):
            score = (float(a + r) / 2 + 0.25 * overlap + answer_type_bonus(question, text, passage)
                     + speaker_bonus(question, passage.role) + 0.1 * passage.score)
            units.append(Evidence(passage, start, end, text, score, float(max(a, r))))
        order = sorted(range(len(units)), key=lambda i: -units[i].score)
        chosen: list[int] = []
        for i in order:
            if len(chosen) == self.max_units or units[i].score < units[order[0]].score - self.margin:
                break
            twin = next((k for k, j in enumerate(chosen) if self._same_words(vectors[1 + i], vectors[1 + j], units[i], units[j])), None)
            if twin is None:
                chosen.append(i)
            elif units[i].passage.speaker_date and not units[chosen[twin]].passage.speaker_date:
                chosen[twin] = i  # quote the dated original, not a later report of it
        for i in chosen:  # the same words in another source are cited beside the chosen ones
            for j in order:
                other = units[j].passage
                if units[j].passage.source != units[i].passage.source and other not in units[i].also_in \
                        and self._same_words(vectors[1 + i], vectors[1 + j], units[i], units[j]):
                    units[i].also_in.append(other)
        context.evidence = [units[i] for i in chosen]
        self.write(context)

    @staticmethod
    def _in_prior(context: Context, source: str, start: int) -> bool:
        """Inside the official question or response already shown as a prior response."""
        if not context.prior:
            return False
        record = context.prior[0]
        return source == record.document.id and any(s.start <= start < s.end for s in (record.question, record.response))

    def prior_paragraph(self, context: Context, cite) -> str:
        record, _ = context.prior
        question = self.retriever.section_passage(record.document.id, record.question)
        response = self.retriever.section_passage(record.document.id, record.response)
        quoted = [(s, e) for s, e in self.units(response) if not is_field(response.text[s - response.start:e - response.start])][:2]
        undated = self.messages["undated"]
        return self.messages["prior_response"].format(
            asker=question.speaker or "someone", asked_on=human_date(question.speaker_date) or undated,
            q=cite(question, []), answerer=response.speaker or "the Commissioner's office",
            answered_on=human_date(response.speaker_date) or undated,
            quote=quote(response, quoted),
            r=cite(response, [_Span(s, e) for s, e in quoted]),
        )

    @staticmethod
    def _same_words(a: np.ndarray, b: np.ndarray, x: Evidence, y: Evidence) -> bool:
        return float(a @ b) >= 0.9 or display(x.text).lower() == display(y.text).lower()

    def attribution(self, passage: Passage, field_block: bool = False) -> str:
        templates = self.messages["attribution"]
        undated = self.messages["undated"]
        speaker = passage.speaker or ""
        fields = {
            "speaker": speaker, "speaker_cap": speaker[:1].upper() + speaker[1:], "kind": passage.kind,
            "section_lower": (passage.section or passage.kind).lower(),
            "title": passage.title, "publisher": passage.publisher,
            "date": human_date(passage.speaker_date) or undated, "document_date": human_date(passage.date) or undated,
        }
        if field_block:
            return templates["field"].format(**fields)
        if passage.role in ("journalist", "author") or not speaker:
            group = templates["own"]
        elif passage.speaker_date:
            group = templates["dated"]
        else:
            group = templates["reported"]
        return group.get(passage.role, group["default"]).format(**fields)

    def write(self, context: Context) -> None:
        groups: dict[str, list[Evidence]] = {}
        for unit in context.evidence:
            groups.setdefault(unit.passage.chunk_id, []).append(unit)
        numbers: dict[str, int] = {}
        citations: list[Citation] = []

        def cite(passage: Passage, highlights: list[Evidence]) -> int:
            if passage.chunk_id not in numbers:
                numbers[passage.chunk_id] = len(numbers) + 1
                citations.append(_citation(numbers[passage.chunk_id], passage, highlights))
            return numbers[passage.chunk_id]

        paragraphs = [self.prior_paragraph(context, cite)] if context.prior else []
        for units in groups.values():
            passage = units[0].passage
            field_block = all(is_field(u.text) for u in units)
            quoted = quote(passage, [(u.start, u.end) for u in units])
            line = f"{self.attribution(passage, field_block)}: “{quoted}” [{cite(passage, units)}]"
            if passage.role == "member_of_public" and not field_block:
                line += " " + self.messages["claim_note"]
            others = [p for u in units for p in u.also_in]
            if others:
                named = ", ".join(f"the {p.kind} of {human_date(p.date) or self.messages['undated']} [{cite(p, [])}]" for p in others)
                line += " " + self.messages["duplicate_note"].format(sources=named)
            paragraphs.append(line)
        # highlight duplicates in their own passages too
        for unit in context.evidence:
            for other in unit.also_in:
                citation = citations[numbers[other.chunk_id] - 1]
                citation.highlights.extend(_find(other, display(unit.text)))
        context.answer = "\n\n".join(paragraphs)
        context.citations = citations


@dataclass
class _Span:
    start: int
    end: int


def _find(passage: Passage, quote: str) -> list[list[int]]:
    """Offsets in ``passage`` of the sentence matching ``quote`` (same words, any punctuation around)."""
    for start, end in split_sentences(passage.text):
        if display(passage.text[start:end]).lower() == quote.lower():
            return [[passage.start + start, passage.start + end]]
    return []


def _citation(n: int, passage: Passage, highlights: list[Evidence]) -> Citation:
    return Citation(
        n=n, text=passage.text, source=passage.source, title=passage.title, kind=passage.kind, date=passage.date,
        speaker=passage.speaker, role=passage.role, speaker_date=passage.speaker_date, start=passage.start,
        end=passage.end, score=round(passage.score, 4), highlights=[[u.start, u.end] for u in highlights],
    )


def related_citations(passages: list[Passage]) -> list[Citation]:
    return [_citation(n, p, []) for n, p in enumerate(passages, start=1)]
