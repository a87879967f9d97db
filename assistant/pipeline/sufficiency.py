"""Step 7: does the evidence answer the question? If not, say so and offer related reading.

The answer stands when its best sentence is very close to the question, or close enough
and its passages hold most of the question's key words (weighted by how rare each word is
in the corpus). A "who" answer must name someone; "when will" needs a date. The
thresholds are settings, calibrated on tests/questions.jsonl (see the README).
"""

from __future__ import annotations

import re

from ..lexical import LexicalIndex
from .answer_types import answers_field, asks_future_when, asks_identity, asks_who, has_date, names_someone
from .compose import is_field, key_terms, related_citations, term_present
from .context import Context

RELATED = 3


def coverage(lexical: LexicalIndex, question: str, evidence_text: str) -> float:
    """Share of the question's key words (IDF-weighted) that appear in the evidence."""
    terms = key_terms(lexical, question)
    if not terms:
        return 1.0
    present = set(lexical.terms(evidence_text))
    weights = {t: lexical.idf(t) for t in terms}
    return sum(w for t, w in weights.items() if term_present(t, present)) / sum(weights.values())


class Sufficiency:
    def __init__(self, lexical: LexicalIndex, messages: dict, strong: float, weak: float, min_coverage: float):
        self.lexical = lexical
        self.strong, self.weak, self.min_coverage = strong, weak, min_coverage
        self.messages = messages
        self.domain = re.compile(r"\b(" + "|".join(re.escape(t) for t in messages["domain_terms"]) + ")", re.I)

    def sufficient(self, context: Context) -> bool:
        if context.prior:  # asked and answered officially before
            return True
        if not context.evidence:
            return False
        quoted = "\n".join(u.text for u in context.evidence)
        # "When will …?" is not answered by the date a sheet was filled in.
        if asks_future_when(context.question) and not has_date(" ".join(u.text for u in context.evidence if not is_field(u.text))):
            return False
        if answers_field(context.question, quoted):
            return True
        speakers = " ".join(u.passage.speaker for u in context.evidence)
        roles = not asks_identity(context.question)
        if asks_who(context.question) and not (names_someone(quoted, context.question, roles)
                                               or names_someone(speakers, context.question, roles=False)):
            return False
        best = max(unit.similarity for unit in context.evidence)
        evidence = " ".join(f"{u.passage.title} {u.passage.section} {u.passage.speaker} {u.passage.text}" for u in context.evidence)
        # A follow-up with words of its own ("and what about domestic abuse?") must cover those.
        asked = context.question if context.follow_up and key_terms(self.lexical, context.question) else context.rewritten_question
        covered = coverage(self.lexical, asked, evidence)
        return best >= self.strong or (best >= self.weak and covered >= self.min_coverage)

    def in_domain(self, question: str) -> bool:
        """About policing accountability: a domain word, or mostly words the corpus uses."""
        if self.domain.search(question):
            return True
        terms = key_terms(self.lexical, question)
        return bool(terms) and sum(self.lexical.known(t) for t in terms) / len(terms) >= 0.5

    def run(self, context: Context) -> None:
        if self.sufficient(context):
            context.status = "answered"
            return
        context.citations, context.evidence = [], []
        if not self.in_domain(context.rewritten_question):
            context.stop("out_of_scope", self.messages["out_of_scope_reply"])
            return
        context.related = related_citations(context.passages[:RELATED])
        text = self.messages["unanswerable"]
        if context.related:
            text += "\n\n" + self.messages["related_intro"]
        context.stop("unanswerable", text)
