"""Step 2: a message that reports danger or distress gets emergency and support routes, not a document answer.

The patterns (messages.yaml, ``signposting.groups``) are grouped by kind: crisis, danger now,
abuse. Unless the message asks what happened to someone (in the past, and not to the asker:
"what happened to the man on the motorbike?", a question about what the documents report),
a ``situation`` (someone, a word of harm or distress, and not a question about the documents)
catches more, and the message's meaning, compared with worked examples
(``signposting_examples.yaml``) by the embedding model, catches the phrasings no pattern
foresaw. The group that fired is recorded as the answer's route, so staff can find these
messages.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import yaml

from .answer_types import said_subject
from .context import Context
from .follow_up import is_follow_up

EXAMPLES = Path(__file__).resolve().parent.parent / "signposting_examples.yaml"
NEIGHBOURS = 3  # examples compared on each side
MARGIN = -0.05  # signpost when the danger examples are at most this much less similar than the ordinary ones
_FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|me|my|mine|we|we're|us|our)\b", re.I)
FLOOR = 0.25  # … and at least this similar: a message near nothing (a greeting, the weather) is not a cry for help
# … or "and mobile vans?", "what about the year before?": the last question asked again of something else
_ASKS_A_FACT = re.compile(r"\W*(((and|so|but|then)\s+)?(when|what|which|who|how (old|many|much|long|often))\b|(and|what about|how about)\s+"
                          r"[^?]{1,40}\?\W*$)", re.I)


class Signposting:
    """Patterns first; then, with an embedder, meaning: is the message nearer the danger examples or the ordinary ones?"""

    def __init__(self, messages: dict, embedder=None):
        self.groups = [(group["name"], [re.compile(p, re.I) for p in group["patterns"]])
                       for group in messages["signposting"]["groups"]]
        situation = messages["signposting"].get("situation")
        self.situation = (situation["name"], *(re.compile(situation[k], re.I) for k in ("who", "harm", "unless"))) \
            if situation else None
        self.past_event, self.present = (re.compile(messages["signposting"][k], re.I) for k in ("past_event", "present"))
        self.reply = messages["signposting"]["reply"]
        self.embedder = embedder
        if embedder is not None:
            examples = yaml.safe_load(EXAMPLES.read_text(encoding="utf-8"))
            self.danger = embedder.encode(examples["danger"])
            self.ordinary = embedder.encode(examples["ordinary"])

    def near_danger(self, text: str) -> bool:
        vector = self.embedder.embed_query(text)

        def closeness(examples: np.ndarray) -> float:
            return float(np.sort(examples @ vector)[-NEIGHBOURS:].mean())

        danger = closeness(self.danger)
        return danger >= FLOOR and danger - closeness(self.ordinary) > MARGIN

    def kind(self, text: str, in_conversation: bool = False) -> str:
        """The kind of danger or distress ``text`` reports, or "". ``in_conversation``: earlier turns came before it."""
        original = text  # embedded as it is: the later steps embed the same text, and the vector is kept
        text = " ".join(text.replace("’", "'").split())
        kind = next((name for name, patterns in self.groups if any(p.search(text) for p in patterns)), "")
        if kind or self.past_event.search(text) and not self.present.search(text):
            return kind
        if self.situation:
            name, who, harm, unless = self.situation
            if who.search(text) and harm.search(text) and not unless.search(text):
                return name
        # "What did she say?" asks what the documents quote, and lies near "she says she'll end it" in meaning: the
        # comparison is for messages, not for questions about what someone said (unless the asker is in them).
        about_words = bool(said_subject(text)) and not _FIRST_PERSON.search(text)
        # Mid-conversation, a short question for a fact about "she" or "it", with no word of harm and no "I" ("when
        # does she start?", after the new chief constable), asks about the last answer: near nothing, it lies near
        # everything. "Why won't she wake up?" and "where has he gone?" are still compared.
        about_last_answer = in_conversation and bool(_ASKS_A_FACT.match(text)) and is_follow_up(text) \
            and not _FIRST_PERSON.search(text) and not (self.situation and self.situation[2].search(text))
        if self.embedder is not None and not about_words and not about_last_answer and self.near_danger(original):
            return "like_danger"
        return ""

    def run(self, context: Context) -> None:
        kind = self.kind(context.question, in_conversation=bool(context.history))
        if kind:
            context.stop("signposted", self.reply, kind)
