"""Step 1: clean the text, mask personal data, refuse empty or over-long questions and unreadable histories.

The work is bounded whatever arrives: a question far over the limit is cut before any
cleaning or pattern runs on it, and only the limit's worth of it is kept (masked) for the log.
"""

from __future__ import annotations

from ..answer import Turn
from ..redaction import mask_personal_data, strip_invisible
from .context import Context

SLACK = 4  # characters read per allowed character: room for invisible ones that cleaning removes


class InputChecks:
    def __init__(self, messages: dict, max_chars: int):
        self.messages = messages
        self.max_chars = max_chars

    def run(self, context: Context) -> None:
        raw = context.raw_question or ""
        if not isinstance(raw, str):  # a number, list or mapping sent to the API
            context.question = ""
            context.stop("rejected", self.messages["rejected"]["not_text"])
            return
        cut = len(raw) > self.max_chars * SLACK
        cleaned, (context.question, kinds) = self.cleaned(raw)
        turns = self.turns(context.history)
        context.history = turns or []
        for turn in context.history:
            turn.question = self.cleaned(turn.question)[1][0]
        if kinds:
            listed = " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)
            context.notices.append(self.messages["personal_data_notice"].format(kinds=listed))
        if not cleaned:
            context.stop("rejected", self.messages["rejected"]["empty"])
        elif cut or len(cleaned) > self.max_chars:
            length = len(raw) if cut else len(cleaned)
            context.stop("rejected", self.messages["rejected"]["too_long"].format(length=length, limit=self.max_chars))
        elif turns is None:  # a history of the wrong shape is refused, never read character by character
            context.stop("rejected", self.messages["rejected"]["bad_history"])

    def cleaned(self, text: str) -> tuple[str, tuple[str, list[str]]]:
        """``text`` cleaned from a bounded prefix, and the limit's worth of it masked (with the kinds found)."""
        cleaned = strip_invisible(text[: self.max_chars * SLACK])
        return cleaned, mask_personal_data(cleaned[: self.max_chars])

    @staticmethod
    def turns(history) -> list[Turn] | None:
        """The earlier turns as ``Turn``s, or None when ``history`` is not a list of readable turns."""
        if history is not None and not isinstance(history, (list, tuple)):
            return None
        try:
            return [Turn.coerce(turn) for turn in history or []]
        except ValueError:
            return None
