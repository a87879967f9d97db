"""BM25 over the chunks (bm25s), persisted beside the dense index and rebuilt with it."""

from __future__ import annotations

import difflib
import math
from functools import lru_cache
from pathlib import Path
from typing import Container, Sequence

import numpy as np


STEM_REACH = 3  # letters an unknown word may run on past an indexed word it begins with, to be taken for a form of it


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

    def terms(self, text: str, keep: Container[str] = ()) -> list[str]:
        """Stemmed content words of ``text``; a misspelt word becomes the closest indexed word, unless it is one of
        ``keep`` (words known to be spelt right, which the corpus writes otherwise: "chase" is not "case")."""
        vocab = self.retriever.vocab_dict if self.size else {}
        return [self._correct(t) if t not in vocab and t not in keep else t for t in _tokenize([text])[0]]

    def _correct(self, term: str) -> str:
        if len(term) < 5 or not self.size:
            return term
        candidates = self._by_initial().get(term[0], [])
        # a form of an indexed word the stemmer cut otherwise ("overspend", indexed as "oversp" from "overspent") is
        # that word, not the nearest by letters ("overseen")
        stems = [c for c in candidates if term.startswith(c) and len(c) >= max(5, len(term) - STEM_REACH)]
        if stems:
            return max(stems, key=len)
        close = difflib.get_close_matches(term, candidates, n=1, cutoff=0.8)
        return close[0] if close else term

    @lru_cache(maxsize=1)
    def _by_initial(self) -> dict[str, list[str]]:
        groups: dict[str, list[str]] = {}
        for word in self.retriever.vocab_dict:
            if len(word) >= 4:
                groups.setdefault(word[0], []).append(word)
        return groups

    def known(self, term: str) -> bool:
        return bool(self.size) and term in self.retriever.vocab_dict

    def idf(self, term: str) -> float:
        """BM25 inverse document frequency of a stemmed term (highest for unseen terms)."""
        column = self.retriever.vocab_dict.get(term) if self.size else None
        pointers = self.retriever.scores["indptr"] if self.size else None
        frequency = int(pointers[column + 1] - pointers[column]) if column is not None else 0
        return math.log(1 + (self.size - frequency + 0.5) / (frequency + 0.5))

    def search(self, query: str, n: int) -> list[tuple[int, float]]:
        """(row, score) pairs, best first; empty when no query word is in the corpus."""
        if not self.size:
            return []
        tokens = [t for t in self.terms(query) if t in self.retriever.vocab_dict]
        if not tokens:
            return []
        scores = self.retriever.get_scores(tokens)
        n = min(n, self.size)
        rows = np.argpartition(-scores, n - 1)[:n]
        rows = rows[np.argsort(-scores[rows])]
        return [(int(r), float(scores[r])) for r in rows if scores[r] > 0]
