"""The descent loop: run an update rule from a start point and record the whole path.

``minimize`` stops for one of three reasons, reported in ``Trajectory.reason``:

- ``"converged"``: the gradient norm fell to ``tol`` or below;
- ``"diverged"``: the loss climbed above ``diverge_factor * max(|f(x0)|, 1)``, or the next
  step would have produced an overflow, a NaN or an inf;
- ``"max_steps"``: the step budget ran out first.

Divergence is detected before it turns into NaN: the loop runs under
``np.errstate(over="raise", invalid="raise", divide="raise")``, so the first overflow
raises a FloatingPointError that the loop catches and reports, instead of a RuntimeWarning
and a trajectory full of inf.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from shared.optim import UPDATE_RULES, UpdateRule

REASONS = ("converged", "diverged", "max_steps")


@dataclass(frozen=True, eq=False)  # holds arrays: compare fields explicitly
class Trajectory:
    """The record of one descent.

    points: (T + 1, 2) float64, the start and every accepted iterate (all finite);
    losses: (T + 1,) float64, f at each point;
    steps: T, the number of updates taken;
    converged / diverged: why it stopped (at most one is true);
    reason: "converged", "diverged" or "max_steps";
    rule: the update rule's name; hyper: the hyper-parameters it ran with.
    """

    points: np.ndarray
    losses: np.ndarray
    steps: int
    converged: bool
    diverged: bool
    reason: str
    rule: str = ""
    hyper: dict | None = None

    @property
    def final_point(self) -> np.ndarray:
        return self.points[-1]

    @property
    def final_loss(self) -> float:
        return float(self.losses[-1])


def resolve_rule(rule: str | UpdateRule) -> tuple[str, UpdateRule]:
    """Given helper: (name, function) for a rule name from UPDATE_RULES or a callable."""
    if callable(rule):
        return getattr(rule, "__name__", "custom"), rule
    if rule not in UPDATE_RULES:
        raise ValueError(
            f"unknown update rule {rule!r}; expected one of {', '.join(UPDATE_RULES)} or a callable"
        )
    return rule, UPDATE_RULES[rule]


def _check_minimize_args(
    f: Callable[[np.ndarray], float],
    x0: np.ndarray,
    rule: str | UpdateRule,
    steps: int,
    tol: float,
    diverge_factor: float,
) -> tuple[str, UpdateRule, np.ndarray, float]:
    """Given helper: minimize's arguments checked, as (rule name, rule, x, f(x)).

    x is a float64 copy of x0 (the caller's x0 is never modified) and f(x) a finite float.
    Raises ValueError for an unknown rule, steps that is not an int >= 0, a tol that is not
    a finite number >= 0, diverge_factor <= 1, or a start where f is not finite.
    """
    name, step_fn = resolve_rule(rule)
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"minimize: steps must be an int >= 0, got {steps!r}")
    if not (np.isfinite(tol) and tol >= 0):
        raise ValueError(f"minimize: tol must be a finite number >= 0, got {tol!r}")
    if not (np.isfinite(diverge_factor) and diverge_factor > 1):
        raise ValueError(f"minimize: diverge_factor must be > 1, got {diverge_factor!r}")
    x = np.array(x0, dtype=np.float64)  # a copy: the caller's x0 stays as it was
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            loss = float(f(x))
    except FloatingPointError:
        loss = float("nan")
    if not (np.all(np.isfinite(x)) and np.isfinite(loss)):
        raise ValueError(
            f"minimize: the start point {x0!r} gives f = {loss}; start where the loss is finite"
        )
    return name, step_fn, x, loss


def _finite(value: np.ndarray | float, what: str) -> np.ndarray:
    """Given helper: ``value`` as a float64 array, or FloatingPointError if any entry is NaN/inf.

    Inside ``np.errstate(..., raise)`` an overflow already raises FloatingPointError; this
    turns a NaN or inf that a function returned without overflowing into the same signal.
    """
    array = np.asarray(value, dtype=np.float64)
    if not np.all(np.isfinite(array)):
        raise FloatingPointError(f"non-finite {what}")
    return array


def _trajectory(
    path: list[tuple[np.ndarray, float]], reason: str, name: str, hyper: dict
) -> Trajectory:
    """Given helper: the Trajectory of the accepted ``(point, loss)`` pairs, start first."""
    return Trajectory(
        points=np.array([point for point, _ in path], dtype=np.float64),
        losses=np.array([loss for _, loss in path], dtype=np.float64),
        steps=len(path) - 1,
        converged=reason == "converged",
        diverged=reason == "diverged",
        reason=reason,
        rule=name,
        hyper=dict(hyper),
    )


def minimize(
    f: Callable[[np.ndarray], float],
    grad: Callable[[np.ndarray], np.ndarray],
    x0: np.ndarray,
    rule: str | UpdateRule,
    steps: int,
    *,
    tol: float = 1e-8,
    diverge_factor: float = 1e6,
    **hyper: float,
) -> Trajectory:
    """Run ``rule`` for at most ``steps`` updates from ``x0``, stopping as the module explains.

    rule: a name in ``shared.optim.UPDATE_RULES`` or a function with the update-rule
    signature, run with ``**hyper`` (lr=..., momentum=...); x0: (2,) (any shape works), not
    modified. Returns the Trajectory of the start and every accepted iterate: points (T+1, 2),
    losses (T+1,), steps = T; no RuntimeWarning, NaN or inf. Raises ValueError for steps < 0,
    tol < 0, diverge_factor <= 1, an unknown rule, or a start where f or its gradient is
    not finite (the given ``_check_minimize_args(f, x0, rule, steps, tol, diverge_factor)``
    makes every check but the gradient's, and returns (rule name, rule, copy of x0, f(x0))).

    Before each update, stop "converged" when ||grad f(x)|| <= tol; when the budget is
    spent, stop "max_steps" (the last point is still checked). A point whose loss passes the
    divergence limit is kept; a gradient or step that would overflow or give a NaN or an inf
    is dropped: under the module's errstate an overflow raises FloatingPointError, and the
    given ``_finite(value, what)`` raises it for a NaN or inf too. ``_trajectory(path,
    reason, name, hyper)`` builds the record from the accepted (point, loss) pairs.
    """
    ### BEGIN SOLUTION t4
    name, step_fn, x, loss = _check_minimize_args(f, x0, rule, steps, tol, diverge_factor)
    limit = diverge_factor * max(abs(loss), 1.0)
    path, state, reason = [(x, loss)], {}, "max_steps"  # accepted (point, loss) pairs
    for t in range(steps + 1):
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                g = _finite(grad(x), "gradient")
                g_norm = float(np.sqrt(np.sum(g * g)))
        except FloatingPointError:
            if t == 0:
                raise ValueError(f"minimize: the gradient at {x0!r} is not finite") from None
            reason = "diverged"
            break
        if g_norm <= tol:
            reason = "converged"
            break
        if t == steps:
            break  # budget spent; the last point has been checked
        try:
            with np.errstate(over="raise", invalid="raise", divide="raise"):
                x, state = step_fn(x, g, state, **hyper)
                x = _finite(x, "iterate")
                loss = float(_finite(f(x), "loss"))
        except FloatingPointError:
            reason = "diverged"  # the step would overflow: x is dropped, path[-1] is kept
            break
        path.append((x, loss))
        if loss > limit:
            reason = "diverged"  # keep the runaway point: the plots show the climb
            break
    return _trajectory(path, reason, name, hyper)
    ### END SOLUTION
