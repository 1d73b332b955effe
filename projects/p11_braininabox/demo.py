"""P11 demo: the library at work.

Run with ``python -m projects.p11_braininabox`` (or ``m2m demo p11``). Trains the MNIST
MLP through the Trainer (with a cosine schedule, early stopping and a checkpoint of the
best model), prints ``summary()`` and the history, reloads the checkpoint and checks
that it reproduces the best epoch, runs the unchanged PyTorch-style MLP script for two
epochs, saves the learning curves to ``out/p11/`` and returns the headline numbers.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import numpy as np

from shared.datasets import load_mnist
from shared.plotting import save_figure

from . import nn, optim
from .callbacks import EarlyStopping, LRSchedulerCallback, ModelCheckpoint
from .creation import from_numpy, manual_seed
from .examples import run_example
from .serialization import load
from .summary import summary
from .trainer import Trainer
from .utils.data import DataLoader, TensorDataset


def _mnist(split: str, limit: int | None = None):
    images, labels = load_mnist(split)
    x = (images[:limit].reshape(-1, 784).astype(np.float32) / 255.0 - 0.1307) / 0.3081
    return from_numpy(x), from_numpy(labels[:limit].astype(np.int64))


def _figure(history: dict[str, list[float]], out_dir: Path | None) -> Path:
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
    epochs = np.arange(1, len(history["loss"]) + 1)
    left.plot(epochs, history["loss"], marker="o", label="training loss")
    left.plot(epochs, history["val_loss"], marker="o", label="validation loss")
    left.set_xlabel("epoch")
    left.legend()
    right.plot(epochs, history["lr"], marker="o", color="C2")
    right.set_xlabel("epoch")
    right.set_ylabel("learning rate (cosine)")
    fig.suptitle("MNIST MLP trained by the Trainer")
    return save_figure(fig, "p11", "trainer_history.png", out_dir)


EPOCHS = 6


def mlp() -> nn.Sequential:
    """The MNIST MLP 784-256-128-10 with ReLU and dropout 0.1."""
    return nn.Sequential(
        nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.1), nn.Linear(256, 128), nn.ReLU(),
        nn.Linear(128, 10),
    )  # fmt: skip


def make_trainer(model: nn.Module, checkpoint: Path) -> tuple[Trainer, ModelCheckpoint]:
    """Adam with a cosine schedule, early stopping (patience 2) and a checkpoint of the best
    epoch at ``checkpoint``; returns the trainer and its checkpoint callback."""
    optimizer = optim.Adam(model.parameters(), lr=2e-3)
    scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS)
    best = ModelCheckpoint(checkpoint)
    callbacks = [best, EarlyStopping(patience=2), LRSchedulerCallback(scheduler)]
    trainer = Trainer(model, optimizer, nn.CrossEntropyLoss(), callbacks=callbacks, progress=False)
    return trainer, best


def print_history(history: dict[str, list[float]]) -> None:
    """One row per epoch: learning rate, training and validation loss, validation accuracy."""
    print("\nepoch  lr        loss    val loss  val acc")
    for e in range(len(history["loss"])):
        print(
            f"{e + 1:>5}  {history['lr'][e]:.2e}  {history['loss'][e]:.4f}  "
            f"{history['val_loss'][e]:.4f}    {history['val_accuracy'][e]:.2%}"
        )


def reloads_identically(model: nn.Module, checkpoint: Path) -> bool:
    """Whether the checkpoint, loaded into a fresh MLP, equals ``model`` bit for bit."""
    reloaded = mlp()
    reloaded.load_state_dict(load(checkpoint))
    pairs = zip(reloaded.state_dict().values(), model.state_dict().values(), strict=True)
    return all(np.array_equal(a, b) for a, b in pairs)


class TrainerRun(NamedTuple):
    """What the Trainer's run gives: the per-epoch history, the fit's wall time, the test
    metrics, the best epoch (0-based), and whether the reloaded checkpoint is
    bit-identical to the restored best model."""

    history: dict[str, list[float]]
    seconds: float
    test: dict[str, float]
    best_epoch: int
    same: bool


def train_with_trainer(model: nn.Module, data: dict[str, tuple]) -> TrainerRun:
    """Fit on 50,000 images, validate on the other 10,000, test; checkpoint and reload."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "best.npz"
        trainer, checkpoint = make_trainer(model, path)
        train = DataLoader(TensorDataset(*data["fit"]), batch_size=128, shuffle=True)
        val = DataLoader(TensorDataset(*data["val"]), batch_size=1000)
        test = DataLoader(TensorDataset(*data["test"]), batch_size=1000)
        start = time.perf_counter()
        history = trainer.fit(train, val, epochs=EPOCHS)
        seconds = time.perf_counter() - start
        print_history(history)
        test_metrics = trainer.evaluate(test)
        same = reloads_identically(model, path)
    return TrainerRun(history, seconds, test_metrics, checkpoint.best_epoch, same)


def mnist_splits() -> dict[str, tuple]:
    """MNIST as (images (N, 784), labels (N,)) Tensors: fit (50,000), val (10,000), test."""
    x_train, y_train = _mnist("train")
    return {
        "fit": (x_train[:50_000], y_train[:50_000]),
        "val": (x_train[50_000:], y_train[50_000:]),
        "test": _mnist("test"),
    }


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Train, summarise, checkpoint, reload; print and return the headline numbers."""
    print("P11 · BrainInABox")
    manual_seed(0)
    data = mnist_splits()
    model = mlp()
    print("\n" + str(summary(model, (128, 784))))
    run = train_with_trainer(model, data)
    history = run.history
    print(
        f"\nTrainer: {len(history['loss'])} epochs in {run.seconds:.1f} s; best epoch "
        f"{run.best_epoch + 1}; test accuracy {run.test['accuracy']:.2%}"
    )
    print(f"Checkpoint reloaded into a fresh model: bit-identical to the restored best: {run.same}")
    print("\nThe unchanged PyTorch-style script (examples/mnist_mlp.py), 2 epochs:")
    script = run_example("mnist_mlp", epochs=2)
    print(f"\nFigure: {_figure(history, out_dir)}")
    return {
        "trainer_test_accuracy": round(run.test["accuracy"], 4),
        "trainer_epochs": len(history["loss"]),
        "best_epoch": int(run.best_epoch) + 1,
        "checkpoint_bit_identical": str(run.same),
        "script_test_accuracy_2_epochs": round(script["test_accuracy"], 4),
        "parameters": int(script["params"]),
    }
