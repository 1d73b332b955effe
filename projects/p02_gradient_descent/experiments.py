"""Experiments on top of the descent loop: learning-rate sweeps, the stability limit,
steps to a tolerance, and the theory they are checked against.

On the bowl f = 1/2 p^T A p, gradient descent multiplies the error along the eigenvector
of eigenvalue lambda by (1 - lr * lambda) each step, so it converges exactly when every
|1 - lr * lambda| < 1, i.e. lr < 2 / lambda_max. A sweep over lr finds that boundary
empirically; ``contraction_factor`` states it in closed form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .descent import Trajectory, minimize
from .functions import Objective

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields explicitly
class LRSweep:
    """The outcome of one run per learning rate.

    lrs: (K,) increasing; final_loss: (K,) the last finite loss of each run;
    steps: (K,) int, updates taken; converged, diverged: (K,) bool;
    trajectories: the K Trajectory records, in the order of ``lrs``.
    """

    lrs: np.ndarray
    final_loss: np.ndarray
    steps: np.ndarray
    converged: np.ndarray
    diverged: np.ndarray
    trajectories: tuple[Trajectory, ...]


def lr_sweep(
    f: Callable[[np.ndarray], float],
    grad: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    rule: str,
    lrs: Sequence[float],
    steps: int,
    *,
    tol: float = 1e-8,
    **hyper: float,
) -> LRSweep:
    """Run ``minimize(f, grad, x0, rule, steps, tol=tol, lr=lr, **hyper)`` for every lr.

    Inputs: lrs: K > 0 positive learning rates (any order; the result is sorted
      increasing); the other arguments as for ``minimize``.
    Returns: an LRSweep with one entry per learning rate.
    Raises ValueError for an empty lrs or a learning rate that is not positive.
    """
    raise NotImplementedError('P02 Task 5 · lr_sweep (projects/p02_gradient_descent/experiments.py) — see projects/p02_gradient_descent/README.md#task-5')


def largest_stable_lr(sweep: LRSweep) -> float | None:
    """The empirical stability limit: the largest swept lr such that neither it nor any
    smaller lr was unstable, a run being unstable when it diverged or ended with a loss
    above its starting loss (just past the limit the growth is slow and may not reach the
    divergence threshold within the budget). None when even the smallest lr was unstable.
    """
    raise NotImplementedError('P02 Task 5 · largest_stable_lr (projects/p02_gradient_descent/experiments.py) — see projects/p02_gradient_descent/README.md#task-5')


def contraction_factor(A: np.ndarray, lr: float) -> float:
    """Per-step error multiplier of gradient descent on 1/2 p^T A p (A symmetric):

        rho(lr) = max_i |1 - lr * lambda_i|

    GD converges iff rho < 1, i.e. 0 < lr < 2 / lambda_max; the loss then falls like rho^(2t).
    Raises ValueError when A is not a symmetric square matrix.
    """
    raise NotImplementedError('P02 Task 5 · contraction_factor (projects/p02_gradient_descent/experiments.py) — see projects/p02_gradient_descent/README.md#task-5')


def steps_to_tolerance(losses: np.ndarray, f_min: float, tol: float) -> int | None:
    """First step from which the loss stays within ``tol`` of ``f_min`` for the rest of
    the recorded run: the smallest t with ``losses[s] - f_min <= tol`` for every s >= t.

    Inputs: losses: (T + 1,) a loss curve; f_min: the optimal value; tol > 0.
    Returns: t in [0, T], or None when the last recorded loss is not within tol.
    """
    raise NotImplementedError('P02 Task 5 · steps_to_tolerance (projects/p02_gradient_descent/experiments.py) — see projects/p02_gradient_descent/README.md#task-5')


# ------------------------------------------------------------ the comparison (given)

#: Hyper-parameters and step budgets for Rosenbrock from (-1.2, 1): each rule reaches
#: within 1e-2 of the minimum (1, 1) inside its budget (see the brief's table).
ROSENBROCK_BUDGETS: dict[str, tuple[dict[str, float], int]] = {
    "sgd": ({"lr": 1.5e-3}, 10_000),
    "momentum": ({"lr": 1e-3, "momentum": 0.9}, 2_000),
    "nesterov": ({"lr": 1e-3, "momentum": 0.9}, 2_000),
    "adagrad": ({"lr": 0.5}, 10_000),
    "rmsprop": ({"lr": 1e-3, "rho": 0.9}, 8_000),
    "adam": ({"lr": 0.05}, 2_000),
}


def compare_optimizers(
    objective: Objective,
    settings: dict[str, tuple[dict[str, float], int]],
    *,
    tol: float = 1e-6,
) -> dict[str, Trajectory]:
    """Run every rule of ``settings`` (name -> (hyper-parameters, step budget)) on one
    objective from its start point; returns name -> Trajectory."""
    return {
        rule: minimize(objective.f, objective.grad, objective.start, rule, budget, tol=tol, **hyper)
        for rule, (hyper, budget) in settings.items()
    }
