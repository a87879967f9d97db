"""Between retrieval and composition: has this been asked and answered officially before?"""

from __future__ import annotations

from ..prior_responses import PriorResponses
from .context import Context


class PriorResponse:
    def __init__(self, prior_responses: PriorResponses, threshold: float):
        self.prior_responses = prior_responses
        self.threshold = threshold

    def run(self, context: Context) -> None:
        context.prior = self.prior_responses.closest(context.rewritten_question, self.threshold)
