"""Between retrieval and composition: has this been asked and answered officially before?"""

from __future__ import annotations

from ..prior_responses import PriorResponses
from .context import Context
from .evidence import Names, coverage, key_terms, month_names, years

# How much of the question's key words (weighted by rarity) the official question must share: alike in meaning is not
# enough ("What grade did the force get for investigating crime?" is not "Is it the policy not to investigate car crime?").
SHARED_WORDS = 0.5
COMMON_IDF = 1.0  # below this rarity a word ("police", "commissioner") is in most documents and says little


class PriorResponse:
    def __init__(self, prior_responses: PriorResponses, threshold: float, names: Names):
        self.prior_responses = prior_responses
        self.threshold = threshold
        self.names = names

    def run(self, context: Context) -> None:
        found = self.prior_responses.closest(context.rewritten_question, self.threshold)
        if not found:
            return
        lexical = self.prior_responses.lexical
        terms = key_terms(lexical, context.rewritten_question)
        # … and what it asks about, beyond whose or where and the words most documents use: "what was wrong with
        # <force>?" is not the question on record about the same force's car crime policy
        about = [t for t in terms if t not in self.names.stems and lexical.idf(t) >= COMMON_IDF]
        # … in the years and months it gives: "when did the station close in 2023?" is not the question on record about
        # its closing in July 2024
        record = found[0]
        held = f"{record.question_text} {record.response_text} {record.question.date} {record.response.date}"
        dated = years(context.rewritten_question) <= years(held) and month_names(context.rewritten_question) <= month_names(held)
        if coverage(lexical, terms, record.question_text) >= SHARED_WORDS \
                and about and coverage(lexical, about, record.question_text) > 0 and dated:
            context.prior = found
