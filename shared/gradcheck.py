"""Numerical gradients and gradient checks (P02).

Every analytic gradient written in the course (activations, losses, the autograd ops,
the layers) is checked against the central-difference estimate computed here, in float64:

    df/dx_i  ~  (f(x + h e_i) - f(x - h e_i)) / (2 h)          error O(h^2)

The relative error ``|a - b| / max(|a|, |b|, floor)`` is scale-free, so one tolerance
serves gradients of size 1e-3 and 1e3 alike.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own go between these two lines: the grader keeps
# them. Everything else outside the stubs you fill is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


class GradcheckError(AssertionError):
    """An analytic gradient disagrees with the numerical one; the message names where."""


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5
) -> np.ndarray:
    """Central-difference gradient of a scalar function, one entry at a time.

    Inputs:
      f: maps an array shaped like ``x`` to a scalar (a float or a size-1 array).
         f is called with the perturbed array; it must compute from its argument.
      x: (any shape) the point; any dtype, contiguous or not (a transposed or sliced
         view works). It is left unchanged.
      h: the step, > 0.
    Returns:
      grad: float64 array of ``x.shape``, grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2h).

    Raises ValueError for a bad h, a non-scalar f, or a non-finite f value.
    """
    raise NotImplementedError('P02 Task 1 · numerical_gradient (shared/gradcheck.py) — see projects/p02_gradient_descent/README.md#task-1')


def max_relative_error(a: np.ndarray, b: np.ndarray, floor: float = 1e-8) -> float:
    """Largest elementwise relative difference ``|a - b| / max(|a|, |b|, floor)``.

    Inputs: a, b of the same shape (any); floor > 0 keeps entries that are both near zero
    from dividing by zero. Returns a float in [0, 2] for finite inputs (0 for empty
    arrays) and inf when either input holds a NaN or inf.
    Raises ValueError when the shapes differ.
    """
    raise NotImplementedError('P02 Task 1 · max_relative_error (shared/gradcheck.py) — see projects/p02_gradient_descent/README.md#task-1')


def gradcheck(
    f: Callable[[np.ndarray], float],
    x: np.ndarray,
    analytic: np.ndarray,
    *,
    h: float = 1e-5,
    tol: float = 1e-6,
) -> float:
    """Compare an analytic gradient of ``f`` at ``x`` with the central-difference one.

    Inputs: f and x as for :func:`numerical_gradient`; analytic: array of ``x.shape``.
    Returns the max relative error when it is <= tol.
    Raises GradcheckError naming the worst index, the analytic and numerical values there,
    the error and the tolerance when the error is larger; ValueError on a shape mismatch.
    """
    raise NotImplementedError('P02 Task 1 · gradcheck (shared/gradcheck.py) — see projects/p02_gradient_descent/README.md#task-1')
