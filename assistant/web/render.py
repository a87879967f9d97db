"""HTML for the public chat, built only from escaped text.

Every string that comes from a document or a person passes through ``html.escape``
before any markup is added around it, so nothing they write can become markup or script.
Our own fixed wording (messages.yaml) may use **bold** and "- " bullets, applied after
escaping.
"""

from __future__ import annotations

import html
import re

from ..answer import STATUS_TABLE
from ..documents import human_date

DOCUMENT_WINDOW = 6000  # characters of a long document shown either side of the passage


def esc(text) -> str:
    return html.escape(str(text or ""), quote=True)


def our_wording(text: str) -> str:
    """Our own fixed text: escaped, then **bold**, "- " bullets and paragraphs."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_bold(esc(line[2:]))}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append(f"<p>{_bold(esc(' '.join(lines)))}</p>")
    return "".join(blocks)


def _bold(escaped: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)


def _marked(text: str, offset: int, ranges: list[list[int]]) -> str:
    """``text`` (which starts at ``offset`` in its document) escaped, with ``ranges`` in <mark>."""
    out, cursor = [], 0
    for start, end in sorted((max(s - offset, 0), min(e - offset, len(text))) for s, e in ranges):
        if end <= cursor or start >= len(text):
            continue
        start = max(start, cursor)
        out += [esc(text[cursor:start]), "<mark>", esc(text[start:end]), "</mark>"]
        cursor = end
    out.append(esc(text[cursor:]))
    return "".join(out)


def _who(citation: dict) -> str:
    parts = [citation.get("speaker") or "", citation.get("kind") or ""]
    said = human_date(citation.get("speaker_date") or "")
    dated = human_date(citation.get("date") or "") or "undated"
    parts.append(f"said {said}; document dated {dated}" if said and said != dated else dated)
    return " · ".join(esc(p) for p in parts if p)


def source_card(turn: int, citation: dict, document_text: str | None, heading: str) -> str:
    n = citation["n"]
    anchor = f"source-{turn}-{heading}-{n}"
    highlights = citation.get("highlights") or []
    passage = _marked(citation["text"], citation["start"], highlights)
    whole = ""
    if document_text is not None:
        low = max(0, citation["start"] - DOCUMENT_WINDOW)
        high = min(len(document_text), citation["end"] + DOCUMENT_WINDOW)
        window = document_text[low:high]
        note = "" if (low, high) == (0, len(document_text)) else \
            "<p class='note'>Showing the part of the document around the passage.</p>"
        body = _marked(window, low, [[citation["start"], citation["end"]]])
        whole = (f"<details class='document'><summary>Read the whole document</summary>{note}"
                 f"<div class='document-text'>{body}</div></details>")
    return (
        f"<details class='source' id='{anchor}'>"
        f"<summary><span class='source-number'>[{n}]</span> {esc(citation['title'])}"
        f"<span class='source-meta'>{_who(citation)}</span></summary>"
        f"<blockquote class='passage'>{passage}</blockquote>"
        f"<p class='source-file'>{esc(citation['source'])}, characters {citation['start']}–{citation['end']}</p>"
        f"{whole}</details>"
    )


def answer_html(turn: int, answer: dict, documents: dict) -> str:
    status = answer["status"]
    label = STATUS_TABLE[status].label if status in STATUS_TABLE else status
    role = " role='alert'" if status == "signposted" else ""
    notices = "".join(f"<p class='notice'>{esc(n)}</p>" for n in answer.get("notices") or [])
    understood = ""
    if answer.get("rewritten_question") and answer["rewritten_question"] != answer["question"]:
        understood = f"<p class='understood'>I took this to mean: {esc(answer['rewritten_question'])}</p>"
    if status == "answered":
        body = "".join(f"<p>{_citation_links(esc(p), turn)}</p>" for p in answer["answer"].split("\n\n"))
    else:
        body = our_wording(answer["answer"])
    sections = []
    for key, heading in (("citations", "Sources"), ("related", "Related reading (not an answer)")):
        items = answer.get(key) or []
        if items:
            cards = "".join(source_card(turn, c, _text(documents, c), key) for c in items)
            sections.append(f"<section class='sources' aria-label='{esc(heading)}'><h3>{esc(heading)}</h3>{cards}</section>")
    return (f"<article class='answer status-{esc(status)}'{role} aria-label='{esc(label)}'>"
            f"<p class='status-label'>{esc(label)}</p>{notices}{understood}{body}{''.join(sections)}</article>")


def _text(documents: dict, citation: dict) -> str | None:
    document = documents.get(citation["source"])
    return document.text if document is not None else None


def _citation_links(escaped: str, turn: int) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"<a class='cite' href='#source-{turn}-citations-{m[1]}'>[{m[1]}]</a>", escaped)


def conversation_html(turns: list[dict], documents: dict, pending: str | None = None) -> str:
    """The whole conversation; ``pending`` is a question still being answered."""
    parts = []
    for number, turn in enumerate(turns, start=1):
        parts.append(f"<div class='turn'><p class='question'><span class='visually-hidden'>You asked: </span>{esc(turn['question'])}</p>"
                     f"{answer_html(number, turn['answer'], documents)}</div>")
    if pending is not None:
        parts.append(f"<div class='turn' aria-busy='true'><p class='question'><span class='visually-hidden'>You asked: </span>{esc(pending)}</p>"
                     "<p class='working' role='status'>Searching the documents…</p></div>")
    if not parts:
        parts.append("<p class='empty'>Ask a question below, or choose one of the suggestions.</p>")
    return "<div class='conversation'>" + "".join(parts) + "</div>"
