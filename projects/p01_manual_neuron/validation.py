"""Input checks shared by the perceptron and the geometry functions.

A model that quietly accepts a transposed matrix, a NaN or a label 2 produces a wrong
answer far from the mistake. These two functions stop bad input at the door with a
message that names the function that was called, what it expected and what it got.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def as_samples(X: ArrayLike, caller: str, n_features: int | None = None) -> np.ndarray:
    """``X`` as a float64 (N, D) array of samples, one per row, or a ValueError.

    Inputs:
        X: array-like (N, D), N >= 1 rows, every value finite.
        caller: the public function's name, which starts every error message.
        n_features: the required D, or None to accept any D >= 1.
    Returns: float64 array (N, D).
    Raises ValueError (message starts with ``caller``) when X is not numeric, not 2-D
    (a single sample must be passed as one row, ``x.reshape(1, -1)``), has no rows,
    has the wrong number of columns, or holds NaN or inf.

    *Numeric* means what ``np.asarray(X, dtype=np.float64)`` accepts: bools (as 0/1),
    integers, floats, and strings that spell a number (``"1.5"``); anything it refuses
    (``"a"``, ``None``, ragged lists) is a ValueError naming ``caller``, never a
    TypeError. The checks run in this order, and the first that fails is reported:
    numeric; 2-D; at least one row (say "empty"); the number of columns (D >= 1, and
    D = ``n_features`` when given: name the expected ``(N, D)`` and the given shape);
    finite (say which value, NaN or inf, and where). So an empty 1-D input ``[]`` is
    reported as not 2-D (shape ``(0,)``), and ``np.empty((0, 2))`` as empty.
    """
    raise NotImplementedError('P01 Task 1 · as_samples (projects/p01_manual_neuron/validation.py) — see projects/p01_manual_neuron/README.md#task-1')


def as_labels(y: ArrayLike, n_samples: int, caller: str) -> np.ndarray:
    """``y`` as an int64 (N,) array of 0/1 labels, or a ValueError.

    Inputs:
        y: array-like (N,), every value 0 or 1 (ints, bools or floats 0.0 / 1.0).
        n_samples: N, the number of rows of the matching X.
        caller: the public function's name, which starts every error message.
    Returns: int64 array (N,) with values in {0, 1}.
    Raises ValueError (never TypeError: everything about the data is a value error) when
    y is not 1-D of length N (the message names the expected and the given shape), or
    holds any value other than 0 and 1 (the message lists the offending labels). NaN is
    such a value, and so are -1/+1 labels: only 0 and 1 are accepted.
    """
    raise NotImplementedError('P01 Task 3 · as_labels (projects/p01_manual_neuron/validation.py) — see projects/p01_manual_neuron/README.md#task-3')
