"""One evaluation run: every question through the same engine the web chat uses, into its own folder.

A run folder holds ``results.jsonl`` (the JSON answer as `assistant ask --json` gives it,
the set's ``id``, and that question's ``scores``), ``metrics.json``, ``report.md``,
``report.html`` and ``settings.json`` (what it ran with).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

from .metrics import score_answer, summarise, tag_accuracy
from .report import compare, render_html, render_markdown

# metric name → the setting holding its lowest acceptable value
THRESHOLDS = {
    "answerable_correct": "eval_min_answerable_correct",
    "decline_rate": "eval_min_decline_rate",
    "follow_up_accuracy": "eval_min_follow_up_accuracy",
}


def conversation(engine, history: list) -> list:
    """The earlier turns as the web page would send them: each earlier question answered in
    turn, so a follow-up is judged against the previous answer's citations, not just its words."""
    turns: list = []
    for item in history or []:
        if isinstance(item, str):
            earlier = engine.answer(item, turns)
            item = {"question": item, "citations": [c.__dict__ for c in earlier.citations]}
        turns.append(item)
    return turns


def run_questions(engine, questions: list[dict], progress: bool = True, on_answer=None) -> tuple[list[dict], list[dict]]:
    """Answer every question; ``on_answer(done, total)`` is called after each (for progress pages)."""
    from tqdm import tqdm

    results, scores = [], []
    for question in tqdm(questions, desc="Evaluating", unit="question", file=sys.stderr, disable=not progress):
        history = conversation(engine, question.get("history"))
        answer = engine.answer(question["question"], history, id=question.get("id")).to_dict()
        score = score_answer(question, answer)
        results.append(dict(answer, scores=score))
        scores.append(score)
        if on_answer:
            on_answer(len(results), len(questions))
    return results, scores


def failed_thresholds(metrics: dict, settings) -> list[str]:
    failures = []
    for metric, setting in THRESHOLDS.items():
        floor = getattr(settings, setting)
        if floor is not None and metric in metrics and metrics[metric] < floor:
            failures.append(f"{metric} {metrics[metric]:.3f} is below the threshold {floor} (ASSISTANT_{setting.upper()})")
    return failures


def evaluate(engine, questions: list[dict], set_name: str, out_dir: Path, baseline: Path | None = None,
             progress: bool = True, on_answer=None) -> tuple[Path, dict, list[str]]:
    """Run and write a run folder under ``out_dir``; returns it, the metrics and any threshold failures."""
    started = datetime.now(timezone.utc)
    results, scores = run_questions(engine, questions, progress, on_answer)
    metrics = summarise(questions, results, scores)
    metrics["accuracy_by_tag"] = tag_accuracy(questions, scores)
    run_dir = out_dir / f"{started:%Y%m%d-%H%M%S}-{Path(set_name).stem}"
    suffix = 1
    while run_dir.exists():
        suffix += 1
        run_dir = out_dir / f"{started:%Y%m%d-%H%M%S}-{Path(set_name).stem}-{suffix}"
    run_dir.mkdir(parents=True)
    with (run_dir / "results.jsonl").open("w", encoding="utf-8") as handle:
        for result in results:
            handle.write(json.dumps(result, ensure_ascii=False) + "\n")
    (run_dir / "metrics.json").write_text(json.dumps(metrics, indent=1))
    settings = json.loads(engine.settings.model_dump_json())
    settings.update(question_set=str(set_name), index_version=engine.retriever.index.version,
                    started=started.isoformat(timespec="seconds"))
    (run_dir / "settings.json").write_text(json.dumps(settings, indent=1))
    comparison = compare(run_dir, baseline) if baseline else None
    failures = failed_thresholds(metrics, engine.settings)
    (run_dir / "report.md").write_text(render_markdown(questions, results, metrics, settings, comparison, failures))
    (run_dir / "report.html").write_text(render_html(questions, results, metrics, settings, comparison, failures))
    return run_dir, metrics, failures
