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
    ### BEGIN SOLUTION t5
    lrs = np.sort(np.asarray(lrs, dtype=np.float64).ravel())
    if lrs.size == 0:
        raise ValueError("lr_sweep: lrs is empty; give at least one learning rate")
    if not np.all(np.isfinite(lrs) & (lrs > 0)):
        raise ValueError(f"lr_sweep: every learning rate must be finite and > 0, got {lrs}")
    runs = tuple(minimize(f, grad, x0, rule, steps, tol=tol, lr=float(lr), **hyper) for lr in lrs)
    return LRSweep(
        lrs=lrs,
        final_loss=np.array([run.final_loss for run in runs]),
        steps=np.array([run.steps for run in runs], dtype=np.int64),
        converged=np.array([run.converged for run in runs], dtype=bool),
        diverged=np.array([run.diverged for run in runs], dtype=bool),
        trajectories=runs,
    )
    ### END SOLUTION


def largest_stable_lr(sweep: LRSweep) -> float | None:
    """The empirical stability limit: the largest swept lr such that neither it nor any
    smaller lr was unstable, a run being unstable when it diverged or ended with a loss
    above its starting loss (just past the limit the growth is slow and may not reach the
    divergence threshold within the budget). None when even the smallest lr was unstable.
    """
    ### BEGIN SOLUTION t5
    start = np.array([run.losses[0] for run in sweep.trajectories])
    unstable = sweep.diverged | (sweep.final_loss > start)
    if unstable.size == 0 or unstable[0]:
        return None
    first_bad = np.flatnonzero(unstable)
    last_good = (first_bad[0] if first_bad.size else unstable.size) - 1
    return float(sweep.lrs[last_good])
    ### END SOLUTION


def contraction_factor(A: np.ndarray, lr: float) -> float:
    """Per-step error multiplier of gradient descent on 1/2 p^T A p (A symmetric):

        rho(lr) = max_i |1 - lr * lambda_i|

    GD converges iff rho < 1, i.e. 0 < lr < 2 / lambda_max; the loss then falls like rho^(2t).
    Raises ValueError when A is not a symmetric square matrix.
    """
    ### BEGIN SOLUTION t5
    A = np.asarray(A, dtype=np.float64)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or not np.allclose(A, A.T):
        raise ValueError(f"contraction_factor: expected a symmetric square matrix, got {A!r}")
    eigenvalues = np.linalg.eigvalsh(A)
    return float(np.max(np.abs(1.0 - lr * eigenvalues)))
    ### END SOLUTION


def steps_to_tolerance(losses: np.ndarray, f_min: float, tol: float) -> int | None:
    """First step from which the loss stays within ``tol`` of ``f_min`` for the rest of
    the recorded run: the smallest t with ``losses[s] - f_min <= tol`` for every s >= t.

    Inputs: losses: (T + 1,) a loss curve; f_min: the optimal value; tol > 0.
    Returns: t in [0, T], or None when the last recorded loss is not within tol.
    """
    ### BEGIN SOLUTION t5
    gap = np.asarray(losses, dtype=np.float64) - f_min
    if gap.ndim != 1 or gap.size == 0:
        raise ValueError(
            f"steps_to_tolerance: expected a non-empty 1-D loss curve, got shape {gap.shape}"
        )
    within = gap <= tol
    if not within[-1]:
        return None
    # Reading the curve backwards, the last step outside the tolerance ends the streak.
    outside = np.flatnonzero(~within)
    return int(outside[-1] + 1) if outside.size else 0
    ### END SOLUTION


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
