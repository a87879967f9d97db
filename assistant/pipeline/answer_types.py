"""What kind of fact a question asks for, and whether a text holds one.

A "who" question needs a name or a role the question does not already contain; a
question about when something *will* happen needs a date in the evidence itself (the
date a document was written does not answer it).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..documents import MONTHS, find_dates

# Capitalised words that make up titles and bodies, not people's names.
_NOT_NAMES = {
    "Chief", "Constable", "Police", "Commissioner", "Office", "Panel", "Fire", "Crime", "Her", "His", "Majesty",
    "Majesty’s", "Inspector", "Inspectorate", "Constabulary", "Services", "Rescue", "Public", "Question", "Board",
    "Interim", "Joint", "Executive", "Response", "Member", "Date", "Author", "Position", "Contact", "Officer", "Special",
    "Measures", "The", "In", "It", "HMIC", "HMICFRS", "PFCC", "PCC", "IOPC", "Force", "Policing", "Government", "Deputy",
    "Director", "General", "Council", "County", "City", "Borough", "Service", "Report", "Annual", "Minutes", "Chair",
    "Councillor", "Secretary", "State", "Justice", "Prisons", "College", "National", "Chiefs",
}
_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Cllr", "Superintendent", "Inspector", "Sergeant", "Detective",
           "Assistant", "Temporary", "Acting"}
# Titles that come before a person's name ("Chief Constable Jane Doe", "Ms Doe").
_NAME_WORD = r"[A-Z][a-z’']*[A-Z]?[a-z’']+"  # "Jane", "McBride", "O'Neill"
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Cllr|Councillor|Commissioner|Constable|Inspector|Superintendent)\.? "
                     rf"(?:[A-Z]\.[ \t]?)*({_NAME_WORD}(?:-{_NAME_WORD})?)\b")  # … "Mrs P. Ellery" too
_CAPITALISED_RUN = re.compile(rf"\b{_NAME_WORD}(?:[ \t]+{_NAME_WORD})+\b")


def _name_pairs(text: str) -> list[tuple[str, str]]:
    """Two capitalised words standing alone, after any titles ("Chief Constable Jane Doe" → Jane Doe);
    not part of a longer name ("Home Office Review Board")."""
    pairs = []
    for run in _CAPITALISED_RUN.findall(text):
        words = run.split()
        while len(words) > 2 and words[0] in _NOT_NAMES | _TITLES:
            words.pop(0)
        if len(words) == 2:
            pairs.append((words[0], words[1]))
    return pairs
_ROLES = re.compile(r"\b((?i:member of the public|inspector|inspectorate|commissioner|chief constable|panel|chief executive|"
                    r"journalist|author|chair|councillors|(?:designated |public )?bodies|organisations|charities|home office|"
                    r"home secretary|government)|HMICFRS|HMIC|IOPC|(?:College|Office|Department|Ministry) of(?: [A-Z][\w’'-]+)+)\b")
_NUMBER = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|dozen|hundred|"
                     r"thousand|million|once|twice|monthly|weekly|daily|annual|annually|quarterly|times a year)\b", re.I)


# Official sheets name their fields (Author, Position, Date); questions use other words.
_FIELDS = [
    # "who wrote it?", "who sent the letter?", "who was it from?"
    (re.compile(r"\b(wrote|written|signed|author|sent|sender)\b|\bwho\b[^?]*\bfrom\s*(?:\?|$)", re.I), "Author"),
    (re.compile(r"\b(job|title|position|role)\b", re.I), "Position"),
    # "who chairs it?", "who is the chair?"
    (re.compile(r"\bchair(?:s|ed|man|woman|person)?\b", re.I), "Chair"),
    (re.compile(r"^\W*((and|so|but|then)\s+)?when\b|\bwhat date\b|\bdated\b", re.I), "Date"),
]


def asked_fields(question: str) -> list[str]:
    """The sheet fields that would answer ``question`` ("who wrote it?" → Author)."""
    return [field for pattern, field in _FIELDS if pattern.search(question)]


# The names a field goes by on sheets and letters.
_FIELD_NAMES = {"Author": "Author|From|Signed|Signed by|Written by", "Position": "Position|Job title|Role",
                "Date": "Date|Dated|Published|Issued", "Chair": "Chair|Chairman|Chairwoman|Chairperson|Chaired by"}


def answers_field(question: str, text: str) -> bool:
    """``text`` has a filled-in field that the question asks for ("Author: A. Name", "From: A. Name")."""
    return any(re.search(rf"(^|\n)\s*[\w ]*\b({_FIELD_NAMES[field]}):\s*\S", text) for field in asked_fields(question))


# Whom "what was the name of …?" may ask about: a person, or anyone an agent noun calls by what they do (the
# motorcyclist, the call handler, the investigator, the detainee), not a thing so named (the paper, the committee)
_PERSON = (r"(?:officers?|person|people|man|woman|chair|chief|inspectors?|commissioner|councillors?|constable|members?|"
           r"director|author|head|leader|candidate|victims?|suspects?|successor|appointee|resident|claimant|complainant|"
           r"(?!(?:(?:news)?paper|order|letter|register|chapter|charter|quarter|number|computer|centre|committee|"
           r"sector|motor|floor|door|corridor|error|document|other|another|either|neither|former|latter|border|water|poster|"
           r"folder|banner)s?\b)[\w’'-]+(?:ist|er|or|ian|ee)s?)")
# "What was the name of the officer …?", "what was the driver's name?", "what is her name?": a person's name, as "who
# is …?" asks
_NAME_OF = (r"\bwhat (?:is|was|are|were) (?:(?:his|her|their) names?\b|the names? of (?:the |a |an )?(?:[\w’'-]+ )?"
            rf"(?P<of>{_PERSON})\b|the (?:[\w’'-]+ )?(?P<own>{_PERSON})['’]s? names?\b)")
NAME_BESIDE = 40  # how near (in characters) a name stands to whoever "what was the name of …?" asks about


def asks_who(question: str) -> bool:
    # "Who wrote …?", "and who said it?" — not "officers who manage …"
    return bool(re.search(rf"^\W*((and|so|but|then)\s+)?(who|whose)\b|\bby whom\b|\bwhich (person|officer|inspector)\b|{_NAME_OF}",
                          question, re.I))


# The posts a person holds, for "who is the <post> of <area>?" (PCC and PFCC are a commissioner).
_POST = (r"(?:(?:police,? (?:fire and )?(?:and )?crime )?commissioner|chief constable|chief executive|chief fire officer|"
         r"chair(?:man|woman|person)?|home secretary|mayor|(?:chief )?superintendent|inspector of constabulary)")
_ASKED_POST = re.compile(rf"\b((?:deputy|assistant|acting|temporary|interim|former) )?({_POST}|p?f?cc)\b", re.I)
_POST_MODIFIER = re.compile(r"\b(deputy|assistant|acting|temporary|interim|former)\W*$", re.I)
_HOLDER = r"(?P<name>{n}(?:[ \t]+{n}){{1,2}})".format(n=_NAME_WORD)
_BETWEEN = r"(?:(?:the|a|an|its|their|new|next|current|permanent|[\w’']+[’']s|[A-Z][\w’'-]*|and|of|for),?[ \t]+){0,5}?"
_HOLDS = [re.compile(pattern, re.I) for pattern in (
    rf"(?P<post>{_POST}),?[ \t]+(?-i:{_HOLDER})",                                              # "the Commissioner, Jane Doe"
    rf"(?-i:{_HOLDER}),[ \t]+(?:who is |now |currently )?{_BETWEEN}(?P<post>{_POST})\b",         # "Jane Doe, Police and Crime Commissioner"
    rf"(?-i:{_HOLDER})[ \t]+(?:has been|had been|was|is|became|will become|will be)[ \t]+"   # "Priya Natarajan has been elected as …"
    rf"(?:(?:elected|appointed|confirmed|named|chosen|re-elected)[ \t]+)?(?:as[ \t]+)?{_BETWEEN}(?P<post>{_POST})\b",
    rf"\b(?:appointment|appointed|election|elected|confirmed|named|chosen)[ \t]+(?:of[ \t]+)?(?-i:{_HOLDER})[ \t]+as[ \t]+"
    rf"{_BETWEEN}(?P<post>{_POST})\b",                                                         # "… the appointment of Jane Doe as …"
    rf"(?m:^)[ \t]*(?P<post>{_POST}):[ \t]*(?-i:{_HOLDER})",                                   # "Chief Fire Officer: Jane Doe"
)]
# "Who is the new chief constable?": the holder must be new to the post, not the one leaving it.
_NEW_POST = re.compile(r"\b(new|next|incoming|successor)\b", re.I)
_TAKES_POST = re.compile(r"\b(new|appoint\w*|elect\w*|confirm\w*|successor|takes? over|took over|will become|became|named|chosen)\b", re.I)


_LATER_CLAUSE = re.compile(r"\b(?:after|before|when|since|following|until|while|because)\b", re.I)


@lru_cache(maxsize=256)  # asked of every sentence the composer weighs for the same question
def asked_post(question: str) -> tuple[str, str] | None:
    """The post a "who is the <post> …?" question asks for, and its modifier ("deputy", or ""); None otherwise."""
    # the post in the clause that asks, not in one that places it in time ("who led the force after the chief
    # constable retired?" asks who led it)
    match = _ASKED_POST.search(_LATER_CLAUSE.split(question)[0]) if asks_identity(question) else None
    if not match:
        return None
    post = match[2].lower()
    return (match[1] or "").strip().lower(), "commissioner" if re.fullmatch(r"p?f?cc", post) else post


def names_holder(question: str, text: str, new: bool = False) -> bool:
    """``text`` names someone the question does not, in the post the question asks about ("Who is the <area> PCC?":
    "The Police and Crime Commissioner, Jane Doe, said …"); a deputy or an acting holder answers only for a
    deputy or an acting one ("Deputy Chief Constable Jane Doe" is not the chief constable), and a new holder is
    called new, appointed or elected ("… the appointment of Jane Doe as the force's new chief constable"), as
    with ``new`` any holder must be."""
    asked = asked_post(question)
    if not asked:
        return False
    modifier, post = asked
    return any(_same_post(held, post) and held_modifier == modifier and name.lower() not in question.lower()
               and (not (new or _NEW_POST.search(question)) or _TAKES_POST.search(said)) and not elsewhere
               for held, held_modifier, name, said, elsewhere in _holdings(text))


def holds_asked_post(question: str, text: str) -> bool:
    """``text`` says someone holds the post a "who is the <post>?" question asks for (here or elsewhere)."""
    asked = asked_post(question)
    return bool(asked) and any(_same_post(held, asked[1]) and modifier == asked[0] for held, modifier, *_ in _holdings(text))


def _same_post(held: str, post: str) -> bool:
    """A post held is the one named: "police and crime commissioner" is the "commissioner"."""
    return held == post or held.endswith(post)


# "… currently Deputy Chief Fire Officer of a neighbouring service": a post held somewhere else
_ELSEWHERE = re.compile(r"\s+(?:of|at|in|with|for)\s+(?:(?:a|an)\s+(?:neighbouring|nearby|other|different)|another)\b", re.I)


def _holdings(text: str):
    """Each post ``text`` says someone holds: (post, its modifier or "", the holder's name, the words that say it,
    whether it is held somewhere else)."""
    for pattern in _HOLDS:
        for match in pattern.finditer(text):
            found = _POST_MODIFIER.search(text[:match.start("post")])
            words = match["name"].split()
            while words and words[0] in _NOT_NAMES | _TITLES:  # "(Chief) Constable Jane Doe will become …"
                words.pop(0)
            if len(words) >= 2:
                elsewhere = match.end() == match.end("post") and bool(_ELSEWHERE.match(text, match.end()))
                yield match["post"].lower(), found[1].lower() if found else "", " ".join(words), match[0], elsewhere


def _named_by_post(question: str, text: str) -> set[str]:
    """The names in ``text`` of whoever holds a post the question names without asking who holds it: "who made the
    complaint about the commissioner?" is not answered by "the Police and Crime Commissioner, Jane Doe"."""
    named = {m[2].lower() for m in _ASKED_POST.finditer(own_question(question))}  # not the earlier question's
    asked = asked_post(question)
    named -= {asked[1]} if asked else set()
    return {name.lower() for held, _, name, *_ in _holdings(text) if any(_same_post(held, post) for post in named)}


# "Who made the decision?", "who decided to close it?", "who approved the plan?": whoever decided, named by the sentence
# ("… the Policing Performance Oversight Group has agreed to move the force …"), or its speaker only where they say
# they decided ("I approve the closure …"), not where they speak of the decision ("The public will be rightly
# concerned by this decision.")
_ASKS_DECIDER = re.compile(r"^\W*(?:(?:and|so|but|then)\s+)?who\s+(?:(?:made|makes|took|takes|has made|has taken)\s+"
                           r"(?:the|that|this|its|their)\s+decision|decided|decides|approved|approves|agreed|signed off)\b",
                           re.I)
_DECIDED = re.compile(r"\b(?:decided|decides|agreed|agrees|approved|approves|approve|signed off|"
                      r"(?:made|took|taken) the decision|decision (?:was|is|has been) (?:made|taken)|[’']s decision|"
                      r"decision (?:of|by))\b", re.I)


def asks_decider(question: str) -> bool:
    return bool(_ASKS_DECIDER.search(own_question(question)))


def tells_decision(text: str) -> bool:
    """``text`` says a decision was made ("… has agreed to move …", "I approve the closure …"), or whose it was ("The
    group's decision follows …")."""
    return bool(_DECIDED.search(text))


def asks_identity(question: str) -> bool:
    """"Who is/was …?", "who chairs …?", "who replaced …?", "what was the name of …?": only a name answers it,
    not a role."""
    # "who was that?" after a quote asks who said it, which the quote's speaker answers; "who chairs a misconduct
    # hearing?" asks about any one, which a role answers ("legally qualified chairs")
    if re.search(r"^\W*(?i:(and|so|but|then)\s+)?(?i:who (chairs|chaired|leads|led|heads|headed|runs|ran))\s+"
                 r"(?!(?i:the|his|her|their|its|our|my|this|that|these|those)\b)[a-z]", question):
        return False
    return bool(re.search(r"^\W*((and|so|but|then)\s+)?who (is|was|are|were|chairs|chaired|leads|led|heads|headed|"
                          r"runs|ran|(?:(?:will|would|is to|is going to|could) )?(?:replaces?|replaced|succeeds?|succeeded|"
                          rf"takes? over|took over|becomes?|became))\b(?!\s+(that|this|it)\b)|{_NAME_OF}", question, re.I))


_WHICH_PLACE = re.compile(r"\bwhich (?:(?:police|other) )?(?:forces?|constabular(?:y|ies)|areas?|count(?:y|ies)|regions?)\b", re.I)
# The countries every force is in: "all 43 forces in England and Wales" names no force.
_COUNTRIES = {"england", "wales", "scotland", "britain", "uk", "united", "kingdom", "northern", "ireland"}


def asks_place(question: str) -> bool:
    """"Which forces …?", "which area …?": only the name of a force or an area answers it."""
    return bool(_WHICH_PLACE.search(question))


def names_place(text: str, question: str, places: frozenset) -> bool:
    """A word of the name of a force or area (``places``, learnt from the corpus) in ``text``, new to the question."""
    asked = {w.lower() for w in re.findall(r"[\w’'-]+", question)}
    return any(w.lower() in places and w.lower() not in asked | _COUNTRIES for w in re.findall(r"\b[A-Z][\w’'-]+", text))


def asks_when(question: str) -> bool:
    """"When …?", "what date …?", "… and when?"; not a "when" that opens a clause after another question word: "who will
    lead the force when the chief constable retires?" asks who."""
    if re.search(r"\bwhat date\b|\bwhich date\b|\bwhat day\b|\band when\b", question, re.I):
        return True
    # … in the follow-up's own words or in the earlier question it is read with ("and what about <force>? (following:
    # when did <force> go into engage?)")
    return any((asked := _QUESTION_WORD.search(part)) and asked[0].lower() == "when" for part in question.split(FOLLOWING))


_QUESTION_WORD = re.compile(r"\b(?:who|whom|whose|which|why|where|when|(?:what|how)(?!\s+about\b))\b", re.I)


def asks_future_when(question: str) -> bool:
    """"When will …?", and the present tenses that speak of what is arranged ("when does she start?", "when is the new
    hub opening?")."""
    return asks_when(question) and bool(re.search(r"\b(will|next|going to|planned|due)\b|\bwhen (does|do) (\w+ ){1,4}"
                                                  r"(start|begin|take (over|up)|join|return|arrive)\b|"
                                                  r"\bwhen (?:is|are) (?:[\w’'-]+ ){1,5}(?:re)?(?:opening|closing|starting|beginning|launching|moving|"
                                                  r"coming|happening|taking place|finishing|ending|leaving|retiring|joining|"
                                                  r"arriving|returning|changing)\b", question, re.I))


def asks_number(question: str) -> bool:
    return bool(re.search(r"\bhow (many|much|often|long|quickly|old)\b|\bnumber of\b|\bwhat (was|is) the (turnout|average|total|budget)\b",
                          question, re.I))


def asks_why(question: str) -> bool:
    """Why, or what for: "what is it for?", "what will the money pay for?" ask for a purpose, a kind of reason."""
    return bool(re.search(r"^\W*((and|so|but)\s+)?why\b|\bwhat (was|is) the reason\b|\bhow come\b|^\W*what for\b|"
                          r"\bwhat (is|was|are|were) (it|they|that|this|the \w+) for\b|"
                          r"\bwhat (will|would|does|did) (it|that|this|the \w+) (be )?(pay|paid|spent|used) (for|on)\b",
                          question, re.I))


# "the response to the public question": the response is asked for; the question only says which response
_RESPONSE_TO = re.compile(r"\b(response|reply|answer)s?\s+(?:to|of)\s+(?:the |a |an |that |this |their |his |her )?"
                          r"(?:[\w’'-]+ ){0,3}?(?:questions?|questioners?|member of the public)\b", re.I)


def asked_for(question: str) -> str:
    """The question with any "response to the … question" read as the response it asks for."""
    return _RESPONSE_TO.sub(r"\1", question)


def asks_for_response(question: str) -> bool:
    """"What was the response to the public question?": the official response answers it, not the question's words."""
    return bool(re.search(r"\b(response|reply|answer|responded|replied)\b", asked_for(question), re.I)) \
        and not asks_about_asking(question)


def asks_about_asking(question: str) -> bool:
    """"What was asked at the panel …?": the questions in the documents are the answer."""
    return bool(re.search(r"\b(ask|asks|asked|asking|questions?|questioners?|raised?|want(?:s|ed)? to know)\b", asked_for(question),
                          re.I))


# "How did <force> do in its PEEL inspection?", "how did the fire service fare when it was inspected?"
_HOW_IT_DID = re.compile(r"\bhow (?:did|does|has|have|was|were)\b.{0,60}?\b(?:do|did|done|fare|fared|perform|performed|get on|got on|"
                         r"come out|came out)\b.{0,40}?\b(?:inspection|inspected|peel|inspectors?|hmicfrs)\b", re.I)


# "What did they recommend?", "what are the recommendations?", "what should the force do?": what an inspection or
# investigation says must change (not "how many recommendations …?", a number)
_ASKS_RECOMMENDATION = re.compile(r"\b(recommend|recommended|recommends|recommendations?)\b|"
                                  r"\bwhat (?:should|must|ought) (?:\w+ ){1,4}?(?:do|change|improve)\b|"
                                  r"\bwhat (?:do|does|did) (?:\w+ ){1,3}?(?:have|need) to (?:do|change|improve)\b", re.I)
# What says something should change: "should make sure …", "we recommend …", "must improve …", "an area for improvement"
_RECOMMENDS = re.compile(r"\b(should|must|recommend\w*|areas? for improvement|causes? of concern)\b", re.I)


def asks_recommendation(question: str) -> bool:
    return bool(_ASKS_RECOMMENDATION.search(question))


def asked_about(question: str) -> str:
    """The question without the words that only say what kind of fact it asks for: "what did they recommend?" is
    answered by what "should" change, whatever word it uses ("how many recommendations …?" keeps its word)."""
    return re.sub(r"\brecommend\w*", " ", question, flags=re.I) if answer_type(question) == "recommendation" else question


def asks_grade(question: str) -> bool:
    return bool(re.search(r"\b(grade|graded|grading|rating|rated|judged|judgement)\b", question, re.I) or _HOW_IT_DID.search(question))


_HOW_MANY = re.compile(r"\bhow many\b(?!\s+(?:working |calendar )?(?:days|weeks|months|years|hours|minutes|seconds|times)\b)", re.I)
_YEAR_NUMBER = re.compile(r"\b(19|20)\d\d\b")
_DATE_TEXT = re.compile(r"\b(\d{1,2}(st|nd|rd|th)? )?(" + "|".join(MONTHS) + r")( \d{1,2},?)?( (19|20)\d\d)?\b|\b\d{4}-\d\d-\d\d\b|"
                        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", re.I)
_TIME_UNITS = "seconds?|minutes?|hours?|days?|weeks?|months?|years?"
_HOW_OFTEN = re.compile(r"\bhow often\b|\bhow frequently\b", re.I)
_PERIOD = r"(?:day|week|fortnight|month|quarter|year|term|session)s?"
_FREQUENCY = re.compile(rf"\b(?:every|each|once an?|twice an?|(?:[\w-]+ )?times an?|a|per)\s+(?:[\w-]+\s+)?{_PERIOD}\b|"
                        r"\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|bi-?monthly|bi-?annually)\b", re.I)
_TIMES = re.compile(r"\b[\w,]+\s+(?:or (?:more|fewer|less)\s+)?times\b", re.I)  # "three times", "three or more times": how often
_HOW_MANY_TIMES = re.compile(r"\bhow many times\b", re.I)
_TIME_SPAN = re.compile(_NUMBER.pattern + rf"[\s-]*(?:working |calendar )?(?:{_TIME_UNITS})\b", re.I)
_HOW_OLD = re.compile(r"\bhow old\b|\bwhat age\b", re.I)
_AGE = re.compile(r"\b\d{1,3}[- ]years?[- ]old\b|\baged (under |over )?\d{1,3}\b|\bages? (of )?\d{1,3}\b|\bunder[- ](\d{1,2}|eighteen)s?\b",
                  re.I)
_HOW_MUCH = re.compile(r"\bhow much\b", re.I)
_AMOUNT = re.compile(r"[£$€]\s?\d|\d\s?(%|p\b)|\b(pence|pounds?|percent|per cent|million|billion|minutes?|hours?|days?|weeks?|"
                     r"months?|years?)\b", re.I)
# "How long …?" is best answered by a stretch of time or a length ("20 months after", "seven working days", "150 words",
# "since 2016", "from 2019 to 2023"), not by a date alone.
_NOW_WORDS = re.compile(r"\b(?:now|currently|these days|at the moment|nowadays|today)\b", re.I)
_HOW_LONG = re.compile(r"\bhow (?:long|quickly|fast|soon)\b", re.I)  # a stretch of time: "how quickly are 999 calls answered?"
_DURATION = re.compile(r"\b(\d+(\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                       rf"thirty|forty|fifty|sixty|several|few|hundred)[ -](\w+ )?({_TIME_UNITS}|"
                       r"words?|pages?|characters?|miles?|metres?|kilometres?)\b|"
                       r"\b(since|until|till|from|between)\s+(\d{1,2}\s+)?([A-Z][a-z]+\s+)?(19|20)\d\d\b", re.I)
_REASON = re.compile(r"\b(because|after|following|follows|followed|due to|as a result|reflects?|concerns?|found|failed|since|commissioned|"
                     r"led to|so that|in order to|owing to|pays? for|paid for|used (for|to)|(?:to|will|would) fund|"
                     # what money went on: "spent £2 million on …", "overspent by £1.8 million in 2024/25, mainly on overtime"
                     r"(?:over)?spen(?:t|ds?|ding)\b(?:[^.]|\.(?=\d)){0,60}?\bon|"
                     # what a proposal would do, as those making it give it: "… says the new station would reach more homes"
                     r"(?:says|said|believes?|argues?)\b[^.]{0,60}\bwould (?:save|reach|mean|allow|help|improve|cut|reduce))\b"
                     # a record of decision's reason, under its label: "Reason: The control rooms are in separate buildings …"
                     r"|^\s*(?:reasons?|rationale)(?: for (?:the )?decision)?\s*:", re.I)
GRADES = "outstanding|good|adequate|requires? improvement|required improvement|inadequate"  # the inspectorate's graded judgments
_GRADE = re.compile(rf"\b({GRADES})\b", re.I)


# "How much will he be paid?", "how much does it cost?": money, not "eight years"
_ASKS_MONEY = re.compile(r"\b(?:pay|pays|paid|cost|costs|costing|salary|salaries|spend|spent|spending|fund|funded|funding|money|"
                         r"budget|price|charge|charged|earn|earns)\b", re.I)
_MONEY = re.compile(r"[£$€]\s?\d|\d\s?p\b|\b(?:pence|pounds?)\b|\d\s?(?:million|billion|bn|m)\b", re.I)
# "How much does it cost each year?" is answered by an amount for a period ("£2 million a year"), not a one-off sum.
_RATE = re.compile(r"\b(?:each|every|per|a|an) (?:year|month|week|day)\b|\bper (?:annum|head)\b|\b(?:annual(?:ly)?|yearly|monthly|"
                   r"weekly|daily)\b", re.I)


def has_number(text: str) -> bool:
    return bool(_NUMBER.search(text))


def asks_count(question: str) -> bool:
    """"How many …?" asking for a count of people or things, not a span of time."""
    return bool(_HOW_MANY.search(question))


def new_numbers(text: str, question: str) -> bool:
    """A number in ``text`` that the question does not already contain."""
    asked = {m.lower() for m in _NUMBER.findall(question)}
    return any(m.lower() not in asked for m in _NUMBER.findall(text))


_SEASON_MONTH = {"spring": "03", "summer": "06", "autumn": "09", "winter": "12"}
_SEASON = re.compile(r"\b(spring|summer|autumn|winter) (?:of )?(\d{4})\b", re.I)
_YEAR = re.compile(r"\b(?:in|by|during|until|before|after|from|of|since) (?:(?:the )?(?:end|start|beginning|middle) of )?(\d{4})\b", re.I)


def when_dates(text: str) -> list[str]:
    """The dates in ``text`` that answer "when?": full dates and months (``find_dates``), seasons ("the spring of
    2024" → 2024-03) and years after a preposition ("by the end of 2025" → 2025), as ISO prefixes."""
    dates = find_dates(text) + [f"{m[2]}-{_SEASON_MONTH[m[1].lower()]}" for m in _SEASON.finditer(text)]
    years = {d[:4] for d in dates}
    return dates + [y for y in dict.fromkeys(m[1] for m in _YEAR.finditer(text)) if y not in years and 1900 < int(y) < 2100]


# a month with no year, after a word that places something in it ("… will start work in November")
_BARE_MONTH = re.compile(rf"\b(?:in|by|from|until|till|during|before|early|late|mid-?|end of|start of|beginning of)\s+"
                         rf"({'|'.join(MONTHS)})\b(?!,?\s*\d)", re.I)


def dated(text: str) -> bool:
    """``text`` says when: a date, a month, a season or a year (``when_dates``), or a month with no year ("in
    November")."""
    return bool(when_dates(text) or _BARE_MONTH.search(text))


def new_dates(text: str, question: str, written: str = "") -> bool:
    """A date in ``text``, new to the question, and not before ``written`` (an ISO date; "" for any). A month with no
    year is the next one from when the words were written ("… in November", written in September 2024)."""
    asked = set(when_dates(question))
    dates = when_dates(text)
    if len(written) >= 7:
        year, month = int(written[:4]), int(written[5:7])
        dates += [f"{year + (MONTHS[m.lower()] < month)}-{MONTHS[m.lower()]:02d}" for m in _BARE_MONTH.findall(text)]
    return any(d not in asked and d >= written[:len(d)] for d in dates)


_AUXILIARY = r"(?:did|does|do|were|was|are|is|have|has|had|will|would|can|could|should|in|at|for|to|of|on|per|a|each|every|there)"
_FOCUS = [
    # "how many crimes did …" → crimes; "what was the turnout in …" → turnout
    re.compile(rf"\b(?:how many|how much|number of)\s+((?:(?!{_AUXILIARY}\b)[\w’'-]+\s+){{0,3}}?)(?:{_AUXILIARY})\b", re.I),
    re.compile(rf"\bwhat (?:was|is|were|are) the\s+((?:(?!{_AUXILIARY}\b)[\w’'-]+\s*){{1,3}}?)(?:\b{_AUXILIARY}\b|\?|$)", re.I),
    # "how much did the police precept go up" → police precept
    re.compile(r"\bhow much (?:did|does|has|have|will|is|was) (?:the )?((?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s+"
               r"(?:go|gone|rise|risen|increase|fall|cost|change|grow|drop)\b", re.I),
    # "who is the chief constable of …" → chief constable; "what was the name of the officer who …" → officer
    re.compile(r"\b(?:who (?:is|was|will be|became|has become)|names? of) (?:the )?((?:[\w’'-]+\s+){0,3}?[\w’'-]+)\s*"
               r"(?:\b(?:of|for|in|at|on|who|that)\b|\?|$)", re.I),
    # "what grade did X get for investigating crime?" → investigating crime
    re.compile(r"\b(?:grade|graded|grading|rating|rated|judged)\b.*?\b(?:for|at|on|in)\s+((?:[\w’'-]+\s*){1,4})\??$", re.I),
]
# … and, where no auxiliary follows, "how many people answered the consultation" → people (what was counted, before
# what it did)
_COUNTED_DOING = re.compile(r"\b(?:how many|number of)\s+((?:[\w’'-]+\s+){1,3}?)[a-z]{3,}ed\b", re.I)
# … not one that says when ("last year", "next month")
_ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|last|latest|current|previous|former|next)\b"
                      r"(?!\s+(?:financial\s+)?(?:year|month|week|quarter|time|spring|summer|autumn|winter)\b)", re.I)


def focus_phrase(question: str, kind: str) -> str:
    """The words the fact asked for is about ("how many *crimes*", "who is the *chief constable*", "graded for
    *investigating crime*"), with any ordinal ("the *second* area", "the *current* director") the answer must
    match. Acronyms are left out: documents often spell them out."""
    if kind == "who" and PREDECESSOR.search(own_question(question)):  # "who is *she replacing*?" is about the post
        return ""
    patterns = {"number": _FOCUS[:3] + [_COUNTED_DOING], "who": _FOCUS[3:4], "grade": _FOCUS[4:5], "said": [_SAID]}.get(kind, [])
    parts = [m.group(1) for pattern in patterns for m in [pattern.search(question)] if m and m.group(1).strip()]
    parts = [re.split(r"\b(?:quoted|named|mentioned|about|that|who|responsible|in charge)\b", p, flags=re.I)[0] for p in parts]
    parts = [re.sub(r"\b(other|more|different|extra|additional|further|exactly)\b", " ", p, flags=re.I) for p in parts]
    if kind == "number":  # what an amount measures goes without saying: "how much *money* …" is answered by "£2 million"
        parts = [re.sub(r"\b(money|cash|funding|amount|sum|total|percentage|proportion|share|time)\b", " ", p, flags=re.I)
                 for p in parts]
    # "in its *last* inspection" says which report a grade is from, not what the grade line must say
    ordinals = sorted(set(o.lower() for o in _ORDINAL.findall(question))) if kind != "grade" else []
    words = " ".join(parts[:1] + ordinals).split()
    return " ".join(w for w in words if not w.isupper())


_WHAT_DID = r"\bwhat (?:did|does|has|have|do) (.+?) "  # … the subject, then the verb
_SAYING = "say|said|tell|told|write|wrote|state|stated"
_SAID = re.compile(rf"{_WHAT_DID}(?:{_SAYING})\b", re.I)
_FOUND = re.compile(rf"{_WHAT_DID}(?:{_SAYING}|find|found|recommend|recommended|conclude|concluded|report|reported)\b", re.I)


# "What is the commissioner doing about it?", "what's being done?": what someone does
_DOING_WORDS = r"(?:doing|done|going to do)\b"
_DOING = re.compile(rf"\bwhat (?:is|are|was|were|has|have|will) (.+?) {_DOING_WORDS}", re.I)
# What reports an action: "has asked", "have agreed to fund", "will publish", "is recruiting", "funded"
_ACTION = re.compile(r"\b(?:has|have|had)(?: \w+ly| now| also| already| since| just)? (?:\w+ed|\w+en|put|set|made|begun|led|"
                     r"paid|spent|sent|brought|built|held|kept|met|sought|taken|run|won)\b|\bwill (?!not\b|be able\b)\w+|"
                     r"\b(?:is|are|am)(?: now| also| already)? (?!concerning\b|missing\b|failing\b)\w+ing\b", re.I)


# "How many officers were *dismissed* …?", "were the officers *sacked*?": what the question says was done to what it
# asks about. A sentence that does not say it was done ("… were working without vetting") does not answer. A verb with
# its particle is said in other words: "how many forces were *looked at*?" is answered by "We inspected six forces".
_DONE_TO = re.compile(r"\b(?:were|was|(?<!\bto )be|been|being|get|got)\s+(?:(?:anyone|anybody|someone|somebody|he|she|it|they|any of them|"
                      r"no one|nobody)\s+)?(?:\w+ly\s+)?(?!(?:looked|picked|carried|brought|turned|sorted|followed|handed|"
                      r"checked|signed)\s+(?:at|into|up|out|off|through|over|on)\b)([a-z]{3,}(?:ed|en))\b", re.I)
# "Were the officers who … *sacked*?"; "who *chaired* the hearing?", "who *chairs* the panel?"
_WAS_IT_DONE = re.compile(r"^\W*(?:(?:were|was|is|are)\b.{0,100}?\s([a-z]{3,}(?:ed|en))\W*$|who\s+([a-z]{3,}ed|chairs|leads|heads)\b)",
                          re.I)
# Words in -ed or -en after "was"/"were" that say what something is, not what was done to it ("based in", "children")
_NOT_DONE = {"based", "called", "named", "concerned", "interested", "involved", "needed", "supposed", "used", "related",
             "required", "expected", "allowed", "given", "seen", "taken", "open", "often", "even", "between", "children",
             "women", "when", "then", "seven", "eleven", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}


# "Who *asked* that?" asks who asked or said the words quoted, not what was done
_ASKED_OR_SAID = {"asked", "answered", "responded", "replied", "stated", "mentioned", "quoted", "reported", "published",
                  "submitted", "raised"}


def done_to(question: str) -> str:
    """The participle of what the question says was done ("were *dismissed*"), in its own words; "" if none."""
    own = own_question(question)
    found = [(m.group(1) or m.group(2)).lower() for m in [*_DONE_TO.finditer(own), _WAS_IT_DONE.match(own)] if m]
    return next((word for word in found if word not in _NOT_DONE and word not in _ASKED_OR_SAID), "")


# "How did the commissioner respond to the inspection?": what they did about it
_RESPONDING = re.compile(r"\bhow (?:did|does|do|has|have|will|is|are|was|were) (.+?) (?:respond|react)(?:ed|ing|s)?\b", re.I)


def asked_doer(question: str) -> str:
    """Whose actions the question asks for ("what is *the commissioner* doing about it?", "how did *the commissioner*
    respond?"); "" otherwise."""
    match = _DOING.search(question) or _RESPONDING.search(question)
    # "what is being done about it?" names no one
    return match.group(1) if match and match.group(1).lower() not in ("being", "been", "be") else ""


# "Why was PC A. Name sacked?", "why is the officer facing a misconduct hearing?": what was done to someone, whose reason
# is what they did
_SANCTIONS = (r"sacked|dismissed|fired|suspended|arrested|charged|barred|disciplined|jailed|convicted|sentenced|cautioned|"
              r"removed|demoted|reprimanded|prosecuted|investigated|facing|referred")
_WHY_DONE_TO = re.compile(rf"^\W*why\s+(?:was|were|has|have|had|is|are)\s+(.+?)\s+(?:been\s+|being\s+)?({_SANCTIONS})\b", re.I)
_NOT_WHO = {"the", "a", "an", "pc", "dc", "ds", "ps", "sergeant", "constable", "police", "officer", "officers", "mr", "ms",
            "mrs", "miss", "dr", "inspector", "detective", "chief", "former"}
_PAST_ACT = re.compile(r"\b(?:\w{2,}ed|took|made|sent|gave|stole|hit|drove|told|wrote|lied|kept|left|ran|sold|spoke|went|"
                       r"broke|threw|struck|fought|knew|saw|got|had)\b", re.I)


def tells_conduct(question: str, text: str) -> bool:
    """``text`` says what the person a "why was <someone> <sanctioned>?" question asks about did ("PC Name used a
    police computer … to look up …", "The officer drove …"), not the sanction itself."""
    asked = _WHY_DONE_TO.match(question)
    if not asked or re.search(rf"\b{asked[2]}\b", text, re.I):
        return False
    who = {w.lower() for w in re.findall(r"[A-Za-z][\w’'-]+", asked[1])} - _NOT_WHO
    opening = text.split()[:4]
    subject = any(w.lower().strip("’'s,") in who for w in opening) \
        or re.match(r"^\W*(?:he|she|they|the (?:officer|constable|sergeant)s?)\b", text, re.I)
    return bool(subject) and bool(_PAST_ACT.search(text))


def gives_reason(text: str) -> bool:
    """``text`` gives a reason ("because …", "The decision follows …", "… due to …")."""
    return bool(_REASON.search(text))


# What an inspection found wanting, the grounds of a poor grade: "does not investigate crime well enough", "did not always
# recognise the risks", "in 14 of the 50 cases we reviewed", "too many investigations", "only 44 percent of staff"
_SHORTFALL = re.compile(r"\b(?:not|never)\s+(?:always\s+|consistently\s+)?\w+\b[^.]{0,60}?\b(?:well|quickly|often|soon) enough\b|"
                        r"\b(?:did|does|do|was|were|is|are) not (?:always|consistently)\b|\btoo (?:many|few|long|slow|slowly)\b|"
                        r"\b\d[\d,]* of (?:the )?\d[\d,]* [\w -]{0,40}?\b(?:cases|files|records|calls|crimes|investigations|reports)\b|"
                        r"\bonly (?:\d|a (?:few|minority|small)\b)|\bcause of concern\b", re.I)


_FOUND_WANTING = re.compile(r"\b(?:causes? (?:of|for) concern|areas? for improvement)\b", re.I)


def asks_grounds(question: str) -> bool:
    """The question asks what an inspection found wanting: "what was the cause of concern in <force>'s report?", or
    "why?" of the grade it gave (not "what is the commissioner doing about it?" after a cause of concern)."""
    own = own_question(question)
    return bool(_FOUND_WANTING.search(own)) or asks_why(own) and asks_grade(question)


def gives_shortfall(text: str) -> bool:
    """``text`` says what an inspection found wanting (the grounds of a poor grade)."""
    return bool(_SHORTFALL.search(text))


def asks_how_long(question: str) -> bool:
    return bool(_HOW_LONG.search(question))


_TIME_TAKEN = re.compile(rf"\b\d+(?:\.\d+)?[ -](?:{_TIME_UNITS})\b", re.I)


def gives_time_taken(text: str) -> bool:
    """``text`` gives a time in figures ("14 minutes", "within 10 seconds"), not a date's span ("from September 2024")."""
    return bool(_TIME_TAKEN.search(text))


def how_long_asked(question: str) -> str:
    """What "how long …?" asks the time of: "people wait for 101 in <force>", without "how long" or "now"."""
    return _NOW_WORDS.sub(" ", _HOW_LONG.sub(" ", question))


def gives_duration(text: str) -> bool:
    """``text`` gives a stretch of time or a length."""
    return bool(_DURATION.search(text))


def asks_doing(question: str) -> bool:
    """The question asks what is being (or has been) done: "what's being done about it?"."""
    return bool(re.search(rf"\b{_DOING_WORDS}", question, re.I))


def reports_action(text: str) -> bool:
    """``text`` says what someone has done, is doing or will do ("I have agreed to fund 12 more staff")."""
    return bool(_ACTION.search(text))


# "What did the IOPC find?": a finding, not the news that an investigation has begun ("We have begun an independent
# investigation …", "Our investigation will look at …")
# "What did the IOPC find?", "what was the outcome of the misconduct meeting?": what came of it
_ASKS_FINDING = re.compile(rf"{_WHAT_DID}(?:find|found|conclude|concluded|decide|decided)\b|\bwhat (?:was|were|is) the "
                           r"(?:outcome|result|decision|findings?|conclusions?)\b", re.I)
# … not the news that it has begun or is to come ("… will face a misconduct meeting", "A hearing will be held …")
_UNDER_WAY = re.compile(r"\b(?:has|have) (?:now )?(?:begun|started|launched|opened)\b[^.]*\binvestigat|\b(?:will|is to|are to) "
                        r"(?:look at|examine|consider|investigate|review|establish|face)\b|\b(?:is|are) (?:now )?(?:investigating|"
                        r"examining|reviewing|looking at)\b|\bwill be held\b", re.I)


def asks_finding(question: str) -> bool:
    return bool(_ASKS_FINDING.search(question))


def only_under_way(text: str) -> bool:
    """``text`` says an investigation or review is under way or to come, and no more."""
    return bool(_UNDER_WAY.search(text))


def asked_speaker(question: str) -> str:
    """Whose words or findings the question asks for ("What did *the inspectors* find about …?"); "" otherwise."""
    match = _FOUND.search(question)
    return match.group(1) if match else ""


def said_subject(question: str) -> str:
    """Who a "what did … say?" question asks about ("What did *the inspectors* say about …?"); "" otherwise."""
    match = _SAID.search(question)
    return match.group(1) if match else ""


# The verbs that report someone's words ("… said", "she added: …")
SPEECH_VERBS = "said|says|told|added|adds|wrote|writes|stated|explained|commented|replied|responded"
_SPEECH = re.compile(rf"\b({SPEECH_VERBS})\b|[“\"]\w", re.I)


# "What does the force do well?" asks for praise; "what did the police do wrong?" for criticism.
_ASKS_PRAISE = re.compile(r"\b(well|good|best|strengths?|positives?|positively|praised?|success(?:es|ful)?|right|impressed)\b", re.I)
_ASKS_CRITICISM = re.compile(r"\b(wrong|bad|badly|poor(?:ly)?|weak(?:ness|nesses)?|fail(?:s|ed|ing|ings|ure|ures)?|problems?|"
                             r"concerns?|criticis\w*|worse|worst|shortcomings?|mistakes?|lacking)\b", re.I)
_PRAISE = re.compile(r"\b(effective(?:ly)?|good|well|strengths?|praised?|impressed|improved|improvements?|progress|outstanding|"
                     r"commend\w*|positive(?:ly)?|success(?:es|ful|fully)?|benefits?|encouraging|notable)\b", re.I)
_CRITICISM = re.compile(r"\b(not|no|never|fail\w*|poor(?:ly)?|inadequate|concerns?|concerned|lack\w*|insufficient|weak\w*|"
                        r"too (?:many|few|often|slow|long)|inconsistent\w*|must|should|needs? to|requires improvement|"
                        r"unacceptable|backlogs?|delays?|shortcomings?|problems?|risks?)\b", re.I)


def tone_match(question: str, text: str) -> float:
    """1 when the question asks for praise or criticism and ``text`` gives that kind; 0 otherwise."""
    wants_praise, wants_criticism = bool(_ASKS_PRAISE.search(question)), bool(_ASKS_CRITICISM.search(question))
    if wants_praise == wants_criticism:  # neither, or both ("what went well and what went badly?")
        return 0.0
    return 1.0 if (_PRAISE if wants_praise else _CRITICISM).search(text) else 0.0


def reports_speech(text: str) -> bool:
    """``text`` gives someone's words ("… said:", a quotation)."""
    return bool(_SPEECH.search(text))


# "How long do people wait when they call 101?" asks for a number; its "when" only says which wait.
_LEADS_NUMBER = re.compile(r"^\W*((and|so|but|then)\s+)?how (many|much|often|long|quickly)\b", re.I)


FOLLOWING = " (following: "  # how a follow-up is joined to its earlier question: "<follow-up> (following: <question>)"


def joined(own: str, earlier: str) -> str:
    """A follow-up joined to the earlier question it leans on."""
    return f"{own.rstrip()}{FOLLOWING}{earlier})"


def earlier_question(question: str) -> str:
    """The earlier question a joined follow-up leans on; "" for a question that stands alone."""
    return question.partition(FOLLOWING)[2][:-1]


def own_question(question: str) -> str:
    """A joined follow-up's own words ("who is she replacing?"); a question that stands alone, whole."""
    return question.partition(FOLLOWING)[0]


def answer_type(question: str) -> str:
    """The kind of fact the question asks for: field, said, who, place, when, number, grade, why, recommendation, or ""
    (anything).
    A follow-up joined to its earlier question asks for the kind its own words ask for ("when did she say it?
    (following: what did the inspectors say)" asks when); one that leaves its question to the earlier one ("and the
    year before?", "what about Eastvale?") asks for the earlier question's. "What is the commissioner doing about
    it?", after a question about a grade, asks a question of its own, for anything."""
    own, following, _ = question.partition(FOLLOWING)
    if following:
        return _kind(own) or ("" if _ASKS_ITSELF.match(own) else _kind(question))
    return _kind(question)


_ASKS_ITSELF = re.compile(r"^\W*(what|which|who|when|where|why|how|is|are|was|were|did|does|do|has|have|can|could|will)\b"
                          r"(?!\s+about\b)", re.I)


def _kind(question: str) -> str:
    for kind, test in (("field", lambda q: bool(asked_fields(q)) and bool(re.search(r"\b(wrote|written|signed|author)\b", q, re.I))),
                       ("said", lambda q: bool(_SAID.search(q))), ("who", asks_who), ("place", asks_place),
                       ("number", lambda q: bool(_LEADS_NUMBER.match(q))), ("when", asks_when),
                       ("number", asks_number), ("grade", asks_grade), ("why", asks_why),
                       ("recommendation", asks_recommendation)):
        if test(question):
            return kind
    return ""


_AHEAD = re.compile(r"\b(will|shall|by|until|due|expected|expects?|next|within|aims?|target\w*|plans?|planned|scheduled|"
                    r"intends?|from|before|later|soon)\b", re.I)


_WHEN_SAID = re.compile(r"\bwhen\b.*\b(say|said|write|wrote|written|state|stated|respond|responded|reply|replied)\b", re.I)


# A date not yet set, said so
_NOT_YET_SET = re.compile(r"\b(has|have) not (yet )?been (set|fixed|decided|agreed|arranged|announced|confirmed)\b|"
                          r"\b(is|are) (yet|still) to be (set|fixed|decided|agreed|arranged|announced|confirmed)\b|"
                          r"\bno date has (yet )?been (set|fixed|agreed)\b|"
                          r"\b(date|time)s? of the \w+ (will|is to) be (set|fixed|decided|agreed|arranged|announced)\b", re.I)


# What a document reports as just done ("… has been removed", "… confirmed her appointment on Thursday"): its date says when.
_JUST_HAPPENED = re.compile(r"\b(has|have) (been|now|just|made|moved|decided|approved|confirmed|returned|placed|removed)\b|"
                            r"\b(on (monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|this week|"
                            r"last week)\b", re.I)


_QUESTION_WORDS = {"when", "what", "which", "does", "did", "was", "were", "will", "has", "have", "been", "that", "this", "they",
                   "their", "the", "and", "into", "from", "with", "about"}


def just_happened(text: str, question: str, meeting: bool = False) -> bool:
    """``text`` reports as just done what the question asks about ("When was she confirmed?": "… has been confirmed …"),
    not something else beside it ("when was the hearing?" is not answered by "… has been dismissed after a hearing …"):
    its document's date says when. In the record of a ``meeting`` (its minutes), what it says was done was done at the
    meeting ("… the panel recommended that the appointment be confirmed")."""
    match = _JUST_HAPPENED.search(text)
    if not match and not meeting:
        return False
    later = _LATER_CLAUSE.search(text, match.end()) if match else None
    clause = text[:later.start() if later else len(text)].lower()
    asked = [w[:5] for w in re.findall(r"[a-z]{4,}", own_question(question).lower()) if w not in _QUESTION_WORDS]
    # … and in a meeting's record, a sentence that says all of it ("when did the panel veto the precept?" is not answered
    # by "The panel voted to support the precept")
    return not asked or (any if match else all)(w in clause for w in asked)


_STARTED = re.compile(r"^\W*when (?:did|does|do|will|has|have) (?:[\w’'-]+ ){1,5}?(?:start|begin)(?:s|ed|ing)?\b", re.I)
_ENDED = re.compile(r"\b(?:completed|concluded|finished|ended|closed)\b", re.I)
_BEGAN = re.compile(r"\b(?:start\w*|began|begun|begin\w*|opened|launched)\b", re.I)


def has_answer_type(kind: str, text: str, question: str, speaker_date: str = "", document_date: str = "",
                    places: frozenset = frozenset(), speaker: str = "", proper: frozenset | None = None,
                    meeting: bool = False) -> bool:
    """``text`` holds a fact of the kind asked for, new to the question.

    "When?" is also answered by the date a dated speaker said it, or by a document's own date
    when the sentence reports what has just happened ("… has been removed from …") or the question
    asks when something was said or written in it.
    """
    if kind == "field":  # … or "who wrote it?" of a signed letter or report: whoever signed it, as its attribution names
        return answers_field(question, text) or "Author" in asked_fields(question) and bool(speaker)
    if kind == "who":
        # "who decided?" is not answered by whoever is reported speaking of the decision ("The Commissioner, A. Name,
        # said he was "pleased" by the decision.")
        if asks_decider(question) and reports_speech(text) and not tells_decision(text):
            return False
        # "Who is the deputy chief fire officer?", of a text that says who holds that post: its holder, not another name
        # in it ("… Jane Doe, currently Deputy Chief Fire Officer of a neighbouring service, … after John Roe retired")
        own = own_question(question)  # the post its own words ask for, not the earlier question's
        if holds_asked_post(own, text):
            return names_holder(own, text)
        # "What was the name of the call handler?", of a text that speaks of the call handler: a name beside it ("the
        # call handler, Jane Doe,"), not another one ("… a call handler should have graded the call … because Mr Name
        # had said …"); where it does not, the name may be theirs ("PC Jane Doe was dismissed")
        one = re.search(_NAME_OF, own, re.I)
        noun = (one["of"] or one["own"] or "").rstrip("s") if one else ""
        beside = [clause[max(0, m.start() - NAME_BESIDE):m.end() + NAME_BESIDE] for clause in re.split(r"[;:.!?()]", text)
                  for m in re.finditer(rf"\b{re.escape(noun)}", clause, re.I)] if noun else []
        if beside:
            return any(names_someone(words, question, roles=False, places=places, proper=proper) for words in beside)
        return names_someone(text, question, roles=not asks_identity(question), places=places, proper=proper)
    if kind == "said":
        return bool(speaker) or reports_speech(text)
    if kind == "place":
        return names_place(text, question, places)
    if kind == "when":
        # "When did the IOPC *start* investigating …?" is not answered by the date in "We have completed our
        # investigation into the search … on 9 June 2024"
        if _STARTED.match(question) and _ENDED.search(text) and not _BEGAN.search(text):
            return False
        if _NOT_YET_SET.search(text):  # "The date of the hearing … has not yet been set." answers when, honestly
            return True
        if asks_future_when(question):  # "when will …?": a date after the words were written (when that is known),
            # in words that look ahead ("by the end of September 2024"), not back ("when I was elected in May 2021")
            return new_dates(text, question, speaker_date or document_date) and bool(_AHEAD.search(text))
        # "When did she say it?": the date of the document she said it in
        return new_dates(text, question) or bool(speaker_date) or bool(document_date and (
            just_happened(text, question, meeting) or _WHEN_SAID.search(question)))
    if kind == "number":
        # "How often …?" is answered by how often, in words or figures ("It meets every quarter", "monthly", "every
        # six weeks"), and by a number only beside its period ("10 times a year")
        # (or a share of the time, "available 71 percent of the time"; not a date, "… held a meeting on 3 April 2025")
        if _HOW_OFTEN.search(question):
            return bool(_FREQUENCY.search(text)) or new_numbers(_DATE_TEXT.sub(" ", text), question)
        # "How much …?" is answered by an amount (money, a share, a time), not by a count ("9 votes to 2").
        if not new_numbers(text, question):
            return False
        if _HOW_MANY.search(question):  # a count of people or things: "how many were sacked?" is not "within 30 days",
            # a year or a date ("came into force on 1 November 2018")
            # … nor how often ("a child who has gone missing more than three times" is not how many children), unless
            # asked how many times
            text = text if _HOW_MANY_TIMES.search(question) else _TIMES.sub(" ", text)
            return new_numbers(_TIME_SPAN.sub(" ", _YEAR_NUMBER.sub(" ", _DATE_TEXT.sub(" ", text))), question)
        if _HOW_OLD.search(question):  # an age, not any number ("how old is she?" is not answered by "£1.2 million")
            return bool(_AGE.search(text))
        if not _HOW_MUCH.search(question):
            return True
        return bool((_MONEY if _ASKS_MONEY.search(own_question(question)) else _AMOUNT).search(text)) \
            and (not _RATE.search(question) or bool(_RATE.search(text)))
    if kind == "grade":
        return bool(_GRADE.search(text))
    if kind == "why":
        # "why?", after "what grade did <force> get for …?", or "why is there a cause of concern?": what the inspection
        # found wanting
        return gives_reason(text) or tells_conduct(question, text) or asks_grounds(question) and gives_shortfall(text)
    if kind == "recommendation":
        return bool(_RECOMMENDS.search(text))
    return True


# "Who is she replacing?": whoever held the post before (documents write "following the retirement of A. Name")
PREDECESSOR = re.compile(r"\bwho (?:is|was|did|will|has) (?:\w+ ){1,3}?(?:replacing|replace|succeeding|succeed)\b", re.I)


def names_someone(text: str, question: str, roles: bool = True, places: frozenset = frozenset(),
                  proper: frozenset | None = None) -> bool:
    """A person's name (or, with ``roles``, a role) in ``text`` that ``question`` does not already name.

    From the corpus: ``places``, the lower-case words of the names of forces, councils and areas ("greater",
    "manchester"); ``proper``, the words it only ever writes with a capital (a scheme called "Safer Streets"
    is not a person: the corpus also writes "safer").
    """
    asked = question.lower()
    # … a name the post the question asks about is held by; unless it asks whom someone is replacing, who held it too
    known = set() if PREDECESSOR.search(own_question(question)) else _named_by_post(question, text)
    for first, last in _name_pairs(text):
        if first not in _NOT_NAMES and last not in _NOT_NAMES and f"{first} {last}".lower() not in asked \
                and not any(f"{first} {last}".lower() in name for name in known) \
                and not {first.lower(), last.lower()} & places \
                and (proper is None or {first.lower(), last.lower()} <= proper):
            return True
    if any(name not in _NOT_NAMES and name.lower() not in asked and name.lower() not in places for name in _TITLED.findall(text)):
        return True
    return roles and any(role.lower() not in asked for role in _ROLES.findall(text))
