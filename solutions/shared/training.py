"""The classification training loop (P08 · Task 5): epochs of mini-batch steps, metrics
per epoch, evaluation without a graph. P08 trains its MLP with it and P09 its CNN.

One step is the four lines every framework's loop has::

    loss = cross_entropy(model(Tensor(xb)), target=yb)   # forward: builds the graph
    optimizer.zero_grad()                                # forget the last step's gradients
    loss.backward()                                      # fill every parameter's .grad
    optimizer.step()                                     # move the parameters

Evaluation runs under ``no_grad()``: no graph is recorded, so no intermediate array is
kept for a backward pass that will never come (less memory, less time), and no gradient
can leak into the next training step.

A progress bar (tqdm) shows the batches of an epoch when asked (``progress=True``) or,
by default, when standard error is a terminal; tests and notebooks stay quiet.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from shared.data import DataLoader, TensorDataset
from shared.functional import cross_entropy
from shared.metrics import accuracy, class_confusion_matrix
from shared.nn import Module
from shared.optim import SGD, Optimizer
from shared.tensor import Tensor, no_grad

__all__ = [
    "ClassifierRun",
    "EpochStats",
    "classification_results",
    "cosine_lr",
    "evaluate",
    "fit",
    "fit_sgd",
    "merge_settings",
    "predict_logits",
    "train_epoch",
]


@dataclass(frozen=True)
class EpochStats:
    """What one epoch measured: ``epoch``, 1-based (the first epoch is 1); mean training
    loss and accuracy over its batches (as the parameters moved); test accuracy after it;
    the learning rate used; ``seconds``, the wall time of the epoch's training
    (``train_epoch``) alone, measured with ``time.perf_counter``, not the evaluation."""

    epoch: int
    train_loss: float
    train_accuracy: float
    test_accuracy: float
    lr: float
    seconds: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def cosine_lr(base_lr: float, epoch: int, epochs: int) -> float:
    """The learning rate of ``epoch`` (0-based) on a cosine from ``base_lr`` toward 0:
    base_lr · (1 + cos(π · epoch / epochs)) / 2. Large steps first, small ones at the end,
    where the loss surface is explored at a finer scale. Given helper."""
    return base_lr * 0.5 * (1.0 + math.cos(math.pi * epoch / epochs))


def _show_progress(progress: bool | None) -> bool:
    if progress is None:
        return sys.stderr.isatty()
    return bool(progress)


def train_epoch(
    model: Module,
    loader: DataLoader,
    optimizer: Optimizer,
    *,
    progress: bool | None = None,
    description: str = "train",
) -> tuple[float, float]:
    """One pass over ``loader``: a gradient step on every batch.

    Inputs: model (inputs (B, D) -> logits (B, C)); loader yielding (xb (B, D) float,
    yb (B,) int labels); optimizer over the model's parameters; progress (tqdm bar over
    the batches: True, False, or None = only when stderr is a terminal).
    Returns: (mean loss, accuracy) over the epoch's samples, each batch weighted by its
    size, measured on the batches as they were trained (before each step).
    Sets train mode first (``model.train()``) and leaves it on. Each step: forward on
    ``Tensor(xb)``, ``cross_entropy``, ``optimizer.zero_grad()``, ``backward``,
    ``optimizer.step()``. Raises ValueError when the loader yields no batch.
    """
    ### BEGIN SOLUTION p08.t5
    model.train()
    batches = loader
    if _show_progress(progress):
        from tqdm.auto import tqdm

        batches = tqdm(loader, desc=description, leave=False, file=sys.stderr)
    total_loss, correct, seen = 0.0, 0, 0
    for xb, yb in batches:
        logits = model(Tensor(xb))
        loss = cross_entropy(logits, target=yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        size = len(yb)
        total_loss += loss.item() * size
        correct += int(np.sum(np.argmax(logits.data, axis=1) == yb))
        seen += size
    if seen == 0:
        raise ValueError("train_epoch: the loader yielded no batch (empty dataset?)")
    return total_loss / seen, correct / seen
    ### END SOLUTION


def predict_logits(model: Module, X: np.ndarray, batch_size: int = 2000) -> np.ndarray:
    """The model's logits for every row of X, computed under ``no_grad`` in chunks of
    ``batch_size`` rows (bounded memory), in eval mode: ``model.eval()`` is called and
    the model is left in eval mode (the previous mode is not restored; ``train_epoch``
    sets train mode again).

    Inputs: X (N, D). Returns: (N, C) array of the model's dtype.
    """
    ### BEGIN SOLUTION p08.t5
    model.eval()
    X = np.asarray(X)
    with no_grad():
        parts = [model(Tensor(X[i : i + batch_size])).data for i in range(0, len(X), batch_size)]
    return np.concatenate(parts)
    ### END SOLUTION


def evaluate(
    model: Module, X: np.ndarray, y: np.ndarray, batch_size: int = 2000
) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) of the model on X (N, D) with labels y (N,), without
    recording a graph (see ``predict_logits``)."""
    ### BEGIN SOLUTION p08.t5
    logits = predict_logits(model, X, batch_size)
    with no_grad():
        loss = cross_entropy(Tensor(logits), target=np.asarray(y)).item()
    return float(loss), accuracy(y, logits)
    ### END SOLUTION


def fit(
    model: Module,
    optimizer: Optimizer,
    loader: DataLoader,
    X_test: np.ndarray,
    y_test: np.ndarray,
    epochs: int,
    *,
    schedule: Callable[[float, int, int], float] | None = cosine_lr,
    progress: bool | None = None,
    log: Callable[[EpochStats], None] | None = None,
) -> list[EpochStats]:
    """Train for ``epochs`` epochs; after each, measure the test accuracy.

    Inputs: model, optimizer, loader (training batches); X_test (M, D), y_test (M,);
    epochs >= 1; schedule(base_lr, epoch, epochs) -> the epoch's learning rate, set on
    ``optimizer.lr`` before the epoch (None: keep the optimizer's lr); progress as in
    ``train_epoch``; log, called with each epoch's stats as soon as they exist (the demo
    prints them).
    Returns: the list of EpochStats, one per epoch. The optimizer's lr is restored to its
    starting value at the end, also when training raises. Raises ValueError when epochs
    is not an int >= 1.
    """
    ### BEGIN SOLUTION p08.t5
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise ValueError(f"fit: epochs must be a positive int, got {epochs!r}")
    base_lr = optimizer.lr
    history: list[EpochStats] = []
    try:
        for epoch in range(epochs):
            if schedule is not None:
                optimizer.lr = schedule(base_lr, epoch, epochs)
            start = time.perf_counter()
            loss, acc = train_epoch(
                model, loader, optimizer, progress=progress, description=f"epoch {epoch + 1}"
            )
            seconds = time.perf_counter() - start
            _, test_acc = evaluate(model, X_test, y_test)
            stats = EpochStats(epoch + 1, loss, acc, test_acc, float(optimizer.lr), seconds)
            history.append(stats)
            if log is not None:
                log(stats)
    finally:
        optimizer.lr = base_lr
    return history
    ### END SOLUTION


# Given helpers of the experiments (P08's MLP, P09's CNN): the same recipe for both.


def merge_settings(
    defaults: Mapping[str, float], overrides: Mapping[str, float], where: str
) -> dict[str, float]:
    """``{**defaults, **overrides}``; ValueError naming the unknown keys and the known
    ones when ``overrides`` holds a key that ``defaults`` lacks (a typo would otherwise
    be ignored silently)."""
    unknown = set(overrides) - set(defaults)
    if unknown:
        raise ValueError(f"{where}: unknown settings {sorted(unknown)}; known: {sorted(defaults)}")
    return {**defaults, **overrides}


def fit_sgd(
    model: Module,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    settings: Mapping[str, float],
    *,
    rng: np.random.Generator,
    progress: bool | None = None,
    log: Callable[[EpochStats], None] | None = None,
) -> tuple[list[EpochStats], float]:
    """Train ``model`` with ``fit``: SGD with heavy-ball momentum (``settings["lr"]``,
    ``settings["momentum"]``) and the cosine schedule, for ``settings["epochs"]`` epochs
    over a DataLoader of ``train`` = (X (N, ...), y (N,)) that reshuffles every epoch in
    batches of ``settings["batch_size"]``, drawing its order from ``rng``; ``test`` =
    (X, y) is measured after every epoch. Returns (the EpochStats of every epoch, the
    seconds the whole training took)."""
    optimizer = SGD(model.parameters(), lr=settings["lr"], momentum=settings["momentum"])
    batch_size = int(settings["batch_size"])
    loader = DataLoader(TensorDataset(*train), batch_size=batch_size, shuffle=True, seed=rng)
    start = time.perf_counter()
    history = fit(
        model, optimizer, loader, *test, int(settings["epochs"]), progress=progress, log=log
    )
    return history, time.perf_counter() - start


@dataclass(kw_only=True)
class ClassifierRun:
    """What one experiment's training and test produced (P08's ``MnistRun`` and P09's
    ``CnnRun`` add their own fields). Arrays of the test set: ``test_images`` (M, ...) the
    raw images, ``y_test`` (M,) int labels, ``test_logits`` (M, C); ``confusion`` (C, C)
    int64, rows true classes; ``history`` one EpochStats per epoch; ``train_seconds`` the
    wall time of the training; ``settings`` what it trained with."""

    model: Module
    history: list[EpochStats]
    test_images: np.ndarray
    y_test: np.ndarray
    test_logits: np.ndarray
    test_accuracy: float
    confusion: np.ndarray
    train_seconds: float
    n_train: int
    settings: dict[str, float] = field(default_factory=dict)


def classification_results(y_test: np.ndarray, logits: np.ndarray) -> dict[str, object]:
    """``test_logits``, ``test_accuracy`` and ``confusion`` of ``logits`` (M, C) against
    the labels ``y_test`` (M,): the test fields of a :class:`ClassifierRun`."""
    return {
        "test_logits": logits,
        "test_accuracy": accuracy(y_test, logits),
        "confusion": class_confusion_matrix(y_test, np.argmax(logits, axis=1), logits.shape[1]),
    }
