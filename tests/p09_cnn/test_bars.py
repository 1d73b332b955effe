"""Task 5 · the bars of the brief, on the full data sets with the reference settings
(seed 0, 5 epochs): MNIST >= 99.0 %, Fashion-MNIST >= 90 % test accuracy. Each run takes
several minutes, so both are marked slow (``make test-slow``)."""

from __future__ import annotations

import pytest


def _check_bar(dataset: str, bar: float) -> None:
    from projects.p09_cnn import DEFAULTS, run_cnn

    def log(stats) -> None:  # shown with pytest -s: the curve of the run
        print(
            f"{dataset} epoch {stats.epoch}: train loss {stats.train_loss:.4f}, test "
            f"accuracy {stats.test_accuracy:.2%}, {stats.seconds:.0f} s",
            flush=True,
        )

    run = run_cnn(dataset, seed=0, progress=False, log=log)
    epochs = len(run.history)
    assert epochs == DEFAULTS["epochs"] <= 5, f"the bar is for at most 5 epochs, ran {epochs}"
    curve = ", ".join(f"{h.test_accuracy:.2%}" for h in run.history)
    assert run.test_accuracy >= bar, (
        f"{dataset}: test accuracy {run.test_accuracy:.2%} after {epochs} epochs is below the "
        f"bar {bar:.0%} (per epoch: {curve})"
    )


@pytest.mark.slow
@pytest.mark.task(5)
@pytest.mark.points(3)
def test_mnist_reaches_99_percent_in_5_epochs():
    _check_bar("mnist", 0.99)


@pytest.mark.slow
@pytest.mark.task(5)
@pytest.mark.points(2)
def test_fashion_mnist_reaches_90_percent_in_5_epochs():
    _check_bar("fashion", 0.90)
