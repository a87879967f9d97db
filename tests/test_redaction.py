"""Personal data is masked in every format the public notice claims, and ordinary numbers are not.

The table is ``tests/sets/personal_data.yaml`` (also read by ``benchmarks/attack.py``).
"""

from pathlib import Path

import pytest
import yaml

from assistant.redaction import mask_personal_data, strip_invisible

TABLE = yaml.load((Path(__file__).parent / "sets" / "personal_data.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every value a string, as typed
MASKED = [(kind, value) for kind, values in TABLE["mask"].items() for value in values]
PLACEHOLDER = {"email": "[email removed]", "phone": "[phone number removed]", "ni": "[NI number removed]",
               "card": "[card number removed]", "postcode": "[postcode removed]"}


def test_the_table_is_big_enough_to_mean_something():
    assert len(MASKED) >= 100 and len(TABLE["keep"]) >= 50


@pytest.mark.parametrize("kind,value", MASKED, ids=[f"{k}:{v}" for k, v in MASKED])
def test_every_claimed_format_is_masked_whole(kind, value):
    text, _ = mask_personal_data(strip_invisible(f"Please reply to {value} about the inspection."))
    assert PLACEHOLDER[kind] in text, text
    assert not any(ch.isdigit() for ch in text), text  # no part of the number is left behind
    assert "@" not in text and "example" not in text.lower(), text


@pytest.mark.parametrize("text", TABLE["keep"])
def test_ordinary_numbers_and_words_are_left_alone(text):
    assert mask_personal_data(text) == (text, [])
