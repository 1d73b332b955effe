"""The demo's figures. Given code: matplotlib only, saved with ``shared.plotting``."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from shared.plotting import save_figure
from shared.tensor import no_grad

from .experiment import CharRun

__all__ = ["plot_grad_norms", "plot_hidden_units", "plot_losses"]


def _smooth(values: list[float], width: int = 25) -> np.ndarray:
    v = np.asarray(values, dtype=np.float64)
    if len(v) < width:
        return v
    return np.convolve(v, np.ones(width) / width, mode="valid")


def plot_losses(run: CharRun, name: str, title: str, out_dir: Path | None = None) -> Path:
    """Training loss (smoothed) and validation loss per step, against the bigram line."""
    fig, ax = plt.subplots(figsize=(7, 4))
    smooth = _smooth(run.log.losses)
    ax.plot(np.arange(len(smooth)) + (len(run.log.losses) - len(smooth)), smooth, label="train")
    steps, vals = zip(*run.val_curve, strict=True)
    ax.plot(steps, vals, "o-", label="validation")
    ax.axhline(run.bigram_val_loss, color="grey", ls="--", label="bigram (validation)")
    ax.set(xlabel="step", ylabel="loss (nats/char)", title=title)
    ax.legend()
    return save_figure(fig, "p10", name, out_dir)


def plot_grad_norms(
    unclipped: list[float], clipped: list[float], max_norm: float, out_dir: Path | None = None
) -> Path:
    """Total gradient norm per step of two runs: without clipping, and with clipping at
    ``max_norm`` (the norm shown is measured before clipping)."""
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.semilogy(unclipped, label="no clipping", alpha=0.8)
    ax.semilogy(clipped, label=f"clip_grad_norm_(max_norm={max_norm:g})", alpha=0.8)
    ax.axhline(max_norm, color="grey", ls="--", lw=1)
    ax.set(xlabel="step", ylabel="gradient norm (before clipping)", title="Vanilla RNN on names")
    ax.legend()
    return save_figure(fig, "p10", "grad_norms.png", out_dir)


def plot_hidden_units(
    run: CharRun, text: str, units: int = 24, out_dir: Path | None = None
) -> Path:
    """Heat map of the first ``units`` hidden units of the recurrent layer while it reads
    ``text``: one column per character."""
    with no_grad():
        hidden, _ = run.model.rnn(run.model.embed(run.vocab.encode(text)[None, :]))
    values = hidden.data[0, :, :units].T  # (units, T)
    fig, ax = plt.subplots(figsize=(max(6, 0.18 * len(text)), 4))
    image = ax.imshow(values, aspect="auto", cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_xticks(range(len(text)), [c if c != " " else "␣" for c in text], fontsize=7)
    ax.set(ylabel="hidden unit", title="LSTM hidden state h_t over a line of text")
    fig.colorbar(image, ax=ax)
    return save_figure(fig, "p10", "hidden_units.png", out_dir)
