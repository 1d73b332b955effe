"""Looking inside the trained classifier: its mistakes, its confusions, its first layer.

- ``confident_mistakes``: the misclassified test digits the model was surest about (the
  most telling ones: a mislabelled digit, or a real blind spot).
- ``most_confused``: the off-diagonal cells of the confusion matrix, largest first
  ("4 read as 9: 11 times" for the reference run).
- ``weight_images``: each first-layer unit's 784 weights laid back on the 28 × 28 grid,
  the pattern of ink that excites it most.
"""

from __future__ import annotations

import numpy as np

from shared.functional import softmax
from shared.tensor import Tensor, no_grad


def confident_mistakes(
    y_true: np.ndarray, logits: np.ndarray, k: int = 25
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The k misclassified samples with the highest predicted probability.

    Inputs: y_true (N,) int labels; logits (N, C) scores; k >= 1.
    Returns: (indices, predicted, confidence): (m,) int64 indices into the N samples,
    their predicted labels and the softmax probability of that prediction (computed by
    ``softmax`` in the logits' dtype: float32 logits give float32 confidences, and ties
    are judged at that precision), sorted by confidence, highest first (ties: lower index
    first); m = min(k, number of mistakes).
    Raises ValueError for shapes that do not match (naming both) or k < 1.
    """
    ### BEGIN SOLUTION t6
    y_true = np.asarray(y_true)
    logits = np.asarray(logits)
    if logits.ndim != 2 or y_true.shape != (logits.shape[0],):
        raise ValueError(
            f"confident_mistakes: expected labels (N,) and logits (N, C), got shapes "
            f"{y_true.shape} and {logits.shape}"
        )
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or k < 1:
        raise ValueError(f"confident_mistakes: k must be a positive int, got {k!r}")
    with no_grad():
        probs = softmax(Tensor(logits), axis=1).data
    predicted = np.argmax(probs, axis=1)
    confidence = probs[np.arange(len(probs)), predicted]
    wrong = np.flatnonzero(predicted != y_true)
    # A stable sort on -confidence keeps equal confidences in index order.
    order = wrong[np.argsort(-confidence[wrong], kind="stable")][:k]
    return order.astype(np.int64), predicted[order], confidence[order]
    ### END SOLUTION


def most_confused(cm: np.ndarray, k: int = 5) -> list[tuple[int, int, int]]:
    """The k largest off-diagonal cells of a confusion matrix.

    Inputs: cm (C, C) counts, rows true classes, columns predicted ones; k >= 1.
    Returns: up to k triples (true class, predicted class, count) with count > 0,
    largest count first, ties in row-major order.
    Raises ValueError when cm is not square (naming its shape).
    """
    ### BEGIN SOLUTION t6
    cm = np.asarray(cm)
    if cm.ndim != 2 or cm.shape[0] != cm.shape[1]:
        raise ValueError(f"most_confused: expected a square (C, C) matrix, got shape {cm.shape}")
    off = cm.astype(np.int64).copy()
    np.fill_diagonal(off, 0)
    flat = off.ravel()
    order = np.argsort(-flat, kind="stable")[:k]
    c = cm.shape[0]
    return [(int(i // c), int(i % c), int(flat[i])) for i in order if flat[i] > 0]
    ### END SOLUTION


def weight_images(weight: np.ndarray, side: int = 28) -> np.ndarray:
    """Each row of a first-layer weight matrix as a side × side image, scaled to [-1, 1].

    Inputs: weight (H, side·side), a Linear layer's (out, in) weights.
    Returns: (H, side, side) float64; image h is row h reshaped row-major and divided by
    its largest |weight|, so positive weights (ink there excites the unit) and negative
    ones compare across units. An all-zero row stays zero.
    Raises ValueError when a row does not hold side·side weights.
    """
    ### BEGIN SOLUTION t6
    weight = np.asarray(getattr(weight, "data", weight), dtype=np.float64)
    if weight.ndim != 2 or weight.shape[1] != side * side:
        raise ValueError(
            f"weight_images: expected weights of shape (H, {side * side}), got {weight.shape}"
        )
    scale = np.max(np.abs(weight), axis=1, keepdims=True)
    scaled = weight / np.where(scale > 0, scale, 1.0)
    return scaled.reshape(-1, side, side)
    ### END SOLUTION
