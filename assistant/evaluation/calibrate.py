"""Fit the evidence and answerability models (pipeline/calibration.py) on question sets.

Only the questions given are used: pass the *calibration* part of each set and report on
the held-back *test* part with `assistant eval --split test`. Questions that provide
``must_include`` facts teach the evidence model which sentences state them; answerable and
unanswerable questions teach the answerability model when the chosen evidence answers.
"""

from __future__ import annotations

import sys

from ..pipeline.calibration import Calibration, fit, load_calibration
from ..pipeline.compose import ExtractiveComposer
from ..pipeline.sufficiency import Sufficiency
from .metrics import fact_found
from .run import conversation, run_questions

EVIDENCE_FEATURES = ["similarity", "similarity_max", "overlap", "coverage", "context_coverage", "passage_score",
                     "passage_rank", "type_asked", "type_found", "field_answer", "speaker", "names", "novelty", "earlier_quote",
                     "list_item", "length", "similarity_gap", "overlap_gap", "own_coverage", "tone"]
# Chosen on the calibration parts alone, each set left out in turn: the evidence model's probability for the
# best sentence already weighs similarity, key-word coverage, the kind of fact, names and speaker; adding the
# best sentence's coverage (alone or read with its title and date), similarity, passage score or cosine, or the
# weight of the rarest key word it lacks, did no better on the sets left out (1.70-1.74 of 2 either way).
ANSWER_FEATURES = ["best_probability"]
STRENGTHS = (0.1, 0.3, 1.0, 3.0, 10.0)  # L2 regularisation strengths tried; small sets over-fit without it
FOLDS = 3  # one set is cross-validated a third at a time
LISTWISE = 1.0  # how much the evidence fit weighs putting a right sentence first among its question's sentences


def _step(engine, kind):
    return next(step for step in engine.pipeline.steps if isinstance(step, kind))


def _contexts(engine, questions: list[dict]):
    for question in questions:
        if question.get("expected_status") not in (None, "answered", "unanswerable") or question.get("answerable") is None:
            continue  # routing, signposting and refusals are not the models' business
        yield question, engine.pipeline.run_context(question["question"], conversation(engine, question.get("history")))


def calibrate(parts: list[tuple[object, list[dict]]], fitted_on: dict, progress: bool = True,
              strengths: tuple[float, ...] = STRENGTHS) -> Calibration:
    """``parts``: (engine over a corpus, that corpus's calibration questions). The engines' models are replaced.

    The regularisation strength is chosen by cross-validation, by the measure reported (answerable answered
    right, plus unanswerable declined): with several sets, each is left out in turn, fitted on the others and
    scored on it, as a corpus nobody tuned on would be; with one set, its questions in turn, a third at a time.
    Scoring a fit on the questions it was fitted on would favour the fit that learnt them best, not the one that
    answers new questions best. The chosen strength is then fitted on all the questions."""
    def say(text: str) -> None:
        if progress:
            print(text, file=sys.stderr)

    start = load_calibration(parts[0][0].settings.calibration_file)  # answers the follow-ups' earlier questions
    folds = _folds(parts)
    scores = {}
    for strength in strengths:
        results = []
        for k, held in enumerate(folds):
            _install(parts, start)
            try:
                fitted = _fit([fold for j, fold in enumerate(folds) if j != k], {}, strength, lambda text: None)
            except ValueError:  # too few questions left to fit on: this fold says nothing
                continue
            _install(parts, fitted)
            results.append(_answered_right([held]))
        if results:
            scores[strength] = sum(results) / len(results)
            say(f"Regularisation {strength}: {scores[strength]:.3f} on questions left out of the fit (of 2)")
    strength = max(scores, key=scores.get) if scores else 1.0
    _install(parts, start)
    calibration = _fit(parts, dict(fitted_on, left_out={str(k): round(v, 4) for k, v in scores.items()}), strength, say)
    say(f"Fitted on all the questions with regularisation {strength}.")
    return calibration


def _install(parts, calibration: Calibration) -> None:
    for engine, _ in parts:
        _step(engine, ExtractiveComposer).model = calibration.evidence
        step = _step(engine, Sufficiency)
        step.model, step.threshold = calibration.answer, calibration.threshold


def _answered_right(parts) -> float:
    """Per part: the share of answerable questions answered right plus the share of unanswerable ones declined."""
    total = 0.0
    for engine, questions in parts:
        _, scores = run_questions(engine, questions, progress=False)
        for wanted in (True, False):
            flags = [s["correct"] for q, s in zip(questions, scores) if q.get("answerable") is wanted and "correct" in s]
            total += sum(flags) / len(flags) if flags else 0.0
    return total


def _folds(parts):
    """Each set a fold; one set, a third of its questions at a time."""
    return parts if len(parts) > 1 else [(parts[0][0], parts[0][1][k::FOLDS]) for k in range(FOLDS)]


def _fit_evidence(parts, strength: float):
    rows, labels, groups = [], [], []  # groups: which question each sentence was a candidate for
    contexts = ((question, context) for engine, questions in parts for question, context in _contexts(engine, questions))
    for asked, (question, context) in enumerate(contexts):
        facts = question.get("must_include") or []
        if question.get("answerable") and facts:
            for unit in context.candidates:
                rows.append(unit.features)
                labels.append(any(fact_found(f, unit.text) for f in facts))
                groups.append(asked)
    return fit(rows, labels, EVIDENCE_FEATURES, l2=strength, groups=groups, listwise=LISTWISE), rows, labels


def _answer_rows(parts):
    """The answerability model's rows from the engines as installed: answers to answerable questions that quoted
    the right sentence, and answers to unanswerable ones."""
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
    return rows, labels, gated


def _fit(parts, fitted_on: dict, strength: float, say) -> Calibration:
    """The evidence model is fitted on all of ``parts``. The answerability model and its threshold are fitted on
    answers made with evidence models that did not see those questions (each fold's from the others), so that
    they learn how sure the evidence model is about questions it never saw, as on a new corpus: fitted on its
    own questions' answers, it is surer of them than it will be of anyone else's, and the threshold declines
    too much."""
    evidence, rows, labels = _fit_evidence(parts, strength)
    say(f"Evidence model: {len(rows)} sentences, {sum(labels)} of them state a fact asked for.")
    rows, labels, gated = [], [], []
    folds = _folds(parts)
    for k, held in enumerate(folds):
        try:
            others, _, _ = _fit_evidence([fold for j, fold in enumerate(folds) if j != k], strength)
        except ValueError:  # too few questions in the other folds: the full fit stands in
            others = evidence
        _step(held[0], ExtractiveComposer).model = others
        for collected, more in zip((rows, labels, gated), _answer_rows([held])):
            collected.extend(more)
    for engine, _ in parts:
        _step(engine, ExtractiveComposer).model = evidence
    if len(set(labels)) < 2:  # a small set: the folds' evidence models found no right sentence (or no wrong answer)
        rows, labels, gated = _answer_rows(parts)
        say("Answerability model: too few answers from the folds; fitted on the full evidence model's answers.")
    say(f"Answerability model: {len(rows)} answers: {sum(labels)} to answerable questions with the right sentence, "
        f"{len(labels) - sum(labels)} to unanswerable ones.")
    answer = fit(rows, labels, ANSWER_FEATURES, l2=strength)
    probabilities = [answer.probability(r) for r in rows]
    calibration = Calibration(evidence, answer, best_threshold(probabilities, labels, gated), dict(fitted_on, l2=strength))
    _install(parts, calibration)
    return calibration


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
