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
        steps: int = 3000) -> LinearModel:
    """A logistic model of ``labels`` from ``rows``, L2-regularised (small sets over-fit otherwise), classes balanced."""
    x = np.array([[float(r[f]) for f in features] for r in rows], dtype=float)
    y = np.array(labels, dtype=float)
    if len(set(labels)) < 2:
        raise ValueError("Calibration needs examples of both outcomes (answered and declined, quoted and not).")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    # balanced classes: each class weighs as much in total as the other
    sample = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) / len(y)
    w, b = np.zeros(len(features)), 0.0
    # no longer a step than the curvature allows: on a few rows, strong regularisation otherwise overshoots and diverges
    rate = min(0.5, 1.0 / (0.25 * np.linalg.eigvalsh((z * sample[:, None]).T @ z).max() + l2 / len(y)))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(z @ w + b)))
        error = (p - y) * sample
        w -= rate * (z.T @ error + l2 * w / len(y))
        b -= rate * error.sum()
    return LinearModel(features, w.tolist(), float(b), mean.tolist(), scale.tolist())


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
