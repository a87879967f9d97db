"""Step 3: greetings, questions about the assistant, complaints and own cases, and requests it must not fulfil get fixed replies."""

from __future__ import annotations

import re

from .context import Context


class Routing:
    def __init__(self, messages: dict):
        self.routes = [(route["name"], [re.compile(p, re.I) for p in route["patterns"]], route["reply"])
                       for route in messages["routing"]]

    def run(self, context: Context) -> None:
        text = context.question.replace("’", "'")
        for name, patterns, reply in self.routes:
            if any(p.search(text) for p in patterns):
                context.stop("out_of_scope", reply, name)  # the route's name tells staff which reply fired
                return
