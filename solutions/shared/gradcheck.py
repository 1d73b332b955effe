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
    ### BEGIN SOLUTION p02.t1
    _check_step(h)
    work = _workspace(x)
    grad = np.zeros(work.shape, dtype=np.float64)
    for index in np.ndindex(work.shape):
        original = work[index]
        try:
            work[index] = original + h
            f_plus = _scalar(f(work), index, "+")
            work[index] = original - h
            f_minus = _scalar(f(work), index, "-")
        finally:
            work[index] = original  # exact restore: no drift from (x + h) - h
        grad[index] = (f_plus - f_minus) / (2.0 * h)
    return grad
    ### END SOLUTION


def max_relative_error(a: np.ndarray, b: np.ndarray, floor: float = 1e-8) -> float:
    """Largest elementwise relative difference ``|a - b| / max(|a|, |b|, floor)``.

    Inputs: a, b of the same shape (any); floor > 0 keeps entries that are both near zero
    from dividing by zero. Returns a float in [0, 2] for finite inputs (0 for empty
    arrays) and inf when either input holds a NaN or inf.
    Raises ValueError naming both shapes when they differ.
    """
    ### BEGIN SOLUTION p02.t1
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"max_relative_error: shapes {a.shape} and {b.shape} differ")
    if a.size == 0:
        return 0.0
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return float("inf")  # a NaN must never read as "close enough"
    scale = np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)
    return float(np.max(np.abs(a - b) / scale))
    ### END SOLUTION


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
    ### BEGIN SOLUTION p02.t1
    analytic = np.asarray(analytic, dtype=np.float64)
    x_shape = np.shape(x)
    if analytic.shape != x_shape:
        raise ValueError(
            f"gradcheck: analytic gradient has shape {analytic.shape}, "
            f"expected the shape of x {x_shape}"
        )
    numeric = numerical_gradient(f, x, h=h)
    error = max_relative_error(analytic, numeric)
    if error <= tol:
        return error
    if not np.all(np.isfinite(analytic)):
        worst = np.unravel_index(int(np.argmin(np.isfinite(analytic))), x_shape)
    else:
        scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), 1e-8)
        worst = np.unravel_index(int(np.argmax(np.abs(analytic - numeric) / scale)), x_shape)
    worst = tuple(int(i) for i in worst)
    raise GradcheckError(
        f"gradient check failed at index {worst}: analytic {analytic[worst]:.8g}, "
        f"numerical {numeric[worst]:.8g}, relative error {error:.3g} > tolerance {tol:.3g}"
    )
    ### END SOLUTION
