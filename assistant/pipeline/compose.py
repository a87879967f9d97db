"""Step 6: the answer, composed from the evidence. A setting chooses the composer.

The extractive composer (the default, and today the only one) quotes the sources' own
sentences: every unit of the top passages is scored by the calibrated evidence model
(similarity to the question, its key words, the kind of fact asked for, the names it asks
about, whether the previous answer quoted it), and the best few are quoted with who said
them and when. The same words found in another source are not repeated: that source is
cited beside them, with its own date. A later composer (generative, with a check of each
sentence against its passage) takes the same context and fills the same fields.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from ..answer import Citation
from ..documents import COMMENT_LABEL, TRANSCRIPT_KIND, human_date
from ..prior_responses import RESPONDER_ROLES
from ..retrieval import Passage, Retriever
from .answer_types import (answer_type, answers_field, asked_doer, asked_post, asked_speaker, asks_about_asking, asks_count,
                           asks_doing, asks_for_response, asks_future_when, asks_grounds, asks_how_long, earlier_question,
                           gives_duration, gives_reason, gives_shortfall, names_holder, own_question, reports_action,
                           tone_match)
from .calibration import Calibration
from .context import Context, Evidence
from .evidence import (Names, Span, about_document, answers_kind, citation, count_focus, count_gap, coverage, dates_absent,
                       display, embedded_form, find_sentence, header_end, heading_above, is_dateline, is_field,
                       is_interrogative, is_list_item, key_terms, months, own_words, paragraph_start, quote, quotes_subject,
                       referent, refers_back, speaker_match, states_opposite, term_present, timed_terms, times_it, units,
                       years)

HOLDER = 0.9  # how likely a sentence naming the holder of the post asked about answers "who is the <post> of …?"
REPEATED = 0.99  # how likely the previous answer's quote answers "who said that?" (or its response "and the answer?")
COUNTED = 0.85  # how likely a sentence giving the number of what "how many …?" counts (or "how long …?" times) answers it
RECOMMENDED = 0.85  # how likely what a body says should change, in its own document, answers "what did it recommend?"
DOING = 0.85  # how likely the doer's own report of an action answers "what is <doer> doing about it?" …
DOING_COVERAGE = 0.4  # … read in a document holding this much of what the question (and the conversation) asks …
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e)\b")  # … and told as their own doing ("I am investing …", not "the force has …")
# A second quote from another document is often beside the point ("the plan's priorities", then the election news): it
# must be nearly as likely to answer as the best (the same document's sentences may trail it by the whole margin).
OTHER_MARGIN = 0.15
GROUNDED = 0.85  # how likely what an inspection found wanting answers "why?" after the grade it gave …
GROUNDS_FLOOR = 0.05  # … where the evidence model gives it at least this
# "still", "any more", "now": what the latest document says of it, as well as the best (at least this likely to answer)
_AS_OF_NOW = r"still|any ?more|now|currently|these days|at the moment"
_NOW = re.compile(rf"\b(?:{_AS_OF_NOW}|yet)\b", re.I)
LATER_FLOOR = 0.2
# … and "any better since?" of a time: the latest time of it
_LATER = re.compile(rf"\b(?:{_AS_OF_NOW}|since|better|worse|improv\w*)\b", re.I)
ACTION = "action"  # what a follow-up asking what is being done asks for, anew (see evidence_features)
# "How long does it take to answer 101?" is not answered first by "… who retires after seven years in charge": a
# stretch of time comes first only in a sentence nearly as like the question as the likest
DURATION_GAP = 0.15
POST_NEIGHBOURS = 3  # for "who is the <post>?", the passages whose neighbouring chunks are read too
_ABOUT_A_QUOTE = ("say said says write wrote written publish published quote quoted mention mentioned state stated date dated "
                  "name named called")
# Words for a document and its making: a question about a document's date or author may use any of them.
_DOCUMENT_WORDS = ("document report letter sheet response reply statement minutes meeting publish published issued sent "
                   "written wrote signed dated date author")
_PUBLISHED = re.compile(r"\b(published|issued|released|sent|dated|written)\b", re.I)  # when a document came out
DOCUMENT_SHARE = 0.5  # how much of what a question asks must name the document for its fields or dateline to answer it
# "who said that?", "when was it?", "what was his name?": a follow-up pointing back at what the last answer quoted
_REFERS_BACK = re.compile(r"\b(that|this|it|those|these|he|she|his|her|him|they|them|their)\b", re.I)
_PRESENT = re.compile(r"\bwho (is|are)\b|\b(current|currently|now|today)\b", re.I)
# "the group decided", "the board's decision": a body the sentence names only by its kind
_THE_BODY = re.compile(r"\bthe (group|board|committee|panel|body)(?:'s|’s)?\b", re.I)
_METADATA_QUESTION = re.compile(r"\b(who|when|date|dated|position|title|role|job|author|wrote|written|signed)\b", re.I)


@dataclass
class Asked:
    """What the composer reads of a question, once (``question`` is the rewritten, standalone form)."""

    question: str
    own: str  # a follow-up's own words, where it has some (evidence.own_words); else ``question``
    terms: list[str]  # the key words of ``question`` …
    own_terms: list[str]  # … and of ``own``
    kind: str  # the kind of fact asked for (answer_types.answer_type)
    named: list[str]  # the forces, places and people it names: only documents naming them are quoted
    metadata: bool  # asks who or when, so 'Field: value' lines are read
    fields_answer: bool  # … and they may answer it (not "when will …?")
    acting: str  # whose doing it asks about ("what is the commissioner doing?")
    response: bool  # asks for the official response to a question
    earlier: dict  # the last answer's quotes and documents (_earlier_quotes)
    repeat: bool  # "who said that, and when?": the last answer's quote is the answer


class ExtractiveComposer:
    def __init__(self, retriever: Retriever, names: Names, messages: dict, calibration: Calibration, passages: int = 5,
                 max_units: int = 4, margin: float = 0.25, max_candidates: int = 32):
        self.retriever = retriever
        self.embedder = retriever.embedder
        self.lexical = retriever.index.lexical
        self.names = names
        self.messages = messages
        self.model = calibration.evidence
        self.passages = passages
        self.max_units = max_units
        self.margin = margin
        self.max_candidates = max_candidates
        self.about_a_quote = set(self.lexical.terms(_ABOUT_A_QUOTE))  # stems a follow-up about the last quote may use
        self.document_words = set(self.lexical.terms(_DOCUMENT_WORDS))

    def run(self, context: Context) -> None:
        """The steps, each a method below: read the question once, gather the passages to quote from, keep their units
        that may answer, score each, order them by what the question asks for, choose a few and read on where a
        sentence needs the next one."""
        ask = self._read_question(context)
        top, answers_quote = self._passages(context, ask)
        candidates = self._candidates(context, ask, top)
        if not candidates:
            self.write(context)
            return
        scored, vectors = self._score(context, ask, candidates, answers_quote)
        context.candidates = scored
        order, theirs, doer = self._order(context, ask, scored)
        chosen = self._read_on(ask, scored, order, self._choose(scored, order, vectors), doer, theirs)
        self._cite_twins(scored, order, chosen, vectors)
        context.evidence = [scored[i] for i in chosen]
        self.write(context)

    def _read_question(self, context: Context) -> Asked:
        question = context.rewritten_question
        own = own_words(context, self.lexical)
        kind = answer_type(question)
        earlier = _earlier_quotes(context)
        # "Who said that, and when?": the words the previous answer quoted are the answer, quoted again
        # with who said them and when.
        # "When did it leave?" asks about something new (a word of its own beyond saying and writing), not the quote.
        # A bare "when?" or "and who?" points back as "when was that?" does.
        points_back = bool(_REFERS_BACK.search(context.question)) or len(re.findall(r"\w+", context.question)) <= 2
        # 'Field: value' lines (Author, Date, Position) are quoted only for questions about who
        # and when, and are read in their section ("Commissioner's response: Author: A. Name").
        metadata = bool(_METADATA_QUESTION.search(question))
        return Asked(
            question=question, own=own, terms=key_terms(self.lexical, question), own_terms=key_terms(self.lexical, own),
            kind=kind,
            # only from documents that name what the question names: "that year", the names of the conversation
            named=self.names.named(own) or self.names.named(question),
            metadata=metadata,
            # 'Field: value' lines answer "who wrote it?" and "when was it sent?", never "when will …?".
            fields_answer=metadata and not asks_future_when(question),
            # whose statement a question asks about ("what is the commissioner doing?")
            acting=asked_doer(context.question) or asked_doer(question),
            # The questioner's words do not answer "what was the response?" (or, after "what did they ask?", "and
            # what was the answer?"); the official response that follows them does.
            response=bool(asks_for_response(context.question) or asks_for_response(question)),
            earlier=earlier,
            repeat=bool(earlier) and kind in ("who", "when", "said", "field") and points_back
            and not set(key_terms(self.lexical, context.question)) - self.about_a_quote,
        )

    def _passages(self, context: Context, ask: Asked):
        """The passages to quote from, and a test of (passage, start): the unit answers the last answer's quote (it is in
        the official response to a question it quoted, or in the question a response it quoted answers)."""
        # a follow-up reads the passages it retrieved as well as those it carried over from the last answer
        top = context.passages[: self.passages + context.carried]
        seen = {p.chunk_id for p in top}
        # the best passage's neighbours, and those of the words of whoever a question asks what they are doing ("what
        # is the commissioner doing?"): a statement often runs on past a chunk's end
        for passage in top[:1] + [p for p in top[1:] if ask.acting and speaker_match(ask.acting, p)]:
            top += [p for p in self.retriever.adjacent(passage) if p.chunk_id not in seen and not seen.add(p.chunk_id)]
        # "Who is the <post>?": a neighbour of the best passages that names a holder (minutes name them under the
        # item's heading, the chunk before)
        if asked_post(ask.question):
            top += [p for passage in top[1:POST_NEIGHBOURS] for p in self.retriever.adjacent(passage)
                    if p.chunk_id not in seen and names_holder(ask.question, p.text) and not seen.add(p.chunk_id)]
        responses = self._responses_to(top) if ask.response else []
        top += [p for p, _ in responses if p.chunk_id not in seen and not seen.add(p.chunk_id)]
        # "And what was the answer?", just after the question was quoted: the response that follows it, by structure.
        quoted = [key for key, mark in ask.earlier.items() if isinstance(key, tuple) and mark == 1.0]
        answering = {p.chunk_id for p, asked in responses
                     if any(source == asked.source and asked.start <= start < asked.end for source, start in quoted)}
        # "Who asked that?", just after a response was quoted: the question it answers, by structure
        asked = [(source, section) for source, start in quoted if (section := self._question_answered(source, start))] \
            if asks_about_asking(context.question) else []
        return top, lambda passage, start: passage.chunk_id in answering or any(
            source == passage.source and section.start <= start < section.end for source, section in asked)

    def _question_answered(self, source: str, start: int):
        """The public question on a sheet that the response holding ``start`` answers; None where ``start`` is in none."""
        sections = self.retriever.index.documents[source].sections
        response = next((s for s in sections if s.start <= start < s.end and s.role in RESPONDER_ROLES), None)
        if response is None:
            return None
        return next((s for s in reversed(sections) if s.end <= response.start and s.role == "member_of_public"), None)

    def _header(self, passage: Passage, start: int, text: str, question: str = "") -> bool:
        """Tells about the document itself: its fields ("Date: …", "Reference: …") or its dateline. A notice's fields
        that report what it is about ("Outcome: Dismissal without notice") are its findings, but give no count (their
        numbers are dates and collar numbers)."""
        if is_field(text) and not about_document(text) and not asks_count(question):
            return False
        return is_field(text) or is_dateline(self.document_text(passage), start, text)

    def _candidates(self, context: Context, ask: Asked, top: list[Passage]) -> list[tuple[int, Passage, int, int]]:
        """The units that may answer, as (rank of their passage, passage, start, end): only from documents that name
        what the question names, and hold the years and months it gives."""
        own, question = ask.own, ask.question
        dated = own if years(own) or months(own) else question  # "what was the turnout?" after "… the 2021 elections"
        shown = self._shown_as_prior(context)
        asking = asks_about_asking(question)  # else a sentence that asks a question answers nothing
        about = [t for t in ask.terms if t not in self.names.stems]  # what, not whose ("the *Northmoor* PEEL report")
        about_document = [t for t in about if t not in self.document_words]

        def fields_about(passage: Passage) -> bool:
            """A sheet's fields and a document's dateline tell about the document itself, so the question must be
            about it: it calls the document what its title, kind or section does ("who wrote the *response* about
            …?"), or most of what else it asks (by weight, names aside) is there ("when was the *PEEL* report
            published?"). "When was the inspection published?" is not answered by the date a public-question sheet
            about an inspection was filled in, nor "when did the panel veto the precept?" by the date of the panel's
            minutes."""
            described = f"{passage.title} {passage.kind} {passage.section}"
            called = [t for t in about if t in self.document_words]
            return bool(called) and coverage(self.lexical, called, described) > 0 \
                or coverage(self.lexical, about_document, described) >= DOCUMENT_SHARE

        return [(rank, p, s, e) for rank, p in enumerate(top) if not self.names.absent(ask.named, p)
                and not (ask.response and p.role == "member_of_public") for s, e in units(p) for text in [p.text[s - p.start:e - p.start]]
                if (not self._header(p, s, text, question) or ask.fields_answer and fields_about(p) or names_holder(question, text))
                and (asking or not is_interrogative(text))
                and not dates_absent(dated, text, p) and not states_opposite(own, f"{p.title} {text}")
                and not shown(p.source, s)]

    def _score(self, context: Context, ask: Asked, candidates: list, answers_quote) -> tuple[list[Evidence], np.ndarray]:
        """Each unit scored by the evidence model (and the floors of the few kinds of answer it underrates), with the
        question's vector first and the units' after it."""
        question, own, earlier = ask.question, ask.own, ask.earlier
        texts = [p.text[s - p.start:e - p.start] for _, p, s, e in candidates]
        overlaps = [self._overlap(ask.terms, text) for text in texts]
        if len(candidates) > self.max_candidates:  # weighing each sentence costs time: keep the likeliest
            keep = sorted(sorted(range(len(candidates)), key=lambda i: -(overlaps[i] + candidates[i][1].score))[: self.max_candidates])
            candidates, texts, overlaps = [candidates[i] for i in keep], [texts[i] for i in keep], [overlaps[i] for i in keep]
        # The sentences' vectors were made at ingest; a field line read in its section is embedded now.
        embedded = [embedded_form(f"{p.section}: {t}" if ask.metadata and p.section and is_field(t) else t)
                    for (_, p, _, _), t in zip(candidates, texts)]
        vectors = np.vstack([self.embedder.embed_query(context.question), self.embedder.embed_query(question),
                             self.retriever.index.sentences.embed(embedded, self.embedder)])
        # A follow-up's sentences are judged against the question both as asked and as rewritten.
        asked, rewritten = vectors[2:] @ vectors[0], vectors[2:] @ vectors[1]
        # "How many camera vans are there?", after an answer quoting "… funds 14 mobile camera vans …": a follow-up's
        # words that its earlier question did not use, found in a sentence the last answer quoted, make that sentence
        # an answer to it, not a repeat of the last answer (what the evidence model holds against an earlier quote)
        new_terms = [t for t in ask.own_terms if t not in key_terms(self.lexical, earlier_question(question))] \
            if context.follow_up and own == context.question and not ask.repeat else []
        # … and so does its own kind of fact, not the earlier question's: "what is it for?", after "how much did the
        # precept go up?", is answered by the quoted "… the increase would pay for the additional detectives …"
        # (a reason or a recommendation only: a date or a number is in too many quotes to say they answer anew)
        # … or an action, when it asks what is being done and its earlier question did not: "what is being done about
        # it?", after "how many detective vacancies …?", is answered by the quoted "To help fill the detective
        # vacancies, I have provided £1.4 million …"
        new_kind = answer_type(context.question) if context.follow_up and not ask.repeat else ""
        new_kind = new_kind if new_kind in ("why", "recommendation") and new_kind != answer_type(earlier_question(question)) else ""
        if context.follow_up and not ask.repeat and asks_doing(context.question) and not asks_doing(earlier_question(question)):
            new_kind = ACTION
        names_held: dict[str, float] = {}  # per passage: the share of the question's names it holds
        for _, passage, _, _ in candidates:
            if passage.chunk_id not in names_held:
                # … read with its document's heading lines: a later part of "Investigation summary" / "<force> –
                # collision after a police pursuit in <town>" is about that town
                # and with the start of its paragraph, where the chunk opens part way through one ("It will open in
                # spring 2026 …" after "… a new investigation hub in <town> …")
                # and with the public question a response answers, where it is not in the chunk (a transcript's turn,
                # "… four people a day came in", answers the resident's "Why has the front counter at <town> …?")
                document = self.document_text(passage)
                opening = document[paragraph_start(document, passage.start):passage.start]
                public = self._question_answered(passage.source, passage.start)
                holder = f"{passage.title} {passage.speaker} {passage.publisher} {document[:header_end(document)]} {opening} " \
                         f"{document[public.start:public.end] if public else ''} {passage.text}"
                names_held[passage.chunk_id] = coverage(self.lexical, ask.named, holder) if ask.named else 1.0

        recommender = asked_speaker(context.question) or asked_speaker(question)  # "what did <body> recommend?"

        def read(reading: str, reading_terms: list[str], a_sims, r_sims, reading_overlaps) -> list[tuple[float, dict]]:
            """Each candidate's probability of answering ``reading``, and what the evidence model read of it."""
            reading_kind = answer_type(reading)
            best_similarity, best_overlap = float(max((a_sims + r_sims) / 2)), max(reading_overlaps)
            results = []
            for (rank, passage, start, end), text, a, r, overlap in zip(candidates, texts, a_sims, r_sims, reading_overlaps):
                features = evidence_features(self, reading, ask.own_terms, reading_kind, names_held[passage.chunk_id],
                                             reading_terms, passage, rank, start, text, float(a), float(r), overlap, earlier,
                                             (new_terms, new_kind))
                features.update(similarity_gap=best_similarity - features["similarity"], overlap_gap=best_overlap - overlap)
                probability = self.model.probability(features)
                if ask.repeat and features["earlier_quote"] == 1.0 or answers_quote(passage, start):
                    probability = max(probability, REPEATED)
                elif ask.acting and features["names"] == 1.0 and features["context_coverage"] >= DOING_COVERAGE \
                        and speaker_match(ask.acting, passage) and "news" not in passage.kind.lower() and reports_action(text) \
                        and _FIRST_PERSON.search(text):
                    # "what is the commissioner doing about it?": what they say they have done or will do, in their own
                    # words in their own document about it, however little it looks like the question ("I am investing
                    # £1.2 million …")
                    probability = max(probability, DOING)
                elif reading_kind == "recommendation" and features["type_found"] and features["names"] == 1.0 \
                        and (speaker_match(recommender, passage) if recommender else passage.source in earlier):
                    # "what did the scrutiny group recommend?": what says something should change, in that body's own
                    # document (or, "what do they have to do about it?", the one the conversation cited), however little
                    # it looks like the question ("The force should make sure …")
                    probability = max(probability, RECOMMENDED)
                elif features["field_answer"] and features["names"] == 1.0:
                    # "who wrote the letter?": its "From:" line, however little it looks like the question (a field
                    # reaches here only when the question is about its document)
                    probability = max(probability, HOLDER)
                results.append((probability, features))
            return results

        readings = read(question, ask.terms, asked, rewritten, overlaps)
        if context.follow_up and own == context.question:
            # A follow-up with words of its own ("what is the commissioner doing about it?") is also read as asked,
            # in the documents the last answer cited: the conversation chose them, its own words say what to quote
            # from them (elsewhere, "who will take over?" read alone finds any sentence that says "over").
            as_asked = read(context.question, ask.own_terms, asked, asked, [self._overlap(ask.own_terms, text) for text in texts])
            readings = [max(mine, alone, key=lambda reading: reading[0]) if passage.source in earlier else mine
                        for mine, alone, (_, passage, _, _) in zip(readings, as_asked, candidates)]
        scored = [Evidence(passage, start, end, text, probability, float(max(a, r)), features=features)
                  for (_, passage, start, end), text, a, r, (probability, features) in zip(candidates, texts, asked, rewritten, readings)]
        return scored, vectors[1:]

    def _order(self, context: Context, ask: Asked, scored: list[Evidence]) -> tuple[list[int], list[int], str]:
        """The units, likeliest first, then reordered by what the question asks for; with the units of the speaker it
        asks about, and whose doing it asks about."""
        question = ask.question
        order = sorted(range(len(scored)), key=lambda i: -scored[i].score)
        if ask.repeat:  # "who said that, and when?": the words the last answer quoted come first, whatever is likelier
            order = sorted(order, key=lambda i: scored[i].features["earlier_quote"] != 1.0)
        order, theirs, doer = self._speaker_first(context, ask, scored, order)
        if asked_post(ask.own):
            order = self._holders_first(ask.own, scored, order)
        # "How long was the force in engage?": the sentence that gives a stretch of time ("… 20 months after it was
        # placed …"), where it is nearly as likely to answer as the best, before one that only holds a date.
        # (not "what are they doing about it?" after one: that asks what is done, not how long it takes)
        if asks_how_long(question) and not (context.follow_up and asks_doing(ask.own)):
            # … first one that gives in figures the time of what the question asks about ("The average time to answer
            # a 101 call was 14 minutes", asked "how long do people wait for 101 in <force>?"), in a document naming
            # all it names, however little it looks like the question
            # (what a follow-up times is what its earlier question did, unless it asks how long itself: "is it any
            # better now?", after "how long did people wait on 101 …?")
            timing = ask.own if asks_how_long(ask.own) or not context.follow_up else earlier_question(question)
            about = timed_terms(self.lexical, self.names, timing)
            timed = [i for i in order if scored[i].features["names"] == 1.0 and scored[i].passage.role != "member_of_public"
                     and times_it(self.lexical, about, scored[i].text)]  # not a questioner's "I waited 40 minutes …"
            if _LATER.search(ask.own):  # "… any better since?": the latest time of it ("… had fallen to 9 hours")
                timed.sort(key=lambda i: scored[i].passage.said_on, reverse=True)
            if timed:
                scored[timed[0]].score = max(scored[timed[0]].score, COUNTED)
                order = timed[:1] + [i for i in order if i != timed[0]]
            durations = [i for i in order if gives_duration(scored[i].text)
                         and scored[i].score >= scored[order[0]].score - self.margin
                         and scored[i].features["similarity_gap"] <= DURATION_GAP]
            order = durations + [i for i in order if i not in durations]
        # "Why?", after "what grade did <force> get for investigating crime?", and "what was the cause of concern?": what
        # the inspection found wanting there, in its own words ("… 41 of the 120 case files we reviewed had no
        # investigation plan"), before a commissioner's account of it or the inspector's bare verdict ("I am concerned
        # about how <force> investigates crime.")
        if asks_grounds(question):
            grounds = [i for i in order if scored[i].passage.role == "inspector" and scored[i].features["names"] == 1.0
                       and scored[i].score >= GROUNDS_FLOOR and gives_shortfall(scored[i].text)
                       and not is_field(scored[i].text)]  # not its label alone ("Cause of concern: values and culture")
            # … those of the document the grade was quoted from first ("only 4 percent of the cases" in a national
            # report that names the force is not why the force got its grade)
            grounds.sort(key=lambda i: scored[i].passage.source not in ask.earlier)
            for i in grounds:
                scored[i].score = max(scored[i].score, GROUNDED)
            order = grounds + [i for i in order if i not in grounds]
        focus = count_focus(self.lexical, ask.own)  # not "who asked that?" after "how many …?"
        if focus:
            order = self._exact_count_first(focus, set(ask.own_terms), scored, order)
        # "When was the PEEL report published?": the dateline of the document the question names, not a sentence that
        # merely holds a date ("When I was elected in May 2021, …").
        if ask.fields_answer and _PUBLISHED.search(own_question(question)):  # not "… who sent …" in the earlier question
            order = [i for i in order if self._header(scored[i].passage, scored[i].start, scored[i].text)] or order
        return order, theirs, doer

    def _speaker_first(self, context: Context, ask: Asked, scored: list[Evidence], order: list[int]) -> tuple[list[int], list[int], str]:
        """"What did the inspectors find?": the inspectors' own words, where they are nearly as likely to answer as
        the best (a commissioner's statement about the inspection is not what the inspectors found)."""
        question = ask.question
        # A follow-up asks about the speaker it names, and about the one its earlier question named only while that
        # was the last question: "when did she say it?", after "and what did the commissioner say about that?", is
        # not about the inspectors the conversation's first question asked about.
        whose = context.question if context.follow_up and context.history \
            and earlier_question(question) != context.history[-1].question else question
        # … and first about whom its own words name: "what is the commissioner doing about it?", after "what did the
        # inspectors find?", asks about the commissioner
        doer = asked_doer(context.question) or asked_doer(whose)
        post = asked_post(earlier_question(question))
        if post and doer.lower() in ("he", "she", "they"):  # "what is she doing …?", after "who is the <post>?"
            doer = f"the {post[1]}"
        speaker = asked_speaker(context.question) or doer or asked_speaker(whose)
        theirs = [i for i in order if speaker_match(speaker, scored[i].passage)
                  or quotes_subject(self.lexical, question, scored[i].text, self.names.place_stems)] if speaker else []
        if theirs and scored[theirs[0]].score >= scored[order[0]].score - self.margin:
            order = theirs
        return order, theirs, doer

    @staticmethod
    def _holders_first(own: str, scored: list[Evidence], order: list[int]) -> list[int]:
        """"Who is the <area> PCC?": the sentence that names whoever holds the post (else the best sentence of each
        document they speak for), however little else it shares with the question; not the sentence about another post."""
        speaking = {}
        for i in order:
            if names_holder(own, scored[i].passage.speaker):
                speaking.setdefault(scored[i].passage.source, i)
        holders = [i for i in order if names_holder(own, scored[i].text)] or list(speaking.values())
        if _PRESENT.search(own):  # "who is …?": whoever the latest document names first, and its new holder first
            holders.sort(key=lambda i: (scored[i].passage.said_on,
                                        names_holder(own, scored[i].text, new=True)), reverse=True)
        for i in holders:
            scored[i].score = max(scored[i].score, HOLDER)
        return holders + [i for i in order if i not in holders]

    def _exact_count_first(self, focus, asked: set[str], scored: list[Evidence], order: list[int]) -> list[int]:
        """"How many police officers does <force> have?": the sentence that gives a number of them ("The force has 2,310
        police officers"), instead of one where other words stand between ("Two <force> officers have been dismissed")."""
        gaps = {i: count_gap(self.lexical, focus, scored[i].text, asked) for i in order}
        exact = [i for i in order if gaps[i] == 0]
        # … however much less likely it looks, when the best counts them too but loosely (it is as likely) or gives no
        # number of them at all ("… a Rural Crime Team of nine officers" asked how many police officers); else when it
        # is nearly as likely as the best
        loose = gaps[order[0]] is not None and gaps[order[0]] > 0
        if exact and gaps[order[0]] != 0 and (loose or gaps[order[0]] is None
                                              or scored[exact[0]].score >= scored[order[0]].score - self.margin):
            if loose:
                scored[exact[0]].score = max(scored[exact[0]].score, scored[order[0]].score)
            if scored[exact[0]].features["names"] == 1.0:  # … in a document naming all the question names
                scored[exact[0]].score = max(scored[exact[0]].score, COUNTED)
            order = exact + [i for i in order if i not in exact and gaps[i] is None]
        return order

    def _choose(self, scored: list[Evidence], order: list[int], vectors: np.ndarray) -> list[int]:
        """Up to ``max_units`` units within the margin of the best, another document's only when nearly as likely; of the
        same words twice, the dated original."""
        chosen: list[int] = []
        for i in order:
            if len(chosen) == self.max_units or scored[i].score < scored[order[0]].score - self.margin:
                break
            if chosen and scored[i].passage.source not in {scored[j].passage.source for j in chosen} \
                    and scored[i].score < scored[order[0]].score - OTHER_MARGIN:
                continue
            twin = next((k for k, j in enumerate(chosen) if _same_words(vectors[1 + i], vectors[1 + j], scored[i], scored[j])), None)
            if twin is None:
                chosen.append(i)
            elif scored[i].passage.speaker_date and not scored[chosen[twin]].passage.speaker_date:
                scored[i].score = max(scored[i].score, scored[chosen[twin]].score)  # the same words, as likely to answer
                chosen[twin] = i  # quote the dated original, not a later report of it
        return chosen

    def _read_on(self, ask: Asked, scored: list[Evidence], order: list[int], chosen: list[int], doer: str,
                 theirs: list[int]) -> list[int]:
        """The chosen units, with the sentences they need after them."""
        # "Why was PC <name> sacked?": "… was found to have committed gross misconduct." reads on into the sentence that
        # says what that was ("He sent offensive messages …"), the next one, pointing back to it
        if ask.kind == "why" and chosen and len(chosen) < self.max_units:
            best = scored[chosen[0]]
            document = self.document_text(best.passage)
            following = [i for i in order if i not in chosen and scored[i].passage.source == best.passage.source
                         and scored[i].start > best.end and not document[best.end:scored[i].start].strip()
                         and refers_back(scored[i].text)]
            chosen[1:1] = following[:1]
        # "Is <force> still in special measures?": what the latest document says of it follows what the best says, when that
        # is older ("… placed in special measures" in 2025's news; "We recommended that … be returned to routine
        # monitoring" in 2026's revisit); of what the question names, so that another force's later news is not it
        if _NOW.search(ask.own) and ask.named and chosen and len(chosen) < self.max_units:
            best = scored[chosen[0]].passage
            later = [i for i in order if i not in chosen and scored[i].passage.said_on > best.said_on
                     and scored[i].features["names"] == 1.0 and scored[i].score >= LATER_FLOOR]
            chosen[1:1] = later[:1]
        # "Who decided?": "… the group decided to move the force into engage" reads back to the sentence before it in its
        # document that names the group ("… the Policing Performance Oversight Group considered …"), the nearest
        if ask.kind == "who" and chosen:
            best = scored[chosen[0]]
            body = _THE_BODY.search(best.text)
            if body and not re.search(rf"\b(?!The\b)[A-Z][\w’'-]* (?i:{body[1]})\b", best.text):  # not "… Oversight Group decided"
                naming = [i for i in order if i not in chosen and scored[i].passage.source == best.passage.source
                          and scored[i].end <= best.start
                          and re.search(rf"\b(?:[A-Z][\w’'-]+ ){{1,5}}{body[1].capitalize()}\b", scored[i].text)]
                chosen = (sorted(naming, key=lambda i: scored[i].start)[-1:] + chosen)[: self.max_units]
        # "What is the commissioner doing about it?": the best of what they say, then what they say they have done or will
        # do, however much less it looks like the question ("I have agreed to fund 12 more staff").
        if doer and theirs and chosen and chosen[0] in theirs:
            acting = [i for i in theirs if reports_action(scored[i].text) and i not in chosen
                      and scored[i].passage.source == scored[chosen[0]].passage.source]
            kept = [i for i in chosen[1:] if reports_action(scored[i].text)]
            chosen = (chosen[:1] + kept + acting)[: self.max_units]
        return chosen

    @staticmethod
    def _cite_twins(scored: list[Evidence], order: list[int], chosen: list[int], vectors: np.ndarray) -> None:
        """The same words in another source are cited beside the chosen ones."""
        for i in chosen:
            for j in order:
                other = scored[j].passage
                if other.source != scored[i].passage.source and other not in scored[i].also_in \
                        and _same_words(vectors[1 + i], vectors[1 + j], scored[i], scored[j]):
                    scored[i].also_in.append(other)

    def document_text(self, passage: Passage) -> str:
        """The whole text of the document ``passage`` is from."""
        return self.retriever.index.documents[passage.source].text

    def _overlap(self, terms: list[str], text: str) -> float:
        """The share of ``terms`` in ``text`` (unweighted)."""
        present = set(self.lexical.terms(text))
        return sum(term_present(t, present) for t in terms) / len(terms) if terms else 0.0

    def _responses_to(self, passages: list[Passage]) -> list[tuple[Passage, Passage]]:
        """For each passage of a member of the public's question, the chunks of the response that follows it (each
        with the question's passage)."""
        found = []
        for passage in passages:
            if passage.role != "member_of_public":
                continue
            sections = self.retriever.index.documents[passage.source].sections
            answer = next((s for s in sections if s.start >= passage.end - 1 and s.role in RESPONDER_ROLES), None)
            if answer:
                found += [(p, passage) for p in self.retriever.passages_at(passage.source, answer.start, answer.end,
                                                                           passage.score * 0.9)]
        return found

    def _shown_as_prior(self, context: Context):
        """A test of (source, start): inside the official question, or among the response's sentences the
        prior-response paragraph quotes (those are already in the answer)."""
        if not context.prior:
            return lambda source, start: False
        record = context.prior[0]
        quoted = {s for s, _ in self._prior_quote(record, context.rewritten_question)}
        return lambda source, start: source == record.document.id and (
            record.question.start <= start < record.question.end or start in quoted)

    def _prior_quote(self, record, question: str) -> list[tuple[int, int]]:
        """What the prior-response paragraph quotes: the two sentences of the official response that hold most of the
        question's key words, in their order (a many-part response opens with another part's answer), else its opening."""
        response = self.retriever.section_passage(record.document.id, record.response)
        sentences = [(s, e) for s, e in units(response) if not is_field(response.text[s - response.start:e - response.start])]
        terms = key_terms(self.lexical, question)
        held = [coverage(self.lexical, terms, response.text[s - response.start:e - response.start]) for s, e in sentences]
        best = sorted(sorted(range(len(sentences)), key=lambda i: -held[i])[:2]) if any(held) else [0, 1]
        return [sentences[i] for i in best if i < len(sentences)]

    def prior_paragraph(self, context: Context, cite) -> str:
        record, _ = context.prior
        question = self.retriever.section_passage(record.document.id, record.question)
        response = self.retriever.section_passage(record.document.id, record.response)
        quoted = self._prior_quote(record, context.rewritten_question)
        undated = self.messages["undated"]
        return self.messages["prior_response"].format(
            asker=question.speaker or "someone", asked_on=human_date(question.speaker_date) or undated,
            # the panel the sheet is from, as it names itself ("the <area> Police and Crime Panel"), else any panel
            panel=re.sub(r"^(?!the )", "the ", question.publisher) if "panel" in question.publisher.lower()
            else self.messages["a_panel"],
            q=cite(question, []), answerer=response.speaker or "the Commissioner's office",
            answered_on=human_date(response.speaker_date) or undated,
            quote=quote(response, quoted),
            r=cite(response, [Span(s, e) for s, e in quoted]),
        )

    def attribution(self, passage: Passage, field_block: bool = False) -> str:
        """Who said it and when, in the words of messages.yaml; nothing is said about a date the documents do not give."""
        templates = self.messages["attribution"]
        speaker = passage.speaker or ""
        document_date = human_date(passage.date)
        fields = {
            "speaker": speaker, "speaker_cap": speaker[:1].upper() + speaker[1:], "kind": passage.kind,
            "section_lower": (passage.section or passage.kind).lower(),
            "title": passage.title, "publisher": passage.publisher, "publisher_cap": passage.publisher[:1].upper() + passage.publisher[1:],
            "date": human_date(passage.speaker_date) or document_date,
            "document_date": document_date,
            "of_document_date": f" of {document_date}" if document_date else "",
            "dated": f" ({document_date})" if document_date else "",
        }
        if field_block:  # a sheet's section's fields, or the lines heading a whole document (a letter's "From:")
            key = "field" if passage.section or "field_document" not in templates else "field_document"  # (older files)
            return templates[key if fields["date"] else f"{key}_undated"].format(**fields)
        if not speaker:  # a plain document speaking for itself, or for the body that issued it
            return templates["document_by" if passage.publisher else "document"].format(**fields)
        role = passage.role
        if role in ("journalist", "author"):
            group = templates["own"]
        elif passage.speaker_date and passage.kind == TRANSCRIPT_KIND and "spoken" in templates:
            group = templates["spoken"]  # "At the meeting of 22 January 2026, Ms J. Farrow asked"
        elif passage.section == COMMENT_LABEL and passage.speaker_date and "comment" in templates:
            return templates["comment"].format(**fields)  # "In a reader's comment of 6 February 2026 on “…”, a reader (…) wrote"
        elif passage.speaker_date:
            group = templates["dated"]
            if role == "commissioners_office" and not passage.section:
                role = "commissioners_statement"  # not a sheet's response: the whole document is theirs
        elif not passage.section:  # the speaker of the whole document, not someone it quotes
            return templates["by"].format(**fields)
        else:
            group = templates["reported"]
        return group.get(role, group["default"]).format(**fields)

    def write(self, context: Context) -> None:
        groups: dict[str, list[Evidence]] = {}
        for unit in context.evidence:
            groups.setdefault(unit.passage.chunk_id, []).append(unit)
        numbers: dict[str, int] = {}
        citations: list[Citation] = []

        def cite(passage: Passage, highlights: list) -> int:
            if passage.chunk_id not in numbers:
                numbers[passage.chunk_id] = len(numbers) + 1
                citations.append(citation(numbers[passage.chunk_id], passage, highlights))
            return numbers[passage.chunk_id]

        paragraphs = [self.prior_paragraph(context, cite)] if context.prior else []
        attributed = set()  # "<who>, in “<title>” (<date>), says" once; the same again goes on
        for group in groups.values():
            passage = group[0].passage
            field_block = all(is_field(u.text) for u in group)
            quoted = quote(passage, [(u.start, u.end) for u in group])
            who = self.attribution(passage, field_block)
            said = who if who not in attributed else self.messages["attribution"]["goes_on"]
            attributed.add(who)
            line = f"{said}: “{quoted}” [{cite(passage, group)}]"
            if passage.role == "member_of_public" and not field_block:
                line += " " + self.messages["claim_note"]
            others = [p for u in group for p in u.also_in]
            if others:
                named = ", ".join(f"the {p.kind}" + (f" of {human_date(p.date)}" if p.date else "") + f" [{cite(p, [])}]"
                                  for p in others)
                line += " " + self.messages["duplicate_note"].format(sources=named)
            paragraphs.append(line)
        # highlight duplicates in their own passages too
        for unit in context.evidence:
            for other in unit.also_in:
                numbered = citations[numbers[other.chunk_id] - 1]
                numbered.highlights.extend(find_sentence(other, display(unit.text)))
        context.answer = "\n\n".join(paragraphs)
        context.citations = citations


# The composers a setting can choose (ASSISTANT_COMPOSER).
COMPOSERS = {"extractive": ExtractiveComposer}


def evidence_features(composer: ExtractiveComposer, question: str, own_terms: list[str], kind: str, names_held: float,
                      terms: list[str], passage: Passage, rank: int, start: int, text: str, asked: float, rewritten: float,
                      overlap: float, earlier: dict, new: tuple[list[str], str]) -> dict[str, float]:
    """What the evidence model reads of one quotable unit (names are the calibration file's feature names).

    ``new``: the follow-up's words and kind of fact its earlier question did not ask, which an earlier quote holding
    them answers anew."""
    lexical = composer.lexical
    type_found = bool(kind) and answers_kind(lexical, kind, question, text, passage, composer.names)
    new_terms, new_kind = new
    # a follow-up's new words may be in the heading the unit is under: "who asked that?" is answered anew by the
    # quoted question under "Question (asked by)"
    heading = heading_above(composer.document_text(passage), start) if new_terms else ""
    answers_anew = 1.0 if new_kind == ACTION and reports_action(text) or new_kind and kind == new_kind and type_found \
        else coverage(lexical, new_terms, f"{heading} {text}") if new_terms else 0.0
    unit_terms = [t for t in key_terms(lexical, text) if t not in terms]
    words = len(re.findall(r"\w+", text))
    # "Why did the force go into engage?": "The decision follows our PEEL inspection …" gives the reason for what the
    # sentence before it says ("… has been moved into the engage phase"), and is read with it
    reason = kind == "why" and gives_reason(text)
    leans_on = passage.section if is_field(text) else referent(passage, start, text, reason, composer.document_text(passage))
    context = f"{passage.title} {passage.section} {passage.speaker} {human_date(passage.said_on)} {leans_on} {text}"
    return {
        "similarity": (asked + rewritten) / 2,
        "similarity_max": max(asked, rewritten),
        "overlap": overlap,
        # someone's words are read in the document that reports them: "what did the chief constable say when the force
        # left special measures?" is answered by his quote in the news report titled "… taken out of special measures";
        # and a grade in the report that gives it ("Requires improvement" / "Investigating crime" in "PEEL 2023–25: …
        # An inspection of <force>")
        "coverage": coverage(lexical, terms, f"{leans_on} {text}" + (f" {passage.title}" if kind in ("said", "grade") else "")),
        # read in its document: "made 12 recommendations" in a report titled "… custody suites in <force>", dated
        "context_coverage": coverage(lexical, terms, context),
        "passage_score": passage.score,
        "passage_rank": 1.0 / (1 + rank),
        "type_asked": 1.0 if kind else 0.0,
        "type_found": 1.0 if type_found else 0.0,
        "own_coverage": coverage(lexical, own_terms, text),
        "field_answer": 1.0 if answers_field(question, text) else 0.0,
        "tone": tone_match(question, text),
        "speaker": max(speaker_match(question, passage), quotes_subject(lexical, question, text, composer.names.place_stems)),
        "names": names_held,
        "novelty": min(1.0, len(unit_terms) / 8),
        "earlier_quote": earlier.get((passage.source, start), earlier.get(passage.source, 0.0)) * (1.0 - answers_anew),
        "list_item": 1.0 if is_list_item(passage.text[:max(0, start - passage.start)], text) else 0.0,
        "length": math.log1p(words),
    }


def _earlier_quotes(context: Context) -> dict:
    """For a follow-up: 1.0 for each unit the last answer quoted, 0.5 for the documents it cited."""
    if not (context.follow_up and context.history):
        return {}
    marks: dict = {}
    last = context.last_answer()
    for cited in last.passages:
        marks.setdefault(cited["source"], 0.5)
        for start, _ in cited.get("highlights") or []:
            marks[(cited["source"], start)] = 1.0
    for source in last.sources:
        marks.setdefault(source, 0.5)
    return marks


def _same_words(a: np.ndarray, b: np.ndarray, x: Evidence, y: Evidence) -> bool:
    return float(a @ b) >= 0.9 or display(x.text).lower() == display(y.text).lower()


def build_composer(name: str, retriever: Retriever, names: Names, messages: dict, calibration: Calibration):
    try:
        return COMPOSERS[name](retriever, names, messages, calibration)
    except KeyError:
        raise ValueError(f"Unknown composer {name!r}: ASSISTANT_COMPOSER must be one of {', '.join(COMPOSERS)}") from None

