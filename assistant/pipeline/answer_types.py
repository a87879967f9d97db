"""What kind of fact a question asks for, and whether a text holds one.

A "who" question needs a name or a role the question does not already contain; a
question about when something *will* happen needs a date in the evidence itself (the
date a document was written does not answer it).
"""

from __future__ import annotations

import re

from ..documents import find_date

# Capitalised words that make up titles and bodies, not people's names.
_NOT_NAMES = {
    "Chief", "Constable", "Police", "Commissioner", "Office", "Panel", "Fire", "Crime", "Her", "His", "Majesty",
    "Majesty’s", "Inspector", "Inspectorate", "Constabulary", "Services", "Rescue", "Public", "Question", "Board",
    "Strategic", "Governance", "Performance", "Meetings", "Home", "Affairs", "Inquiry", "Child", "Protection",
    "Improvement", "Programme", "Plan", "Interim", "Joint", "Executive", "Response", "Member", "Date", "Author",
    "Position", "Contact", "Officer", "Special", "Measures", "The", "In", "It", "Staffordshire", "Stoke", "Trent",
    "Childrens", "Children’s", "Ofsted", "HMIC", "HMICFRS", "PFCC", "Force", "Policing", "Government",
}
_NAME = re.compile(r"\b([A-Z][a-z’']+) ([A-Z][a-z’']+)\b")
_ROLES = re.compile(r"\b(member of the public|inspector|inspectorate|commissioner|chief constable|panel|chief executive|"
                    r"journalist|author)\b", re.I)
_NUMBER = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|monthly|weekly|"
                     r"annual|annually|quarterly|times a year)\b", re.I)


# Official sheets name their fields (Author, Position, Date); questions use other words.
_FIELDS = [
    (re.compile(r"\b(wrote|written|signed|author)\b", re.I), "Author"),
    (re.compile(r"\b(job|title|position|role)\b", re.I), "Position"),
    (re.compile(r"^\W*((and|so|but|then)\s+)?when\b|\bwhat date\b|\bdated\b", re.I), "Date"),
]


def asked_fields(question: str) -> list[str]:
    """The sheet fields that would answer ``question`` ("who wrote it?" → Author)."""
    return [field for pattern, field in _FIELDS if pattern.search(question)]


def answers_field(question: str, text: str) -> bool:
    """``text`` has a filled-in field that the question asks for ("Author: Ralph Butler")."""
    return any(re.search(rf"(^|\n)\s*[\w ]*{field}:\s*\S", text) for field in asked_fields(question))


def asks_who(question: str) -> bool:
    # "Who wrote …?", "and who said it?" — not "officers who manage …"
    return bool(re.search(r"^\W*((and|so|but|then)\s+)?(who|whose)\b|\bby whom\b|\bwhich (person|officer|inspector)\b", question, re.I))


def asks_identity(question: str) -> bool:
    """"Who is/was …?": only a name answers it, not a role."""
    return bool(re.search(r"^\W*((and|so|but|then)\s+)?who (is|was|are|were)\b", question, re.I))


def asks_when(question: str) -> bool:
    return bool(re.search(r"\bwhen\b|\bwhat date\b|\bwhich date\b|\bwhat day\b", question, re.I))


def asks_future_when(question: str) -> bool:
    return asks_when(question) and bool(re.search(r"\b(will|next|going to|planned|due)\b", question, re.I))


def asks_number(question: str) -> bool:
    return bool(re.search(r"\bhow (many|much|often)\b|\bnumber of\b", question, re.I))


def names_someone(text: str, question: str, roles: bool = True) -> bool:
    """A person's name (or, with ``roles``, a role) in ``text`` that ``question`` does not already name."""
    asked = question.lower()
    for first, last in _NAME.findall(text):
        if first not in _NOT_NAMES and last not in _NOT_NAMES and f"{first} {last}".lower() not in asked:
            return True
    return roles and any(role.lower() not in asked for role in _ROLES.findall(text))


def has_date(text: str) -> bool:
    return bool(find_date(text))


def has_number(text: str) -> bool:
    return bool(_NUMBER.search(text))
