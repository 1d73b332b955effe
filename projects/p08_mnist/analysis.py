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

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


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
    raise NotImplementedError('P08 Task 6 · confident_mistakes (projects/p08_mnist/analysis.py) — see projects/p08_mnist/README.md#task-6')


def most_confused(cm: np.ndarray, k: int = 5) -> list[tuple[int, int, int]]:
    """The k largest off-diagonal cells of a confusion matrix.

    Inputs: cm (C, C) counts, rows true classes, columns predicted ones; k >= 1.
    Returns: up to k triples (true class, predicted class, count) with count > 0,
    largest count first, ties in row-major order.
    Raises ValueError when cm is not square (naming its shape).
    """
    raise NotImplementedError('P08 Task 6 · most_confused (projects/p08_mnist/analysis.py) — see projects/p08_mnist/README.md#task-6')


def weight_images(weight: np.ndarray, side: int = 28) -> np.ndarray:
    """Each row of a first-layer weight matrix as a side × side image, scaled to [-1, 1].

    Inputs: weight (H, side·side), a Linear layer's (out, in) weights.
    Returns: (H, side, side) float64; image h is row h reshaped row-major and divided by
    its largest |weight|, so positive weights (ink there excites the unit) and negative
    ones compare across units. An all-zero row stays zero.
    Raises ValueError when a row does not hold side·side weights.
    """
    raise NotImplementedError('P08 Task 6 · weight_images (projects/p08_mnist/analysis.py) — see projects/p08_mnist/README.md#task-6')
