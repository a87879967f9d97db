"""The public web chat (minimal: the best passages for a question, as plain text)."""

from __future__ import annotations

import gradio as gr

from .retrieval import Retriever
from .settings import Settings


def build_app(settings: Settings) -> gr.Blocks:
    retriever = Retriever.from_settings(settings)

    def respond(question: str, history: list) -> tuple[str, list]:
        passages = retriever.search(question)
        lines = [f"[{n}] {p.title} ({p.date}): {' '.join(p.text.split())}" for n, p in enumerate(passages, 1)]
        return "", history + [{"role": "user", "content": question}, {"role": "assistant", "content": "\n\n".join(lines)}]

    with gr.Blocks(title="Police accountability assistant") as app:
        gr.Markdown("# Police accountability assistant")
        chat = gr.Chatbot(label="Conversation", sanitize_html=True)
        box = gr.Textbox(label="Your question", max_length=1000)
        box.submit(respond, [box, chat], [box, chat], api_name="ask")
    return app
