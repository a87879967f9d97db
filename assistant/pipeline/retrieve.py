"""Step 5: hybrid retrieval for the (rewritten) question; a follow-up also gets the passages the previous answer cited,
and "how many …?" the closest passage that gives a number of what it counts."""

from __future__ import annotations

from ..retrieval import Retriever
from .answer_types import asked_fields, asks_count, asks_grounds, asks_how_long, gives_shortfall
from .context import Context
from .evidence import Names, count_focus, count_gap, key_terms, timed_terms, times_it

# A follow-up leans towards the documents the conversation has already cited.
EARLIER_SOURCE_BONUS = 0.05
COUNT_WIDTH = 8  # "how many …?" looks this many times further for a passage that gives the count
GROUNDS_PASSAGES = 2  # "why?" after a grade: this many more passages that say what the inspection found wanting


class Retrieve:
    def __init__(self, retriever: Retriever, k: int, names: Names):
        self.retriever = retriever
        self.k = k
        self.names = names

    def run(self, context: Context) -> None:
        fields = asked_fields(context.question)
        question = context.rewritten_question
        query = question + "".join(f" {field}" for field in fields)
        if asks_count(question):
            # "How many police officers does <force> have?": the passage that gives a number of them ("… the force had
            # 1,940 police officers …") among the closest several, before passages that only share the words; of
            # several, the closest that gives the number right beside them, not "Two <force> officers"
            wider = self.retriever.search(query, self.k * COUNT_WIDTH)
            lexical = self.retriever.index.lexical
            focus = count_focus(lexical, question)
            # … from a document naming what the question names ("Police officers: 2,140" in another force's report is not it)
            named = self.names.named(question)
            asked = set(key_terms(lexical, question))
            gaps = [(gap, self.names.absent(named, p), rank) for rank, p in enumerate(wider)
                    if (gap := count_gap(lexical, focus, p.text, asked)) is not None]
            counted = wider[min(gaps)[2]] if gaps else None
            passages = (([counted] if counted else []) + [p for p in wider if p is not counted])[: self.k]
        elif asks_how_long(question):
            # "How long do people wait for 101 in <force>?": the closest passage that gives the time in a sentence
            # about it ("The average time to answer a 101 call was 14 minutes"), among the closest several
            wider = self.retriever.search(query, self.k * COUNT_WIDTH)
            named = self.names.named(question)
            about = timed_terms(self.retriever.index.lexical, self.names, question)
            timed = next((p for p in wider if times_it(self.retriever.index.lexical, about, p.text)
                          and not self.names.absent(named, p)), None)
            passages = (([timed] if timed else []) + [p for p in wider if p is not timed])[: self.k]
        elif asks_grounds(question):
            # "why?", after "what grade did <force> get for investigating crime?", or "what was the cause of concern?":
            # the grounds are where the report says what it found wanting in that area ("The force does not
            # investigate crime well enough … 3,470 investigations were waiting …"), pages from its table of grades,
            # so among the closest several
            wider = self.retriever.search(query, self.k * COUNT_WIDTH)
            named = self.names.named(question)
            grounds = [p for p in wider[self.k:]
                       if gives_shortfall(p.text) and not self.names.absent(named, p)][:GROUNDS_PASSAGES]
            for passage in grounds:
                passage.score = wider[self.k - 1].score
            passages = wider[: self.k] + grounds
            context.carried += len(grounds)  # read beyond those retrieved, as what the answer carries
        else:
            passages = self.retriever.search(query, self.k)
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
