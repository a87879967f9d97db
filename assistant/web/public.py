"""The public chat page (Gradio Blocks) and its one public API endpoint, `/ask`."""

from __future__ import annotations

import json
import logging
import re
import uuid
from pathlib import Path

import gradio as gr

from ..answer import STATUSES
from ..engine import AnswerEngine
from ..answer_log import AnswerLog
from ..messages import load_messages
from ..settings import Settings
from .render import conversation_html, our_wording

log = logging.getLogger(__name__)

STYLE = Path(__file__).with_name("style.css")
# One palette for the public page and the staff workspace (Gradio's default is orange).
THEME = gr.themes.Base(primary_hue=gr.themes.colors.blue, neutral_hue=gr.themes.colors.gray).set(
    button_primary_background_fill="#1d4f91", button_primary_background_fill_hover="#163d70",
    button_primary_text_color="#ffffff", button_primary_border_color="#1d4f91",
    checkbox_background_color_selected="#1d4f91", checkbox_border_color_selected="#1d4f91",
    color_accent="#1d4f91", color_accent_soft="#e8f1f8", link_text_color="#1d4f91",
    block_label_text_color="#0b0c0c", body_text_color="#0b0c0c", body_text_color_subdued="#383f43",
)
TYPE = Path(__file__).with_name("type.css")  # text sizes by screen width, served in the page head
SCRIPT = Path(__file__).with_name("page.js")  # opens cited sources, keeps new answers in view, copy and feedback
FOOTER = ("<footer class='page-footer'><ul>"
          "<li><a href='/privacy'>Privacy notice</a></li><li><a href='/accessibility'>Accessibility statement</a></li>"
          "<li><a href='/contact'>Contact us and complaints</a></li></ul></footer>")
MAX_HISTORY = 10  # earlier turns a follow-up can lean on (and that a browser tab keeps over a reload)
KEPT = "assistant-conversation"  # the sessionStorage key: kept for this tab only, gone when it closes


def _kept_state(kept: str) -> dict | None:
    """A conversation a browser kept, rebuilt from the fields the page shows; None when it is not one (start afresh)."""
    try:
        state = json.loads(kept or "null")
        if not (isinstance(state, dict) and re.fullmatch(r"[0-9a-f]{32}", str(state.get("id")))):
            return None
        turns = [_kept_turn(turn) for turn in state["turns"][-MAX_HISTORY:]]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return {"id": state["id"], "turns": turns}


def _kept_turn(turn: dict) -> dict:
    answer = turn["answer"]
    if answer["status"] not in STATUSES:
        raise ValueError(answer["status"])
    log_id = turn.get("log_id")
    return {"question": _text(turn["question"]), "log_id": log_id if isinstance(log_id, int) else None,
            "answer": {"status": answer["status"], "question": _text(turn["question"]), "answer": _text(answer["answer"]),
                       "rewritten_question": _text(answer.get("rewritten_question")),
                       "citations": [_kept_citation(c) for c in answer.get("citations") or []],
                       "related": [_kept_citation(c, highlights=False) for c in answer.get("related") or []],
                       "notices": [_text(n) for n in answer.get("notices") or []]}}


def _kept_citation(citation: dict, highlights: bool = True) -> dict:
    """A kept citation with only the fields a source card shows, each of its type (related reading has no highlights)."""
    return {**{k: _text(citation.get(k)) for k in ("text", "source", "title", "kind", "date", "speaker", "role", "speaker_date")},
            **{k: int(citation[k]) for k in ("n", "start", "end")},
            "highlights": [[int(a), int(b)] for a, b in citation.get("highlights") or []] if highlights else []}


def _text(value) -> str:
    return "" if value is None else str(value)


def build_app(settings: Settings, engine: AnswerEngine, answer_log: AnswerLog | None = None) -> gr.Blocks:
    """The public page; every answer it gives is stored in ``answer_log`` when there is one."""
    messages = load_messages(settings.messages_file)

    def answered(question: str, history: list, conversation_id: str) -> tuple[dict, int | None]:
        """The answer, and its row in the answer log (None when it could not be stored)."""
        result = engine.answer(question, history).to_dict()
        if answer_log is None:
            return result, None
        try:
            return result, answer_log.record(result, conversation_id)
        except Exception:  # the person still gets the answer; staff see the error in the log
            log.exception("could not store an answer in the answer log")
            return result, None

    def ask(question: str, history: list | None = None) -> dict:
        """Answer a question about police inspection and accountability from the documents, with citations.

        Args:
            question: the question, at most ASSISTANT_MAX_QUESTION_CHARS characters.
            history: the earlier turns of the conversation, oldest first (for follow-ups): each the earlier
                question, or {"question": ..., "citations": [...]} with the citations its answer gave, so that
                "who said that?" is read against the passages that answer quoted.
        """
        if isinstance(history, list):
            history = history[-MAX_HISTORY:]
        # anything else (a number, a string, a mapping) the input checks refuse with a message, as they
        # refuse a question that is not text
        return answered("" if question is None else question, history, uuid.uuid4().hex)[0]

    def documents() -> dict:  # the live index's, which changes when an ingest makes a new version live
        return engine.retriever.index.documents

    def submit(question: str, state: dict | None):
        # the conversation: a random id (never an IP address or cookie) and its turns
        state = {"id": (state or {}).get("id") or uuid.uuid4().hex, "turns": list((state or {}).get("turns", []))}
        turns = state["turns"]
        question = question or ""
        if not question.strip():  # nothing asked: no empty bubble, a word beside the box instead
            yield (question, conversation_html(turns, documents(), conversation=state["id"], hint="Please type a question first."),
                   state, gr.update())
            return
        yield gr.update(), conversation_html(turns, documents(), pending=question, conversation=state["id"]), state, gr.update()
        history = [{"question": t["question"], "citations": t["answer"]["citations"]} for t in turns[-MAX_HISTORY:]]
        result, log_id = answered(question, history, state["id"])
        turns.append({"question": result["question"], "answer": result, "log_id": log_id})
        # A rejected question stays in the box so nothing typed is lost.
        state["turns"] = turns[-MAX_HISTORY:]
        yield ((question if result["status"] == "rejected" else ""), conversation_html(state["turns"], documents(), conversation=state["id"]),
               state, json.dumps(state))

    def new_conversation():
        return "", conversation_html([], documents()), {}, ""

    def restore(kept: str):
        """The conversation this browser tab kept (sessionStorage), after a reload; a fresh one if it cannot be read."""
        state = _kept_state(kept)
        return conversation_html(state["turns"], documents(), conversation=state["id"]) if state else gr.update(), state or {}

    with gr.Blocks(title="Police accountability assistant") as app:
        gr.HTML("<header class='page-header'><h1>Police accountability assistant</h1>"
                "<p>Ask about what police inspectors (HMICFRS) found, what the Police, Fire and Crime "
                "Commissioner is doing about it, and what was asked at the Police, Fire and Crime Panel. "
                "Every answer quotes and cites the published documents it comes from.</p></header>",
                js_on_load=None)
        notice = our_wording(messages["public_notice"].format(retention_days=settings.retention_days))
        gr.HTML(f"<aside class='always-notice' aria-label='Before you ask'>{notice}</aside>", js_on_load=None)
        turns = gr.State({})
        conversation = gr.HTML(conversation_html([], engine.retriever.index.documents), elem_id="conversation", js_on_load=None)
        with gr.Group(elem_id="ask-bar"):  # kept in view at the foot of the screen on a phone
            question = gr.Textbox(label="Your question", placeholder="For example: what did the inspectors find?",
                                  max_length=settings.max_question_chars, lines=1, elem_id="question")
            with gr.Row():
                send = gr.Button("Ask", variant="primary", elem_id="ask")
                new = gr.Button("New conversation", variant="secondary", elem_id="new-conversation")
        gr.HTML("<p class='starters-label'>Suggested questions:</p>", js_on_load=None)
        with gr.Row(elem_classes="starters"):
            starters = [gr.Button(text, size="sm", variant="secondary") for text in settings.starter_questions]
        gr.HTML(FOOTER, js_on_load=None)

        kept = gr.Textbox(visible=False, elem_id="kept")  # the conversation as JSON, for this tab's sessionStorage
        outputs = [question, conversation, turns, kept]
        keep = {"fn": None, "inputs": [kept], "outputs": None, "js": f"(kept) => {{ sessionStorage.setItem({KEPT!r}, kept); }}"}
        for event in (question.submit, send.click):
            event(submit, [question, turns], outputs, api_visibility="private", show_progress="hidden").then(**keep)
        new.click(new_conversation, None, outputs, api_visibility="private").then(**keep)
        for button, text in zip(starters, settings.starter_questions):
            button.click(lambda text=text: text, None, question, api_visibility="private").then(
                submit, [question, turns], outputs, api_visibility="private", show_progress="hidden").then(**keep)
        app.load(restore, [kept], [conversation, turns], js=f"() => [sessionStorage.getItem({KEPT!r}) || '']",
                 api_visibility="private", show_progress="hidden")
        gr.api(ask, api_name="ask")
    app.queue(default_concurrency_limit=settings.web_concurrency)
    return app

