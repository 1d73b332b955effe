"""Figures of the fraud project: PR curves, training losses, score distributions.

Given code. Each function returns a matplotlib Figure built without pyplot's global state;
``save_figures`` writes them with ``shared.plotting.save_figure``. The numbers come from
the tasks: ``precision_recall_curve`` and ``average_precision`` (Task 6), the operating
point (Task 8), the training histories and scores (Task 9).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import shared.plotting  # noqa: F401  (the course style)
from shared.metrics import precision_recall_curve
from shared.plotting import save_figure

from .experiment import DatasetRun

MLP_COLOUR = "#D55E00"
BASELINE_COLOUR = "#0072B2"


def _panels(
    runs: Sequence[DatasetRun],
    height: float,
    draw: Callable[[Axes, DatasetRun], str],
    legend: dict[str, str] | None = None,
    **axes: object,
) -> Figure:
    """One panel per dataset, side by side: ``draw(ax, run)`` plots a dataset and returns
    the panel's title after the dataset's name; ``axes`` (labels, scales, limits) apply to
    every panel, ``legend`` holds the legend's options."""
    fig = Figure(figsize=(5.2 * len(runs), height))
    for i, run in enumerate(runs):
        ax = fig.add_subplot(1, len(runs), i + 1)
        title = draw(ax, run)
        ax.set(**axes, title=f"{run.data.name}: {title}")
        ax.legend(**(legend or {}))
    fig.tight_layout()
    return fig


def _draw_pr(ax: Axes, run: DatasetRun) -> str:
    y = run.data.y_test
    for model, colour in ((run.mlp, MLP_COLOUR), (run.baseline, BASELINE_COLOUR)):
        precision, recall, _ = precision_recall_curve(y, model.test_scores)
        # Step plot from recall 0: the curve AP sums.
        ax.step(
            np.r_[0.0, recall],
            np.r_[precision[0], precision],
            where="pre",
            color=colour,
            lw=2,
            label=f"{model.name} (AP = {model.test_ap:.3f})",
        )
        op = model.operating
        if np.isfinite(op["threshold"]):
            ax.plot(op["test_recall"], op["test_precision"], "o", color=colour, ms=7)
    ax.axhline(y.mean(), ls="--", color="grey", lw=1, label=f"base rate {y.mean():.3f}")
    ax.axhline(0.9, ls=":", color="black", lw=1)
    return "test PR curves"


def pr_figure(runs: Sequence[DatasetRun]) -> Figure:
    """Test precision-recall curves of the MLP and the baseline, one panel per dataset,
    with each model's 90 % operating point (chosen on validation) and the base rate."""
    return _panels(
        runs,
        4.8,
        _draw_pr,
        legend={"loc": "lower left"},
        xlim=(-0.01, 1.01),
        ylim=(0.0, 1.02),
        xlabel="recall",
        ylabel="precision",
    )


def _draw_losses(ax: Axes, run: DatasetRun) -> str:
    for model, colour in ((run.mlp, MLP_COLOUR), (run.baseline, BASELINE_COLOUR)):
        epochs = np.arange(1, len(model.history) + 1)
        ax.plot(epochs, model.history, color=colour, lw=2, label=model.name)
    weight = "none" if run.pos_weight is None else f"{run.pos_weight:.3g}"
    return f"training loss (pos_weight {weight})"


def loss_figure(runs: Sequence[DatasetRun]) -> Figure:
    """Mean training loss per epoch of both models, one panel per dataset."""
    ylabel = "weighted BCE (mean over batches)"
    return _panels(runs, 4.0, _draw_losses, xlabel="epoch", ylabel=ylabel, yscale="log")


def _draw_scores(ax: Axes, run: DatasetRun) -> str:
    scores, y = run.mlp.test_scores, run.data.y_test
    bins = np.linspace(scores.min(), scores.max(), 50)
    for label, cls, colour in (("negative", 0, BASELINE_COLOUR), ("positive", 1, MLP_COLOUR)):
        mine = scores[y == cls]
        ax.hist(
            mine, bins=bins, density=True, alpha=0.6, color=colour, label=f"{label} ({len(mine)})"
        )
    threshold = run.mlp.operating["threshold"]
    if np.isfinite(threshold):
        ax.axvline(threshold, color="black", ls="--", lw=1, label="90 % precision threshold")
    return "test scores by class"


def score_figure(runs: Sequence[DatasetRun]) -> Figure:
    """Histograms of the MLP's test logits by class (density, log scale), with the
    threshold chosen on validation for 90 % precision."""
    return _panels(runs, 4.0, _draw_scores, xlabel="MLP logit", ylabel="density", yscale="log")


def save_figures(runs: Sequence[DatasetRun], out_dir: str | Path | None = None) -> dict[str, Path]:
    """Save the three figures; returns name -> path (``out_dir`` or ``out/p06``)."""
    figures = {
        "pr_curves": pr_figure(runs),
        "loss_curves": loss_figure(runs),
        "score_distributions": score_figure(runs),
    }
    return {name: save_figure(fig, "p06", f"{name}.png", out_dir) for name, fig in figures.items()}
