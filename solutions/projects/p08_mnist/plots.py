"""Figures of the MNIST classifier: learning curves, confusion matrix, confident mistakes,
first-layer weights.

Given code. Each function returns a matplotlib Figure built without pyplot's global
state; ``save_figures`` writes them with ``shared.plotting.save_figure``. The numbers
they draw come from the tasks: the training history (Task 5), the confusion matrix
(Task 4), the mistakes and the weight images (Task 6).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

import shared.plotting  # noqa: F401  (the course style)
from shared.plotting import save_figure
from shared.training import EpochStats

from .analysis import confident_mistakes, weight_images
from .experiment import MnistRun


def learning_curves_figure(history: Sequence[EpochStats]) -> Figure:
    """Training loss (left) and training / test accuracy (right) per epoch."""
    epochs = [h.epoch for h in history]
    fig = Figure(figsize=(10, 4))
    ax_loss, ax_acc = fig.subplots(1, 2)
    ax_loss.plot(epochs, [h.train_loss for h in history], "o-", label="training loss")
    ax_loss.set(xlabel="epoch", ylabel="mean cross-entropy (nats)", yscale="log")
    ax_loss.set_title("Training loss")
    ax_acc.plot(epochs, [100 * h.train_accuracy for h in history], "o-", label="training")
    ax_acc.plot(epochs, [100 * h.test_accuracy for h in history], "s-", label="test")
    ax_acc.axhline(97.5, color="grey", ls="--", lw=1, label="bar: 97.5 %")
    ax_acc.set(xlabel="epoch", ylabel="accuracy (%)")
    ax_acc.set_title("Accuracy")
    ax_acc.legend(loc="lower right")
    for ax in (ax_loss, ax_acc):
        ax.set_xticks(epochs)
    return fig


def confusion_figure(cm: np.ndarray) -> Figure:
    """The 10 × 10 confusion matrix, counts annotated; the diagonal is drawn on a separate
    scale so that the mistakes stay visible next to ~1,000 correct answers per digit."""
    cm = np.asarray(cm)
    c = cm.shape[0]
    off = cm.astype(float).copy()
    np.fill_diagonal(off, np.nan)
    fig = Figure(figsize=(6.4, 5.6))
    ax = fig.add_subplot()
    image = ax.imshow(off, cmap="Reds")
    fig.colorbar(image, ax=ax, label="mistakes")
    ax.grid(False)
    dark = 0.6 * np.nanmax(off) if np.any(off > 0) else np.inf
    for i in range(c):
        for j in range(c):
            if cm[i, j]:
                ax.text(
                    j,
                    i,
                    str(cm[i, j]),
                    ha="center",
                    va="center",
                    fontsize=7,
                    weight="bold" if i == j else "normal",
                    color="white" if i != j and cm[i, j] > dark else "black",
                )
    ax.set(
        xticks=range(c),
        yticks=range(c),
        xlabel="predicted digit",
        ylabel="true digit",
        title=f"Confusion matrix, test set (accuracy {np.trace(cm) / cm.sum():.2%})",
    )
    return fig


def mistakes_figure(
    images: np.ndarray,
    y_true: np.ndarray,
    mistakes: tuple[np.ndarray, np.ndarray, np.ndarray],
    columns: int = 5,
) -> Figure:
    """A gallery of misclassified test digits, surest mistakes first, each titled
    "true → predicted (confidence)"."""
    indices, predicted, confidence = mistakes
    rows = max(1, -(-len(indices) // columns))
    fig = Figure(figsize=(1.6 * columns, 1.8 * rows))
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax in axes:
        ax.axis("off")
    for ax, i, p, conf in zip(axes, indices, predicted, confidence, strict=False):
        ax.imshow(images[i], cmap="gray_r")
        ax.set_title(f"{y_true[i]} → {p} ({conf:.3f})", fontsize=9)
    fig.suptitle("Confident mistakes: true → predicted (probability)")
    return fig


def mosaic(images: np.ndarray, columns: int, gap: int = 2) -> np.ndarray:
    """Tile (N, H, W) images into one (rows·(H+gap)-gap, columns·(W+gap)-gap) array, row
    by row, with NaN in the gaps and the unused cells (drawn as background)."""
    n, h, w = images.shape
    rows = max(1, -(-n // columns))
    out = np.full((rows * (h + gap) - gap, columns * (w + gap) - gap), np.nan)
    for k, image in enumerate(images):
        r, c = divmod(k, columns)
        out[r * (h + gap) : r * (h + gap) + h, c * (w + gap) : c * (w + gap) + w] = image
    return out


def weights_figure(weight: np.ndarray, columns: int = 16) -> Figure:
    """The first layer's weight vectors as 28 × 28 images (red: ink there excites the
    unit, blue: ink there inhibits it), each on its own symmetric scale."""
    images = weight_images(weight)
    rows = -(-len(images) // columns)
    fig = Figure(figsize=(columns * 0.5, rows * 0.5 + 0.4))
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98 - 0.4 / (rows * 0.5 + 0.4)))
    ax.axis("off")
    # One image for all units: a hundred small axes would take seconds to draw.
    ax.imshow(mosaic(images, columns), cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
    fig.suptitle(f"First-layer weights: the {len(images)} hidden units as 28 × 28 images")
    return fig


def save_figures(run: MnistRun, out_dir: str | Path | None = None) -> dict[str, Path]:
    """Write the four figures of a run; returns name -> path."""
    first = run.model[0].weight.data
    mistakes = confident_mistakes(run.y_test, run.test_logits, k=25)
    figures = {
        "learning_curves": learning_curves_figure(run.history),
        "confusion": confusion_figure(run.confusion),
        "mistakes": mistakes_figure(run.test_images, run.y_test, mistakes),
        "weights": weights_figure(first),
    }
    return {name: save_figure(fig, "p08", f"{name}.png", out_dir) for name, fig in figures.items()}
