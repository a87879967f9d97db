"""Sentence-aware chunks with character offsets, never longer than the model's limit.

Chunks never cross a section, so every chunk has one speaker. Sentences are packed
greedily up to ``max_tokens`` word pieces; a single sentence longer than that is cut at
word boundaries. Offsets index the document text, so ``text[start:end]`` is the chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from .documents import Document, Section

CHUNKER_VERSION = 6  # 3: an initial ("T. Hale") does not end a sentence; 4: "Police officers: 1,720" is a figure, not a field;
# 5: "Response from the Office of the … Commissioner: " opening a line is not quoted; 6: a dot leader does not end a
# sentence ("Responding to fires ........ Good")

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "no", "cllr", "supt", "insp", "sgt", "det", "e.g", "i.e", "etc", "vs", "co", "ltd"}
# A sentence ends at . ! or ? (plus closing quotes, brackets or markdown emphasis) before
# whitespace and a capital, digit or opening quote; a line break always ends one.
_END = re.compile(r"[.!?]+[”’\"'\)\]\*_]*(?=\s+[“‘\"'\(\[\*_]*[A-Z0-9])")
_LINE = re.compile(r"\n")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text[start:end]``, whitespace trimmed."""
    end = len(text) if end is None else end
    cuts = {m.end() for m in _LINE.finditer(text, start, end)}
    for match in _END.finditer(text, start, end):
        word = re.search(r"([\w.]+)$", text[max(start, match.start() - 12):match.start()])
        # … not after an abbreviation ("Cllr."), nor an initial ("Mr T. Hale", "Ms R. Okoye")
        if match.group().startswith(".") and word and (word.group(1).lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", word.group(1))):
            continue
        if re.match(r"\.{3,}[ \t]", text[match.start():match.start() + 20]):
            continue  # … nor a row's dot leader ("Responding to fires ........ Good")
        cuts.add(match.end())
    spans = []
    previous = start
    for cut in sorted(cuts) + [end]:
        piece = text[previous:cut]
        stripped = piece.strip()
        if stripped:
            left = previous + (len(piece) - len(piece.lstrip()))
            spans.append((left, left + len(stripped)))
        previous = cut
    return spans


@dataclass
class Chunk:
    document_id: str
    index: int
    start: int
    end: int


# Returns, for each text, the (start, end) character offsets of its word pieces.
TokenOffsets = Callable[[Sequence[str]], list[list[tuple[int, int]]]]


def _cut_long(span: tuple[int, int], offsets: list[tuple[int, int]], text: str, max_tokens: int) -> list[tuple[int, int]]:
    """Split one over-long sentence into pieces of at most ``max_tokens`` word pieces."""
    base = span[0]
    pieces = []
    first = 0
    while first < len(offsets):
        last = min(first + max_tokens, len(offsets))
        if last < len(offsets):
            # back off to a token that starts a word, so no word is split
            cut = last
            while cut > first + 1 and not text[base + offsets[cut][0] - 1].isspace():
                cut -= 1
            last = cut if cut > first + 1 else last
        end = offsets[last][0] if last < len(offsets) else span[1] - base
        pieces.append((base + offsets[first][0], base + end))
        first = last
    return [(s, s + len(text[s:e].rstrip())) for s, e in pieces if text[s:e].strip()]


def context_prefix(document: Document, section: Section) -> str:
    """What a chunk is embedded and indexed with, so that it can be found by who said it."""
    if not section.speaker:
        return ""
    return f"{section.speaker} ({section.label}): " if section.label else f"{section.speaker}: "


def embedding_text(document: Document, chunk) -> str:
    """The text embedded and BM25-indexed for a chunk (anything with ``start`` and ``end``)."""
    return context_prefix(document, document.section_at(chunk.start)) + document.text[chunk.start:chunk.end]


def chunk_document(document: Document, token_offsets: TokenOffsets, max_tokens: int) -> list[Chunk]:
    """The document's chunks, in order; each with its context prefix fits in ``max_tokens``."""
    return next(chunk_documents([document], token_offsets, max_tokens))[1]


def chunk_documents(documents: Sequence[Document], token_offsets: TokenOffsets, max_tokens: int,
                    group: int = 64) -> Iterator[tuple[Document, list[Chunk]]]:
    """Each document with its chunks; the sentences of ``group`` documents are tokenized in
    one call (on a big corpus, one call per document costs more than the tokenizing)."""
    for first in range(0, len(documents), group):
        batch = documents[first:first + group]
        spans = [[span for section in d.sections for span in split_sentences(d.text, section.start, section.end)] for d in batch]
        texts = [d.text[s:e] for d, doc_spans in zip(batch, spans) for s, e in doc_spans]
        texts += [context_prefix(d, section) for d in batch for section in d.sections]
        offsets = iter(token_offsets(texts))
        sentence_offsets = [[next(offsets) for _ in doc_spans] for doc_spans in spans]
        for document, doc_spans, doc_offsets in zip(batch, spans, sentence_offsets):
            budgets = {id(s): max_tokens - len(next(offsets)) for s in document.sections}
            yield document, _pack(document, doc_spans, doc_offsets, budgets, max_tokens)


def _pack(document: Document, spans: list[tuple[int, int]], offsets: list[list[tuple[int, int]]],
          budgets: dict[int, int], max_tokens: int) -> list[Chunk]:
    """Sentences packed greedily into chunks within each section's token budget."""
    text = document.text
    chunks: list[Chunk] = []
    current: tuple[int, int] | None = None
    current_tokens = 0
    current_section = None

    def close() -> None:
        nonlocal current, current_tokens
        if current:
            chunks.append(Chunk(document.id, len(chunks), *current))
        current, current_tokens = None, 0

    for span, token_spans in zip(spans, offsets):
        section = document.section_at(span[0])
        if section is not current_section:
            close()
            current_section = section
        budget = budgets.get(id(section), max_tokens)
        if len(token_spans) > budget:
            close()
            for piece in _cut_long(span, token_spans, text, budget):
                chunks.append(Chunk(document.id, len(chunks), *piece))
            continue
        if current and current_tokens + len(token_spans) > budget:
            close()
        current = (current[0] if current else span[0], span[1])
        current_tokens += len(token_spans)
    close()
    return chunks
