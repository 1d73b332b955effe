"""One training loop for every model of the project, and scoring in eval mode.

    optimizer = Adam(model.parameters(), lr=3e-3, weight_decay=1e-4)
    for epoch in range(epochs):
        for Xb, yb in iterate_minibatches(X, y, batch_size, seed=rng):
            optimizer.zero_grad()
            loss = binary_cross_entropy_with_logits(
                model(Xb).reshape(-1), target=yb, pos_weight=pos_weight)
            loss.backward()
            optimizer.step()

The model must output one logit per row, shape (B, 1); the loss wants (B,), so the logits
are reshaped (reshaping the targets to (B, 1) would work too; mixing the two shapes would
be a silent broadcasting bug, which is why the loss refuses different shapes).
"""

from __future__ import annotations

import numpy as np

from shared.data import iterate_minibatches
from shared.functional import binary_cross_entropy_with_logits
from shared.nn import Module
from shared.optim import Adam
from shared.tensor import Tensor, no_grad

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["predict_scores", "train_classifier"]


def train_classifier(
    model: Module,
    X: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int = 10,
    batch_size: int = 512,
    lr: float = 3e-3,
    weight_decay: float = 0.0,
    pos_weight: float | None = None,
    seed: int | np.random.Generator | None = 0,
) -> list[float]:
    """Train ``model`` with Adam on mini-batches of the (weighted) binary cross-entropy.

    Each epoch visits every row once in a new order drawn from one
    ``np.random.default_rng(seed)``; the model is in training mode throughout (Dropout
    active) and left in training mode.

    Inputs: model, mapping (B, D) float32 Tensors to (B, 1) logits; X (N, D) features
        (used as float32); y (N,) 0/1 labels; epochs ≥ 1; batch_size; lr; weight_decay
        (Adam's, added to the gradient); pos_weight (None or > 0) for the loss; seed.
    Returns: history, one float per epoch: the mean of that epoch's batch losses.
    Raises: ValueError when X and y differ in length or epochs < 1 (and the loss's own
        ValueError if the logits stop being finite: lower the learning rate).
    """
    raise NotImplementedError('P06 Task 9 · train_classifier (projects/p06_fraud_mlp/training.py) — see projects/p06_fraud_mlp/README.md#task-9')


def predict_scores(model: Module, X: np.ndarray, *, batch_size: int = 8192) -> np.ndarray:
    """The model's logits for every row, in eval mode (Dropout off) and without a graph.

    The model's previous mode (train or eval) is restored afterwards.

    Inputs: model; X (N, D); batch_size rows per forward pass (bounds the memory).
    Returns: (N,) float64 logits (a higher score = more likely positive).
    """
    raise NotImplementedError('P06 Task 9 · predict_scores (projects/p06_fraud_mlp/training.py) — see projects/p06_fraud_mlp/README.md#task-9')
