"""Between retrieval and composition: has this been asked and answered officially before?"""

from __future__ import annotations

from ..prior_responses import PriorResponses
from .context import Context
from .evidence import coverage, key_terms

# How much of the question's key words (weighted by rarity) the official question must share: alike in meaning is not
# enough ("What grade did the force get for investigating crime?" is not "Is it the policy not to investigate car crime?").
SHARED_WORDS = 0.5


class PriorResponse:
    def __init__(self, prior_responses: PriorResponses, threshold: float):
        self.prior_responses = prior_responses
        self.threshold = threshold

    def run(self, context: Context) -> None:
        found = self.prior_responses.closest(context.rewritten_question, self.threshold)
        lexical = self.prior_responses.lexical
        if found and coverage(lexical, key_terms(lexical, context.rewritten_question), found[0].question_text) >= SHARED_WORDS:
            context.prior = found
