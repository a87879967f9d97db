"""Calibrated scores: which sentence answers a question, and whether the chosen evidence answers it.

Two small logistic models over named features (see ``evidence_features`` in compose.py and
``answer_features`` in sufficiency.py), fitted on the *calibration* part of question sets by
``assistant calibrate`` and stored as JSON (``calibration.json`` beside this file, or
ASSISTANT_CALIBRATION_FILE). The held-back *test* part is only ever reported on.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

DEFAULT = Path(__file__).with_name("calibration.json")


@dataclass
class LinearModel:
    """Logistic regression over standardised features: ``p = σ(b + Σ wᵢ (xᵢ - μᵢ) / σᵢ)``."""

    features: list[str]
    weights: list[float]
    bias: float
    mean: list[float]
    scale: list[float]

    def logit(self, values: dict[str, float]) -> float:
        x = [(float(values[f]) - m) / s for f, m, s in zip(self.features, self.mean, self.scale)]
        return self.bias + sum(w * v for w, v in zip(self.weights, x))

    def probability(self, values: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.logit(values)))))

    def to_dict(self) -> dict:
        return {"features": self.features, "weights": [round(w, 5) for w in self.weights], "bias": round(self.bias, 5),
                "mean": [round(m, 5) for m in self.mean], "scale": [round(s, 5) for s in self.scale]}


def fit(rows: list[dict[str, float]], labels: list[bool], features: list[str], l2: float = 1.0,
        steps: int = 3000, groups: list[int] | None = None, listwise: float = 0.0) -> LinearModel:
    """A logistic model of ``labels`` from ``rows``, L2-regularised (small sets over-fit otherwise), classes balanced.

    With ``groups`` (the question each row belongs to) and ``listwise`` > 0, the fit also learns to put a right
    row first among its question's rows (a softmax over them, weighted by ``listwise``): the probability of each
    row alone is not what picks the sentence to quote, its rank among the question's sentences is.
    """
    x = np.array([[float(r[f]) for f in features] for r in rows], dtype=float)
    y = np.array(labels, dtype=float)
    if len(set(labels)) < 2:
        raise ValueError("Calibration needs examples of both outcomes (answered and declined, quoted and not).")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    # balanced classes: each class weighs as much in total as the other
    sample = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) / len(y)
    ranked = _Ranking(z, y, groups) if groups is not None and listwise > 0 else None
    w, b = np.zeros(len(features)), 0.0
    # no longer a step than the curvature allows: on a few rows, strong regularisation otherwise overshoots and diverges
    curvature = 0.25 * np.linalg.eigvalsh((z * sample[:, None]).T @ z).max() + l2 / len(y)
    if ranked:
        curvature += listwise * ranked.curvature
    rate = min(0.5, 1.0 / curvature)
    # the listwise term's curvature bound shortens the step, so the fit takes more of them to settle
    for _ in range(steps if not ranked else 4 * steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        error = (p - y) * sample
        gradient = z.T @ error + l2 * w / len(y)
        if ranked:
            gradient += listwise * ranked.gradient(z @ w)
        w -= rate * gradient
        b -= rate * error.sum()
    return LinearModel(features, w.tolist(), float(b), mean.tolist(), scale.tolist())


class _Ranking:
    """The softmax loss of putting a right row first among its group's rows (groups with a right row), averaged."""

    def __init__(self, z: np.ndarray, y: np.ndarray, groups: list[int]):
        _, index = np.unique(np.asarray(groups), return_inverse=True)
        self.keep = (np.bincount(index, weights=y) > 0)[index]
        self.z, self.y = z[self.keep], y[self.keep]
        _, self.index = np.unique(index[self.keep], return_inverse=True)
        self.count = int(self.index.max()) + 1 if len(self.index) else 0
        # a bound on the loss's curvature: each group's largest squared row length, averaged over the groups
        longest = np.zeros(max(self.count, 1))
        np.maximum.at(longest, self.index, (self.z ** 2).sum(axis=1))
        self.curvature = float(longest.mean()) if self.count else 0.0

    def __bool__(self) -> bool:
        return self.count > 0

    def gradient(self, scores: np.ndarray) -> np.ndarray:
        s = scores[self.keep]
        top = np.full(self.count, -np.inf)
        np.maximum.at(top, self.index, s)
        e = np.exp(s - top[self.index])
        p = e / np.bincount(self.index, weights=e)[self.index]  # softmax over each group's rows
        right = p * self.y
        q = right / np.bincount(self.index, weights=right)[self.index]  # the same, over its right rows only
        return self.z.T @ (p - q) / self.count


@dataclass
class Calibration:
    """What ``assistant calibrate`` writes: the two models and the answer threshold."""

    evidence: LinearModel  # P(a sentence states what the question asks)
    answer: LinearModel  # P(the chosen evidence answers the question)
    threshold: float  # an answer stands when ``answer.probability`` is at least this
    fitted_on: dict  # the question sets and parts it was fitted on, for the record

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({"evidence": self.evidence.to_dict(), "answer": self.answer.to_dict(),
                                    "threshold": round(self.threshold, 4), "fitted_on": self.fitted_on}, indent=1) + "\n")


@lru_cache(maxsize=4)
def load_calibration(path: Path | None = None) -> Calibration:
    source = path or DEFAULT
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
        return Calibration(LinearModel(**data["evidence"]), LinearModel(**data["answer"]), float(data["threshold"]),
                           data.get("fitted_on", {}))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"Cannot read the calibration file {source}: {exc}. Run `assistant calibrate` "
                         "or unset ASSISTANT_CALIBRATION_FILE.") from None
