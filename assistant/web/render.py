"""HTML for the public chat, built only from escaped text.

Every string that comes from a document or a person passes through ``html.escape``
before any markup is added around it, so nothing they write can become markup or script.
Our own fixed wording (messages.yaml) may use **bold** and "- " bullets, applied after
escaping; helpline numbers in it become tap-to-call links. A source's own markdown emphasis
(``**``) is removed, never rendered.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

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
    return _call_links(re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped))


# UK helplines as our wording writes them: 999, 101, 111, 116 123, 0808 800 5000, 0800 1111 …
_HELPLINE = re.compile(r"(?<![\w.,£-])(999|101|111|116 ?\d{3}|0[38]0\d(?: ?\d{3} ?\d{4}| ?\d{4}))(?![\w%-]|[.,]\d)")


def _call_links(escaped: str) -> str:
    return _HELPLINE.sub(lambda m: f"<a class='tel' href='tel:{m[1].replace(' ', '')}'>{m[1]}</a>", escaped)


def _unmarked(escaped: str) -> str:
    """A source's markdown emphasis (**bold**) removed: shown as plain text, never as markup."""
    return escaped.replace("**", "")


def _marked(text: str, offset: int, ranges: list[list[int]]) -> str:
    """``text`` (which starts at ``offset`` in its document) escaped, with ``ranges`` in <mark>."""
    out, cursor = [], 0
    for start, end in sorted((max(s - offset, 0), min(e - offset, len(text))) for s, e in ranges):
        if end <= cursor or start >= len(text):
            continue
        start = max(start, cursor)
        out += [_unmarked(esc(text[cursor:start])), "<mark>", _unmarked(esc(text[start:end])), "</mark>"]
        cursor = end
    out.append(_unmarked(esc(text[cursor:])))
    return "".join(out)


def _who(citation: dict, publisher: str = "") -> list[str]:
    """Who said it and when, as plain text parts: speaker, kind, publisher, dates."""
    parts = [citation.get("speaker") or "", citation.get("kind") or ""]
    if publisher and publisher != parts[0]:
        parts.append(publisher)
    said = human_date(citation.get("speaker_date") or "")
    dated = human_date(citation.get("date") or "") or "undated"
    parts.append(f"said {said}; document dated {dated}" if said and said != dated else dated)
    return [p for p in parts if p]


def _web_address(document) -> str:
    """The document's own address from its metadata, only when it is a plain http(s) one."""
    url = getattr(document, "url", "") or ""
    address = urlsplit(url)
    return url if address.scheme in ("http", "https") and address.netloc else ""


def _original(url: str) -> str:
    if not url:
        return ""
    return (f"<p class='original'><a href='{esc(url)}' rel='noopener noreferrer' target='_blank'>"
            f"Read the original on {esc(urlsplit(url).netloc)}<span class='visually-hidden'> (opens in a new tab)</span></a></p>")


def source_card(turn: int, citation: dict, document, heading: str, staff: bool = False) -> str:
    """One source: title, who and when, the passage with the quoted sentences marked, a link to the
    original, and the document around it. Staff also see the file and the character offsets."""
    n = citation["n"]
    anchor = f"source-{turn}-{heading}-{n}"
    highlights = citation.get("highlights") or []
    passage = _marked(citation["text"], citation["start"], highlights)
    whole = ""
    if document is not None:
        low = max(0, citation["start"] - DOCUMENT_WINDOW)
        high = min(len(document.text), citation["end"] + DOCUMENT_WINDOW)
        window = document.text[low:high]
        note = "" if (low, high) == (0, len(document.text)) else \
            "<p class='note'>Showing the part of the document around the passage.</p>"
        body = _marked(window, low, [[citation["start"], citation["end"]]])
        whole = (f"<details class='document'><summary>Read the whole document</summary>{note}"
                 f"<div class='document-text' tabindex='0' role='region' aria-label='Document text'>{body}</div></details>")
    where = (f"<p class='source-file'>{esc(citation['source'])}, characters {citation['start']}–{citation['end']}</p>"
             if staff else "")
    return (
        f"<details class='source' id='{anchor}'>"
        f"<summary><span class='source-number'>[{n}]</span> {esc(citation['title'])}"
        f"<span class='source-meta'>{' · '.join(esc(p) for p in _who(citation, getattr(document, 'publisher', '')))}</span></summary>"
        f"<blockquote class='passage'>{passage}</blockquote>"
        f"{_original(_web_address(document))}{where}{whole}</details>"
    )


def copy_text(answer: dict, documents: dict) -> str:
    """The answer as plain text with its sources listed, for the copy button."""
    lines = [re.sub(r"\s+", " ", answer["answer"].replace("**", "")).strip(), ""]
    for citation in answer.get("citations") or []:
        document = documents.get(citation["source"])
        url = _web_address(document)
        who = " · ".join(_who(citation, getattr(document, "publisher", "")))
        lines.append(f"[{citation['n']}] {citation['title']} — {who}" + (f" — {url}" if url else ""))
    return "\n".join(lines).strip()


def _actions(turn: int, answer: dict, documents: dict, log_id: int | None, conversation: str) -> str:
    """Copy the answer with its sources; say whether it helped (with an optional reason)."""
    copy = (f"<button type='button' class='copy-answer' data-copy='{esc(copy_text(answer, documents))}'>"
            "Copy answer and sources</button><span class='copy-status' role='status'></span>")
    feedback = ""
    if log_id is not None and answer["status"] in ("answered", "unanswerable"):
        feedback = (f"<form class='feedback' data-answer='{int(log_id)}' data-conversation='{esc(conversation)}'>"
                    "<fieldset><legend>Was this answer helpful?</legend>"
                    f"<label for='reason-{turn}'>What was wrong or missing? (optional, do not include personal details)</label>"
                    f"<textarea id='reason-{turn}' name='reason' rows='2' maxlength='500'></textarea>"
                    "<div class='feedback-buttons'><button type='submit' value='helpful'>Yes, it helped</button>"
                    "<button type='submit' value='not_helpful'>No, it did not</button></div></fieldset>"
                    "<p class='feedback-status' role='status'></p></form>")
    return f"<div class='answer-actions'>{copy}{feedback}</div>"


def answer_html(turn: int, answer: dict, documents: dict, staff: bool = False, log_id: int | None = None,
                conversation: str = "") -> str:
    """One answer as the public sees it (with copy and feedback), or as staff see it (with files and offsets)."""
    status = answer["status"]
    label = STATUS_TABLE[status].label if status in STATUS_TABLE else status
    role = " role='alert'" if status == "signposted" else ""
    notices = "".join(f"<p class='notice'>{esc(n)}</p>" for n in answer.get("notices") or [])
    understood = ""
    if answer.get("rewritten_question") and answer["rewritten_question"] != answer["question"]:
        understood = f"<p class='understood'>I took this to mean: {esc(answer['rewritten_question'])}</p>"
    if status == "answered":
        body = "".join(f"<p>{_citation_links(_unmarked(esc(p)), turn)}</p>" for p in answer["answer"].split("\n\n"))
    else:
        body = our_wording(answer["answer"])
    sections = []
    for key, heading in (("citations", "Sources"), ("related", "Related reading (not an answer)")):
        items = answer.get(key) or []
        if items:
            cards = "".join(source_card(turn, c, documents.get(c["source"]), key, staff) for c in items)
            sections.append(f"<section class='sources' aria-label='{esc(heading)}'><h3>{esc(heading)}</h3>{cards}</section>")
    actions = "" if staff else _actions(turn, answer, documents, log_id, conversation)
    return (f"<article class='answer status-{esc(status)}'{role} aria-label='{esc(label)}'>"
            f"<p class='status-label'>{esc(label)}</p>{notices}{understood}{body}{''.join(sections)}{actions}</article>")


def _citation_links(escaped: str, turn: int) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"<a class='cite' href='#source-{turn}-citations-{m[1]}'>[{m[1]}]</a>", escaped)


def conversation_html(turns: list[dict], documents: dict, pending: str | None = None, conversation: str = "",
                      hint: str = "") -> str:
    """The whole conversation; ``pending`` is a question still being answered, ``hint`` a word about the box."""
    parts = []
    for number, turn in enumerate(turns, start=1):
        parts.append(f"<div class='turn' id='turn-{number}'><p class='question'><span class='visually-hidden'>You asked: </span>"
                     f"{esc(turn['question'])}</p>"
                     f"{answer_html(number, turn['answer'], documents, log_id=turn.get('log_id'), conversation=conversation)}</div>")
    if pending is not None:
        parts.append(f"<div class='turn' aria-busy='true'><p class='question'><span class='visually-hidden'>You asked: </span>{esc(pending)}</p>"
                     "<p class='working' role='status'>Searching the documents…</p></div>")
    if not parts:
        parts.append("<p class='empty'>Ask a question below, or choose one of the suggestions.</p>")
    if hint:
        parts.append(f"<p class='hint' role='alert'>{esc(hint)}</p>")
    return "<div class='conversation'>" + "".join(parts) + "</div>"
