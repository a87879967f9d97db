"""Scores for one answer against its question, and metrics over a run.

Each metric is computed only over the questions that provide what it needs; a metric
with no such question is absent (not zero).
"""

from __future__ import annotations

import re
import statistics

from ..documents import human_date


def _norm(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[*_]", "", text).split())


def fact_found(fact, text: str) -> bool:
    alternatives = [fact] if isinstance(fact, str) else fact
    return any(_norm(a) in _norm(text) for a in alternatives)


def score_answer(question: dict, result: dict) -> dict:
    """Per-question scores for a JSON answer (as `assistant ask --json` gives it)."""
    answered = result["status"] == "answered"
    answerable = question.get("answerable")
    expected_status = question.get("expected_status") or (None if answerable is None else "answered" if answerable else None)
    scores: dict = {"answered": answered}
    if expected_status:
        scores["status_ok"] = result["status"] == expected_status
    facts = question.get("must_include") or []
    if facts:
        # A citation supports a fact through its passage or its attribution (who said it, when).
        cited = " ".join(f"{c['text']} {c['speaker']} {human_date(c['speaker_date'])} {human_date(c['date'])}"
                         for c in result.get("citations", []))
        scores["fact_recall"] = sum(fact_found(f, result["answer"]) for f in facts) / len(facts)
        scores["citation_support"] = sum(fact_found(f, cited) and fact_found(f, result["answer"]) for f in facts) / len(facts)
    expected = set(question.get("expected_sources") or [])
    if expected:
        ranked = list(dict.fromkeys(r["source"] for r in result.get("retrieved", [])))
        rank = next((i for i, source in enumerate(ranked, start=1) if source in expected), None)
        scores["rank"] = rank
    if answerable is True:
        scores["correct"] = answered and scores.get("citation_support", 1.0) == 1.0 and scores.get("fact_recall", 1.0) == 1.0
    elif answerable is False:
        scores["correct"] = not answered and scores.get("status_ok", True)
    return scores


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * (len(ordered) - 1)))))]


def summarise(questions: list[dict], results: list[dict], scores: list[dict]) -> dict:
    """Metrics over a run; the primary one is `answerable_correct`."""
    metrics: dict = {"questions": len(questions)}

    def mean(values):
        values = list(values)
        return round(sum(values) / len(values), 4) if values else None

    answerable = [s for q, s in zip(questions, scores) if q.get("answerable") is True]
    unanswerable = [s for q, s in zip(questions, scores) if q.get("answerable") is False]
    follow_ups = [s for q, s in zip(questions, scores) if q.get("history") and q.get("answerable") is True]
    ranks = [s["rank"] for s in scores if "rank" in s]
    candidates = {
        "answerable_correct": mean(s["correct"] for s in answerable),
        "answered_rate": mean(s["answered"] for s in answerable),
        "decline_rate": mean(not s["answered"] for s in unanswerable),
        "unanswerable_status_accuracy": mean(s.get("status_ok", True) for s in unanswerable),
        "follow_up_accuracy": mean(s["correct"] for s in follow_ups),
        "fact_recall": mean(s["fact_recall"] for s in scores if "fact_recall" in s),
        "citation_support": mean(s["citation_support"] for s in scores if "citation_support" in s),
        "hit@1": mean(r is not None and r <= 1 for r in ranks),
        "hit@3": mean(r is not None and r <= 3 for r in ranks),
        "hit@5": mean(r is not None and r <= 5 for r in ranks),
        "mrr": mean(1 / r if r else 0.0 for r in ranks),
    }
    metrics.update({name: value for name, value in candidates.items() if value is not None})
    # "37 of 41": how many questions each headline rate is out of, for reports in plain words
    counted = {"answerable_correct": [s["correct"] for s in answerable], "answered_rate": [s["answered"] for s in answerable],
               "decline_rate": [not s["answered"] for s in unanswerable],
               "follow_up_accuracy": [s["correct"] for s in follow_ups]}
    counts = {name: [sum(values), len(values)] for name, values in counted.items() if values}
    if counts:
        metrics["counts"] = counts
    latencies = [r["latency_ms"] for r in results if r.get("latency_ms") is not None]
    if latencies:
        metrics["latency_p50_ms"] = round(statistics.median(latencies), 1)
        metrics["latency_p95_ms"] = round(percentile(latencies, 0.95), 1)
    metrics["statuses"] = {status: sum(r["status"] == status for r in results) for status in sorted({r["status"] for r in results})}
    return metrics


def tag_accuracy(questions: list[dict], scores: list[dict]) -> dict:
    """Share of correct answers for each tag (over questions that can be judged)."""
    by_tag: dict[str, list[bool]] = {}
    for question, score in zip(questions, scores):
        if "correct" in score:
            for tag in question.get("tags") or []:
                by_tag.setdefault(str(tag), []).append(bool(score["correct"]))
    return {tag: round(sum(v) / len(v), 4) for tag, v in sorted(by_tag.items())}
