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
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


class GradcheckError(AssertionError):
    """An analytic gradient disagrees with the numerical one; the message names where."""


def _check_step(h: float) -> None:
    """Given helper: ValueError unless the finite-difference step h is a finite number > 0."""
    if not (isinstance(h, (int, float, np.floating)) and np.isfinite(h) and h > 0):
        raise ValueError(f"numerical_gradient: h must be a positive finite number, got {h!r}")


def _workspace(x: np.ndarray) -> np.ndarray:
    """Given helper: the float64 array that numerical_gradient perturbs, of ``x``'s shape.

    A writeable float64 ndarray is ``x`` itself, perturbed in place (so a function that
    reads the array it closes over sees the nudge too; every entry is restored exactly
    afterwards); anything else is copied to float64, since h = 1e-5 is below float32's grid.
    """
    if isinstance(x, np.ndarray) and x.dtype == np.float64 and x.flags.writeable:
        return x
    return np.array(x, dtype=np.float64)


def _scalar(value: object, index: tuple[int, ...], sign: str) -> float:
    """Given helper: f's value at x ``sign`` h e_index as a float, or a ValueError.

    Raises ValueError when the value is not a scalar (size 1) or is not finite.
    """
    array = np.asarray(value, dtype=np.float64)
    if array.size != 1:
        raise ValueError(
            f"numerical_gradient: f must return a scalar, got an array of shape {array.shape}"
        )
    number = float(array.reshape(()))
    if not np.isfinite(number):
        raise ValueError(
            f"numerical_gradient: f(x {sign} h e_i) is {number} at index "
            f"{index}; the function must be finite near x"
        )
    return number


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

    Raises ValueError for a bad h, a non-scalar f, or a non-finite f value (the given
    ``_check_step`` and ``_scalar`` make these checks).

    The loop is yours, around the given helpers: ``_check_step(h)`` first; ``_workspace(x)``
    gives the array to perturb (a float64 array itself, anything else copied to float64);
    every value of f goes through ``_scalar(f(work), index, sign)``. Restore each perturbed
    entry from a saved copy of its value, not by subtracting h again (x + h - h is not
    always x in floating point), so that x is left exactly as it was.
    """
    raise NotImplementedError('P02 Task 1 · numerical_gradient (shared/gradcheck.py) — see projects/p02_gradient_descent/README.md#task-1')


def max_relative_error(a: np.ndarray, b: np.ndarray, floor: float = 1e-8) -> float:
    """Largest elementwise relative difference ``|a - b| / max(|a|, |b|, floor)``.

    Inputs: a, b of the same shape (any); floor > 0 keeps entries that are both near zero
    from dividing by zero. Returns a float in [0, 2] for finite inputs (0 for empty
    arrays) and inf when either input holds a NaN or inf.
    Raises ValueError naming both shapes when they differ.
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
