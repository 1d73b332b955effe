"""Pictures of descent: landscapes with paths, loss curves, the lr sweep, an animation.

Every function builds a ``matplotlib.figure.Figure`` without pyplot (no global state, no
window, nothing to close) and returns it; saving is left to ``shared.plotting``, which
puts the files under ``out/p02/``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

import shared.plotting  # noqa: F401  (the course style and a headless backend)

from .descent import Trajectory
from .experiments import LRSweep
from .functions import Objective

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

#: The smallest positive value drawn on a log axis; a loss gap of exactly 0 sits here.
LOG_FLOOR = 1e-16


def landscape_grid(objective: Objective, resolution: int = 200) -> tuple[np.ndarray, ...]:
    """Given helper: X, Y, Z, each (resolution, resolution), of f over objective.bounds."""
    (x_lo, x_hi), (y_lo, y_hi) = objective.bounds
    X, Y = np.meshgrid(np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution))
    Z = np.asarray(objective.f(np.stack([X, Y], axis=-1)), dtype=np.float64)
    return X, Y, Z


def draw_contours(
    fig: Figure, ax: Axes, X: np.ndarray, Y: np.ndarray, Z: np.ndarray, *, log_levels: bool
) -> None:
    """Given helper: 30 contour lines of Z over the grid (X, Y) on ``ax``, with a colorbar.

    X, Y, Z: (R, R) from ``landscape_grid``. With ``log_levels`` (f >= 0 on those
    landscapes) the levels are spaced geometrically from max(min Z, 1e-3) to max Z, with a
    LogNorm and a tick per decade, so a flat valley floor shows as well as the walls.
    """
    if log_levels:
        # Clip at a small floor so that log(0) never happens.
        low, high = max(float(Z.min()), 1e-3), float(Z.max())
        contours = ax.contour(
            X,
            Y,
            np.maximum(Z, low),
            levels=np.geomspace(low, high, 30),
            norm=LogNorm(vmin=low, vmax=high),
            cmap="viridis",
            linewidths=0.7,
        )
        decades = 10.0 ** np.arange(np.ceil(np.log10(low)), np.floor(np.log10(high)) + 1)
        fig.colorbar(contours, ax=ax, label="f(x, y)", ticks=decades)
    else:
        contours = ax.contour(X, Y, Z, levels=30, cmap="viridis", linewidths=0.7)
        fig.colorbar(contours, ax=ax, label="f(x, y)")


def plot_landscape(
    objective: Objective,
    trajectories: Mapping[str, Trajectory],
    *,
    resolution: int = 200,
) -> Figure:
    """Contour plot of ``objective`` over its bounds with every trajectory drawn on it.

    Each trajectory is one line through its points (labelled with its key, in the legend);
    the start point and the known minima are marked. When ``objective.log_levels`` is
    set, contour levels are spaced geometrically, so a flat valley floor still shows (the
    given ``draw_contours`` draws them). Returns the Figure (one Axes, limits =
    objective.bounds).
    """
    raise NotImplementedError('P02 Task 6 · plot_landscape (projects/p02_gradient_descent/plots.py) — see projects/p02_gradient_descent/README.md#task-6')


def plot_loss_curves(trajectories: Mapping[str, Trajectory], *, f_min: float = 0.0) -> Figure:
    """Loss gap f(x_t) - f_min against step t, on a log y-axis, one labelled line per run.

    Gaps below LOG_FLOOR (including exact zeros) are drawn at LOG_FLOOR.
    Returns the Figure (one Axes, y scale "log").
    """
    raise NotImplementedError('P02 Task 6 · plot_loss_curves (projects/p02_gradient_descent/plots.py) — see projects/p02_gradient_descent/README.md#task-6')


def plot_lr_sweep(sweep: LRSweep, *, critical_lr: float | None = None) -> Figure:
    """Final loss against learning rate, both axes log; diverged runs marked with a red x,
    the others with a dot; a dashed vertical line at ``critical_lr`` (2 / lambda_max) when
    given. Returns the Figure (one Axes)."""
    raise NotImplementedError('P02 Task 6 · plot_lr_sweep (projects/p02_gradient_descent/plots.py) — see projects/p02_gradient_descent/README.md#task-6')


def animate_descent(
    objective: Objective,
    trajectories: Mapping[str, Trajectory],
    *,
    frames: int = 60,
    resolution: int = 150,
) -> FuncAnimation:
    """An animation of the trajectories growing over the landscape.

    Frame k (k = 0 .. frames - 1) shows every path up to step round(k * T / (frames - 1)),
    where T is the longest run's step count (shorter runs stop at their end), with a dot
    at each path's current point. Returns the FuncAnimation, exactly ``frames`` frames
    long; save it with ``shared.plotting.save_animation``. Raises ValueError for frames < 2.
    """
    raise NotImplementedError('P02 Task 6 · animate_descent (projects/p02_gradient_descent/plots.py) — see projects/p02_gradient_descent/README.md#task-6')
