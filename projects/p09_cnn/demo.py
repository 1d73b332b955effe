"""P09 demo: train the LeNet-style network on MNIST and Fashion-MNIST and look inside it.

Run with ``python -m projects.p09_cnn`` (or ``m2m demo p09``): a short budget that fits
a tour, 1 epoch on the first 10,000 training images of each data set, evaluated on the
whole test set. That took about 15 s per data set on the course's 2-core machine with
one BLAS thread when it was quiet; a busy or slower machine can take ten times as long
(a learner measured 134 to 179 s per data set). The full run, the reference settings that the
bars are measured on (5 epochs on all 60,000 images of each data set, 15 to 30 minutes),
is ``python -m projects.p09_cnn --full`` or ``M2M_P09_FULL=1 m2m demo p09``.

Prints the layer table, the receptive fields, the metrics of every epoch, the test
accuracies and the most frequent confusions; saves ten figures to ``out/p09/`` and
returns the headline numbers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from projects.p08_mnist.demo import print_confusions
from shared.training import EpochStats

from .analysis import layer_summary, receptive_fields
from .experiment import DEFAULTS, run_cnn
from .plots import save_figures

#: The bars the full run must clear (test accuracy after DEFAULTS["epochs"] epochs).
BARS = {"mnist": 0.99, "fashion": 0.90}
#: The short run (the tour's budget): epochs, and training images of each data set.
SHORT_EPOCHS = 1
SHORT_TRAIN = 10_000


def _print_epoch(stats: EpochStats) -> None:
    print(
        f"  {stats.epoch:>5}  {stats.lr:.4f}  {stats.train_loss:10.4f}  "
        f"{stats.train_accuracy:9.2%}  {stats.test_accuracy:8.2%}  {stats.seconds:6.1f}"
    )


def _wants_full(full: bool | None) -> bool:
    if full is not None:
        return bool(full)
    return "--full" in sys.argv[1:] or os.environ.get("M2M_P09_FULL", "") not in ("", "0")


def main(out_dir: Path | None = None, full: bool | None = None) -> dict[str, float | int | str]:
    """Train on both datasets (seed 0), print and return the headline metrics, save the
    figures. ``full``: the reference budget (DEFAULTS["epochs"] epochs each); default
    from ``--full`` on the command line or ``M2M_P09_FULL=1``, else 1 epoch on the
    first 10,000 training images of each."""
    full = _wants_full(full)
    epochs = int(DEFAULTS["epochs"]) if full else SHORT_EPOCHS
    n_train = None if full else SHORT_TRAIN
    print("P09 · Convolutional Networks")
    print(
        f"\n{'full run' if full else 'short run (--full for the reference budget)'}: "
        f"{epochs} epoch(s) on {n_train or 60_000:,} images per data set, SGD with momentum, "
        f"cosine learning rate, batch {int(DEFAULTS['batch_size'])}"
    )
    metrics: dict[str, float | int | str] = {"epochs": epochs, "full": int(full)}
    for dataset in ("mnist", "fashion"):
        print(f"\n=== {dataset}: epoch  lr      train loss  train acc  test acc  seconds")
        run = run_cnn(dataset, seed=0, log=_print_epoch, epochs=epochs, n_train=n_train)
        if dataset == "mnist":
            print("\nLayer                output (C, H, W)   parameters")
            for name, shape, count in layer_summary(run.model, (1, 28, 28)):
                print(f"  {name:<18} {str(shape):<18} {count:>8,}")
            print(f"  total parameters: {run.model.num_parameters():,}")
            print(f"Receptive fields (pixels) before Flatten: {receptive_fields(run.model)}")
        bar = BARS[dataset]
        verdict = "meets" if run.test_accuracy >= bar else "below"
        print(
            f"{dataset} test accuracy: {run.test_accuracy:.2%} after {epochs} epoch(s) on "
            f"{run.n_train:,} images "
            f"({verdict} the {bar:.0%} bar of the full run); training {run.train_seconds:.0f} s"
        )
        print_confusions(run.confusion, k=3, names=run.class_names)
        saved = save_figures(run, out_dir)
        print("Figures: " + ", ".join(str(p) for p in saved.values()))
        mean_epoch = sum(h.seconds for h in run.history) / len(run.history)
        metrics[f"{dataset}_test_accuracy"] = round(run.test_accuracy, 4)
        metrics[f"{dataset}_seconds_per_epoch"] = round(mean_epoch, 1)
    return metrics
