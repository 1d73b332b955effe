"""Figures of the project: decision boundaries, mistakes per epoch, activation curves.

Given code. Each function returns a matplotlib Figure, built without pyplot so that no
window or global state is involved; the demo saves it with ``shared.plotting.save_figure``.
The boundary line comes from ``decision_boundary`` (Task 4) and the activation curves
from ``shared.activations`` (Tasks 1 and 2).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

import shared.activations as act
import shared.plotting  # noqa: F401  (the course style)

from .geometry import decision_boundary

FIRE_COLOUR = "#E69F00"  # class 1 / the side where the neuron fires
QUIET_COLOUR = "#0072B2"  # class 0


def _window(X: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """Axis limits around the data, padded so points do not sit on the frame."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = np.maximum(0.15 * (hi - lo), 0.25)
    return (lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1])


def draw_boundary(
    ax,
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    b: float,
    *,
    title: str,
    xlabel: str = "$x_1$",
    ylabel: str = "$x_2$",
    class_names: Sequence[str] = ("0", "1"),
) -> None:
    """Scatter 2-D samples by class, shade where w·x + b >= 0 and draw the boundary."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    xlim, ylim = _window(X)
    gx, gy = np.meshgrid(np.linspace(*xlim, 200), np.linspace(*ylim, 200))
    fires = (w[0] * gx + w[1] * gy + b >= 0).astype(float)
    ax.contourf(
        gx, gy, fires, levels=[-0.5, 0.5, 1.5], colors=[QUIET_COLOUR, FIRE_COLOUR], alpha=0.12
    )
    if np.any(np.asarray(w) != 0):
        xs, ys = decision_boundary(w, b, xlim)
        if xs[0] == xs[1]:
            ax.axvline(xs[0], color="black", lw=1.5, label="boundary $w·x+b=0$")
        else:
            ax.plot(xs, ys, color="black", lw=1.5, label="boundary $w·x+b=0$")
    for label, colour, marker in ((0, QUIET_COLOUR, "o"), (1, FIRE_COLOUR, "^")):
        pts = X[y == label]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            c=colour,
            marker=marker,
            s=45,
            edgecolors="black",
            linewidths=0.5,
            label=class_names[label],
            zorder=3,
        )
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)


def gates_figure(
    panels: Sequence[tuple[str, np.ndarray, np.ndarray, np.ndarray, float]],
) -> Figure:
    """A 2 x 2 grid, one gate per panel: (title, X, y, w, b) for each of four gates."""
    fig = Figure(figsize=(8.5, 9.0), layout="constrained")
    axes = fig.subplots(2, 2)
    for ax, (title, X, y, w, b) in zip(axes.ravel(), panels, strict=True):
        draw_boundary(ax, X, y, w, b, title=title, class_names=("output 0", "output 1"))
        ax.set_aspect("equal")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3)
    fig.suptitle("Logic gates learned by one perceptron (shaded: where it fires)")
    return fig


def boundary_figure(
    X, y, w, b, *, title: str, xlabel: str, ylabel: str, class_names: Sequence[str]
) -> Figure:
    """One panel: a 2-D data set with the learned boundary."""
    fig = Figure(figsize=(6.4, 5.0), layout="constrained")
    ax = fig.subplots()
    draw_boundary(
        ax, X, y, w, b, title=title, xlabel=xlabel, ylabel=ylabel, class_names=class_names
    )
    ax.legend(loc="best", fontsize="small")
    return fig


def mistakes_figure(histories: Mapping[str, Sequence[int]]) -> Figure:
    """Mistakes in each epoch, one line per run (label -> mistakes_per_epoch)."""
    fig = Figure(layout="constrained")
    ax = fig.subplots()
    for label, mistakes in histories.items():
        epochs = np.arange(1, len(mistakes) + 1)
        ax.plot(epochs, mistakes, marker="o", ms=4, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mistakes (= updates) in the epoch")
    ax.set_title("Perceptron training: separable data reach 0, XOR never does")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize="small")
    return fig


def activations_figure() -> Figure:
    """The activations of ``shared.activations`` (left) and their derivatives (right)."""
    z = np.linspace(-4.0, 4.0, 801)
    fig = Figure(figsize=(11.0, 4.4), layout="constrained")
    left, right = fig.subplots(1, 2)
    # (label, function, derivative or None, colour, line style), one colour per function
    curves = (
        ("step", act.step, None, "#999999", "-"),
        ("sigmoid", act.sigmoid, act.sigmoid_grad, "#0072B2", "-"),
        ("tanh", act.tanh, act.tanh_grad, "#E69F00", "-"),
        ("relu", act.relu, act.relu_grad, "#009E73", "-"),
        (
            "leaky relu (slope 0.1)",
            lambda v: act.leaky_relu(v, slope=0.1),
            lambda v: act.leaky_relu_grad(v, slope=0.1),
            "#D55E00",
            "--",
        ),
        ("gelu (tanh approx.)", act.gelu, act.gelu_grad, "#CC79A7", "-"),
    )
    for label, f, df, colour, style in curves:
        left.plot(z, f(z), style, color=colour, lw=2.5 if df is None else 1.6, label=label)
        if df is not None:
            right.plot(z, df(z), style, color=colour, lw=1.6, label=label)
    left.set_ylim(-1.5, 3.0)
    left.set_title("activations")
    right.set_ylim(-0.3, 1.3)
    right.set_title("derivatives (step' = 0 wherever it exists)")
    for ax in (left, right):
        ax.set_xlabel("z")
        ax.legend(fontsize="small")
    return fig
