"""Cleaning user text: invisible characters out, personal data masked.

>>> mask_personal_data("Email me at jo@example.org or call 07700 900123")
('Email me at [email removed] or call [phone number removed]', ['an email address', 'a phone number'])
"""

from __future__ import annotations

import re
import unicodedata

# Any two letters: masking a number that HMRC would never issue costs nothing.
_SEP = r"[\s.-]?"
_NI = rf"\b[A-Z]{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}[A-D]\b"
_POSTCODE = r"\b(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})\b"
# A UK number written nationally (07700 900123, (020) 7946 0018) or internationally (+44, 0044, with or
# without "(0)"); whether it has the right number of digits is checked on the match.
_PHONE = r"(?<![\w+])(?:\(?(?:\+|00)\s?44\)?[\s-]?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s.-]?\d){5,8}\b"
# A card number starts 2-6 (Mastercard, Amex, Diners, Visa, Discover, Maestro ...) and has 13-19 digits.
_CARD = r"\b[2-6]\d(?:[ .-]?\d){11,17}\b"
_PATTERNS = [
    # Anchored on the "@" and bounded on each side, so the work is linear in the text (an unbounded
    # `[\w.+-]+@` tries every starting point again: quadratic on "a-a-a-…").
    ("an email address", "[email removed]", re.compile(r"[\w.+'’-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")),
    ("a payment card number", "[card number removed]", re.compile(_CARD)),
    ("a National Insurance number", "[NI number removed]", re.compile(_NI, re.I)),
    ("a phone number", "[phone number removed]", re.compile(_PHONE)),
    ("a postcode", "[postcode removed]", re.compile(_POSTCODE, re.I)),
]
_YEAR = re.compile(r"(19|20)\d\d")


def _is_card(text: str) -> bool:
    """Passes the Luhn check and is not a run of years ("2015 2016 2017 2018")."""
    groups = re.split(r"[ .-]", text)
    return _luhn(re.sub(r"\D", "", text)) and not (len(groups) > 1 and all(_YEAR.fullmatch(g) for g in groups))


def _is_phone(text: str) -> bool:
    """Nine or ten digits once the country code and the leading 0 are taken off."""
    digits = re.sub(r"\D", "", text)
    if text.lstrip("(").startswith(("+", "00")):
        digits = digits[4:] if digits.startswith("0044") else digits[2:]
    return 9 <= len(digits.removeprefix("0")) <= 10


_CHECKS = {"a payment card number": _is_card, "a phone number": _is_phone}


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
            check = _CHECKS.get(kind)
            if check and not check(match.group()):
                return match.group()
            if kind not in found:
                found.append(kind)
            return placeholder
        text = pattern.sub(replace, text)
    return text, found
