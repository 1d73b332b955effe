"""The whole experiment on MNIST: data, model, training, evaluation.

Given code: it wires together what the tasks build.

1. Load the 60,000 training and 10,000 test digits; flatten them to 784 pixel values in
   [0, 1] (Task 5) and standardise them with the training set's mean and standard
   deviation (one number each).
2. Build the 784-128-64-10 MLP (Task 5) and an SGD optimizer with
   heavy-ball momentum; the learning rate follows a cosine from its start value toward 0.
3. Train for the set number of epochs over a shuffling DataLoader (Task 3) with the
   fused cross-entropy (Task 2) and the loop of Task 5 (``shared/training.py``: ``fit``,
   through the given ``fit_sgd``); after each epoch measure the test accuracy (Task 4).
4. Compute the test logits and the confusion matrix (Task 4) for the report and the
   figures (the analysis of Task 6 works from these).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from shared.data import load_splits, pixel_statistics
from shared.datasets import load_mnist
from shared.training import (
    ClassifierRun,
    EpochStats,
    classification_results,
    fit_sgd,
    merge_settings,
    predict_logits,
)

from .features import flatten_pixels
from .model import build_mlp

__all__ = ["DEFAULTS", "MnistRun", "load_features", "pixel_statistics", "run_mnist"]

# The reference settings; README.md explains how they were chosen.
DEFAULTS = {
    "epochs": 6,
    "batch_size": 128,
    "lr": 0.05,
    "momentum": 0.9,
}


@dataclass(kw_only=True)
class MnistRun(ClassifierRun):
    """Everything one run produced (see ``shared.training.ClassifierRun``): ``test_images``
    (M, 28, 28) uint8, ``test_logits`` (M, 10), ``confusion`` (10, 10) int64, and the
    training pixels' statistics the features were standardised with."""

    pixel_mean: float
    pixel_std: float


Features = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, float, float]


def load_features(n_train: int | None = None, n_test: int | None = None) -> Features:
    """(X_train, y_train, X_test, y_test, test_images, mean, std): standardised float32
    features (N, 784), int64 labels, the raw test images, and the training statistics.
    ``n_train`` / ``n_test`` keep the first images of each split (default: all)."""
    (train_images, y_train), (test_images, y_test) = load_splits(load_mnist, n_train, n_test)
    X_train = flatten_pixels(train_images)
    X_test = flatten_pixels(test_images)
    mean, std = pixel_statistics(train_images)
    # In place: each copy of the training features is 188 MB of float32.
    for X in (X_train, X_test):
        X -= np.float32(mean)
        X /= np.float32(std)
    return X_train, y_train, X_test, y_test, test_images, mean, std


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
    cfg = merge_settings(DEFAULTS, settings, "run_mnist")
    X_train, y_train, X_test, y_test, test_images, mean, std = load_features(n_train, n_test)
    rng = np.random.default_rng(seed)
    model = build_mlp(rng=rng)
    history, train_seconds = fit_sgd(
        model, (X_train, y_train), (X_test, y_test), cfg, rng=rng, progress=progress, log=log
    )
    logits = predict_logits(model, X_test)
    return MnistRun(
        model=model,
        history=history,
        test_images=test_images,
        y_test=y_test,
        **classification_results(y_test, logits),
        pixel_mean=mean,
        pixel_std=std,
        train_seconds=train_seconds,
        n_train=len(y_train),
        settings=cfg,
    )
