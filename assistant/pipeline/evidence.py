"""Evidence: the quotable units of retrieved passages, and what the answer steps measure of them.

Shared by the composers (which choose units to quote) and the sufficiency check (which
decides whether the chosen units answer the question). Nothing here knows a corpus: the
names of forces, places and people come from the documents' own capitalisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..answer import Citation
from ..chunking import split_sentences
from ..documents import DATED_LINE, LIST_MARK, MONTHS, find_dates, person_named
from ..lexical import LexicalIndex
from ..retrieval import Passage
from .answer_types import (GRADES, PREDECESSOR, SPEECH_VERBS, answers_field, asked_about, asked_for, asks_about_asking,
                           asks_count, asks_decider, asks_identity, focus_phrase, gives_time_taken, has_answer_type,
                           has_number, how_long_asked, names_holder, reports_speech, said_subject, tells_decision)

# Stems that say what kind of question it is, not what it is about.
QUESTION_STEMS = {"what", "did", "doe", "do", "who", "whom", "whose", "when", "where", "why", "whi", "how", "which", "mani",
                  "much", "say", "said", "tell", "me", "pleas", "know", "is", "are", "was", "were", "has", "have",
                  "been", "his", "her", "their", "they", "about", "exact", "anyth", "someth", "there", "can", "could",
                  "would", "should", "will", "happen", "follow", "and", "or", "the", "a", "an", "of", "to", "in",
                  "on", "for", "it", "that", "this", "them", "he", "she", "we", "you", "i", "my", "our", "your",
                  "email", "phone", "number", "address", "postcod", "get", "got", "go", "went", "come", "came", "grade", "rate",
                  "rating", "judg", "often", "wrote", "written",
                  # a pro-form: "who can make one?" asks who can make what the conversation is about
                  "one",
                  # what kind of finding is asked for ("what did they do wrong?"), a word reports rarely use
                  "wrong", "bad", "badli",
                  # how a question is put, not what it is about ("what does a PCC *actually* do?")
                  "actual", "realli", "basic", "probabl", "just"}
_FIELD_LINE = re.compile(r"^[A-Z][\w ()/’'-]{0,30}:\s*\S.{0,80}$")  # "Author: A. Name" …
# … not "Chief Constable A. Name said: "We accept the findings."", someone's words
_SAID_LINE = re.compile(rf"^[^:]*\b(?:{SPEECH_VERBS})\s*:")
# "Investigating crime: adequate", a markdown table's row "| Investigating crime | Adequate |", a table's row pasted as
# text with a tab or a dot leader between ("Investigating crime<tab>Adequate", "Investigating crime ...... Adequate")
_GRADE_LINE = re.compile(rf"^(?:[^:|]+:|\|[^|]+\||[^:|\t\n]+\t+|[^:|\n]+?[ \t]\.{{3,}}|[^:|\n]+?[ \t][—–-])\s*({GRADES})\W*$", re.I)
# "Police officers: 1,720", "Budget: £287.6 million", "Crimes recorded: 58,340 (down 4 percent)": a figure in a list of
# them (an annual report's key figures), a finding; not "Date: 2 July 2025" or "Telephone: 01234 567890"
_FIGURE_LINE = re.compile(r"^[^:]{2,60}:\s*[£$€]?\d[\d,]*(?:\.\d+)?\s*(?:%|percent|per cent|million|billion|bn|m)?"
                          r"(?:\s*\([^)]*\))?\s*$", re.I)
# a grade on a line of its own, under its area, bare or labelled ("Protecting vulnerable people" / "Judgement: Inadequate")
_GRADE_LABEL = re.compile(r"^[*_ ]*(?:judge?ments?|grades?|ratings?|graded|judged|rated)[*_ ]*:[*_ ]*", re.I)
_GRADE_ALONE = re.compile(rf"(?:{_GRADE_LABEL.pattern[1:]})?[*_ ]*({GRADES})[*_ .]*", re.I)
# A grade over the areas given it, as the inspectorate's pages list them: "Requires improvement" / "Investigating crime" /
# "Protecting vulnerable people", a block of its own (each area a short line, not a grade) — not a table pasted a cell
# a line ("Investigating crime" / "Good" / "Responding to the public" / "Requires improvement"), where a grade follows
# its area
_GRADE_GROUP = re.compile(rf"(?:\A|(?<=\n\n))[ \t*_#]*(?:{GRADES})[ \t*_.:]*"
                          rf"(?:\n[ \t]*(?!(?:{GRADES})\W*$)[^\n.!?:]{{2,80}})+(?=\n[ \t]*(?:\n|\Z)|[ \t]*\Z)", re.I | re.M)
_TABLE_ROW = re.compile(r"^\s*\|(.*\w.*)\|\s*$")  # a row of a markdown table
_HEADER_ONLY = re.compile(r"^[^:]{0,40}:$")
# "Question: …?", "Response from the Office of the … Commissioner: …", "Q: …?", "A (PFCC): …": a label opening a
# question's or an answer's line, not its words; and a timed transcript's turn ("[00:03:40] Commissioner (A. Name): …"),
# whose speaker and meeting the attribution gives
_LEAD_LABEL = re.compile(r"(?:(?:question|response|answer|reply)(?: (?:from|by) [^:\n]{3,80})?|[QA]\d{0,2}(?: ?\([^()\n]{2,60}\))?|"
                         r"\[?\d{1,2}:\d\d(?::\d\d)?\]?[ \t]+[A-Z][\w .’'-]{1,40}?[ \t]*(?:\([^()\n]{2,80}\))?[ \t]*)"
                         r":[ \t]+(?=\S)", re.I)
LIST_ITEM = re.compile(rf"^\s*({LIST_MARK})\s+\S")
_LIST_MARK = re.compile(LIST_MARK)
_NEXT_LINE = re.compile(rf"[ \t]*\n\s*(?:{LIST_MARK})?[ \t]*")  # between one item and the next
_QUOTES = "“”\"‘’'*_ "
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
EMBEDDED_CHARS = 160
TIMED_COVERAGE = 0.3  # how much of what "how long …?" asks about (by weight) a sentence giving a time must hold


# Words of the labels that tell about the document or the sheet itself (who wrote or sent it, when and where, its
# reference, who asked and from where), as against what it reports ("Officer:", "Outcome:", "Panel chair:" on a
# notice of a hearing's outcome)
_ABOUT_DOCUMENT = re.compile(r"\b(?:dates?|dated|published|updated|issued|sent|received|submitted|export|time|authors?|written|"
                             r"by|from|to|cc|bcc|subject|re|title|ref|reference|contact|e-?mail|tel|telephone|phone|mobile|"
                             r"address|postcode|name|area|ward|location|venue|status|category|classification|version|page|"
                             r"document|agenda|item|meeting|present|apologies|attendees|type|format|tags|source|url|link|"
                             r"website|member|position|role|job)\b", re.I)


def about_document(text: str) -> bool:
    """Every line of a run of 'Field: value' lines tells about the document itself ("Date: …", "Reference: …",
    "Inspection carried out: 4–15 July 2022")."""
    def about(line: str) -> bool:
        label, _, value = line.partition(":")
        return bool(_ABOUT_DOCUMENT.search(label)) or bool(find_dates(value)) and len(value.split()) <= 6
    return all(about(line.strip()) for line in text.splitlines() if line.strip())


def is_field(text: str) -> bool:
    """Every line is a 'Field: value' line ("Author: A. Name"); a graded judgment ("Investigating crime: adequate", as
    a report's table of grades reads in plain text) is a finding, not a field."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_FIELD_LINE.match(line) and not _GRADE_LINE.match(line) and not _SAID_LINE.match(line)
                               and not is_figure(line) for line in lines)


def is_figure(line: str) -> bool:
    """A figure on a line of its own, under its label ("Police officers: 1,720"), not a date or a year."""
    return bool(_FIGURE_LINE.match(line)) and not find_dates(line) and not _YEAR.fullmatch(line.partition(":")[2].strip())


# English irregular verbs, as stems: the stemmer leaves "held" and "hold" apart ("who did the panel hold a hearing
# for?" is answered by "the panel held a hearing for …"). "met" is left out: it is also the Met.
_BASE_FORM = {form: base for base, forms in {
    "hold": "held", "make": "made", "find": "found", "tell": "told", "take": "took taken", "leav": "left",
    "come": "came", "go": "went gone", "give": "gave given", "lead": "led", "write": "wrote written",
    "begin": "began begun", "rise": "rose risen", "fall": "fell fallen", "choos": "chose chosen", "bring": "brought",
    "send": "sent", "spend": "spent", "pay": "paid", "win": "won", "keep": "kept", "lose": "lost", "becom": "becam",
    "grow": "grew grown", "know": "knew known", "see": "saw seen", "think": "thought", "seek": "sought",
    "stand": "stood", "run": "ran", "build": "built", "feel": "felt", "hear": "heard", "mean": "meant", "sell": "sold",
    "understand": "understood", "withdraw": "withdrew withdrawn", "undertak": "undertook undertaken",
    "overse": "oversaw overseen", "say": "said", "show": "shown", "draw": "drew drawn", "speak": "spoke spoken",
    # … and a verb's noun whose stem the stemmer leaves apart ("who made that decision?" is answered by "I have decided …")
    "decid": "decis", "conclud": "conclus", "suspend": "suspens", "extend": "extens", "admit": "admiss",
    "permit": "permiss", "submit": "submiss", "resolv": "resolut",
}.items() for form in forms.split()}


# The domain's acronyms, as the stem of the word they stand for: "who is the PCC?" is answered by "… the Police and Crime
# Commissioner, A. Name"; documents use both.
_ACRONYMS = {"pcc": "commission", "pfcc": "commission", "pcp": "panel", "hmicfr": "inspector", "hmic": "inspector"}


# Everyday words for what documents say in their own words, as stems: "can the panel *sack* the commissioner?" is
# answered by "… cannot suspend or *remove* a commissioner", "how much did the *precept* go up?" by "the police part of
# the *council* tax will *rise* by £13", "who is the *new* chief fire officer?" by "… proposed to *appoint* …", "who is
# *running* the force?" by "… will *lead* the force", "who is he *replacing*?" by "… *succeeding* Chief Constable …",
# "how much will she be *paid*?" by "The *salary* would be …", "who *decided* to close it?" by "I *approve* the closure …"
# or "… has *agreed* to move the force …", "how many new officers *joined*?" by "120 new police officers *recruited*",
# "when does the consultation *finish*?" by "The consultation runs *until* 14 April 2025", "how many forces were
# *examined*?" (or looked at) by "We *inspected* six forces".
_WRITTEN_AS = {"kid": "child children", "children": "child", "cop": "polic offic", "sack": "dismiss remov",
               "fire": "dismiss", "chase": "pursuit", "rise": "increas", "increas": "rise", "boss": "chief",
               "jail": "prison", "prison": "jail", "precept": "council", "lose": "beat defeat", "win": "elect beat",
               "fall": "reduc decreas drop", "reduc": "fall drop", "decreas": "fall drop", "start": "begin take join",
               "begin": "start", "delay": "postpon", "postpon": "delay", "new": "appoint", "run": "lead",
               "money": "grant fund", "cash": "money grant fund", "block": "veto", "stop": "veto", "replac": "succeed",
               "paid": "salari", "pay": "salari", "earn": "salari paid", "salari": "paid pay", "decid": "approv agre",
               "join": "recruit", "answer": "respond repli", "finish": "until end", "end": "until finish",
               "examin": "inspect review visit"}
# "go up" is what documents write as a rise, "come down" as a fall, "locked up" as detained, "join another force" as
# working in policing (barred from it); "the Met" is what people call the Metropolitan Police; whoever someone is
# replacing, as retiring; making a decision as deciding; being in charge as leading; opening again as reopening;
# looking at as examining
_PHRASAL = [(re.compile(r"\b(?:go|goes|going|gone|went)\s+up\b", re.I), "rise"),
            (re.compile(r"\b(?:go|goes|going|gone|went|come|comes|coming|came)\s+down\b", re.I), "fall"),
            (re.compile(r"\bthe met\b", re.I), "the Metropolitan"),
            # "how many cases did inspectors look at?" asks how many they examined ("Inspectors examined 60 cases …")
            (re.compile(r"\b(?:look|looks|looked|looking)\s+at\b", re.I), "examined"),
            # "when is the station opening again?" asks when it reopens
            (re.compile(r"\b(?:open|opens|opened|opening)\s+(?:up\s+)?again\b", re.I), "reopen"),
            # "who will be in charge of the force?" asks who will lead it ("… will lead the force as temporary chief …")
            (re.compile(r"\b(?:be|is|are|was|were|been|being)\s+in\s+charge\b", re.I), "lead"),
            # "who made the decision?" asks who decided ("… the oversight group has agreed to move the force …")
            (re.compile(r"\b(?:make|makes|made|making|take|takes|took|taken|taking)\s+(?:the|that|this|a|its|their)\s+decision\b", re.I),
             "decided"),
            (re.compile(r"\b(?:lock|locks|locked|locking)\s+(?:\w+\s+)?up\b", re.I), "detained"),
            # "can he join another force?", "can they work for the police again?": a dismissed officer is barred from
            # policing ("… placed on the barred list …, which means he cannot work in policing again")
            (re.compile(r"\b(?:join|rejoin|work for|work in|be employed by)\s+(?:another|a different|a new|any other|the)\s+"
                        r"(?:police\s+)?(?:force|police|constabulary|policing)\b", re.I), r"\g<0> work in policing barred"),
            # "who is she replacing?" asks for whoever left the post ("… following the retirement of A. Name"); "who
            # replaced her?" does not
            (PREDECESSOR, r"\g<0> retiring")]


def written_as(text: str) -> str:
    """``text`` in the words documents write ("the Met" → "the Metropolitan", "go up" → "rise")."""
    for phrase, word in _PHRASAL:
        text = phrase.sub(word, text)
    return text


def term_present(term: str, words: set[str]) -> bool:
    """The term, or a word it begins (owner → ownership), or another form of the same verb (held → hold), or the
    acronym for it (PCC → commissioner), or a word documents write for it (sack → remove), is among ``words``."""
    term = _ACRONYMS.get(term, term)
    if term in words or (len(term) >= 4 and any(w.startswith(term) for w in words)):
        return True
    base = _BASE_FORM.get(term, term)
    if any(other in words for other in _WRITTEN_AS.get(base, "").split()):
        return True
    return any(_BASE_FORM.get(word, word) == base for word in (_ACRONYMS.get(w, w) for w in words))


# When, relative to the asking ("last year", "this month"): documents write the year itself ("in 2024/25"), and a
# sentence's "… well over a year" is not about it
_RELATIVE_TIME = re.compile(r"\b(?:last|this|next|past|previous|coming)\s+(?:financial\s+)?(?:year|month|week)\b", re.I)


def key_terms(lexical: LexicalIndex, text: str) -> list[str]:
    """The stemmed words that say what ``text`` is about (question words, when relative to the asking, and masked
    personal data left out)."""
    text = written_as(_RELATIVE_TIME.sub(" ", re.sub(r"\[[a-z ]+ removed\]", " ", text)))
    # A short word the corpus has never seen is most likely a misspelt little word ("wat").
    return [t for t in dict.fromkeys(_ACRONYMS.get(t, t) for t in lexical.terms(text, keep=_WRITTEN_AS))
            if t not in QUESTION_STEMS and (len(t) > 3 or lexical.known(t))]


# Words that place a follow-up relative to the last answer ("and the year before?"): not a topic of their own.
_RELATIVE = "year years month months before after previous last next earlier later time times again other others"


def own_words(context, lexical: LexicalIndex) -> str:
    """A follow-up with key words of its own ("and what about Eastvale?") is held to those; otherwise the rewritten question."""
    if context.follow_up and set(key_terms(lexical, asked_about(context.question))) - set(lexical.terms(_RELATIVE)):
        return context.question
    return context.rewritten_question


# "A resident asked why the team had been cut.": someone's question, reported
_ASKED = r"\b(?:asked|asks|asking|queried|wanted to know|wondered)\s+(?:[\w’'-]+\s+){0,3}?"
_REPORTED_QUESTION = re.compile(_ASKED + r"(?:why|whether|if|how|what|when|where|who|which)\b", re.I)
_ASKED_WHY = re.compile(_ASKED + r"why\b", re.I)


def answers_asked_why(passage: Passage, text: str) -> bool:
    """``text`` follows a reported "why?" in its passage ("A resident asked why the front counter had closed. The
    Commissioner said it had been used by fewer than ten people a day …"): the reason, as answered there."""
    at = passage.text.find(text)
    sentences = split_sentences(passage.text, 0, at) if at > 0 else []
    return bool(sentences) and bool(_ASKED_WHY.search(passage.text[slice(*sentences[-1])]))


def is_interrogative(text: str) -> bool:
    """A sentence that asks ("Who can make a super-complaint?", "Members asked why …"): a heading or a questioner's
    words, never a finding."""
    return text.rstrip().rstrip(_QUOTES).endswith("?") or bool(_REPORTED_QUESTION.search(text))


_OPENING_SENTENCE = re.compile(r"(.*?[a-z]{2}[.!?])[”’\"']?\s+[A-Z“‘\"]")


@lru_cache(maxsize=4096)
def header_end(text: str) -> int:
    """Where a document's body starts: its first line that is a sentence of some length. Above it are the title and
    the lines that date and place the document ("Minutes of the meeting held on 6 May 2024 at …", "Published: …")."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip().rstrip(_QUOTES)
        # … or a line that opens with such a sentence and runs on past it ("I was elected in May 2024 on a promise …
        # This plan sets out how I will keep it. — A. Name, Commissioner"): a paragraph signed off, not a dateline
        opening = _OPENING_SENTENCE.match(stripped)
        if stripped.endswith((".", "!", "?", ":")) and len(stripped.split()) >= 8 or opening and len(opening[1].split()) >= 8:
            return offset
        offset += len(line)
    return 0  # no sentence at all: no header either


def is_dateline(document_text: str, start: int, text: str) -> bool:
    """A unit of the header that dates the document: it says when the document was written or the meeting held,
    as a "Date:" field does, not when what the document reports happened."""
    return start < header_end(document_text) and bool(find_dates(text))


# A question about a kind of speaker prefers that speaker's own words to reports of them.
# Generic roles only: a person's name the question uses is matched against the speakers the documents record.
_SPEAKERS = {
    "inspector": re.compile(r"\b(inspector|inspectorate|inspectors|inspection|hmic|hmicfrs|watchdog)\b", re.I),
    "commissioners_office": re.compile(r"\b(commissioner|commissioner's office|pfcc|pcc|response|responded|reply|replied)\b", re.I),
    "member_of_public": re.compile(r"\b(member of the public|questioner|the person asking|public question|resident|readers?|"
                                   r"commenters?|comments)\b", re.I),
    "journalist": re.compile(r"\b(news|newspaper|journalist|article|reported|press)\b", re.I),
    "panel": re.compile(r"\b(panel|minutes|councillors?)\b", re.I),
}


def speaker_match(question: str, passage: Passage) -> float:
    """1 when the question asks about this passage's kind of speaker or names its speaker."""
    pattern = _SPEAKERS.get(passage.role)
    if pattern and pattern.search(asked_for(question)):
        return 1.0
    # by the person's name: the area "Jane Doe, Police and Crime Commissioner for <area>" is for names a place, not her
    named = {w.lower() for w in re.findall(r"\b[A-Z][a-z’'-]{2,}\b", person_named(passage.speaker) or passage.speaker)}
    if not passage.speaker and not pattern:  # a body with no kind of its own speaks for itself ("the IOPC")
        named = {w.lower() for w in re.findall(r"\b[A-Z][\w’'-]{2,}\b", passage.publisher)}
        if not passage.publisher:  # … and one that names itself only in its title ("<Area> Scrutiny Group: Annual report")
            words = set(re.findall(r"[a-z]{3,}", question.lower())) - {"the", "and", "for"}
            return 1.0 if words and words <= set(re.findall(r"[a-z]+", passage.title.lower())) else 0.0
    return 1.0 if named & {w.lower() for w in re.findall(r"\w+", question)} else 0.0


_SPEECH_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.I)
_INVERTED = re.compile(r"\s+(?:the\s+|[A-Z])")  # "…," said the chief constable / said Chief Constable A. Name


def quotes_subject(lexical: LexicalIndex, question: str, text: str, places: frozenset = frozenset()) -> float:
    """1 when ``text`` reports the words of whoever a "what did … say?" question asks about ("Chief Constable
    A. Name said: …" for "what did the chief constable say?"), wherever the document's own speaker is. Where they
    are is the document's to say (``places``, stems of the corpus's forces and areas): "The force's chief constable
    said …" is the words of "the chief constable of <force>"."""
    subject = [t for t in key_terms(lexical, said_subject(question)) if t not in places]
    if not (subject and reports_speech(text) and coverage(lexical, subject, text) == 1.0):
        return 0.0
    # … as the one speaking, not whom they speak of: "The force's chief constable, A. Name, said …" or "…, said the
    # chief constable", not "The Commissioner said he would ask the chief constable for a plan"
    verb = _SPEECH_VERB.search(text)
    if not verb:  # words in quotation marks, with no verb to say whose
        return 1.0
    speaking = text[:verb.start()] + " " + (" ".join(text[verb.end():].split()[:5]) if _INVERTED.match(text, verb.end()) else "")
    return 1.0 if coverage(lexical, subject, speaking) == 1.0 else 0.0


_MEETING_RECORD = re.compile(r"\bminutes\b|\bnotes of (?:the|a) meeting\b", re.I)  # what a meeting did, dated by it


def answers_kind(lexical: LexicalIndex, kind: str, question: str, text: str, passage: Passage, names=None) -> bool:
    """``text`` holds the kind of fact asked for (a name, a date, a number …) about what it asks for."""
    if not kind:
        return True
    focus = key_terms(lexical, focus_phrase(question, kind))
    if kind == "said" and names is not None:  # whose words, not where they are: the document names that
        focus = [t for t in focus if t not in names.place_stems]
    # "Who said …?" is answered by the speaker; "who is the chief constable?" only by a name in the text itself, and
    # "who deals with it?" not by the member of the public whose question says "dealing" (only "who asked?" is); a
    # plain document speaks for the body that issued it ("who investigated?": the IOPC's "our investigation").
    # "Who is the <area> commissioner?" is also answered by whoever holds the post speaking ("Jane Doe, Police and
    # Crime Commissioner for <area>", signing the statement quoted).
    # "who asked about …?" by whoever asked, not by the office that answered
    # "Who made the decision?" by the speaker only where they say they decided ("I approve …").
    asking = asks_about_asking(question)
    by_speaker = kind == "said" or kind == "who" and not asks_identity(question) \
        and (passage.role not in ("commissioners_office", "inspector") if asking else passage.role != "member_of_public") \
        and (tells_decision(text) or not asks_decider(question)) \
        or kind == "who" and names_holder(question, passage.speaker)
    about = f"{text} {passage.speaker or passage.publisher}" if by_speaker else text
    places, proper = (names.places, names.words) if names is not None else (frozenset(), None)
    # A plain document with no named speaker speaks for the body that issued it: "what did the inspectors say?"
    # is answered by an inspectorate's report ("what did victims tell the inspectors?" is not).
    speaker = passage.speaker or (passage.publisher if kind == "said" and speaker_match(said_subject(question), passage) else "")
    meeting = bool(_MEETING_RECORD.search(passage.title))
    if not has_answer_type(kind, about if kind == "who" else text, question, passage.speaker_date, passage.date, places,
                           speaker, proper, meeting) and not (kind == "why" and answers_asked_why(passage, text)):
        return False
    if answers_field(question, text):  # "who was the letter from?": its "From:" line (what the focus names is the letter)
        return True
    if kind == "number" and asks_count(question) and focus and not counts(lexical, focus, text):
        return False
    return coverage(lexical, focus, f"{about} {passage.title}") == 1.0 or (kind == "said" and bool(speaker_match(question, passage)))


COUNT_REACH = 6  # words between a count and what it counts ("46 neighbourhood officers and 22 PCSOs")


def counts(lexical: LexicalIndex, focus: list[str], text: str) -> bool:
    """A number in ``text`` near a word of what is counted: "how many fire stations …?" is not answered by "… the fire
    station at <town> open, and pay for a new team of eight staff", where the number counts staff. A text that does not
    name what is counted at all (its title may) is left to the other checks."""
    words = text.split()
    near = [i for i, word in enumerate(words) if set(lexical.terms(word)) & set(focus)]
    numbers = [i for i, word in enumerate(words) if has_number(word)]
    return not near or any(abs(i - j) <= COUNT_REACH for i in near for j in numbers)


def count_focus(lexical: LexicalIndex, question: str) -> set[str]:
    """What a "how many …?" question counts, as key terms ("how many *police officers* …?"); empty for any other."""
    return set(key_terms(lexical, focus_phrase(question, "number"))) if asks_count(question) else set()


def count_gap(lexical: LexicalIndex, focus: set[str], text: str, asked: set[str] = frozenset()) -> int | None:
    """How close ``text`` comes to giving a number of all of ``focus`` (see count_focus) just after it: 0 for "the
    force had 1,940 police officers" asked "how many police officers …?" (or for a key figure, "Police officers:
    1,940"), 1 for "Two <force> officers have been dismissed", where another word stands between; None when it gives
    none (a year beside the word "police" is not one). A key figure's label may also hold the question's other words
    (``asked``, its key terms): "Visits made: 310" gives the number asked "how many visits did the visitors make?"."""
    if not focus:
        return None
    words = text.split()
    gaps = []
    for j, word in enumerate(words):
        # … a count, not a year or a day of a month ("6 February 2025: police officers attended")
        if not has_number(word) or _YEAR.fullmatch(word.strip(".,;:()")):
            continue
        for width in range(1, len(focus) + 3):
            after = " ".join(words[j + 1:j + 1 + width])
            if set(re.findall(r"[a-z]+", after.lower())) & MONTHS.keys():
                break
            if focus <= set(lexical.terms(after)):
                gaps.append(max(0, width - len(focus)))
                break
    for line in text.splitlines():  # "• Police officers: 2,140", a key figure under its label
        if is_figure(line.strip()):
            label = set(lexical.terms(line.partition(":")[0]))
            if focus <= label:
                gaps.append(sum(not term_present(t, asked) for t in label - focus))
    return min(gaps, default=None)


def timed_terms(lexical: LexicalIndex, names: Names, question: str) -> list[str]:
    """What "how long …?" asks the time of, as key terms, names aside ("how long do people wait for 101 in <force>?":
    people, wait, 101)."""
    return [t for t in key_terms(lexical, how_long_asked(question)) if t not in names.stems]


def times_it(lexical: LexicalIndex, about: list[str], text: str) -> bool:
    """``text`` gives a time in figures in a sentence holding enough of ``about`` (a question's key terms, names aside),
    and any number it names: "The average time to answer a 101 call was 14 minutes." asked "how long do people wait for
    101 in <force>?"."""
    numbers = [t for t in about if t.isdigit() and not _YEAR.fullmatch(t)]  # "101", not "2025"
    return any(gives_time_taken(sentence) and coverage(lexical, about, sentence) >= TIMED_COVERAGE
               and set(numbers) <= set(lexical.terms(sentence))
               for sentence in (text[s:e] for s, e in split_sentences(text)))


def coverage(lexical: LexicalIndex, terms: list[str], text: str) -> float:
    """Share of ``terms`` (IDF-weighted) that appear in ``text``; 1.0 when there are none."""
    if not terms:
        return 1.0
    present = set(lexical.terms(text))
    weights = {t: lexical.idf(t) for t in terms}
    return sum(w for t, w in weights.items() if term_present(t, present)) / sum(weights.values())


def _row(line: str) -> str:
    """A markdown table's row read as words: "| Investigating crime | Adequate |" → "Investigating crime: Adequate",
    "| Reviews completed | 198 (2023/24) | 251 (2024/25) |" → "Reviews completed: 198 (2023/24); 251 (2024/25)"."""
    match = _TABLE_ROW.match(line)
    if not match:
        return line
    cells = [cell.strip() for cell in match[1].split("|")]
    return f"{cells[0]}: " + "; ".join(cells[1:]) if len(cells) >= 2 else cells[0]


def display(text: str) -> str:
    """A quotable form of source text: whitespace collapsed, markdown emphasis, list marks and outer quotes removed."""
    lines = [" ".join(LIST_ITEM.sub(lambda m: m.group()[-1], _row(line)).split()).replace("**", "").replace("*", "")
             for line in text.splitlines() if line.strip()]
    lines = [line.strip(_QUOTES) for line in lines]
    if len(lines) == 2 and _GRADE_ALONE.fullmatch(lines[1]):  # "Investigating crime" / "Adequate"
        grade = _GRADE_LABEL.sub("", lines[1])  # … or "Judgement: Adequate"
        return f"{lines[0]} {grade}" if lines[0].endswith("?") else f"{lines[0]}: {grade}"
    if len(lines) >= 2 and _GRADE_ALONE.fullmatch(lines[0]):  # "Good" over "Preventing crime", "Managing offenders"
        return f"{lines[0]}: " + "; ".join(lines[1:])
    return "; ".join([line.rstrip(".;") for line in lines[:-1]] + lines[-1:]).strip(_QUOTES)


def quote(passage: Passage, spans) -> str:
    """The quoted spans of ``passage`` in order; "…" marks words left out between them."""
    spans = sorted(spans, key=lambda span: span[0])
    parts = []
    for i, (start, end) in enumerate(spans):
        if i:
            between = passage.text[spans[i - 1][1] - passage.start:start - passage.start]
            parts.append(" " if not between.strip() else " … ")
        parts.append(display(passage.text[start - passage.start:end - passage.start]))
    return "".join(parts)


def units(passage: Passage) -> list[tuple[int, int]]:
    """Quotable spans of a passage (document offsets): sentences and list items, with runs of 'Field: value' lines joined.

    Not evidence: the document's title and the lines under it that are not its dateline or fields ("Joint inspection
    by …"), headers ("Response:"), lead-ins to a quote ("… said:") and short lines that are not sentences (headings,
    name tags after a quote).
    """
    spans = _unit_spans(passage.text, passage.title)
    if passage.start == 0:  # the document's opening: its header lines say what it is, not what it found
        body = header_end(passage.text)
        spans = [(s, e) for s, e in spans if s >= body or is_field(passage.text[s:e]) or find_dates(passage.text[s:e])
                 or _GRADE_GROUP.match(passage.text, s) or _GRADE_LINE.match(passage.text[s:e])]  # … or, as the
        # inspectorate's pages open, its grades
    return [(passage.start + start, passage.start + end) for start, end in spans]


def embedded_form(text: str) -> str:
    """What is embedded of a unit: a sentence's opening words carry its meaning, and embedding is the costly part."""
    return text[:EMBEDDED_CHARS]


def quotable_texts(text: str, title: str) -> list[str]:
    """The embedded form of each unit of a chunk (``text``) of a document titled ``title``: what ingest embeds
    ahead, so that answering only embeds the question."""
    return [embedded_form(text[start:end]) for start, end in _unit_spans(text, title)]


def _unit_spans(passage_text: str, title: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    previous = ""  # what the last span was: a run of field lines, the items of a list, or a sentence
    title = display(title).lower()
    label = None  # the short line just passed over, which a grade on the next line belongs to
    groups = [(m.start(), m.end()) for m in _GRADE_GROUP.finditer(passage_text)]
    for start, end in split_sentences(passage_text):
        label_end = _LEAD_LABEL.match(passage_text, start, end)
        start = label_end.end() if label_end else start
        text = passage_text[start:end]
        group = next(((s, e) for s, e in groups if s <= start < e), None)
        if group:  # a grade and the areas under it: one unit
            if group[0] == start:
                spans.append((start, len(passage_text[:group[1]].rstrip())))
            label, previous = None, "sentence"
            continue
        if _LIST_MARK.fullmatch(text):  # "2." set apart by the sentence splitter: the item follows
            continue
        # a table of grades copied as text, a cell a line: "Investigating crime" / "Adequate" is one unit; so is a grade
        # under the question it answers, as fire inspections give them ("How well does the service look after its
        # people?" / "Inadequate"), which is the last unit
        over = label or (spans[-1] if spans and passage_text[spans[-1][1] - 1] == "?" else None)
        if over and _GRADE_ALONE.fullmatch(text) and _NEXT_LINE.fullmatch(passage_text[over[1]:start]):
            if not label:
                spans.pop()
            spans.append((over[0], end))
            label, previous = None, "sentence"
            continue
        field_line = is_field(text)
        words = len(re.findall(r"\w+", text))
        sentence = re.search(r"[.!?][”’\"'*_]*$", text) or (LIST_ITEM.match(text) and words >= 2) \
            or (DATED_LINE.match(text) and find_dates(text)) \
            or _GRADE_LINE.match(text) or _TABLE_ROW.match(text) or is_figure(text)  # "Published 14 September 2023":
        # when the document is from; "Investigating crime: good"; a table's row; "Police officers: 1,720"
        if _HEADER_ONLY.match(text) or text.endswith(":") or words < 2 or display(text).lower() == title \
                or (not field_line and words < 12 and not sentence):
            previous = ""
            label = (start, end) if 1 <= words < 12 and not sentence else None
            continue
        label = None
        # a notice's fields that tell what it reports ("Panel chair: A. Name") are units apart from those about the
        # notice itself ("Hearing held: …", "Venue: …")
        kind = ("field" if about_document(text) else "finding") if field_line \
            else "item" if is_list_item(passage_text[:start], text) else "sentence"
        if kind != "sentence" and kind == previous and _NEXT_LINE.fullmatch(passage_text[spans[-1][1]:start]):
            spans[-1] = (spans[-1][0], end)  # the next field, or the next item of the same list: one unit
        else:
            spans.append((start, end))
        previous = kind
    return spans


def is_list_item(before: str, text: str) -> bool:
    """``text``, after ``before`` in its passage, is an item of a list ("- …", or "2. …" whose number the
    sentence splitter set apart)."""
    return bool(LIST_ITEM.match(before[before.rfind("\n") + 1:] + text))


_REFERS_TO_EARLIER = re.compile(r"^\W*(it|its|they|their|this|these|that|those|he|she|his|her)\b", re.I)
_DOES_SO = re.compile(r"\b(?:do|does|did|doing|done) so\b", re.I)  # "… he expected to do so by March 2026": what "so" is


# a question opening the paragraph an answer is in ("Q: …?" over "A: No. The Commissioner cannot …")
# (or "Question: …?" over "Response from the Office of the Commissioner: …", further down a block of fields)
_ASKED_ABOVE = re.compile(r"(?:^|\n)\s*(?:Q|Question)\s*\d*\s*[:.]\s*([^\n]+\?)\s*"
                          r"(?:\n\s*(?:A\s*\d*|Answer|Response|Reply)\b[^\n:]{0,80}[:.][^\n]*)?$", re.I)


def paragraph_before(passage: Passage, start: int) -> str:
    """What the paragraph a unit (at document offset ``start``) is in says before it, within its passage."""
    before = passage.text[:max(0, start - passage.start)]
    return before[before.rfind("\n\n") + 1:]


def paragraph_start(document_text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` begins in the document's text (a chunk may open part way through one)."""
    return document_text.rfind("\n\n", 0, offset) + 1


def referent(passage: Passage, start: int, text: str, reason: bool = False, document: str = "") -> str:
    """What a unit leans on, so that its words count towards the unit's coverage of the question: for a sentence
    that opens by pointing back ("It replaced …", "They found …") or, with ``reason``, gives the reason for something,
    the sentence before it (what "it" is, what the reason is for); for an item of a list, the heading or lead-in above
    the list ("Our priorities", "The panel found:"); for an answer on a page of questions and answers, its question
    ("Q: Can the Commissioner tell the police to investigate a crime?"). A sentence opening its passage part way
    through a paragraph leans on the one before it in the ``document``'s text, where that is given."""
    before = passage.text[:max(0, start - passage.start)]
    asked = _ASKED_ABOVE.search(paragraph_before(passage, start))
    if asked:
        return asked[1]
    if is_list_item(before, text):
        lines = before.splitlines()[:-1]
        return next((line for line in reversed(lines) if line.strip() and not LIST_ITEM.match(line)), "")
    if not (reason or refers_back(text)):
        return ""
    sentences = split_sentences(passage.text, 0, len(before))
    if sentences:
        return passage.text[slice(*sentences[-1])]
    paragraph = paragraph_start(document, start) if document else start
    earlier = split_sentences(document, paragraph, start) if paragraph < start else []
    return document[slice(*earlier[-1])] if earlier else ""


HEADING_REACH = 1000  # characters above a unit searched for the heading it is under


def heading_above(document_text: str, start: int) -> str:
    """The heading a unit is under (document offsets): the nearest short line above it that is not a sentence, a field
    or an item ("Question (asked by)" over a resident's question); "" if none is near."""
    for line in reversed(document_text[max(0, start - HEADING_REACH):start].splitlines()[:-1]):
        bare = line.strip().strip("#*_ ")
        if bare and len(bare.split()) <= 8 and not re.search(r"[.!?,;]$", bare) and not _FIELD_LINE.match(bare) \
                and not LIST_ITEM.match(line) and not find_dates(bare) and not _TABLE_ROW.match(line):
            return bare
    return ""


def refers_back(text: str) -> bool:
    """``text`` points back to what was said before it: it opens so ("He sent …", "It replaced …"), or says it will
    "do so"."""
    return bool(_REFERS_TO_EARLIER.match(text) or _DOES_SO.search(text))


def find_sentence(passage: Passage, quoted: str) -> list[list[int]]:
    """Offsets in ``passage`` of the sentence matching ``quoted`` (same words, any punctuation around)."""
    for start, end in split_sentences(passage.text):
        if display(passage.text[start:end]).lower() == quoted.lower():
            return [[passage.start + start, passage.start + end]]
    return []


def citation(n: int, passage: Passage, highlights: list) -> Citation:
    """``highlights``: units or spans with ``start``/``end`` document offsets."""
    return Citation(
        n=n, text=passage.text, source=passage.source, title=passage.title, kind=passage.kind, date=passage.date,
        speaker=passage.speaker, role=passage.role, speaker_date=passage.speaker_date, start=passage.start,
        end=passage.end, score=round(passage.score, 4), highlights=[[u.start, u.end] for u in highlights],
    )


def related_citations(passages: list[Passage]) -> list[Citation]:
    return [citation(n, p, []) for n, p in enumerate(passages, start=1)]


@dataclass
class Span:
    start: int
    end: int


# --- what the corpus knows -----------------------------------------------------------

_WORD = re.compile(r"[A-Za-z][A-Za-z’'&-]*")
_PLACE = re.compile(r"\b((?:[A-Z][a-z’'-]+ (?:and |of |the )?){1,3})(?:Police|Constabulary|Council|County|Borough|City|Fire|"
                    r"Children’s Services|Children's Services)\b")
_SENTENCE_START = re.compile(r"(^|[.!?:;“‘\"(\[\n-])\s*$")
# a web or email address, whose words are in lower case whatever they name ("complaints@<force>.police.uk")
_ADDRESS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+", re.I)


class Names:
    """Words the corpus only ever writes with a capital mid-sentence: forces, places, people, bodies.

    Learnt from the documents themselves, so a corpus about another force behaves the same.
    A question naming one of them ("… in Eastvale?") is only answered from a document that names it too.
    """

    def __init__(self, documents, lexical: LexicalIndex):
        capitalised: dict[str, set[str]] = {}  # per document: the words it writes with a capital mid-sentence
        written: dict[str, set[str]] = {}  # per document: every word it writes with a capital, wherever it stands
        lower: set[str] = set()
        places: set[str] = set()  # words of the names of forces and areas ("Greater Manchester Police")
        for document in documents:
            words = capitalised.setdefault(document.id, set())
            anywhere = written.setdefault(document.id, set())
            text = _ADDRESS.sub(lambda m: " " * len(m.group()), document.text)
            for match in _PLACE.finditer(text):
                places.update(w.lower() for w in match.group(1).split() if w not in ("and", "of", "the"))
            for match in _WORD.finditer(text):
                word = match.group()
                if word[0].islower():
                    lower.add(word.strip("’'-"))
                    continue
                name = word.lower().strip("’'-")
                anywhere.add(name)
                if not word.isupper() and not _SENTENCE_START.search(text[max(0, match.start() - 3):match.start()]):
                    words.add(name)  # acronyms (PCC, IOPC) are often spelt out elsewhere: not names
            for section in document.sections:  # whoever signs or is credited with it ("Jane Doe, <post>") is named
                words.update(w.lower() for w in _WORD.findall(person_named(section.speaker)))
        stem = {word: set(lexical.terms(word)) for word in set().union(*written.values(), lower)}
        common = set().union(*(stem[w] for w in lower)) if lower else set()
        # Months are dates, not names: "in February 2023" is checked against the sentence's and document's dates.
        month_stems = {t for month in MONTHS for t in lexical.terms(month)}
        self.stems = {t for words in capitalised.values() for w in words for t in stem[w]} - common - QUESTION_STEMS - month_stems
        # A name is learnt from mid-sentence capitals; a document holds it wherever it writes it ("Rachel Obi, …" opening a line).
        self.in_document = {doc: {t for w in words for t in stem[w]} & self.stems for doc, words in written.items()}
        self.places = frozenset(places)
        # … as names ("Inspector" in "His Majesty's Inspector of Constabulary" is no place)
        self.place_stems = frozenset(t for w in places for t in lexical.terms(w)) & self.stems
        # the words it only ever writes with a capital, wherever they stand ("Chair: Patricia Nwosu" opening a line)
        self.words = frozenset(w for words in written.values() for w in words if not stem[w] & common)
        self.lexical = lexical

    def named(self, text: str) -> list[str]:
        """The stems of ``text`` that are names in this corpus.

        Where the text capitalises words mid-sentence, only those count ("… public order in
        Eastvale" names Eastvale, not Order); typed all in lower case, every word may. An acronym
        in capitals ("what did the IOPC find in eastvale?") does not show that names are capitalised.
        """
        text = written_as(text)
        capitals = [m.group() for m in _WORD.finditer(text)
                    if m.group()[0].isupper() and not m.group().isupper()
                    and not _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()])]
        words = " ".join(capitals) if capitals else text
        return [t for t in dict.fromkeys(self.lexical.terms(words)) if t in self.stems]

    def absent(self, named: list[str], passage: Passage) -> bool:
        """Some name the question uses is nowhere in the passage's document (text, title, speaker, publisher)."""
        if not named:
            return False
        held = self.in_document.get(passage.source, set()) | set(
            self.lexical.terms(f"{passage.title} {passage.speaker} {passage.publisher}"))
        return any(stem not in held for stem in named)


def dates_absent(question: str, text: str, passage: Passage) -> bool:
    """A year, a month or a day of the week the question gives is not in the sentence, its document's title or (where
    the sentence gives no year) its dates; or the
    sentence (or title) is about another financial year than the one the question gives ("in 2023/24, 19 children
    …" does not answer "how many … in 2024/25?")."""
    # A sentence that gives years of its own is about them: "11 people were killed in 2023", in a response of 2024,
    # does not answer "how many were killed in 2024?"; one that gives none is read at its document's dates.
    # ("… 24.1 percent, up from 21.7 percent in 2021" is about the document's year: a year compared with is not its own)
    own_years = years(_COMPARED.sub(" ", text))
    held = f"{text} {passage.title}" if own_years else f"{text} {passage.title} {passage.date} {passage.speaker_date}"
    asked, stated = financial_years(question), financial_years(f"{text} {passage.title}")
    held_years = years(held) | {f"{fy[:2]}{fy[5:]}" for fy in financial_years(held)}  # 2023/24 is in 2024 too
    held_months = {iso[:7] for iso in find_dates(held) if len(iso) >= 7}  # as months() reads them, found once
    return not years(question) <= held_years or not months(question) <= held_months \
        or not month_names(question) <= month_names(held) | {month[5:] for month in held_months} \
        or bool(asked and stated) and not asked <= stated or not weekdays(question) <= weekdays(held)


_COMPARED = re.compile(r"\b(?:(?:up|down) from|compared (?:with|to)|than|against) (?:[^,.;]|\.(?=\d))*", re.I)
_FINANCIAL_YEAR = re.compile(r"\b(20\d\d)\s*(?:/|-|–| to )\s*(?:20)?(\d\d)\b")


def financial_years(text: str) -> set[str]:
    """Financial years ("2023/24", "2023-2024", "2023 to 24") as ``YYYY/YY``, where the second year follows the first."""
    return {f"{m[1]}/{m[2]}" for m in _FINANCIAL_YEAR.finditer(text) if int(m[2]) == (int(m[1]) + 1) % 100}


def years(text: str) -> set[str]:
    return set(_YEAR.findall(text))


def month_names(text: str) -> set[str]:
    """The months ``text`` names, with or without a year ("in August"), as ``MM``."""
    return {f"{MONTHS[m.lower()]:02d}" for m in _MONTH_NAME.findall(text)}


_MONTH_NAME = re.compile(r"\b(" + "|".join(m for m in MONTHS if m != "may") + r")\b", re.I)  # "may" is mostly a verb


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = "|".join(_WEEKDAYS)
_WEEKDAY = re.compile(rf"\b({_DAY})s?\b(?:\s*(?:to|until|till|-|–|—)\s*({_DAY})s?\b)?|\b(weekends?)\b", re.I)


def weekdays(text: str) -> set[str]:
    """The days of the week ``text`` names ("on Saturdays"), with those a range spans ("Monday to Friday") and a
    weekend's two: "will it open on Sundays?" is not answered by "… closed on Saturdays"."""
    days: set[str] = set()
    for first, last, weekend in _WEEKDAY.findall(text):
        if weekend:
            days.update(_WEEKDAYS[5:])
            continue
        start = _WEEKDAYS.index(first.lower())
        span = (_WEEKDAYS.index(last.lower()) - start) % 7 if last else 0
        days.update(_WEEKDAYS[(start + i) % 7] for i in range(span + 1))
    return days


def months(text: str) -> set[str]:
    """Month-and-year mentions ("June 2024", "2024-06-03") as ``YYYY-MM``."""
    return {iso[:7] for iso in find_dates(text) if len(iso) >= 7}


# Opposite states and movements: a sentence (or the title it sits under) that says one of a pair, and not the other,
# does not answer a question about the other ("when did the force come out of engage?" is not answered by the letter
# "… moved into engage"; "who is the permanent chief constable?" not by "… will lead the force as temporary chief").
_OPPOSITES = [(re.compile(a, re.I), re.compile(b, re.I)) for a, b in (
    (r"\b(leav(e|es|ing)|left|exit(s|ed|ing)?|return(s|ed|ing)? to (routine|normal)|c[oa]mes? out of|coming out of|(moved|taken|brought) out of|removed from|"
     r"taken off)\b",
     r"\b(enter(s|ed|ing)?|join(s|ed|ing)?|go(es)? into|went into|gone into|going into|(moved|put|placed|escalated) (in|into|to)|"
     r"placed under)\b"),
    (r"\bpermanent(ly)?\b", r"\b(temporar(y|ily)|interim|acting)\b"),
    (r"\b(approv(e|ed|es|ing|al)|endors(e|ed|es|ing))\b", r"\b(reject(s|ed|ing)?|veto(es|ed|ing)?)\b"),
    # a commissioner for police and fire sets two precepts: "the police precept" is not "the fire and rescue part"
    (r"\bpolic(e|ing)(,? and fire(,? and rescue)?)? (part|precept|budget|element|share)\b|\bfor policing\b",
     r"\bfire(,? and rescue)? (part|precept|budget|element|share)\b"),
)]


@lru_cache(maxsize=256)  # asked of every sentence the composer weighs for the same question
def _asked_sides(question: str) -> tuple:
    """The sides of the pairs ``question`` asks about, each with its opposite (one side of a pair, never the other)."""
    return tuple((asked, other) for a, b in _OPPOSITES for asked, other in ((a, b), (b, a))
                 if asked.search(question) and not other.search(question))


def states_opposite(question: str, text: str) -> bool:
    """``text`` says the opposite of what ``question`` asks about (one side of a pair, never the other)."""
    return any(other.search(text) and not asked.search(text) for asked, other in _asked_sides(question))
