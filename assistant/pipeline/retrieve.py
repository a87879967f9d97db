"""Step 5: hybrid retrieval for the (rewritten) question; a follow-up also gets the passages the previous answer cited."""

from __future__ import annotations

from ..retrieval import Retriever
from .answer_types import asked_fields
from .context import Context

# A follow-up leans towards the documents the conversation has already cited.
EARLIER_SOURCE_BONUS = 0.05


class Retrieve:
    def __init__(self, retriever: Retriever, k: int):
        self.retriever = retriever
        self.k = k

    def run(self, context: Context) -> None:
        fields = asked_fields(context.question)
        passages = self.retriever.search(context.rewritten_question + "".join(f" {field}" for field in fields), self.k)
        if fields:  # the Author/Date block of a retrieved response may sit in a chunk of its own
            seen = {p.chunk_id for p in passages}
            for passage in list(passages):
                for neighbour in self.retriever.neighbours(passage):
                    if neighbour.chunk_id not in seen and any(f"{field}:" in neighbour.text for field in fields):
                        neighbour.score = passage.score
                        passages.append(neighbour)
                        seen.add(neighbour.chunk_id)
        if context.follow_up and context.history:
            # "who said that?": the passages the previous answer cited are candidates whatever the words
            seen = {p.chunk_id for p in passages}
            best = passages[0].score if passages else 0.0
            for cited in context.last_answer().passages:
                for passage in self.retriever.passages_at(cited["source"], cited["start"], cited["end"], best):
                    # the cited passage, and what runs on from it ("… the board meets every six weeks")
                    for candidate in [passage, *self.retriever.adjacent(passage)]:
                        if candidate.chunk_id not in seen:
                            passages.append(candidate)
                            seen.add(candidate.chunk_id)
                            context.carried += 1
            earlier = {s for turn in context.history for s in turn.sources}
            for passage in passages:
                if passage.source in earlier:
                    passage.score += EARLIER_SOURCE_BONUS
            passages.sort(key=lambda p: -p.score)
        context.passages = passages
