"""The public chat page (Gradio Blocks) and its one public API endpoint, `/ask`."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

import gradio as gr

from ..engine import AnswerEngine
from ..answer_log import AnswerLog
from ..messages import load_messages
from ..settings import Settings
from .render import conversation_html, our_wording

log = logging.getLogger(__name__)

STYLE = Path(__file__).with_name("style.css")
MAX_HISTORY = 10  # earlier turns a follow-up can lean on


def build_app(settings: Settings, engine: AnswerEngine, answer_log: AnswerLog | None = None) -> gr.Blocks:
    """The public page; every answer it gives is stored in ``answer_log`` when there is one."""
    messages = load_messages(settings.messages_file)

    def answered(question: str, history: list, conversation_id: str) -> dict:
        result = engine.answer(question, history).to_dict()
        if answer_log is not None:
            try:
                answer_log.record(result, conversation_id)
            except Exception:  # the person still gets the answer; staff see the error in the log
                log.exception("could not store an answer in the answer log")
        return result

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
        return answered("" if question is None else question, history, uuid.uuid4().hex)

    def submit(question: str, state: dict | None):
        # the conversation: a random id (never an IP address or cookie) and its turns
        state = {"id": (state or {}).get("id") or uuid.uuid4().hex, "turns": list((state or {}).get("turns", []))}
        turns = state["turns"]
        question = question or ""
        yield gr.update(), conversation_html(turns, engine.retriever.index.documents, pending=question), state
        history = [{"question": t["question"], "citations": t["answer"]["citations"]} for t in turns[-MAX_HISTORY:]]
        result = answered(question, history, state["id"])
        turns.append({"question": result["question"], "answer": result})
        # A rejected question stays in the box so nothing typed is lost.
        yield (question if result["status"] == "rejected" else ""), conversation_html(turns, engine.retriever.index.documents), state

    def new_conversation():
        return "", conversation_html([], engine.retriever.index.documents), {}

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
        question = gr.Textbox(label="Your question", placeholder="For example: what did the inspectors find?",
                              max_length=settings.max_question_chars, lines=1, elem_id="question")
        with gr.Row():
            send = gr.Button("Ask", variant="primary", elem_id="ask")
            new = gr.Button("New conversation", variant="secondary", elem_id="new-conversation")
        gr.HTML("<p class='starters-label'>Suggested questions:</p>", js_on_load=None)
        with gr.Row():
            starters = [gr.Button(text, size="sm", variant="secondary") for text in settings.starter_questions]

        outputs = [question, conversation, turns]
        for event in (question.submit, send.click):
            event(submit, [question, turns], outputs, api_visibility="private", show_progress="hidden")
        new.click(new_conversation, None, outputs, api_visibility="private")
        for button, text in zip(starters, settings.starter_questions):
            button.click(lambda text=text: text, None, question, api_visibility="private").then(
                submit, [question, turns], outputs, api_visibility="private", show_progress="hidden")
        gr.api(ask, api_name="ask")
    app.queue(default_concurrency_limit=settings.web_concurrency)
    return app

