"""The staff workspace (Gradio Blocks, mounted at /staff behind the login in server.py).

Tabs: the answer log (search, filter, open an answer as the public saw it, review it,
export CSV), a summary with content gaps, prior responses, and evaluation runs.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import gradio as gr

from ..answer import STATUSES
from ..engine import AnswerEngine
from ..answer_log import AnswerLog
from ..documents import human_date
from ..evaluation.questions import BadQuestionSet, load_question_set
from ..evaluation.report import HEADLINE, PLAIN, compare, in_words
from ..evaluation.run import evaluate
from ..settings import Settings
from .render import answer_html, esc

LOG_COLUMNS = ["id", "time", "status", "question", "review", "feedback"]
WEAK_MATCH = 0.3  # prior responses matching less than this are not listed (unrelated text scores ~0.05)
REPORTS = ("report.html", "report.md", "results.jsonl", "metrics.json", "settings.json")


class BadFilter(ValueError):
    """A search filter staff typed that cannot be used; the message says what to type instead."""


def _day(text: str, field: str) -> datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), tzinfo=timezone.utc)
    except ValueError:
        raise BadFilter(f"{field}: “{text}” is not a date. Type it as YYYY-MM-DD, for example 2026-11-23.") from None


def local_time(iso: str | None, zone: str) -> str:
    """A stored UTC time as staff read it: "23 Nov 2026, 14:05" in the configured time zone."""
    if not iso:
        return ""
    when = datetime.fromisoformat(iso).astimezone(ZoneInfo(zone))
    return f"{when.day} {when:%b %Y, %H:%M}"


def times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def message(text: str, kind: str = "error") -> str:
    role = "alert" if kind == "error" else "status"
    return f"<p class='staff-message {kind}' role='{role}'>{esc(text)}</p>"


def _filters(words: str, status: str, since: str, until: str) -> dict:
    until_day = _day(until, "To")
    return {"words": words or "", "status": "" if status in ("", "any") else status,
            "since": _day(since, "From"), "until": until_day + timedelta(days=1) if until_day else None}


def export_link(words: str, status: str, since: str, until: str) -> str:
    query = urllib.parse.urlencode({"words": words or "", "status": "" if status == "any" else status or "",
                                    "since": since or "", "until": until or ""})
    return f"<p><a href='/staff/export.csv?{esc(query)}' download>Download these answers as CSV</a></p>"


def earlier_runs(eval_dir: Path) -> list[str]:
    """Evaluation run folders, newest first."""
    if not eval_dir.is_dir():
        return []
    return sorted((p.name for p in eval_dir.iterdir() if (p / "metrics.json").is_file()), reverse=True)


def _in_words_table(columns: list[str], runs: list[dict]) -> str:
    """Each headline metric any of ``runs`` has, in plain words, one column per run."""
    head = "".join(f"<th scope='col'>{esc(c)}</th>" for c in columns)
    rows = "".join(f"<tr><th scope='row'>{esc(PLAIN[name])}</th>" + "".join(f"<td>{esc(in_words(name, m))}</td>" for m in runs)
                   + "</tr>" for name in HEADLINE if any(name in m for m in runs))
    return f"<table class='staff-table'><tr><th scope='col'>What it counts</th>{head}</tr>{rows}</table>"


def run_in_words(run_dir: Path, failures: list[str] | None = None) -> str:
    """One run's results in plain words, with the report to open in the browser and the files to download."""
    metrics = json.loads((run_dir / "metrics.json").read_text())
    settings = json.loads((run_dir / "settings.json").read_text()) if (run_dir / "settings.json").is_file() else {}
    verdict = ""
    if failures is not None:
        verdict = (message("Below threshold: " + "; ".join(failures)) if failures else message("All thresholds met.", "ok"))
    base = f"/staff/eval/{esc(run_dir.name)}"
    downloads = " · ".join(f"<a href='{base}/{name}' download>{name}</a>" for name in REPORTS[1:])
    return (f"<h3>Run {esc(run_dir.name)}</h3><p>{metrics.get('questions', '?')} questions from "
            f"{esc(settings.get('question_set', 'an unknown set'))} · index {esc(settings.get('index_version', '?'))}</p>"
            f"{verdict}{_in_words_table(['Result'], [metrics])}"
            f"<p><a href='{base}/report.html' target='_blank' rel='noopener'>Open the full report<span class='visually-hidden'>"
            f" (opens in a new tab)</span></a> (every question, charts, settings)</p><p>Download: {downloads}</p>")


def runs_compared(eval_dir: Path, first: str, second: str) -> str:
    """Two runs side by side in plain words, and the questions that got worse from the first to the second."""
    if not first or not second or first == second:
        return message("Choose two different runs to compare.")
    runs = [json.loads((eval_dir / name / "metrics.json").read_text()) for name in (first, second)]
    worse = compare(eval_dir / second, eval_dir / first)["worse"]
    listed = "".join(f"<li>{esc(str(w['id']))}: {esc(w['question'])} ({esc(w['was'])} → {esc(w['now'])})</li>"
                     for w in worse) or "<li>None: no question got worse.</li>"
    return (f"{_in_words_table([first, second], runs)}<h3>Questions answered worse in {esc(second)}</h3><ul>{listed}</ul>")


def build_staff_app(settings: Settings, engine: AnswerEngine, answer_log: AnswerLog) -> gr.Blocks:
    eval_lock = threading.Lock()

    zone = settings.staff_timezone

    def search(words, status, since, until):
        try:
            rows = answer_log.recent(limit=200, **_filters(words, status, since, until))
        except BadFilter as exc:  # the table stays as it was; the message says what to type
            return gr.update(), gr.update(), message(str(exc))
        table = [[r["id"], local_time(r["created_at"], zone), r["status"], r["question"][:200], r["verdict"] or "",
                  (r["feedback"] or "").replace("_", " ")] for r in rows]
        found = message(f"{len(rows)} answer{'s' if len(rows) != 1 else ''} found" + (" (the newest 200)" if len(rows) == 200 else "")
                        + ". Select a row to open it.", "ok")
        return table, export_link(words, status, since, until), found

    def open_answer(answer_id):
        row = answer_log.get(int(answer_id or 0))
        if not row:
            return message(f"No answer with the id {answer_id}."), gr.update(value=None), "", gr.update()
        review = ""
        if row["verdict"]:
            review = (f"<p class='review'>Reviewed <strong>{esc(row['verdict'])}</strong> by {esc(row['reviewed_by'])} "
                      f"on {esc(local_time(row['reviewed_at'], zone))}: {esc(row['review_note'] or '')}</p>")
        if row["feedback"]:
            review += (f"<p class='review'>The person who asked said it was <strong>{esc(row['feedback'].replace('_', ' '))}</strong>"
                       f" on {esc(local_time(row['feedback_at'], zone))}" + (f": “{esc(row['feedback_note'])}”" if row["feedback_note"] else "")
                       + "</p>")
        meta = (f"<p class='source-file'>Answer {row['id']} · {esc(local_time(row['created_at'], zone))} · conversation "
                f"{esc(row['conversation_id'])} · index {esc(row['index_version'])} · {row['latency_ms']:.0f} ms</p>")
        shown = (f"<div class='turn'><p class='question'>{esc(row['question'])}</p>"
                 f"{answer_html(int(row['id']), row, engine.retriever.index.documents, staff=True)}</div>")
        return meta + review + shown, gr.update(value=row["verdict"]), row["review_note"] or "", row["id"]

    def open_selected(table, event: gr.SelectData):
        try:
            answer_id = table.iloc[event.index[0], 0] if hasattr(table, "iloc") else table[event.index[0]][0]
        except (IndexError, KeyError, TypeError):
            return gr.update(), gr.update(), gr.update(), gr.update()
        return open_answer(answer_id)

    def save_review(answer_id, verdict, note, request: gr.Request):
        if not verdict:
            return gr.update(), message("Choose correct or incorrect first.")
        if not answer_log.review(int(answer_id or 0), verdict, note or "", request.username or "staff"):
            return gr.update(), message(f"No answer with the id {answer_id}: open an answer first.")
        return open_answer(answer_id)[0], message("Review saved.", "ok")

    def summary(days):
        since = datetime.now(timezone.utc) - timedelta(days=int(days or 30))
        data = answer_log.summary(since=since)
        statuses = sorted(data["by_status"])
        head = "".join(f"<th scope='col'>{esc(s)}</th>" for s in statuses)
        body = "".join(f"<tr><th scope='row'>{esc(day)}</th>" + "".join(f"<td>{counts.get(s, 0)}</td>" for s in statuses) + "</tr>"
                       for day, counts in data["per_day"].items())
        totals = "".join(f"<td><strong>{data['by_status'][s]}</strong></td>" for s in statuses)
        gaps = "".join(f"<li>{esc(g['question'])} <span class='source-file'>(asked {times(g['times'])})</span></li>"
                       for g in data["content_gaps"]) or "<li>None in this period.</li>"

        def listed(messages):
            return "".join(f"<li>#{m['id']} {esc(m['question'])} <span class='source-file'>({esc(m['route'])}, "
                           f"{esc(local_time(m['created_at'], zone))})</span></li>" for m in messages) or "<li>None in this period.</li>"

        unhelpful = "".join(f"<li>#{m['id']} {esc(m['question'])}" + (f": “{esc(m['note'])}”" if m["note"] else "")
                            + f" <span class='source-file'>({esc(local_time(m['created_at'], zone))})</span></li>"
                            for m in data["not_helpful"]) or "<li>None in this period.</li>"
        feedback = data["feedback"]

        return (f"<h3>Answers per day and status</h3><table class='staff-table'><tr><th scope='col'>Day</th>{head}</tr>{body}"
                f"<tr><th scope='row'>Total</th>{totals}</tr></table>"
                f"<h3>Content gaps: questions the documents could not answer</h3><ul>{gaps}</ul>"
                f"<h3>Signposted: messages about danger or distress</h3><ul>{listed(data['signposted'])}</ul>"
                f"<h3>Given a fixed reply (greetings, complaints, advice, attempts to change the rules …)</h3>"
                f"<ul>{listed(data['routed'])}</ul>"
                f"<h3>Feedback from the public</h3><p>Helpful: {feedback['helpful']} · not helpful: {feedback['not_helpful']}</p>"
                f"<h4>Answers people said did not help</h4><ul>{unhelpful}</ul>")

    def prior(query):
        if not (query or "").strip():
            records = [(r, None) for r in engine.prior_responses.records]
        else:
            records = [(r, score) for r, score in engine.prior_responses.search(query) if score >= WEAK_MATCH]
            if not records:
                return message("No prior response matches closely. Try other words, or clear the box to list them all.", "ok")
        parts = []
        for record, score in records:
            d = record.to_dict()
            parts.append(
                f"<article class='answer'><p class='status-label'>{esc(d['title'])}"
                + (f" <span class='source-file'>({'close' if score >= 0.6 else 'partial'} match, {score:.2f})</span>"
                   if score is not None else "") + "</p>"
                f"<p><strong>Asked by</strong> {esc(d['asked_by'])} on {esc(human_date(d['asked_on']) or 'an unknown date')}</p>"
                f"<blockquote class='passage'>{esc(d['question'])}</blockquote>"
                f"<p><strong>Answered by</strong> {esc(d['answered_by'])} on {esc(human_date(d['answered_on']) or 'an unknown date')}</p>"
                f"<blockquote class='passage'>{esc(d['response'])}</blockquote>"
                f"<p class='source-file'>{esc(d['source'])}</p></article>")
        return "".join(parts) or "<p>No prior responses in the corpus.</p>"

    def run_eval(upload, progress=gr.Progress()):
        def refused(text: str):  # the message; the run lists stay as they are
            return message(text), gr.update(), gr.update(), gr.update()

        if not upload:
            return refused("Choose a question set file first (.jsonl, .csv or .yaml).")
        path = Path(upload if isinstance(upload, str) else upload.name)
        try:
            questions = load_question_set(path)
        except BadQuestionSet as exc:
            return refused(str(exc))
        if not eval_lock.acquire(blocking=False):
            return refused("An evaluation is already running; wait for it to finish.")
        try:
            progress(0, desc=f"Evaluating {len(questions)} questions")
            run_dir, _, failures = evaluate(
                engine, questions, path.name, settings.eval_dir, progress=False,
                on_answer=lambda done, total: progress(done / total, desc=f"{done} of {total} questions"))
        finally:
            eval_lock.release()
        runs = earlier_runs(settings.eval_dir)
        return (run_in_words(run_dir, failures), gr.update(choices=runs, value=run_dir.name),
                gr.update(choices=runs), gr.update(choices=runs, value=run_dir.name))

    def show_run(name):
        if not name or name not in earlier_runs(settings.eval_dir):
            return message("Choose a run from the list.")
        return run_in_words(settings.eval_dir / name)

    def list_runs():
        runs = earlier_runs(settings.eval_dir)  # newest first: compare the one before the latest with the latest
        latest = runs[0] if runs else None
        return (gr.update(choices=runs, value=runs[1] if len(runs) > 1 else None), gr.update(choices=runs, value=latest),
                gr.update(choices=runs, value=latest))

    def compared(first, second):
        runs = earlier_runs(settings.eval_dir)
        if first not in runs or second not in runs:
            return message("Choose two runs from the lists.")
        return runs_compared(settings.eval_dir, first, second)

    with gr.Blocks(title="Staff workspace · Police accountability assistant") as app:
        gr.HTML("<header class='page-header'><h1>Staff workspace</h1>"
                f"<p>Times are {esc(zone)} time. <a href='/staff-logout'>Log out</a></p></header>", js_on_load=None)
        with gr.Tab("Answer log"):
            with gr.Row(elem_classes="filters"):
                words = gr.Textbox(label="Words", elem_id="log-words")
                status = gr.Dropdown(["any", *STATUSES], value="any", label="Status", elem_id="log-status")
                since = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="log-since")
                until = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="log-until")
            find = gr.Button("Search", variant="primary", elem_id="log-search")
            log_message = gr.HTML(js_on_load=None, elem_id="log-message")
            table = gr.Dataframe(headers=LOG_COLUMNS, datatype=["number", "str", "str", "str", "str", "str"], interactive=False,
                                 wrap=True, column_widths=["8%", "17%", "13%", "40%", "10%", "12%"],
                                 label="Answers (newest first): select a row to open it", elem_id="log-table")
            export = gr.HTML(export_link("", "any", "", ""), js_on_load=None)
            with gr.Row():
                answer_id = gr.Number(label="Answer id", precision=0, elem_id="answer-id")
                show = gr.Button("Open this answer", elem_id="open-answer")
            shown = gr.HTML(js_on_load=None, elem_id="shown-answer")
            verdict = gr.Radio(["correct", "incorrect"], label="Review", elem_id="verdict")
            note = gr.Textbox(label="Note", lines=2, elem_id="review-note")
            save = gr.Button("Save review", elem_id="save-review")
            review_message = gr.HTML(js_on_load=None, elem_id="review-message")
        with gr.Tab("Summary"):
            days = gr.Number(value=30, label="Days", precision=0)
            summarise = gr.Button("Show summary", elem_id="show-summary")
            summary_html = gr.HTML(js_on_load=None, elem_id="summary")
        with gr.Tab("Prior responses"):
            query = gr.Textbox(label="Search prior responses by meaning or words", elem_id="prior-query")
            look = gr.Button("Search prior responses", elem_id="prior-search")
            prior_html = gr.HTML(js_on_load=None, elem_id="prior-results")
        with gr.Tab("Evaluation"):
            upload = gr.UploadButton("Choose a question set (.jsonl, .csv or .yaml)", file_types=[".jsonl", ".csv", ".yaml", ".yml"],
                                     elem_id="eval-upload")
            chosen = gr.HTML(js_on_load=None, elem_id="eval-chosen")
            start = gr.Button("Run evaluation", variant="primary", elem_id="eval-run")
            eval_html = gr.HTML(js_on_load=None, elem_id="eval-result")
            gr.HTML("<h2>Earlier runs</h2>", js_on_load=None)
            with gr.Row():
                run = gr.Dropdown([], label="Run", elem_id="eval-runs")
                open_run = gr.Button("Show this run", elem_id="eval-show")
            with gr.Row():
                first = gr.Dropdown([], label="Compare run", elem_id="eval-first")
                second = gr.Dropdown([], label="with run", elem_id="eval-second")
                compare_runs = gr.Button("Compare", elem_id="eval-compare")
            compared_html = gr.HTML(js_on_load=None, elem_id="eval-compared")

        private = {"api_visibility": "private"}
        find.click(search, [words, status, since, until], [table, export, log_message], **private)
        table.select(open_selected, [table], [shown, verdict, note, answer_id], **private)
        show.click(open_answer, [answer_id], [shown, verdict, note, answer_id], **private)
        save.click(save_review, [answer_id, verdict, note], [shown, review_message], **private)
        summarise.click(summary, [days], [summary_html], **private)
        look.click(prior, [query], [prior_html], **private)
        upload.upload(lambda f: message(f"Chosen: {Path(f if isinstance(f, str) else f.name).name}. Now run the evaluation.", "ok"),
                      [upload], [chosen], **private)
        start.click(run_eval, [upload], [eval_html, run, first, second], **private)
        open_run.click(show_run, [run], [eval_html], **private)
        compare_runs.click(compared, [first, second], [compared_html], **private)
        app.load(search, [words, status, since, until], [table, export, log_message], **private)
        app.load(list_runs, None, [first, second, run], **private)
    app.queue(default_concurrency_limit=settings.web_concurrency)
    return app


def export_rows(answer_log: AnswerLog, params: dict) -> str:
    """The CSV export for the filters in ``params`` (words, status, since, until)."""
    try:
        filters = _filters(params.get("words", ""), params.get("status", ""), params.get("since", ""), params.get("until", ""))
    except BadFilter as exc:
        raise ValueError(str(exc)) from None
    return answer_log.to_csv(answer_log.recent(limit=100_000, **filters))

