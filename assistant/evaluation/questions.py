"""Question sets: JSONL, CSV or YAML. Only `question` is required; unknown fields are kept.

Fields: id, question, history (earlier user turns), answerable (true/false),
expected_status, expected_sources (corpus file names), must_include (facts; each a
string or a list of acceptable alternatives), reference_answer, tags, split (the part of
the set a question belongs to: `calibration` questions tune settings, `test` questions
are held back to report on).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml


class BadQuestionSet(ValueError):
    """A malformed set; the message names the file, the line and the field."""


_LISTS = ("history", "expected_sources", "must_include", "tags")


def _check(item, where: str) -> dict:
    if not isinstance(item, dict):
        raise BadQuestionSet(f"{where}: expected an object with a 'question' field, got {type(item).__name__}")
    if not isinstance(item.get("question"), str) or not item["question"].strip():
        raise BadQuestionSet(f"{where}: field 'question' is missing or empty")
    for name in _LISTS:
        value = item.get(name)
        if value is None or value == "":
            item[name] = []
        elif isinstance(value, str) and name != "must_include":
            item[name] = [v.strip() for v in value.split("|") if v.strip()]
        elif isinstance(value, str):
            item[name] = [[alt.strip() for alt in fact.split(";") if alt.strip()] for fact in value.split("|") if fact.strip()]
        elif not isinstance(value, list):
            raise BadQuestionSet(f"{where}: field '{name}' must be a list")
    for fact in item["must_include"]:
        if not (isinstance(fact, str) or (isinstance(fact, list) and fact and all(isinstance(a, str) for a in fact))):
            raise BadQuestionSet(f"{where}: field 'must_include' items must be strings or lists of strings")
    answerable = item.get("answerable")
    if isinstance(answerable, str):
        if answerable.strip().lower() not in ("true", "false", "yes", "no", "1", "0", ""):
            raise BadQuestionSet(f"{where}: field 'answerable' must be true or false, not {answerable!r}")
        item["answerable"] = answerable.strip().lower() in ("true", "yes", "1") if answerable.strip() else None
    elif answerable is not None and not isinstance(answerable, bool):
        raise BadQuestionSet(f"{where}: field 'answerable' must be true or false")
    return item


def load_question_set(path: Path, split: str | None = None) -> list[dict]:
    """The questions of a set file, validated; ids default to the line or row number.

    With ``split``, only the questions whose ``split`` field equals it.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadQuestionSet(f"{path}: cannot read it ({exc})") from None
    suffix = path.suffix.lower()
    items: list[tuple[str, object]] = []
    if suffix in (".jsonl", ".ndjson"):
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    items.append((f"{path.name} line {number}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise BadQuestionSet(f"{path.name} line {number}: not valid JSON ({exc.msg})") from None
    elif suffix == ".csv":
        for number, row in enumerate(csv.DictReader(text.splitlines()), start=2):
            items.append((f"{path.name} line {number}", {k: v for k, v in row.items() if k}))
    elif suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise BadQuestionSet(f"{path.name}: not valid YAML ({exc})") from None
        data = data.get("questions") if isinstance(data, dict) else data
        if not isinstance(data, list):
            raise BadQuestionSet(f"{path.name}: expected a list of questions (or a 'questions:' list)")
        items = [(f"{path.name} item {i}", item) for i, item in enumerate(data, start=1)]
    else:
        raise BadQuestionSet(f"{path}: unknown format {suffix or '(none)'}; use .jsonl, .csv or .yaml")
    questions = []
    for index, (where, item) in enumerate(items, start=1):
        item = _check(item, where)
        item.setdefault("id", str(index))
        questions.append(item)
    if not questions:
        raise BadQuestionSet(f"{path.name}: the set has no questions")
    if split:
        questions = [q for q in questions if q.get("split") == split]
        if not questions:
            raise BadQuestionSet(f"{path.name}: no question has split {split!r}")
    return questions
