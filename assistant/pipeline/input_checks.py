"""Step 1: clean the text, mask personal data, refuse empty or over-long questions."""

from __future__ import annotations

from ..redaction import mask_personal_data, strip_invisible
from .context import Context


class InputChecks:
    def __init__(self, messages: dict, max_chars: int):
        self.messages = messages
        self.max_chars = max_chars

    def run(self, context: Context) -> None:
        cleaned = strip_invisible(context.raw_question or "")
        context.question, kinds = mask_personal_data(cleaned)
        for turn in context.history:
            turn.question = mask_personal_data(strip_invisible(turn.question))[0]
        if kinds:
            listed = " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds)
            context.notices.append(self.messages["personal_data_notice"].format(kinds=listed))
        if not cleaned:
            context.stop("rejected", self.messages["rejected"]["empty"])
        elif len(cleaned) > self.max_chars:
            context.stop("rejected", self.messages["rejected"]["too_long"].format(length=len(cleaned), limit=self.max_chars))
