"""The whole experiment on MNIST or Fashion-MNIST: data, model, training, evaluation.

Given code: it wires together what the tasks build, and trains with the loop P08 wrote
(``shared/training.py``: mini-batch SGD with momentum, a cosine learning rate, the test
accuracy after every epoch) and the pixel statistics in ``shared/data.py``.

1. Load the 60,000 training and 10,000 test images and turn them into standardised
   float32 images (N, 1, 28, 28) with the training set's pixel mean and standard
   deviation (``to_images``).
2. Build the LeNet-style network (Task 5) and an SGD optimizer with momentum.
3. Train for the set number of epochs over a shuffling DataLoader; the BatchNorm layers
   use batch statistics while training and their running statistics when ``fit``
   evaluates (``model.eval()``).
4. Compute the test logits and the confusion matrix for the report and the figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from shared.data import load_splits, pixel_statistics
from shared.datasets import FASHION_MNIST_CLASSES, load_fashion_mnist, load_mnist
from shared.training import (
    ClassifierRun,
    EpochStats,
    classification_results,
    fit_sgd,
    merge_settings,
    predict_logits,
)

from .model import build_lenet

# The reference settings; README.md explains how they were chosen.
DEFAULTS = {
    "epochs": 5,
    "batch_size": 64,
    "lr": 0.05,
    "momentum": 0.9,
}

DATASETS = {
    "mnist": (load_mnist, tuple(str(d) for d in range(10))),
    "fashion": (load_fashion_mnist, tuple(FASHION_MNIST_CLASSES)),
}


@dataclass(kw_only=True)
class CnnRun(ClassifierRun):
    """Everything one run produced (see ``shared.training.ClassifierRun``): which dataset
    and its class names, ``test_images`` (M, 28, 28) uint8, ``X_test`` (M, 1, 28, 28)
    float32 (what the network saw), ``test_logits`` (M, 10), ``confusion`` (10, 10)."""

    dataset: str
    class_names: tuple[str, ...]
    X_test: np.ndarray


def to_images(images: np.ndarray, mean: float, std: float) -> np.ndarray:
    """(N, 28, 28) uint8 grey levels -> (N, 1, 28, 28) float32, (pixel / 255 - mean) / std:
    one input channel, standardised with the training set's statistics."""
    x = np.asarray(images, dtype=np.float32)[:, None, :, :]
    x *= np.float32(1.0 / 255.0)
    x -= np.float32(mean)
    x /= np.float32(std)
    return x


def run_cnn(
    dataset: str = "mnist",
    seed: int = 0,
    *,
    progress: bool | None = None,
    log: Callable[[EpochStats], None] | None = None,
    n_train: int | None = None,
    n_test: int | None = None,
    **settings: float,
) -> CnnRun:
    """Train and evaluate the network on ``dataset`` ("mnist" or "fashion").

    Inputs: seed (weights and shuffling); progress (tqdm bars); log (called after each
    epoch with its EpochStats); n_train / n_test (the first images of each split only: a
    quick run; default all); keyword overrides of ``DEFAULTS``.
    Returns: a CnnRun.
    """
    if dataset not in DATASETS:
        raise ValueError(f"run_cnn: dataset must be one of {sorted(DATASETS)}, got {dataset!r}")
    cfg = merge_settings(DEFAULTS, settings, "run_cnn")
    load, class_names = DATASETS[dataset]
    (train_images, y_train), (test_images, y_test) = load_splits(load, n_train, n_test)
    mean, std = pixel_statistics(train_images)
    X_train = to_images(train_images, mean, std)
    X_test = to_images(test_images, mean, std)

    rng = np.random.default_rng(seed)
    model = build_lenet(rng=rng)
    history, train_seconds = fit_sgd(
        model, (X_train, y_train), (X_test, y_test), cfg, rng=rng, progress=progress, log=log
    )
    logits = predict_logits(model, X_test, batch_size=1000)
    return CnnRun(
        dataset=dataset,
        class_names=class_names,
        model=model,
        history=history,
        test_images=test_images,
        X_test=X_test,
        y_test=y_test,
        **classification_results(y_test, logits),
        train_seconds=train_seconds,
        n_train=len(y_train),
        settings=cfg,
    )
