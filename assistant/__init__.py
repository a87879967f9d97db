"""Answers the public's questions about police inspection and accountability, from cited documents.

>>> import assistant                                                   # doctest: +SKIP
>>> reply = assistant.answer("Who wrote the response to the public question?")  # doctest: +SKIP
>>> reply.status, reply.citations[0].source                            # doctest: +SKIP
"""

from . import settings as _environment  # noqa: F401  (first: sets the environment before numpy loads)
from .answer import Answer
from .engine import AnswerEngine, answer
from .settings import Settings, get_settings

__all__ = ["Answer", "AnswerEngine", "Settings", "answer", "get_settings"]
