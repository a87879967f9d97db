"""Fit the evidence and answerability models (pipeline/calibration.py) on question sets.

Only the questions given are used: pass the *calibration* part of each set and report on
the held-back *test* part with `assistant eval --split test`. Questions that provide
``must_include`` facts teach the evidence model which sentences state them; answerable and
unanswerable questions teach the answerability model when the chosen evidence answers.
"""

from __future__ import annotations

import sys

from ..pipeline.calibration import Calibration, fit
from ..pipeline.compose import ExtractiveComposer
from ..pipeline.sufficiency import Sufficiency
from .metrics import fact_found
from .run import conversation

EVIDENCE_FEATURES = ["similarity", "similarity_max", "overlap", "coverage", "passage_score", "passage_rank", "type_asked",
                     "type_found", "field_answer", "speaker", "names", "novelty", "earlier_quote", "list_item", "length", "similarity_gap", "overlap_gap", "own_coverage"]
# Chosen on the calibration parts alone (answerable right + declined, summed over both sets): the evidence
# model's probability for the best sentence already weighs similarity, key-word coverage, the kind of fact,
# names and speaker; more features here (similarity, coverage, retrieval scores) did no better on those parts.
ANSWER_FEATURES = ["best_probability"]


def _step(engine, kind):
    return next(step for step in engine.pipeline.steps if isinstance(step, kind))


def _contexts(engine, questions: list[dict]):
    for question in questions:
        if question.get("expected_status") not in (None, "answered", "unanswerable") or question.get("answerable") is None:
            continue  # routing, signposting and refusals are not the models' business
        yield question, engine.pipeline.run_context(question["question"], conversation(engine, question.get("history")))


def calibrate(parts: list[tuple[object, list[dict]]], fitted_on: dict, progress: bool = True) -> Calibration:
    """``parts``: (engine over a corpus, that corpus's calibration questions). The engines' models are replaced."""
    def say(text: str) -> None:
        if progress:
            print(text, file=sys.stderr)

    rows, labels = [], []
    for engine, questions in parts:
        for question, context in _contexts(engine, questions):
            facts = question.get("must_include") or []
            if question.get("answerable") and facts:
                for unit in context.candidates:
                    rows.append(unit.features)
                    labels.append(any(fact_found(f, unit.text) for f in facts))
    say(f"Evidence model: {len(rows)} sentences, {sum(labels)} of them state a fact asked for.")
    evidence = fit(rows, labels, EVIDENCE_FEATURES)
    for engine, _ in parts:
        _step(engine, ExtractiveComposer).model = evidence

    rows, labels, gated = [], [], []
    for engine, questions in parts:
        for question, context in _contexts(engine, questions):
            if not context.answer_features or context.prior:
                continue
            facts = question.get("must_include") or []
            right = all(fact_found(f, context.answer) for f in facts)
            if question["answerable"] and not right:
                continue  # the wrong sentence was chosen: answering or declining, it is not right either way
            rows.append(context.answer_features)
            labels.append(bool(question["answerable"]))
            gated.append(not Sufficiency.checks_pass(context))
    say(f"Answerability model: {len(rows)} answers: {sum(labels)} to answerable questions with the right sentence, "
        f"{len(labels) - sum(labels)} to unanswerable ones.")
    answer = fit(rows, labels, ANSWER_FEATURES)
    probabilities = [answer.probability(r) for r in rows]
    threshold = best_threshold(probabilities, labels, gated)
    for engine, _ in parts:
        step = _step(engine, Sufficiency)
        step.model, step.threshold = answer, threshold
    return Calibration(evidence, answer, threshold, fitted_on)


def best_threshold(probabilities: list[float], labels: list[bool], gated: list[bool]) -> float:
    """The threshold that best separates right answers from the rest (balanced accuracy), mid-way between neighbours."""
    positives = max(1, sum(labels))
    negatives = max(1, len(labels) - sum(labels))
    cuts = sorted(set(probabilities))
    candidates = [(a + b) / 2 for a, b in zip(cuts, cuts[1:])] or [0.5]

    def balanced(t: float) -> float:
        answered = [p >= t and not g for p, g in zip(probabilities, gated)]
        right = sum(a for a, label in zip(answered, labels) if label) / positives
        declined = sum(not a for a, label in zip(answered, labels) if not label) / negatives
        return right + declined

    best = max(balanced(t) for t in candidates)
    good = [t for t in candidates if balanced(t) == best]
    return good[len(good) // 2]
