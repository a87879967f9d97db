"""The staff workspace (Gradio Blocks, mounted at /staff behind the login in server.py).

Tabs: the answer log (search, filter, open an answer as the public saw it, review it,
export CSV), a summary with content gaps, prior responses, and evaluation runs.
"""

from __future__ import annotations

import threading
import urllib.parse
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import gradio as gr

from ..answer import STATUSES
from ..engine import AnswerEngine
from ..answer_log import AnswerLog
from ..documents import human_date
from ..evaluation.questions import BadQuestionSet, load_question_set
from ..evaluation.run import evaluate
from ..settings import Settings
from .render import answer_html, esc

LOG_COLUMNS = ["id", "time", "status", "question", "review"]


def _day(text: str, field: str) -> datetime | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.combine(date.fromisoformat(text), datetime.min.time(), tzinfo=timezone.utc)
    except ValueError:
        raise gr.Error(f"{field}: {text!r} is not a date; use YYYY-MM-DD") from None


def _filters(words: str, status: str, since: str, until: str) -> dict:
    until_day = _day(until, "To")
    return {"words": words or "", "status": "" if status in ("", "any") else status,
            "since": _day(since, "From"), "until": until_day + timedelta(days=1) if until_day else None}


def export_link(words: str, status: str, since: str, until: str) -> str:
    query = urllib.parse.urlencode({"words": words or "", "status": "" if status == "any" else status or "",
                                    "since": since or "", "until": until or ""})
    return f"<p><a href='/staff/export.csv?{esc(query)}' download>Download these answers as CSV</a></p>"


def build_staff_app(settings: Settings, engine: AnswerEngine, answer_log: AnswerLog) -> gr.Blocks:
    eval_lock = threading.Lock()

    def search(words, status, since, until):
        rows = answer_log.recent(limit=200, **_filters(words, status, since, until))
        table = [[r["id"], r["created_at"].replace("T", " ")[:19], r["status"], r["question"][:200], r["verdict"] or ""] for r in rows]
        return table, export_link(words, status, since, until)

    def open_answer(answer_id):
        row = answer_log.get(int(answer_id or 0))
        if not row:
            return "<p>No answer with that id.</p>", gr.update(value=None), ""
        review = ""
        if row["verdict"]:
            review = (f"<p class='review'>Reviewed <strong>{esc(row['verdict'])}</strong> by {esc(row['reviewed_by'])} "
                      f"on {esc(row['reviewed_at'])}: {esc(row['review_note'] or '')}</p>")
        meta = (f"<p class='source-file'>Answer {row['id']} · {esc(row['created_at'])} · conversation {esc(row['conversation_id'])} · "
                f"index {esc(row['index_version'])} · {row['latency_ms']:.0f} ms</p>")
        shown = (f"<div class='turn'><p class='question'>{esc(row['question'])}</p>"
                 f"{answer_html(int(row['id']), row, engine.retriever.index.documents)}</div>")
        return meta + review + shown, gr.update(value=row["verdict"]), row["review_note"] or ""

    def save_review(answer_id, verdict, note, request: gr.Request):
        if not verdict:
            raise gr.Error("Choose correct or incorrect first")
        if not answer_log.review(int(answer_id or 0), verdict, note or "", request.username or "staff"):
            raise gr.Error("No answer with that id")
        return open_answer(answer_id)[0]

    def summary(days):
        since = datetime.now(timezone.utc) - timedelta(days=int(days or 30))
        data = answer_log.summary(since=since)
        statuses = sorted(data["by_status"])
        head = "".join(f"<th scope='col'>{esc(s)}</th>" for s in statuses)
        body = "".join(f"<tr><th scope='row'>{esc(day)}</th>" + "".join(f"<td>{counts.get(s, 0)}</td>" for s in statuses) + "</tr>"
                       for day, counts in data["per_day"].items())
        totals = "".join(f"<td><strong>{data['by_status'][s]}</strong></td>" for s in statuses)
        gaps = "".join(f"<li>{esc(g['question'])} <span class='source-file'>(asked {g['times']} times)</span></li>"
                       for g in data["content_gaps"]) or "<li>None in this period.</li>"
        def listed(messages):
            return "".join(f"<li>#{m['id']} {esc(m['question'])} <span class='source-file'>({esc(m['route'])}, "
                           f"{esc(m['created_at'])})</span></li>" for m in messages) or "<li>None in this period.</li>"

        return (f"<h3>Answers per day and status</h3><table class='staff-table'><tr><th scope='col'>Day</th>{head}</tr>{body}"
                f"<tr><th scope='row'>Total</th>{totals}</tr></table>"
                f"<h3>Content gaps: questions the documents could not answer</h3><ul>{gaps}</ul>"
                f"<h3>Signposted: messages about danger or distress</h3><ul>{listed(data['signposted'])}</ul>"
                f"<h3>Given a fixed reply (greetings, complaints, advice, attempts to change the rules …)</h3>"
                f"<ul>{listed(data['routed'])}</ul>")

    def prior(query):
        if not (query or "").strip():
            records = [(r, None) for r in engine.prior_responses.records]
        else:
            records = engine.prior_responses.search(query)
        parts = []
        for record, score in records:
            d = record.to_dict()
            parts.append(
                f"<article class='answer'><p class='status-label'>{esc(d['title'])}"
                + (f" <span class='source-file'>(match {score:.2f})</span>" if score is not None else "") + "</p>"
                f"<p><strong>Asked by</strong> {esc(d['asked_by'])} on {esc(human_date(d['asked_on']) or 'an unknown date')}</p>"
                f"<blockquote class='passage'>{esc(d['question'])}</blockquote>"
                f"<p><strong>Answered by</strong> {esc(d['answered_by'])} on {esc(human_date(d['answered_on']) or 'an unknown date')}</p>"
                f"<blockquote class='passage'>{esc(d['response'])}</blockquote>"
                f"<p class='source-file'>{esc(d['source'])}</p></article>")
        return "".join(parts) or "<p>No prior responses in the corpus.</p>"

    def run_eval(upload, progress=gr.Progress()):
        if not upload:
            raise gr.Error("Upload a question set first (.jsonl, .csv or .yaml)")
        path = Path(upload if isinstance(upload, str) else upload.name)
        try:
            questions = load_question_set(path)
        except BadQuestionSet as exc:
            raise gr.Error(str(exc)) from None
        if not eval_lock.acquire(blocking=False):
            raise gr.Error("An evaluation is already running; wait for it to finish")
        try:
            progress(0, desc=f"Evaluating {len(questions)} questions")
            run_dir, metrics, failures = evaluate(
                engine, questions, path.name, settings.eval_dir, progress=False,
                on_answer=lambda done, total: progress(done / total, desc=f"{done} of {total} questions"))
        finally:
            eval_lock.release()
        shown = {k: v for k, v in metrics.items() if k not in ("statuses", "accuracy_by_tag")}
        rows = "".join(f"<tr><th scope='row'>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in shown.items())
        verdict = ("<p class='notice'>Below threshold: " + esc("; ".join(failures)) + "</p>") if failures else "<p>All thresholds met.</p>"
        links = " · ".join(f"<a href='/staff/eval/{esc(run_dir.name)}/{name}' download>{name}</a>"
                           for name in ("report.html", "report.md", "results.jsonl", "metrics.json", "settings.json"))
        return f"<h3>Run {esc(run_dir.name)}</h3>{verdict}<table class='staff-table'>{rows}</table><p>Download: {links}</p>"

    with gr.Blocks(title="Staff workspace · Police accountability assistant") as app:
        gr.HTML("<header class='page-header'><h1>Staff workspace</h1>"
                "<p><a href='/staff-logout'>Log out</a></p></header>", js_on_load=None)
        with gr.Tab("Answer log"):
            with gr.Row():
                words = gr.Textbox(label="Words", elem_id="log-words")
                status = gr.Dropdown(["any", *STATUSES], value="any", label="Status", elem_id="log-status")
                since = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="log-since")
                until = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="log-until")
            find = gr.Button("Search", variant="primary", elem_id="log-search")
            table = gr.Dataframe(headers=LOG_COLUMNS, datatype=["number", "str", "str", "str", "str"], interactive=False,
                                 label="Answers (newest first)", elem_id="log-table")
            export = gr.HTML(export_link("", "any", "", ""), js_on_load=None)
            with gr.Row():
                answer_id = gr.Number(label="Answer id", precision=0, elem_id="answer-id")
                show = gr.Button("Open this answer", elem_id="open-answer")
            shown = gr.HTML(js_on_load=None, elem_id="shown-answer")
            verdict = gr.Radio(["correct", "incorrect"], label="Review", elem_id="verdict")
            note = gr.Textbox(label="Note", lines=2, elem_id="review-note")
            save = gr.Button("Save review", elem_id="save-review")
        with gr.Tab("Summary"):
            days = gr.Number(value=30, label="Days", precision=0)
            summarise = gr.Button("Show summary", elem_id="show-summary")
            summary_html = gr.HTML(js_on_load=None, elem_id="summary")
        with gr.Tab("Prior responses"):
            query = gr.Textbox(label="Search prior responses by meaning or words", elem_id="prior-query")
            look = gr.Button("Search prior responses", elem_id="prior-search")
            prior_html = gr.HTML(js_on_load=None, elem_id="prior-results")
        with gr.Tab("Evaluation"):
            upload = gr.File(label="Question set (.jsonl, .csv or .yaml)", file_types=[".jsonl", ".csv", ".yaml", ".yml"],
                             elem_id="eval-upload")
            start = gr.Button("Run evaluation", variant="primary", elem_id="eval-run")
            eval_html = gr.HTML(js_on_load=None, elem_id="eval-result")

        private = {"api_visibility": "private"}
        find.click(search, [words, status, since, until], [table, export], **private)
        show.click(open_answer, [answer_id], [shown, verdict, note], **private)
        save.click(save_review, [answer_id, verdict, note], [shown], **private)
        summarise.click(summary, [days], [summary_html], **private)
        look.click(prior, [query], [prior_html], **private)
        start.click(run_eval, [upload], [eval_html], **private)
        app.load(search, [words, status, since, until], [table, export], **private)
    app.queue(default_concurrency_limit=settings.web_concurrency)
    return app


def export_rows(answer_log: AnswerLog, params: dict) -> str:
    """The CSV export for the filters in ``params`` (words, status, since, until)."""
    try:
        filters = _filters(params.get("words", ""), params.get("status", ""), params.get("since", ""), params.get("until", ""))
    except gr.Error as exc:
        raise ValueError(str(exc)) from None
    return answer_log.to_csv(answer_log.recent(limit=100_000, **filters))

