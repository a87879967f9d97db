"""Evaluation reports: Markdown and a self-contained HTML page with inline SVG charts."""

from __future__ import annotations

import html
import json
from pathlib import Path

HEADLINE = ["answerable_correct", "answered_rate", "decline_rate", "unanswerable_status_accuracy", "follow_up_accuracy",
            "fact_recall", "citation_support", "hit@1", "hit@3", "hit@5", "mrr", "latency_p50_ms", "latency_p95_ms"]
LOWER_IS_BETTER = {"latency_p50_ms", "latency_p95_ms"}
# Each metric in plain words, for people who do not read metric names: what it counts.
PLAIN = {
    "answerable_correct": "Answered correctly with a supporting source (every expected fact in the answer and in a cited passage)",
    "answered_rate": "Questions the documents answer that got an answer at all",
    "decline_rate": "Questions the documents do not answer that were rightly declined",
    "unanswerable_status_accuracy": "Declined questions that got the right kind of reply (not found, out of scope, …)",
    "follow_up_accuracy": "Follow-up questions answered correctly in their conversation",
    "fact_recall": "Expected facts that appear in the answers",
    "citation_support": "Expected facts that appear in both the answer and a cited passage",
    "hit@1": "Questions whose expected document was the first passage found",
    "hit@3": "Questions whose expected document was among the first 3 passages found",
    "hit@5": "Questions whose expected document was among the first 5 passages found",
    "mrr": "How high the expected document ranked on average (1 = always first)",
    "latency_p50_ms": "Time to answer, typical question (milliseconds)",
    "latency_p95_ms": "Time to answer, slowest 1 in 20 questions (milliseconds)",
}


def in_words(name: str, metrics: dict) -> str:
    """A metric's value as people say it: "37 of 41 (90%)", "90%", or "212 ms"."""
    value = metrics.get(name)
    if value is None:
        return "–"
    if name in LOWER_IS_BETTER:
        return f"{value:,.0f} ms"
    count = (metrics.get("counts") or {}).get(name)
    if name == "mrr":
        return f"{value:.2f}"
    percent = f"{value:.0%}"
    return f"{count[0]} of {count[1]} ({percent})" if count else percent


def _read_results(run_dir: Path) -> list[dict]:
    with (run_dir / "results.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def compare(run_dir: Path, baseline_dir: Path) -> dict:
    """Each metric beside the baseline's, and the questions that got worse."""
    for needed in ("metrics.json", "results.jsonl"):
        if not (baseline_dir / needed).exists():
            raise FileNotFoundError(f"--baseline {baseline_dir} is not a run folder (no {needed}); pass a folder `assistant eval` wrote")
    now = json.loads((run_dir / "metrics.json").read_text())
    before = json.loads((baseline_dir / "metrics.json").read_text())
    metrics = {name: (before.get(name), now.get(name)) for name in HEADLINE if name in now or name in before}
    old = {str(r.get("id")): r for r in _read_results(baseline_dir)}
    worse = []
    for result in _read_results(run_dir):
        previous = old.get(str(result.get("id")))
        if not previous:
            continue
        was, is_ = previous.get("scores", {}), result.get("scores", {})
        if (was.get("correct") and not is_.get("correct")) or is_.get("fact_recall", 1) < was.get("fact_recall", 1):
            worse.append({"id": result.get("id"), "question": result["question"],
                          "was": previous["status"], "now": result["status"]})
    return {"baseline": str(baseline_dir), "metrics": metrics, "worse": worse}


def _delta(name: str, before, now) -> str:
    if not isinstance(before, (int, float)) or not isinstance(now, (int, float)):
        return "–"
    change = now - before
    better = change < 0 if name in LOWER_IS_BETTER else change > 0
    mark = "" if abs(change) < 1e-9 else (" (better)" if better else " (worse)")
    return f"{change:+.3f}{mark}"


def _metric_rows(metrics: dict, comparison: dict | None) -> list[list[str]]:
    """[what it counts, value] or [what it counts, value, baseline, change] for each headline metric the run has."""
    rows = []
    for name in HEADLINE:
        if name in metrics:
            row = [f"{PLAIN[name]} ({name})", in_words(name, metrics)]
            if comparison:
                before = comparison["metrics"].get(name, (None, None))[0]
                row += [in_words(name, {name: before}), _delta(name, before, metrics[name])]
            rows.append(row)
    return rows


def _failures(questions: list[dict], results: list[dict]) -> list[tuple[dict, dict]]:
    return [(q, r) for q, r in zip(questions, results) if r["scores"].get("correct") is False]


def render_markdown(questions, results, metrics, settings, comparison, threshold_failures) -> str:
    lines = [f"# Evaluation: {settings['question_set']}", "",
             f"{metrics['questions']} questions · index {settings['index_version']} · started {settings['started']}", ""]
    if threshold_failures:
        lines += ["**Below threshold:**", ""] + [f"- {f}" for f in threshold_failures] + [""]
    lines += ["| What it counts | Result |" + (" Baseline | Change |" if comparison else ""),
              "|---|---|" + ("---|---|" if comparison else "")]
    lines += ["| " + " | ".join(row) + " |" for row in _metric_rows(metrics, comparison)]
    lines += ["", "## Statuses", ""] + [f"- {s}: {n}" for s, n in metrics["statuses"].items()]
    if metrics.get("accuracy_by_tag"):
        lines += ["", "## Accuracy by tag", ""] + [f"- {t}: {v:.2f}" for t, v in metrics["accuracy_by_tag"].items()]
    if comparison:
        lines += ["", f"## Worse than the baseline ({comparison['baseline']})", ""]
        lines += [f"- {w['id']}: {w['question']} ({w['was']} → {w['now']})" for w in comparison["worse"]] or ["- none"]
    lines += ["", "## Questions not answered correctly", ""]
    for question, result in _failures(questions, results):
        expected = question.get("expected_status") or ("answered" if question.get("answerable") else "not answered")
        lines.append(f"- **{question.get('id')}** {question['question']} — got `{result['status']}`, expected `{expected}`")
        lines.append(f"  - answer: {' '.join(result['answer'].split())[:300]}")
    return "\n".join(lines) + "\n"


def _bars(title: str, values: dict, maximum: float | None = None, fmt=lambda v: f"{v}") -> str:
    """A horizontal bar chart as inline SVG."""
    if not values:
        return ""
    top = maximum or max(values.values()) or 1
    row, label_width, width = 24, 200, 360
    height = row * len(values) + 10
    parts = [f"<figure><figcaption>{html.escape(title)}</figcaption>"
             f"<svg role='img' aria-label='{html.escape(title)}' width='{label_width + width + 70}' height='{height}'>"]
    for i, (label, value) in enumerate(values.items()):
        y = 5 + i * row
        length = max(1.0, width * (value / top))
        parts.append(f"<text x='0' y='{y + 15}' font-size='13'>{html.escape(str(label))}</text>"
                     f"<rect x='{label_width}' y='{y + 3}' width='{length:.1f}' height='16' fill='#1d70b8'/>"
                     f"<text x='{label_width + length + 5:.1f}' y='{y + 15}' font-size='13'>{html.escape(fmt(value))}</text>")
    parts.append("</svg></figure>")
    return "".join(parts)


def _latency_histogram(results: list[dict]) -> dict:
    edges = [50, 100, 150, 200, 300, 500, 1000]
    buckets = {f"≤ {e} ms": 0 for e in edges}
    buckets["> 1000 ms"] = 0
    for result in results:
        latency = result.get("latency_ms") or 0
        label = next((f"≤ {e} ms" for e in edges if latency <= e), "> 1000 ms")
        buckets[label] += 1
    return buckets


def render_html(questions, results, metrics, settings, comparison, threshold_failures) -> str:
    esc = html.escape
    rows = ["<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in _metric_rows(metrics, comparison)]
    head = "<tr><th>What it counts</th><th>Result</th>" + ("<th>Baseline</th><th>Change</th>" if comparison else "") + "</tr>"
    failures = "".join(
        f"<tr><td>{esc(str(q.get('id')))}</td><td>{esc(q['question'])}</td><td>{esc(r['status'])}</td>"
        f"<td>{esc(' '.join(r['answer'].split())[:400])}</td></tr>" for q, r in _failures(questions, results))
    worse = ""
    if comparison:
        items = "".join(f"<li>{esc(str(w['id']))}: {esc(w['question'])} ({esc(w['was'])} → {esc(w['now'])})</li>"
                        for w in comparison["worse"]) or "<li>none</li>"
        worse = f"<h2>Worse than the baseline</h2><p>{esc(comparison['baseline'])}</p><ul>{items}</ul>"
    alert = ""
    if threshold_failures:
        alert = "<div class='alert' role='alert'><strong>Below threshold</strong><ul>" + \
                "".join(f"<li>{esc(f)}</li>" for f in threshold_failures) + "</ul></div>"
    charts = (_bars("Answers by status", metrics["statuses"])
              + _bars("Correct answers by tag", metrics.get("accuracy_by_tag", {}), 1.0, lambda v: f"{v:.0%}")
              + _bars("Latency distribution (answers)", _latency_histogram(results)))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evaluation: {esc(settings['question_set'])}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 980px; margin: 2rem auto; color: #0b0c0c; padding: 0 1rem; }}
table {{ border-collapse: collapse; margin: 1rem 0; }} td, th {{ border: 1px solid #b1b4b6; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }}
.alert {{ border-left: 6px solid #942514; background: #fff7f5; padding: 0.5rem 1rem; }}
figure {{ margin: 1rem 0; }} figcaption {{ font-weight: 600; margin-bottom: 0.3rem; }}
</style></head><body>
<h1>Evaluation: {esc(settings['question_set'])}</h1>
<p>{metrics['questions']} questions · index {esc(settings['index_version'])} · started {esc(settings['started'])}</p>
{alert}
<table>{head}{''.join(rows)}</table>
{charts}
{worse}
<h2>Questions not answered correctly</h2>
<table><tr><th>id</th><th>Question</th><th>Status</th><th>Answer</th></tr>{failures}</table>
<h2>Settings</h2><pre>{esc(json.dumps(settings, indent=1))}</pre>
</body></html>
"""
