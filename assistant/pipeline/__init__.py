"""The answer pipeline: a short list of steps sharing one context; any step may end it.

    checks → signposting → routing → follow-up → retrieve → prior response → compose → sufficiency
"""

from __future__ import annotations

import logging
import time

from ..answer import Answer
from ..messages import load_messages
from .compose import Compose
from .context import Context
from .follow_up import FollowUp
from .input_checks import InputChecks
from .prior_response import PriorResponse
from .retrieve import Retrieve
from .routing import Routing
from .signposting import Signposting
from .sufficiency import Sufficiency

log = logging.getLogger(__name__)


class Pipeline:
    def __init__(self, steps: list, messages: dict):
        self.steps = steps
        self.messages = messages

    def run(self, question: str, history: list) -> Answer:
        started = time.perf_counter()
        context = Context(raw_question=question, history=history)
        try:
            for step in self.steps:
                step.run(context)
                if context.status:
                    break
        except Exception:  # the public gets a clear message; the log gets the traceback
            log.exception("answer pipeline failed for a question")
            context.stop("error", self.messages["error"])
        result = context.to_answer()
        result.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        return result


def build_pipeline(settings, retriever, prior_responses) -> Pipeline:
    messages = load_messages(settings.messages_file)
    return Pipeline([
        InputChecks(messages, settings.max_question_chars),
        Signposting(messages),
        Routing(messages),
        FollowUp(),
        Retrieve(retriever, settings.top_k),
        PriorResponse(prior_responses, settings.prior_response_similarity),
        Compose(retriever, messages),
        Sufficiency(retriever.index.lexical, messages, settings.answer_strong_similarity,
                    settings.answer_min_similarity, settings.answer_min_coverage),
    ], messages)
