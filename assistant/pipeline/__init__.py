"""The answer pipeline: a short list of steps sharing one context; any step may end it.

    checks → signposting → routing → follow-up → retrieve → prior response → compose → sufficiency

The composer is chosen by ASSISTANT_COMPOSER; the evidence and answerability models come
from the calibration file (calibration.py).
"""

from __future__ import annotations

import logging
import time

from ..answer import Answer
from ..messages import load_messages
from .calibration import load_calibration
from .compose import build_composer
from .context import Context
from .evidence import Names
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
        return self.run_context(question, history).to_answer()

    def run_context(self, question: str, history: list) -> Context:
        """The context after every step ran (calibration reads the features the steps recorded)."""
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
        context.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        return context


def build_pipeline(settings, retriever, prior_responses) -> Pipeline:
    messages = load_messages(settings.messages_file)
    calibration = load_calibration(settings.calibration_file)
    index = retriever.index
    names = Names(index.documents.values(), index.lexical)
    return Pipeline([
        InputChecks(messages, settings.max_question_chars),
        Signposting(messages, retriever.embedder),
        Routing(messages),
        FollowUp(),
        Retrieve(retriever, settings.top_k, names),
        PriorResponse(prior_responses, settings.prior_response_similarity, names),
        build_composer(settings.composer, retriever, names, messages, calibration),
        Sufficiency(index.lexical, names, messages, calibration, settings.answer_threshold),
    ], messages)
