"""Step 4: turn a follow-up ("and when did they say that?") into a standalone question.

No language model: a question that leans on the conversation (a referring word, a leading
"and"/"what about", three words or fewer, four that ask about nothing named, or a short one
about what "the commissioner" or "the force" has done or said, naming neither, a yes-or-no
one about "the …" in five words, or one asking about "the …" in six) is joined to the last
standalone question.
"""

from __future__ import annotations

import re

from .answer_types import joined
from .context import Context

# … and "the new one", "the other ones": one of what the conversation is about
_REFERRING = re.compile(r"\b(they|them|their|theirs|he|him|his|she|her|hers|it|its|that|this|those|these|there|then|the same|"
                        r"the (?:new|old|other|next|last|previous|current|former) ones?)\b", re.I)
_CONNECTOR = re.compile(r"^\s*(and|but|so|also|then|what about|how about|what else|anything else)\b", re.I)


_ASKS = re.compile(r"^\W*(who|whom|what|when|where|why|how|which)\b", re.I)
# "What has the commissioner done?", "what did the force say?": something done or said by someone the question does not
# name, so the one the conversation is about (not "what does a panel do?", which asks about any).
# "Who is running the force now?": the one the conversation is about, with what is done to or by it between.
_DONE_BY_THE = re.compile(r"^\W*(what|when|how|why|who)\s+(has|have|had|did|was|were|is|are|will)\s+(?:\w+(?:ing|ed)\s+)?the\s+"
                          r"(commissioner|pcc|pfcc|chief constable|force|police|panel|inspectors?|inspectorate|council|chair)\b",
                          re.I)


# "What is the officer's name?", "who is the chief fire officer?": a short question about "the …", naming nothing
_THE = re.compile(r"\bthe\s+[a-z]", re.I)
# "Was the officer sacked?": yes or no about something the question calls "the …" and does not name
_YES_NO_THE = re.compile(r"^\W*(is|are|was|were|did|does|has|have|had|will|can|could)\s+the\b", re.I)


def is_follow_up(question: str) -> bool:
    words = re.findall(r"[\w’']+", question)
    # three words or fewer; or four that ask with nothing named ("who will take over?")
    if len(words) <= 3 or len(words) == 4 and _ASKS.match(question) and not any(w[0].isupper() for w in words[1:]):
        return True
    if len(words) > 12:
        return False
    if not any(w[0].isupper() for w in words[1:]) and (
            len(words) <= 8 and _DONE_BY_THE.match(question) or len(words) <= 5 and _YES_NO_THE.match(question)
            or len(words) <= 6 and _ASKS.match(question) and _THE.search(question)):
        return True
    return bool(_REFERRING.search(question) or _CONNECTOR.match(question) and len(words) <= 10)


class FollowUp:
    def run(self, context: Context) -> None:
        context.rewritten_question = context.question
        anchor = self.anchor(context)
        if anchor and is_follow_up(context.question):
            context.follow_up = True
            context.rewritten_question = joined(context.question, anchor)

    @staticmethod
    def anchor(context: Context) -> str:
        """The most recent earlier question that stood on its own."""
        for turn in reversed(context.history):
            if turn.question and not is_follow_up(turn.question):
                return turn.question
        return context.history[-1].question if context.history else ""
