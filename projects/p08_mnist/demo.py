"""P08 demo: train the 784-128-64-10 MLP on MNIST and look inside it.

Run with ``python -m projects.p08_mnist`` (or ``m2m demo p08``). Prints the metrics of
every epoch, the test accuracy and the most frequent confusions, saves four figures to
``out/p08/`` and returns the headline numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from shared.training import EpochStats

from .analysis import most_confused
from .experiment import run_mnist
from .plots import save_figures


def _print_epoch(stats: EpochStats) -> None:
    print(
        f"  {stats.epoch:>5}  {stats.lr:.4f}  {stats.train_loss:10.4f}  "
        f"{stats.train_accuracy:9.2%}  {stats.test_accuracy:8.2%}  {stats.seconds:6.2f}"
    )


def print_confusions(confusion: np.ndarray, k: int, names: Sequence[str] | None = None) -> None:
    """Print the ``k`` most frequent confusions of a (C, C) confusion matrix, one
    ``true → predicted: count`` a line, naming the classes by ``names`` when given (else by
    their indices). The P09 demo prints its data sets' confusions with it too."""
    print("Most frequent confusions (true → predicted: count):")
    for true, pred, count in most_confused(confusion, k=k):
        if names is not None:
            true, pred = names[true], names[pred]
        print(f"  {true} → {pred}: {count}")


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Train once (seed 0), print and return the headline metrics, save the figures.

    Figures go to ``out_dir`` when given, else to ``$M2M_OUT_DIR/p08`` or ``./out/p08``.
    """
    print("P08 · MNIST Classifier")
    print("\nMLP 784-128-64-10 (ReLU), SGD with momentum, cosine learning rate, batch 128")
    print("  epoch  lr      train loss  train acc  test acc  seconds")
    run = run_mnist(seed=0, log=_print_epoch)
    cfg = run.settings
    n_params = run.model.num_parameters()
    last = run.history[-1]
    mean_epoch = sum(h.seconds for h in run.history) / len(run.history)
    print(
        f"\n{run.n_train} training digits, {cfg['epochs']} epochs of "
        f"{-(-run.n_train // int(cfg['batch_size']))} steps, {n_params:,} parameters; "
        f"{mean_epoch:.2f} s per epoch"
    )
    print(
        f"Test accuracy: {run.test_accuracy:.2%} on {len(run.y_test)} digits "
        f"({int(run.confusion.sum() - run.confusion.trace())} mistakes; bar 97.50 %)"
    )
    print_confusions(run.confusion, k=5)

    saved = save_figures(run, out_dir)
    print("\nFigures: " + ", ".join(str(p) for p in saved.values()))

    return {
        "test_accuracy": round(run.test_accuracy, 4),
        "final_train_loss": round(last.train_loss, 4),
        "final_train_accuracy": round(last.train_accuracy, 4),
        "epochs": int(cfg["epochs"]),
        "seconds_per_epoch": round(mean_epoch, 3),
        "n_parameters": int(n_params),
        "n_mistakes": int(run.confusion.sum() - run.confusion.trace()),
    }
