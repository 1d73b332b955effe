"""The whole experiment on MNIST: data, model, training, evaluation.

Given code: it wires together what the tasks build.

1. Load the 60,000 training and 10,000 test digits; flatten them to 784 pixel values in
   [0, 1] (Task 5) and standardise them with the training set's mean and standard
   deviation (one number each).
2. Build the 784-128-64-10 MLP (Task 5) and an SGD optimizer with
   heavy-ball momentum; the learning rate follows a cosine from its start value toward 0.
3. Train for the set number of epochs over a shuffling DataLoader (Task 3) with the
   fused cross-entropy (Task 2); after each epoch measure the test accuracy (Task 4).
4. Compute the test logits and the confusion matrix (Task 4) for the report and the
   figures (the analysis of Task 6 works from these).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from shared.data import DataLoader, TensorDataset
from shared.datasets import load_mnist
from shared.metrics import accuracy, class_confusion_matrix
from shared.nn import Sequential
from shared.optim import SGD

from .features import flatten_pixels
from .model import build_mlp
from .training import EpochStats, fit, predict_logits

# The reference settings; README.md explains how they were chosen.
DEFAULTS = {
    "epochs": 6,
    "batch_size": 128,
    "lr": 0.05,
    "momentum": 0.9,
}


@dataclass
class MnistRun:
    """Everything one run produced. Arrays of the test set: ``test_images`` (M, 28, 28)
    uint8, ``y_test`` (M,), ``test_logits`` (M, 10); ``confusion`` (10, 10) int64."""

    model: Sequential
    history: list[EpochStats]
    test_images: np.ndarray
    y_test: np.ndarray
    test_logits: np.ndarray
    test_accuracy: float
    confusion: np.ndarray
    pixel_mean: float
    pixel_std: float
    train_seconds: float
    n_train: int
    settings: dict[str, float] = field(default_factory=dict)


Features = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, float, float]


def load_features(n_train: int | None = None, n_test: int | None = None) -> Features:
    """(X_train, y_train, X_test, y_test, test_images, mean, std): standardised float32
    features (N, 784), int64 labels, the raw test images, and the training statistics.
    ``n_train`` / ``n_test`` keep the first images of each split (default: all)."""
    for name, n in (("n_train", n_train), ("n_test", n_test)):
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
            raise ValueError(f"load_features: {name} must be a positive int or None, got {n!r}")
    train_images, y_train = load_mnist("train")
    test_images, y_test = load_mnist("test")
    train_images, y_train = train_images[:n_train], y_train[:n_train]
    test_images, y_test = test_images[:n_test], y_test[:n_test]
    X_train = flatten_pixels(train_images)
    X_test = flatten_pixels(test_images)
    mean, std = pixel_statistics(train_images)
    # In place: each copy of the training features is 188 MB of float32.
    for X in (X_train, X_test):
        X -= np.float32(mean)
        X /= np.float32(std)
    return X_train, y_train, X_test, y_test, test_images, mean, std


def pixel_statistics(images: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of the pixel intensities (grey level / 255) over all
    images (N, H, W) uint8, from the histogram of the 256 grey levels: exact in float64,
    and one pass over bytes instead of several over 47 million floats."""
    flat = np.asarray(images, dtype=np.uint8).reshape(-1)
    counts = np.zeros(256, dtype=np.int64)
    for start in range(0, flat.size, 1 << 22):  # bincount widens to int64: in chunks
        counts += np.bincount(flat[start : start + (1 << 22)], minlength=256)
    levels = np.arange(256) / 255.0
    n = counts.sum()
    mean = float(counts @ levels / n)
    return mean, float(np.sqrt(counts @ (levels - mean) ** 2 / n))


def run_mnist(
    seed: int = 0,
    *,
    progress: bool | None = None,
    log: Callable[[EpochStats], None] | None = None,
    n_train: int | None = None,
    n_test: int | None = None,
    **settings: float,
) -> MnistRun:
    """Train and evaluate the MLP; see the module docstring.

    Inputs: seed (weights and shuffling); progress (tqdm bars, see ``train_epoch``); log
    (called after each epoch); n_train / n_test (train and test on the first images only:
    a quick run to try things out; default all); keyword overrides of ``DEFAULTS``.
    Returns: a MnistRun.
    """
    unknown = set(settings) - set(DEFAULTS)
    if unknown:
        raise ValueError(
            f"run_mnist: unknown settings {sorted(unknown)}; known: {sorted(DEFAULTS)}"
        )
    cfg = {**DEFAULTS, **settings}
    X_train, y_train, X_test, y_test, test_images, mean, std = load_features(n_train, n_test)
    rng = np.random.default_rng(seed)
    model = build_mlp(rng=rng)
    optimizer = SGD(model.parameters(), lr=cfg["lr"], momentum=cfg["momentum"])
    loader = DataLoader(
        TensorDataset(X_train, y_train), batch_size=int(cfg["batch_size"]), shuffle=True, seed=rng
    )
    start = time.perf_counter()
    history = fit(
        model, optimizer, loader, X_test, y_test, int(cfg["epochs"]), progress=progress, log=log
    )
    train_seconds = time.perf_counter() - start
    logits = predict_logits(model, X_test)
    return MnistRun(
        model=model,
        history=history,
        test_images=test_images,
        y_test=y_test,
        test_logits=logits,
        test_accuracy=accuracy(y_test, logits),
        confusion=class_confusion_matrix(y_test, np.argmax(logits, axis=1), 10),
        pixel_mean=mean,
        pixel_std=std,
        train_seconds=train_seconds,
        n_train=len(y_train),
        settings=cfg,
    )
