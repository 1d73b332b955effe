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


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Train, summarise, checkpoint, reload; print and return the headline numbers."""
    print("P11 · BrainInABox")
    manual_seed(0)
    x_train, y_train = _mnist("train")
    x_test, y_test = _mnist("test")
    x_val, y_val = x_train[50_000:], y_train[50_000:]
    x_fit, y_fit = x_train[:50_000], y_train[:50_000]
    model = nn.Sequential(
        nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.1), nn.Linear(256, 128), nn.ReLU(),
        nn.Linear(128, 10),
    )  # fmt: skip
    print("\n" + str(summary(model, (128, 784))))

    epochs = 6
    optimizer = optim.Adam(model.parameters(), lr=2e-3)
    scheduler = optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "best.npz"
        stopper = EarlyStopping(patience=2)
        checkpoint = ModelCheckpoint(path)
        trainer = Trainer(
            model,
            optimizer,
            nn.CrossEntropyLoss(),
            callbacks=[checkpoint, stopper, LRSchedulerCallback(scheduler)],
            progress=False,
        )
        train = DataLoader(TensorDataset(x_fit, y_fit), batch_size=128, shuffle=True)
        val = DataLoader(TensorDataset(x_val, y_val), batch_size=1000)
        test = DataLoader(TensorDataset(x_test, y_test), batch_size=1000)
        start = time.perf_counter()
        history = trainer.fit(train, val, epochs=epochs)
        seconds = time.perf_counter() - start
        print("\nepoch  lr        loss    val loss  val acc")
        for e in range(len(history["loss"])):
            print(
                f"{e + 1:>5}  {history['lr'][e]:.2e}  {history['loss'][e]:.4f}  "
                f"{history['val_loss'][e]:.4f}    {history['val_accuracy'][e]:.2%}"
            )
        test_metrics = trainer.evaluate(test)
        reloaded = nn.Sequential(
            nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.1), nn.Linear(256, 128), nn.ReLU(),
            nn.Linear(128, 10),
        )  # fmt: skip
        reloaded.load_state_dict(load(path))
        same = all(
            np.array_equal(a, b)
            for a, b in zip(
                reloaded.state_dict().values(), model.state_dict().values(), strict=True
            )
        )
    print(
        f"\nTrainer: {len(history['loss'])} epochs in {seconds:.1f} s; best epoch "
        f"{checkpoint.best_epoch + 1}; test accuracy {test_metrics['accuracy']:.2%}"
    )
    print(f"Checkpoint reloaded into a fresh model: bit-identical to the restored best: {same}")

    print("\nThe unchanged PyTorch-style script (examples/mnist_mlp.py), 2 epochs:")
    script = run_example("mnist_mlp", epochs=2)
    figure = _figure(history, out_dir)
    print(f"\nFigure: {figure}")
    return {
        "trainer_test_accuracy": round(test_metrics["accuracy"], 4),
        "trainer_epochs": len(history["loss"]),
        "best_epoch": int(checkpoint.best_epoch) + 1,
        "checkpoint_bit_identical": str(same),
        "script_test_accuracy_2_epochs": round(script["test_accuracy"], 4),
        "parameters": int(script["params"]),
    }
