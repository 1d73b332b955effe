"""Figures of the project: decision boundaries of the two MLPs, and their loss curves.

Given code. Each function returns a matplotlib Figure built without pyplot; the demo
saves it with ``shared.plotting.save_figure``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

import shared.plotting  # noqa: F401  (the course style)

CLASS_COLOURS = ("#0072B2", "#E69F00")  # class 0 (upper moon), class 1 (lower moon)


def boundary_grid(
    X: np.ndarray, resolution: int = 120
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A grid around the data: gx, gy (resolution, resolution) and the points (R*R, 2)."""
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    gx, gy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    return gx, gy, np.column_stack([gx.ravel(), gy.ravel()])


def plot_decision_boundaries(
    scorers: Mapping[str, Callable[[np.ndarray], np.ndarray]],
    X: np.ndarray,
    y: np.ndarray,
    *,
    resolution: int = 80,
) -> Figure:
    """One panel per model: its score sign shaded over the plane, the zero line, the data.

    ``scorers`` maps a title to a function from points (M, 2) to scores (M,).
    """
    fig = Figure(figsize=(5.0 * len(scorers), 4.4))
    axes = fig.subplots(1, len(scorers), squeeze=False)[0]
    gx, gy, grid = boundary_grid(X, resolution)
    for ax, (title, score) in zip(axes, scorers.items(), strict=True):
        s = np.asarray(score(grid), dtype=np.float64).reshape(gx.shape)
        ax.contourf(
            gx, gy, (s > 0).astype(float), levels=[-0.5, 0.5, 1.5], colors=CLASS_COLOURS, alpha=0.15
        )
        ax.contour(gx, gy, s, levels=[0.0], colors="black", linewidths=1.2)
        for label, colour, marker in ((0, CLASS_COLOURS[0], "o"), (1, CLASS_COLOURS[1], "^")):
            pts = X[y == label]
            ax.scatter(
                pts[:, 0],
                pts[:, 1],
                s=14,
                c=colour,
                marker=marker,
                edgecolors="white",
                linewidths=0.4,
                label=f"class {label}",
            )
        ax.set_title(title)
        ax.set_xlabel("$x_1$")
        ax.set_ylabel("$x_2$")
        ax.legend(loc="lower left")
    fig.tight_layout()
    return fig


def plot_losses(histories: Mapping[str, Sequence[float]]) -> Figure:
    """Training loss per step, one line per model (they overlap when the engines agree)."""
    fig = Figure()
    ax = fig.subplots()
    styles = ("-", "--", ":", "-.")
    for (name, history), style in zip(histories.items(), styles * len(histories), strict=False):
        ax.plot(np.arange(len(history)), history, style, label=name)
    ax.set_xlabel("step")
    ax.set_ylabel("mean hinge loss on the batch")
    ax.set_title("Training loss: scalar Values vs Tensors")
    ax.legend()
    return fig
