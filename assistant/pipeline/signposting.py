"""Step 2: a message that reports danger gets emergency and support routes, not a document answer."""

from __future__ import annotations

import re

from .context import Context


class Signposting:
    def __init__(self, messages: dict):
        self.patterns = [re.compile(p, re.I) for p in messages["signposting"]["patterns"]]
        self.reply = messages["signposting"]["reply"]

    def run(self, context: Context) -> None:
        if any(p.search(context.question) for p in self.patterns):
            context.stop("signposted", self.reply)
