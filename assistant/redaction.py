"""Cleaning user text: invisible characters out, personal data masked.

>>> mask_personal_data("Email me at jo@example.org or call 07700 900123")
('Email me at [email removed] or call [phone number removed]', ['an email address', 'a phone number'])
"""

from __future__ import annotations

import re
import unicodedata

# Any two letters: masking a number that HMRC would never issue costs nothing.
_NI = r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"
_POSTCODE = r"\b(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})\b"
_PATTERNS = [
    # Anchored on the "@" and bounded on each side, so the work is linear in the text (an unbounded
    # `[\w.+-]+@` tries every starting point again: quadratic on "a-a-a-…").
    ("an email address", "[email removed]", re.compile(r"[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")),
    ("a payment card number", "[card number removed]", re.compile(r"\b\d(?:[ -]?\d){12,18}\b")),
    ("a National Insurance number", "[NI number removed]", re.compile(_NI, re.I)),
    ("a phone number", "[phone number removed]", re.compile(r"(?<![\w+])(\+44\s?\(?0?\)?\s?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}\b")),
    ("a postcode", "[postcode removed]", re.compile(_POSTCODE, re.I)),
]


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def strip_invisible(text: str) -> str:
    """NFKC-normalise and drop control, format (zero-width, bidi, tag) and private-use characters."""
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in "\n\t\r":
            kept.append(" ")
        elif category in ("Cc", "Cf", "Co", "Cs", "Cn"):
            continue
        else:
            kept.append(ch)
    return re.sub(r"\s+", " ", "".join(kept)).strip()


def mask_personal_data(text: str) -> tuple[str, list[str]]:
    """``text`` with personal data replaced by placeholders, and the kinds found."""
    found: list[str] = []
    for kind, placeholder, pattern in _PATTERNS:
        def replace(match: re.Match) -> str:
            if kind == "a payment card number" and not _luhn(re.sub(r"\D", "", match.group())):
                return match.group()
            if kind not in found:
                found.append(kind)
            return placeholder
        text = pattern.sub(replace, text)
    return text, found
