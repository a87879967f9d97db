"""Step 7: does the evidence answer the question? If not, say so and offer related reading.

The composer has already kept to documents that name what the question names (a force, a
place, a person) and hold the years and months it gives. Nine checks need no calibration: a
"who"/"when"/"how many" question needs that kind of fact in what is quoted, "when will …?"
a date in it, what the question says was done ("how many officers were *dismissed*?") must
be said in it, a question naming someone or somewhere must have what it asks about said in
it ("when did <force> go into *engage*?"), "what did the chief constable say?" must quote the
chief constable's words, "did the IOPC investigate …?" must be answered where the IOPC is
named, "what did the IOPC find?" is not answered by the news that its investigation has
begun, a questioner's claim alone answers only a question about what was asked, and the
evidence must hold at least one of the question's key words. Then the calibrated
answerability model (calibration.py) decides from how likely the best sentence is to answer
(the evidence model's probability, which weighs similarity, key words, the kind of fact,
names and speaker together).
"""

from __future__ import annotations

import re

from ..lexical import LexicalIndex
from .answer_types import (answer_type, asked_about, asks_about_asking, asks_finding, asks_future_when, dated, done_to,
                           gives_reason, only_under_way, own_question, reports_speech, said_subject)
from .calibration import Calibration
from .context import Context
from .evidence import (Names, answers_kind, coverage, is_field, key_terms, own_words, paragraph_before, referent,
                       related_citations, speaker_match, term_present, written_as)

RELATED = 3


def answer_features(context: Context, lexical: LexicalIndex, names: Names | None = None) -> dict[str, float]:
    """What the answerability model reads of the chosen evidence (names are the calibration file's feature names)."""
    evidence = context.evidence
    question = context.rewritten_question
    own = key_terms(lexical, asked_about(own_words(context, lexical)))
    terms = key_terms(lexical, asked_about(question))
    passages = " ".join(f"{u.passage.title} {u.passage.section} {u.passage.speaker} {u.passage.text}" for u in evidence)
    kind = answer_type(question)
    return {
        "best_probability": max(u.score for u in evidence),
        "passage_coverage": coverage(lexical, own, passages),
        "rewritten_coverage": coverage(lexical, terms, passages),
        "type_found": 1.0 if any(answers_kind(lexical, kind, question, u.text, u.passage, names) for u in evidence) else 0.0,
        "done_said": _done_said(lexical, context.question, evidence),
        "topic_held": _topic_held(lexical, names, own_words(context, lexical), evidence),
        "speaker_held": _speaker_held(lexical, kind, question, evidence),
        # a questioner's claim is not a finding: "did burglary go down?" is not answered by a resident's "my daughter
        # reported a burglary …" alone, unless the question asks what was asked (or what residents said)
        "beyond_claims": 0.0 if all(u.passage.role == "member_of_public" for u in evidence) and not asks_about_asking(question)
        and not any(speaker_match(question, u.passage) for u in evidence) else 1.0,
        # "what did the IOPC find?", answered first by the news that its investigation has begun
        "finding_held": 0.0 if asks_finding(context.question) and only_under_way(max(evidence, key=lambda u: u.score).text) else 1.0,
    }


# Who may be asked what they said: "what did the chief constable say?" is not answered by the commissioner's words
_SPEAKER_ASKED = re.compile(r"\b(chief constable|commissioner|p?f?cc|inspectors?|inspectorate|hmicfrs|panel|iopc|"
                            r"home secretary|home office|(?:policing )?minister|government|mayor|ombudsman)\b", re.I)


# "Did the IOPC investigate …?", "when did the panel meet?": what a body did, asked of it by name
_DONE_BY_BODY = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:(?:what|when|why|how|where)\s+)?(?:did|does|has|have|had|will|was|were)\s+"
                           rf"(?:the\s+)?(?:\w+\s+)?{_SPEAKER_ASKED.pattern}", re.I)


def _speaker_held(lexical: LexicalIndex, kind: str, question: str, evidence) -> float:
    """0 when a "what did <someone> say?" question (``kind`` "said") asks for the words of a kind of speaker (a chief
    constable, the commissioner, the inspectors, the panel) and nothing quoted is theirs (their document, or their
    words reported), or a question asks what such a body did ("did the IOPC investigate …?") and nothing quoted
    names it; else 1."""
    subject = said_subject(question) if kind == "said" else ""
    speaker = _SPEAKER_ASKED.search(subject)
    if not speaker:
        doer = _DONE_BY_BODY.match(own_question(question))
        if not doer:
            return 1.0
        terms = key_terms(lexical, doer[1])
        return 1.0 if any(coverage(lexical, terms, f"{u.text} {u.passage.title} {u.passage.speaker} {u.passage.publisher}") == 1.0
                          for u in evidence) else 0.0
    # (whose words: "what did the home secretary say back to the <area> commissioner?" is not answered by the
    # commissioner's letter to her)
    terms = key_terms(lexical, speaker[0])
    return 1.0 if any(speaker_match(subject, u.passage) or reports_speech(u.text) and coverage(lexical, terms, u.text) == 1.0
                      or coverage(lexical, terms, f"{u.passage.speaker} {u.passage.publisher}") == 1.0
                      for u in evidence) else 0.0


# Words that ask for a part of a document or of the conversation ("what was his name?", "and the answer?"), not a topic;
# and "called" closing a question ("what is the operation called?"), which asks for a name
_ASKS_FOR_PART = "name names title job position role answer answers reply"
_ASKS_WHAT_CALLED = re.compile(r"\b(called|named|known as)\W*$", re.I)
# a year or a part's number ("recommendation 3") is not a topic; a number the service goes by ("101") is
_PART_NUMBER = re.compile(r"\d{1,2}|(?:19|20)\d\d")
TOPIC_IDF = 1.0  # a word in more than about a third of the corpus's chunks ("police") does not say what is asked


def _topic_held(lexical: LexicalIndex, names: Names | None, question: str, evidence) -> float:
    """0 when the question names someone or somewhere, asks about something the corpus writes of (a word it uses,
    but rarely; not a name, a year or a part of a document), and nothing quoted says it: "when did <force> go into
    engage?" answered from that force's documents about other things (who it asks said something is not its topic);
    else 1. A word the corpus never uses ("created") may be said in others ("replaced … on 8 January 2018")."""
    named = set(names.named(question)) if names else set()
    if not named:
        return 1.0
    called = _ASKS_WHAT_CALLED.search(question)
    # "what did <force>'s chief constable say about the precept?" asks about the precept: who spoke is the speaker check's
    parts = set(lexical.terms(_ASKS_FOR_PART + (f" {called[1]}" if called else "") + f" {said_subject(question)}"))
    topic = [t for t in key_terms(lexical, question)
             if t not in named and t not in parts and not _PART_NUMBER.fullmatch(t) and lexical.known(t) and lexical.idf(t) > TOPIC_IDF]
    if not topic:
        return 1.0
    # each unit read as the composer reads it: a reason with what it is the reason for ("The decision follows our
    # inspection …" after "… has been moved into the engage phase"), a sentence with what "it" is; and with its
    # paragraph ("The salary would be £52,000 a year." is about the deputy commissioner its minute proposes to appoint)
    reason = answer_type(question) == "why"
    said = set(lexical.terms(" ".join(
        f"{referent(u.passage, u.start, u.text, reason and gives_reason(u.text))} {paragraph_before(u.passage, u.start)} "
        f"{u.text} {u.passage.title} {u.passage.section} {u.passage.speaker} {u.passage.publisher}" for u in evidence)))
    return 1.0 if any(term_present(t, said) for t in topic) else 0.0


def _done_said(lexical: LexicalIndex, question: str, evidence) -> float:
    """1 when the question says nothing was done or what is quoted says it was; else 0."""
    done = key_terms(lexical, done_to(written_as(question)))
    if not done:
        return 1.0
    return 1.0 if any(term_present(done[0], set(lexical.terms(u.text))) for u in evidence) else 0.0


# The features that are checks, each 1 when it holds (see answer_features)
_HELD = ("done_said", "topic_held", "speaker_held", "finding_held", "beyond_claims")


class Sufficiency:
    def __init__(self, lexical: LexicalIndex, names: Names, messages: dict, calibration: Calibration,
                 threshold: float | None = None):
        self.lexical = lexical
        self.names = names
        self.model = calibration.answer
        self.threshold = calibration.threshold if threshold is None else threshold
        self.messages = messages
        self.domain = re.compile(r"\b(" + "|".join(re.escape(t) for t in messages["domain_terms"]) + ")", re.I)

    def sufficient(self, context: Context) -> bool:
        if context.prior:  # asked and answered officially before
            return True
        if not context.evidence:
            return False
        context.answer_features = answer_features(context, self.lexical, self.names)
        return self.checks_pass(context) and self.model.probability(context.answer_features) >= self.threshold

    @staticmethod
    def checks_pass(context: Context) -> bool:
        """The checks that need no calibration (run after ``answer_features`` is recorded)."""
        features = context.answer_features
        # "When will …?" is not answered by the date a sheet was filled in.
        if asks_future_when(context.question) and not dated(" ".join(u.text for u in context.evidence if not is_field(u.text))):
            return False
        # What the question says was done, and what it asks about, said by what is quoted; what someone said, in
        # their words; a finding, not the news of an investigation; more than a questioner's claim.
        if any(features[check] == 0.0 for check in _HELD):
            return False
        # The kind of fact asked for, and at least one of the question's key words (else it is about something else).
        return bool(features["type_found"]) and bool(features["passage_coverage"] or features["rewritten_coverage"])

    def in_domain(self, question: str) -> bool:
        """About policing accountability: a domain word, or mostly words the corpus uses."""
        if self.domain.search(question):
            return True
        terms = key_terms(self.lexical, question)
        return bool(terms) and sum(self.lexical.known(t) for t in terms) / len(terms) >= 0.5

    def run(self, context: Context) -> None:
        if self.sufficient(context):
            context.status = "answered"
            return
        context.citations, context.evidence = [], []
        if not self.in_domain(context.rewritten_question):
            context.stop("out_of_scope", self.messages["out_of_scope_reply"])
            return
        context.related = related_citations(context.passages[:RELATED])
        text = self.messages["unanswerable"]
        if context.related:
            text += "\n\n" + self.messages["related_intro"]
        context.stop("unanswerable", text)
