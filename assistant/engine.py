"""The answer engine: models and index loaded once, ``answer(question, history)`` for each question.

>>> from assistant import answer                                        # doctest: +SKIP
>>> reply = answer("What did the inspector say?")                      # doctest: +SKIP
>>> reply.status, reply.citations[0].role                              # doctest: +SKIP
('answered', 'inspector')
"""

from __future__ import annotations

import threading
import time
from functools import lru_cache
from typing import Any

from .answer import Answer

RELOAD_CHECK_S = 2.0  # how often an engine looks for a newer index version


class AnswerEngine:
    """Models and index loaded once; ``answer`` runs the pipeline for one question.

    When an ingest (from this or another machine) makes a new index version live, the
    engine switches to it before its next answer; the model stays loaded.
    """

    def __init__(self, settings=None, retriever=None):
        from .settings import get_settings

        self.settings = settings or get_settings()
        self._lock = threading.Lock()
        self._checked = 0.0
        self._load(retriever)

    def _load(self, retriever=None) -> None:
        from .pipeline import build_pipeline  # models and index libraries load with the engine, not the package
        from .prior_responses import PriorResponses, find_prior_responses
        from .retrieval import Retriever

        retriever = retriever or Retriever.from_settings(self.settings)
        index = retriever.index
        prior = PriorResponses(find_prior_responses(index.documents.values()), retriever.embedder, index.lexical)
        self.retriever, self.prior_responses = retriever, prior
        self.pipeline = build_pipeline(self.settings, retriever, prior)

    def _follow_the_live_index(self) -> None:
        from .index import current_version

        if time.monotonic() - self._checked < RELOAD_CHECK_S:
            return
        self._checked = time.monotonic()
        live = current_version(self.retriever.index.version_dir.parent)
        if live is not None and live != self.retriever.index.version_dir:
            with self._lock:
                if live != self.retriever.index.version_dir:
                    self._load()

    def answer(self, question: str, history: list | None = None, id: Any = None) -> Answer:
        """``history``: the earlier turns, oldest first (question strings or ``Turn``-shaped dicts)."""
        self._follow_the_live_index()
        result = self.pipeline.run(question, history)  # the input checks read (or refuse) the history
        result.id = id
        result.index_version = self.retriever.index.version
        return result


@lru_cache(maxsize=1)
def default_engine() -> AnswerEngine:
    return AnswerEngine()


def answer(question: str, history: list | None = None) -> Answer:
    """Answer ``question`` from the configured index; ``history`` is the earlier user turns."""
    return default_engine().answer(question, history)
