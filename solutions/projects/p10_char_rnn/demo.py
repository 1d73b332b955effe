"""P10 demo: character models on the names list and on Tiny Shakespeare.

Run with ``python -m projects.p10_char_rnn`` (or ``m2m demo p10``). Trains an LSTM on the
names (the bar: validation <= 2.2 nats/char), compares gradient norms of a vanilla RNN
with and without clipping, trains an LSTM on Tiny Shakespeare for a short budget (90 s)
and prints samples at three temperatures. The full Shakespeare run (9 minutes of
training, the bar: validation <= 1.8 nats/char) needs ``M2M_FULL=1``:

    M2M_FULL=1 m2m demo p10 --impl solutions
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .bigram import bits_per_char, perplexity
from .experiment import SHAKESPEARE, CharRun, run_names, run_shakespeare
from .plots import plot_grad_norms, plot_hidden_units, plot_losses
from .sampling import generate

#: Shakespeare's training budget in seconds without M2M_FULL (the tour's run).
SHORT_SECONDS = 90.0
TEMPERATURES = (0.5, 0.8, 1.0)
#: The max norm of the clipped vanilla-RNN run.
CLIP = 0.5


def _report(name: str, run: CharRun, bar: float) -> None:
    v = run.val_loss
    print(
        f"{name}: {len(run.log.losses)} steps in {run.log.seconds:.1f} s; validation "
        f"{v:.4f} nats/char = {bits_per_char(v):.3f} bits/char, perplexity {perplexity(v):.2f} "
        f"(bigram {run.bigram_val_loss:.4f}; uniform {np.log(len(run.vocab)):.4f}; "
        f"bar {bar})"
    )


def _samples(run: CharRun, prompt: str, length: int, seed: int = 0, **kw) -> None:
    for t in TEMPERATURES:
        text = generate(run.model, run.vocab, prompt, length, temperature=t, rng=seed, **kw)
        print(f"  T={t}: {(prompt + text)!r}")


def names_lstm() -> CharRun:
    """The LSTM on the names list: its report against the bar, and samples."""
    print("\nNames: LSTM (embedding 32, hidden 128), Adam, clip 1.0, truncated BPTT (32 steps)")
    names = run_names(seed=0, progress=print)
    _report("Names", names, 2.2)
    print("Samples (one name per line):")
    _samples(names, "\n", 60)
    return names


def clipping_effect() -> tuple[CharRun, CharRun]:
    """A vanilla RNN on names, without and with gradient clipping: gradient norms and
    validation loss of each; returns (unclipped, clipped)."""
    print("\nGradient norms of a vanilla RNN on names (150 steps each, lr 0.03, 64 steps):")
    base = {"cell": "rnn", "lr": 3e-2, "seq_len": 64, "max_steps": 150, "eval_every": 10**9}
    raw = run_names(seed=0, clip=None, **base)
    clipped = run_names(seed=0, clip=CLIP, **base)
    for label, run in (("no clipping", raw), (f"clipped at {CLIP}", clipped)):
        print(
            f"  {label}: median {np.median(run.log.grad_norms):.2f}, max "
            f"{np.max(run.log.grad_norms):.2f}; validation {run.val_loss:.4f}"
        )
    return raw, clipped


def shakespeare_lstm(full: bool) -> CharRun:
    """The LSTM on Tiny Shakespeare (a short budget unless ``full``): report and samples."""
    seconds = SHAKESPEARE["max_seconds"] if full else SHORT_SECONDS
    print(
        f"\nTiny Shakespeare: LSTM (embedding 64, hidden 256), batch 32 x 64 steps, "
        f"{seconds:.0f} s of training{'' if full else ' (M2M_FULL=1 for the full run)'}"
    )
    shk = run_shakespeare(
        seed=0, max_seconds=seconds, eval_every=500 if full else 10**9, progress=print
    )
    _report("Shakespeare", shk, 1.8 if full else "1.8 (full run)")
    print("Samples:")
    _samples(shk, "ROMEO:\n", 200, top_p=0.95)
    return shk


def save_figures(
    names: CharRun, shk: CharRun, rnn_runs: tuple[CharRun, CharRun], out_dir: Path | None
) -> list[Path]:
    """Both loss curves, the gradient norms with and without clipping, the hidden units."""
    raw, clipped = rnn_runs
    line = shk.val_text.split("\n")[0][:60] or "To be, or not to be"
    return [
        plot_losses(names, "names_loss.png", "LSTM on names", out_dir),
        plot_losses(shk, "shakespeare_loss.png", "LSTM on Tiny Shakespeare", out_dir),
        plot_grad_norms(raw.log.grad_norms, clipped.log.grad_norms, CLIP, out_dir),
        plot_hidden_units(shk, line, out_dir=out_dir),
    ]


def headline(names: CharRun, shk: CharRun, raw: CharRun, full: bool) -> dict[str, float]:
    """The numbers main returns."""
    return {
        "names_val_nats": round(names.val_loss, 4),
        "names_bigram_val_nats": round(names.bigram_val_loss, 4),
        "names_val_bits": round(bits_per_char(names.val_loss), 4),
        "names_seconds": round(names.log.seconds, 1),
        "shakespeare_val_nats": round(shk.val_loss, 4),
        "shakespeare_bigram_val_nats": round(shk.bigram_val_loss, 4),
        "shakespeare_perplexity": round(perplexity(shk.val_loss), 3),
        "shakespeare_seconds": round(shk.log.seconds, 1),
        "shakespeare_steps": len(shk.log.losses),
        "full_run": int(full),
        "grad_norm_max_unclipped": round(float(np.max(raw.log.grad_norms)), 3),
    }


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Run the experiments (seed 0), print and return the headline numbers, save figures.

    Figures go to ``out_dir`` when given, else to ``$M2M_OUT_DIR/p10`` or ``./out/p10``.
    """
    full = os.environ.get("M2M_FULL", "") not in ("", "0")
    print("P10 · Character-Level RNN")
    names = names_lstm()
    rnn_runs = clipping_effect()
    shk = shakespeare_lstm(full)
    saved = save_figures(names, shk, rnn_runs, out_dir)
    print("\nFigures: " + ", ".join(str(p) for p in saved))
    return headline(names, shk, rnn_runs[0], full)
