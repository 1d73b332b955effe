"""The project's figures, drawn from arrays (given code: nothing to implement here).

Each function returns a matplotlib Figure; demo.py saves them with
shared.plotting.save_figure into out/p03/.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from shared.plotting import plt  # importing shared.plotting selects a headless backend


def plot_learning_curves(
    curves: Mapping[str, np.ndarray], optimum: float | None = None
) -> plt.Figure:
    """Training loss against epochs, one line per optimizer, on log-log axes.

    curves: name -> (epochs + 1,) losses (index 0 is the start); optimum: the closed-form
    loss, drawn as a dashed floor that every curve should approach.
    """
    fig, ax = plt.subplots()
    for name, losses in curves.items():
        losses = np.asarray(losses)
        ax.plot(np.arange(1, len(losses)), losses[1:], label=name, lw=1.6)
    if optimum is not None:
        ax.axhline(optimum, color="black", ls="--", lw=1, label="closed form")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("epoch (passes over the training set)")
    ax.set_ylabel("training MSE (standardized target)")
    ax.set_title("Batch vs mini-batch vs stochastic gradient descent")
    ax.legend()
    return fig


def plot_predicted_vs_actual(
    y_true: np.ndarray, y_pred: np.ndarray, *, cap: float | None = None, unit: str = ""
) -> plt.Figure:
    """Scatter of predictions against targets with the ideal line y = x (and the cap)."""
    fig, ax = plt.subplots(figsize=(5.2, 5.2))
    ax.scatter(y_true, y_pred, s=4, alpha=0.3, edgecolors="none")
    lo = float(min(np.min(y_true), np.min(y_pred)))
    hi = float(max(np.max(y_true), np.max(y_pred)))
    ax.plot([lo, hi], [lo, hi], color="black", lw=1, label="perfect prediction")
    if cap is not None:
        ax.axvline(cap, color="#D55E00", ls="--", lw=1, label="cap of the target")
    ax.set_xlabel(f"actual {unit}".strip())
    ax.set_ylabel(f"predicted {unit}".strip())
    ax.set_title("Held-out predictions")
    ax.legend(loc="upper left")
    return fig


def plot_residuals(y_true: np.ndarray, y_pred: np.ndarray, *, unit: str = "") -> plt.Figure:
    """Residuals y - ŷ against the prediction ŷ; structure here is what the model missed."""
    fig, ax = plt.subplots()
    ax.scatter(y_pred, np.asarray(y_true) - np.asarray(y_pred), s=4, alpha=0.3, edgecolors="none")
    ax.axhline(0.0, color="black", lw=1)
    ax.set_xlabel(f"predicted {unit}".strip())
    ax.set_ylabel(f"residual (actual - predicted) {unit}".strip())
    ax.set_title("Residuals on the held-out rows")
    return fig


def plot_ridge_path(l2s: np.ndarray, path: np.ndarray, names: list[str]) -> plt.Figure:
    """Each feature weight against λ (log axis): ridge shrinks them all towards 0.

    l2s: (L,) positive λ; path: (L, D + 1) from ridge_path (column 0, the intercept, is
    not drawn); names: D feature names (shown when D ≤ 10).
    """
    fig, ax = plt.subplots()
    for j in range(1, path.shape[1]):
        label = names[j - 1] if path.shape[1] <= 11 else None
        ax.plot(l2s, path[:, j], lw=1.2, label=label)
    ax.set_xscale("log")
    ax.axhline(0.0, color="black", lw=0.8)
    ax.set_xlabel("λ (ridge penalty)")
    ax.set_ylabel("weight")
    ax.set_title("Ridge coefficient path")
    if path.shape[1] <= 11:
        ax.legend(fontsize="small", ncol=2)
    return fig


def plot_degree_sweep(
    degrees: np.ndarray,
    train_mse: np.ndarray,
    val_mse: np.ndarray,
    *,
    ridge_mse: np.ndarray | None = None,
    l2: float | None = None,
) -> plt.Figure:
    """Training and validation error against polynomial degree (log axis): the training
    error only falls, the validation error turns up; ridge_mse, when given, is the
    validation error of the ridge fits."""
    fig, ax = plt.subplots()
    ax.plot(degrees, train_mse, "o-", label="training (least squares)")
    ax.plot(degrees, val_mse, "s-", label="validation (least squares)")
    if ridge_mse is not None:
        ax.plot(degrees, ridge_mse, "^--", label=f"validation (ridge, λ = {l2:g})")
    ax.set_yscale("log")
    ax.set_xlabel("polynomial degree")
    ax.set_ylabel("MSE")
    ax.set_title("Polynomial features: overfitting, and ridge against it")
    ax.legend()
    return fig
