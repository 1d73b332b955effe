"""Two-dimensional test functions and their analytic gradients.

Every function takes points ``p`` of shape ``(..., 2)`` (one point ``(2,)``, a list of
points ``(N, 2)``, or a whole grid ``(H, W, 2)`` for a contour plot) and works on the last
axis, so the same code evaluates one step of a descent and a full landscape:

    f(p):    (..., 2) -> (...)        grad(p): (..., 2) -> (..., 2)

The landscapes, and what each one teaches:

- quadratic bowl  f = 1/2 p^T A p          the model of every minimum; its eigenvalues set
                                             the largest stable learning rate 2 / lambda_max
- Rosenbrock      f = (a - x)^2 + b (y - x^2)^2   a curved, narrow valley (minimum (a, a^2))
- Himmelblau      f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2   four minima, all with f = 0
- saddle          f = x^2 - y^2             a stationary point that is not a minimum
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

#: The four minima of Himmelblau's function (f = 0 at each), to 15 significant digits.
HIMMELBLAU_MINIMA: tuple[tuple[float, float], ...] = (
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.283185991286170),
    (3.584428340330492, -1.848126526964404),
)


def as_points(p: np.ndarray, name: str) -> np.ndarray:
    """Given helper: ``p`` as a float64 array whose last axis has length 2.

    Raises ValueError naming the function and the shape it was given otherwise.
    """
    arr = np.asarray(p, dtype=np.float64)
    if arr.ndim == 0 or arr.shape[-1] != 2:
        raise ValueError(f"{name}: expected points of shape (..., 2), got shape {arr.shape}")
    return arr


# ================================================================ the quadratic bowl


def bowl_matrix(condition: float, lambda_max: float = 1.0, angle: float = np.pi / 6) -> np.ndarray:
    """A symmetric positive-definite 2x2 matrix with a chosen spectrum and orientation.

        A = R(angle) diag(lambda_max, lambda_max / condition) R(angle)^T

    where R is the rotation by ``angle`` radians, so the steep axis of the bowl points
    along (cos angle, sin angle) instead of a coordinate axis.

    Inputs: condition >= 1 (lambda_max / lambda_min), lambda_max > 0.
    Returns: A (2, 2) float64, exactly symmetric (A == A.T), eigenvalues lambda_max and
      lambda_max / condition.
    Raises ValueError for condition < 1 or lambda_max <= 0.
    """
    raise NotImplementedError('P02 Task 2 · bowl_matrix (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


def quadratic(p: np.ndarray, A: np.ndarray) -> np.ndarray:
    """f(p) = 1/2 p^T A p.   p: (..., 2), A: (2, 2)  ->  (...)."""
    raise NotImplementedError('P02 Task 2 · quadratic (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


def quadratic_grad(p: np.ndarray, A: np.ndarray) -> np.ndarray:
    """grad f(p) = 1/2 (A + A^T) p  (= A p for a symmetric A).   (..., 2) -> (..., 2)."""
    raise NotImplementedError('P02 Task 2 · quadratic_grad (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


def quadratic_hessian(A: np.ndarray) -> np.ndarray:
    """Hessian of 1/2 p^T A p: the symmetric part (A + A^T) / 2, constant in p.  (2, 2)."""
    A = np.asarray(A, dtype=np.float64)
    return (A + A.T) / 2.0


def lambda_max(A: np.ndarray) -> float:
    """Largest eigenvalue of the symmetric part of A (the bowl's steepest curvature)."""
    return float(np.linalg.eigvalsh(quadratic_hessian(A))[-1])


# ==================================================================== Rosenbrock


def rosenbrock(p: np.ndarray, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """f(x, y) = (a - x)^2 + b (y - x^2)^2; minimum 0 at (a, a^2).   (..., 2) -> (...)."""
    raise NotImplementedError('P02 Task 2 · rosenbrock (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


def rosenbrock_grad(p: np.ndarray, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    """(df/dx, df/dy) = (-2 (a - x) - 4 b x (y - x^2),  2 b (y - x^2)).   (..., 2) -> (..., 2)."""
    raise NotImplementedError('P02 Task 2 · rosenbrock_grad (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


# ==================================================================== Himmelblau


def himmelblau(p: np.ndarray) -> np.ndarray:
    """f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2; four minima with f = 0.  (..., 2) -> (...)."""
    raise NotImplementedError('P02 Task 2 · himmelblau (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


def himmelblau_grad(p: np.ndarray) -> np.ndarray:
    """With u = x^2 + y - 11 and w = x + y^2 - 7:  grad f = (4 x u + 2 w,  2 u + 4 y w)."""
    raise NotImplementedError('P02 Task 2 · himmelblau_grad (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


# ======================================================================== saddle


def saddle(p: np.ndarray) -> np.ndarray:
    """f(x, y) = x^2 - y^2: a minimum along x, a maximum along y.   (..., 2) -> (...)."""
    raise NotImplementedError('P02 Task 2 · saddle (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


def saddle_grad(p: np.ndarray) -> np.ndarray:
    """grad f = (2x, -2y).   (..., 2) -> (..., 2)."""
    raise NotImplementedError('P02 Task 2 · saddle_grad (projects/p02_gradient_descent/functions.py) — see projects/p02_gradient_descent/README.md#task-2')


# ============================================== the landscapes as objects (given)


@dataclass(frozen=True)
class Objective:
    """One landscape with what the experiments and plots need to know about it.

    f, grad: the function and its gradient on (..., 2) points; start: the usual starting
    point; minima: known minimizers (empty when there is none, as for the saddle);
    f_min: the lowest value (None when unbounded below); bounds: ((x_lo, x_hi), (y_lo,
    y_hi)) a window that shows the interesting part; log_levels: draw contours on a log
    scale (for valleys whose floor is much flatter than their walls).
    """

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    grad: Callable[[np.ndarray], np.ndarray]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    f_min: float | None
    bounds: tuple[tuple[float, float], tuple[float, float]]
    log_levels: bool = False
    info: dict[str, float] = field(default_factory=dict)


def make_bowl(
    condition: float = 50.0, lambda_max: float = 1.0, angle: float = np.pi / 6
) -> Objective:
    """The quadratic bowl with the given condition number (``info`` holds lambda_max,
    lambda_min, condition and the critical learning rate 2 / lambda_max)."""
    A = bowl_matrix(condition, lambda_max, angle)
    eig = np.linalg.eigvalsh(A)
    return Objective(
        name=f"bowl (condition {condition:g})",
        f=lambda p: quadratic(p, A),
        grad=lambda p: quadratic_grad(p, A),
        start=(-4.0, 3.0),
        minima=((0.0, 0.0),),
        f_min=0.0,
        bounds=((-7.0, 4.0), (-2.5, 6.5)),
        info={
            "lambda_max": float(eig[-1]),
            "lambda_min": float(eig[0]),
            "condition": float(eig[-1] / eig[0]),
            "critical_lr": float(2.0 / eig[-1]),
        },
    )


def make_rosenbrock(a: float = 1.0, b: float = 100.0) -> Objective:
    """Rosenbrock's valley from the classic start (-1.2, 1)."""
    return Objective(
        name="Rosenbrock",
        f=lambda p: rosenbrock(p, a, b),
        grad=lambda p: rosenbrock_grad(p, a, b),
        start=(-1.2, 1.0),
        minima=((a, a * a),),
        f_min=0.0,
        bounds=((-2.0, 2.0), (-1.0, 3.0)),
        log_levels=True,
    )


def make_himmelblau() -> Objective:
    """Himmelblau's four-minimum landscape, started near the origin."""
    return Objective(
        name="Himmelblau",
        f=himmelblau,
        grad=himmelblau_grad,
        start=(0.0, 0.0),
        minima=HIMMELBLAU_MINIMA,
        f_min=0.0,
        bounds=((-5.0, 5.0), (-5.0, 5.0)),
        log_levels=True,
    )


def make_saddle() -> Objective:
    """The saddle x^2 - y^2, started just off its stable axis."""
    return Objective(
        name="saddle",
        f=saddle,
        grad=saddle_grad,
        start=(-2.0, 1e-3),
        minima=(),
        f_min=None,
        bounds=((-2.5, 2.5), (-2.5, 2.5)),
    )
