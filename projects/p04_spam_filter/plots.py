"""Figures of the spam filter: ROC curve, confusion matrix, loss curve, top words.

Given code. Each function returns a matplotlib Figure built without pyplot's global
state; ``save_figures`` writes them with ``shared.plotting.save_figure``. The numbers they
draw come from the tasks: ``roc_curve`` and ``confusion_matrix`` (Task 2), the training
history (Task 6) and ``top_words`` (Task 7).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

import shared.plotting  # noqa: F401  (the course style)
from shared.metrics import confusion_matrix, roc_auc, roc_curve
from shared.plotting import save_figure

from .experiment import SpamFilterRun

SPAM_COLOUR = "#D55E00"
HAM_COLOUR = "#0072B2"


def roc_figure(y_true: np.ndarray, scores: np.ndarray, threshold: float | None = None) -> Figure:
    """ROC curve of ``scores`` with its AUC, the chance diagonal, and (optionally) the
    operating point of ``threshold`` marked."""
    fpr, tpr, thresholds = roc_curve(y_true, scores)
    auc = roc_auc(y_true, scores)
    fig = Figure(figsize=(5.2, 5.0))
    ax = fig.add_subplot()
    ax.plot(fpr, tpr, drawstyle="default", lw=2, label=f"logistic regression (AUC = {auc:.4f})")
    ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1, label="chance (AUC = 0.5)")
    if threshold is not None:
        # The last ROC point whose threshold is still ≥ t is the operating point of t.
        k = int(np.flatnonzero(thresholds >= threshold)[-1])
        ax.plot(
            fpr[k],
            tpr[k],
            "o",
            color=SPAM_COLOUR,
            ms=8,
            label=f"threshold {threshold:.3f}: FPR {fpr[k]:.3f}, TPR {tpr[k]:.3f}",
        )
    ax.set(
        xlim=(-0.01, 1.01),
        ylim=(-0.01, 1.01),
        xlabel="false-positive rate (ham flagged)",
        ylabel="true-positive rate (spam caught)",
        title="ROC curve, test messages",
    )
    ax.legend(loc="lower right")
    return fig


def confusion_figure(y_true: np.ndarray, y_pred: np.ndarray) -> Figure:
    """The 2 × 2 confusion matrix as an annotated heat map (rows actual, columns predicted)."""
    cm = confusion_matrix(y_true, y_pred)
    fig = Figure(figsize=(4.6, 4.0))
    ax = fig.add_subplot()
    ax.imshow(cm, cmap="Blues")
    labels = ("ham", "spam")
    names = (("TN", "FP"), ("FN", "TP"))
    for i in range(2):
        for j in range(2):
            dark = cm[i, j] > cm.max() / 2
            ax.text(
                j,
                i,
                f"{names[i][j]}\n{cm[i, j]}",
                ha="center",
                va="center",
                color="white" if dark else "black",
                fontsize=12,
            )
    ax.set_xticks([0, 1], labels=[f"predicted {s}" for s in labels])
    ax.set_yticks([0, 1], labels=[f"actual {s}" for s in labels])
    ax.grid(False)
    ax.set_title("Confusion matrix, test messages")
    return fig


def loss_figure(history: Sequence[float]) -> Figure:
    """The training objective J (BCE + L2 term) per gradient-descent step."""
    fig = Figure(figsize=(6.0, 4.0))
    ax = fig.add_subplot()
    ax.plot(np.arange(len(history)), history, lw=2)
    ax.set(
        xlabel="gradient-descent step (full batch)",
        ylabel="objective J",
        title="Training loss: binary cross-entropy + L2",
        yscale="log",
    )
    return fig


def top_words_figure(
    spam_words: Sequence[tuple[str, float]], ham_words: Sequence[tuple[str, float]]
) -> Figure:
    """Horizontal bars of the largest positive (spam) and negative (ham) weights."""
    fig = Figure(figsize=(8.0, 5.0))
    for col, (words, colour, title) in enumerate(
        (
            (spam_words, SPAM_COLOUR, "pushes toward spam"),
            (ham_words, HAM_COLOUR, "pushes toward ham"),
        )
    ):
        ax = fig.add_subplot(1, 2, col + 1)
        tokens = [t for t, _ in words][::-1]
        weights = [w for _, w in words][::-1]
        ax.barh(np.arange(len(tokens)), weights, color=colour)
        ax.set_yticks(np.arange(len(tokens)), labels=tokens)
        ax.set(xlabel="weight", title=title)
    fig.suptitle("Most influential tokens")
    fig.tight_layout()
    return fig


def save_figures(run: SpamFilterRun, out_dir: str | Path | None = None) -> dict[str, Path]:
    """Save the four figures of a run; returns name -> path (``out_dir`` or ``out/p04``)."""
    y_pred = (run.test_scores >= run.threshold).astype(np.int64)
    figures = {
        "roc": roc_figure(run.y_test, run.test_scores, run.threshold),
        "confusion": confusion_figure(run.y_test, y_pred),
        "loss": loss_figure(run.model.history),
        "top_words": top_words_figure(run.spam_words, run.ham_words),
    }
    return {name: save_figure(fig, "p04", f"{name}.png", out_dir) for name, fig in figures.items()}
