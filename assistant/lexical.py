"""BM25 over the chunks (bm25s), persisted beside the dense index and rebuilt with it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def _tokenize(texts: Sequence[str]):
    import bm25s

    return bm25s.tokenize(list(texts), stopwords="en", stemmer=_stemmer(), show_progress=False, return_ids=False)


class LexicalIndex:
    """BM25 scores for a query, by chunk row."""

    def __init__(self, retriever, size: int):
        self.retriever = retriever
        self.size = size

    @classmethod
    def build(cls, texts: Sequence[str]) -> "LexicalIndex":
        import bm25s

        retriever = bm25s.BM25(k1=0.9, b=0.4)
        if texts:
            retriever.index(_tokenize(texts), show_progress=False)
        return cls(retriever, len(texts))

    def save(self, folder: Path) -> None:
        if self.size:
            self.retriever.save(str(folder))
        else:
            folder.mkdir(parents=True, exist_ok=True)

    @classmethod
    def load(cls, folder: Path, size: int) -> "LexicalIndex":
        import bm25s

        retriever = bm25s.BM25.load(str(folder)) if size else bm25s.BM25()
        return cls(retriever, size)

    def search(self, query: str, n: int) -> list[tuple[int, float]]:
        """(row, score) pairs, best first; empty when no query word is in the corpus."""
        if not self.size:
            return []
        tokens = [t for t in _tokenize([query])[0] if t in self.retriever.vocab_dict]
        if not tokens:
            return []
        scores = self.retriever.get_scores(tokens)
        n = min(n, self.size)
        rows = np.argpartition(-scores, n - 1)[:n]
        rows = rows[np.argsort(-scores[rows])]
        return [(int(r), float(scores[r])) for r in rows if scores[r] > 0]
