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
    answers new questions best. The chosen strength is then fitted on all the questions.

    What the evidence model reads of each candidate sentence does not depend on the model, so each fold's
    sentences are read once (with the models installed at the start answering a follow-up's earlier questions)
    and every fit reuses them; only answering is run again, once per fold and strength to learn how sure each
    fold's evidence model is of questions it did not see, and once to score it."""
    def say(text: str) -> None:
        if progress:
            print(text, file=sys.stderr)

    start = load_calibration(parts[0][0].settings.calibration_file)
    _install(parts, start)
    folds = _folds(parts)
    say(f"Reading the candidate sentences of {sum(len(questions) for _, questions in folds)} questions …")
    sentences = [_sentences(engine, questions, k) for k, (engine, questions) in enumerate(folds)]
    scores, answers_by_strength = {}, {}
    for strength in strengths:
        evidence = [_fit_evidence([s for j, s in enumerate(sentences) if j != k], strength) for k in range(len(folds))]
        answers = [_answer_rows(fold, model) if model else ([], [], []) for fold, model in zip(folds, evidence)]
        results = []
        for k, held in enumerate(folds):
            others = [rows for j, rows in enumerate(answers) if j != k]
            answer = _fit_answer(*_joined(others), strength)
            if evidence[k] and answer:
                _install([held], Calibration(evidence[k], *answer, {}))
                results.append(_answered_right([held]))
        _install(parts, start)
        answers_by_strength[strength] = answers
        if results:
            scores[strength] = sum(results) / len(results)
            say(f"Regularisation {strength}: {scores[strength]:.3f} on questions left out of the fit (of 2)")
    strength = max(scores, key=scores.get) if scores else 1.0
    evidence = _fit_evidence(sentences, strength)
    if evidence is None:
        raise ValueError("Calibration needs answerable questions with must_include facts whose sentences are found, and others.")
    say(f"Evidence model: {sum(len(s[0]) for s in sentences)} sentences, {sum(sum(s[1]) for s in sentences)} of them state a fact asked for.")
    # The answerability model learns from answers made with evidence models that did not see those questions (each
    # fold's from the others), so that it learns how sure the evidence model is about questions it never saw, as on a
    # new corpus: fitted on its own questions' answers, it is surer of them than it will be of anyone else's, and the
    # threshold declines too much.
    rows, labels, gated = _joined(answers_by_strength.get(strength, []))
    if len(set(labels)) < 2:  # a small set: the folds' evidence models found no right sentence (or no wrong answer)
        rows, labels, gated = _joined(_answer_rows(part, evidence) for part in parts)
        say("Answerability model: too few answers from the folds; fitted on the full evidence model's answers.")
    say(f"Answerability model: {len(rows)} answers: {sum(labels)} to answerable questions with the right sentence, "
        f"{len(labels) - sum(labels)} to unanswerable ones.")
    answer = _fit_answer(rows, labels, gated, strength)
    if answer is None:
        raise ValueError("Calibration needs both answerable questions answered with the right sentence and unanswerable ones.")
    calibration = Calibration(evidence, *answer, dict(fitted_on, l2=strength,
                                                      left_out={str(k): round(v, 4) for k, v in scores.items()}))
    _install(parts, calibration)
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


def _sentences(engine, questions: list[dict], fold: int):
    """The evidence model's rows: each candidate sentence of an answerable question with must_include facts,
    labelled by whether it states one, and grouped by the question it was a candidate for."""
    rows, labels, groups = [], [], []
    for asked, (question, context) in enumerate(_contexts(engine, questions)):
        facts = question.get("must_include") or []
        if question.get("answerable") and facts:
            for unit in context.candidates:
                rows.append(unit.features)
                labels.append(any(fact_found(f, unit.text) for f in facts))
                groups.append((fold, asked))
    return rows, labels, groups


def _joined(triples) -> tuple[list, list, list]:
    """Several folds' (rows, labels, groups or gated) as one: their rows, in turn, and the same for the rest."""
    joined: tuple[list, list, list] = ([], [], [])
    for triple in triples:
        for whole, part in zip(joined, triple):
            whole.extend(part)
    return joined


def _fit_evidence(sentences, strength: float):
    """The evidence model fitted on some folds' sentences; None when they hold too few to fit on."""
    rows, labels, groups = _joined(sentences)
    number = {group: k for k, group in enumerate(dict.fromkeys(groups))}
    try:
        return fit(rows, labels, EVIDENCE_FEATURES, l2=strength, groups=[number[g] for g in groups], listwise=LISTWISE)
    except ValueError:
        return None


def _answer_rows(part, evidence):
    """The answerability model's rows from one part answered with ``evidence``: answers to answerable questions
    that quoted the right sentence, and answers to unanswerable ones."""
    engine, questions = part
    _step(engine, ExtractiveComposer).model = evidence
    rows, labels, gated = [], [], []
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


def _fit_answer(rows, labels, gated, strength: float):
    """The answerability model and its threshold; None when the answers hold only one outcome."""
    try:
        answer = fit(rows, labels, ANSWER_FEATURES, l2=strength)
    except ValueError:
        return None
    return answer, best_threshold([answer.probability(r) for r in rows], labels, gated)


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
