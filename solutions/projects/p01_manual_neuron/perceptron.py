"""Rosenblatt's perceptron: a weighted sum, a bias, a step, and a rule to learn them.

The neuron computes z = w·x + b and fires (outputs 1) when z >= 0. Learning walks
through the training set and, after every mistake, moves (w, b) toward the sample
it got wrong. On linearly separable data this stops after finitely many updates
(Novikoff's theorem, see ``geometry.py``); on XOR it can never stop, and ``fit``
detects that instead of looping forever.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from shared.activations import step

from .validation import as_labels, as_samples

REASONS = ("converged", "cycle", "max_epochs")


@dataclass(frozen=True)
class FitResult:
    """What happened during ``Perceptron.fit``.

    converged: True when the last epoch made no mistake.
    epochs: number of complete passes over the training set.
    updates: total number of weight updates (= total mistakes).
    mistakes_per_epoch: mistakes made in each epoch, in order (length ``epochs``).
    reason: "converged", "cycle" (the weights came back to an earlier epoch's start,
        so training would repeat forever) or "max_epochs" (the epoch budget ran out).
    message: one sentence for a human.
    """

    converged: bool
    epochs: int
    updates: int
    mistakes_per_epoch: list[int]
    reason: str
    message: str

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"FitResult: reason must be one of {REASONS}, got {self.reason!r}")

    def __str__(self) -> str:
        return self.message


class Perceptron:
    """A single neuron with a step activation: predict(x) = step(w·x + b).

    Attributes:
        w: (D,) float64 weights, zero at construction.
        b: float bias, zero at construction.
        lr: learning rate, the size of each update.
    """

    def __init__(self, n_features: int, lr: float = 1.0) -> None:
        if isinstance(n_features, bool) or not isinstance(n_features, (int, np.integer)):
            raise TypeError(
                f"Perceptron: n_features must be an int, got {type(n_features).__name__}"
            )
        if n_features < 1:
            raise ValueError(f"Perceptron: n_features must be at least 1, got {n_features}")
        if isinstance(lr, bool) or not isinstance(lr, (int, float, np.integer, np.floating)):
            raise TypeError(f"Perceptron: lr must be a number, got {type(lr).__name__}")
        if not (math.isfinite(lr) and lr > 0):
            raise ValueError(f"Perceptron: lr must be a finite number > 0, got {lr}")
        self.n_features = int(n_features)
        self.lr = float(lr)
        # Zero start: the weights are then always lr times a sum of training points, which
        # is what Novikoff's proof uses, and lr only rescales them (see the brief).
        self.w = np.zeros(self.n_features, dtype=np.float64)
        self.b = 0.0

    def __repr__(self) -> str:
        return f"Perceptron(n_features={self.n_features}, lr={self.lr}, w={self.w}, b={self.b})"

    def net_input(self, X: ArrayLike) -> np.ndarray:
        """The weighted sum plus bias, z = X w + b.

        Inputs: X (N, D) float64, finite; one sample per row (a single sample is one row,
        shape (1, D)). Returns: z (N,) float64.
        Raises ValueError naming the expected and the given shape, or the first NaN/inf.
        """
        ### BEGIN SOLUTION t1
        X = as_samples(X, "net_input", self.n_features)
        return X @ self.w + self.b
        ### END SOLUTION

    def predict(self, X: ArrayLike) -> np.ndarray:
        """The neuron's output, step(X w + b): 1 where it fires (z >= 0), else 0.

        Inputs: X (N, D) float64. Returns: (N,) int64 with values in {0, 1}.
        Delegates to ``net_input``, so a bad X is reported by it (the message starts with
        ``net_input:``; the tests accept ``predict:`` too).
        """
        ### BEGIN SOLUTION t1
        return step(self.net_input(X)).astype(np.int64)
        ### END SOLUTION

    def fit(
        self,
        X: ArrayLike,
        y: ArrayLike,
        max_epochs: int = 100,
        shuffle: bool = False,
        seed: int | None = None,
    ) -> FitResult:
        """Learn w and b with the perceptron rule, starting again from zero weights.

        For each sample in turn: y_hat = step(w·x + b); on a mistake (y_hat != y)
        w += lr (y - y_hat) x and b += lr (y - y_hat). An epoch is one pass over all
        samples, in the given order. With ``shuffle``, create the generator once per call,
        ``rng = np.random.default_rng(seed)``, and visit the samples in the order
        ``rng.permutation(N)`` drawn at the start of every epoch, the first included. Stops:
        - after the first epoch with no mistake: reason "converged";
        - when, with shuffle off, the weights at the start of an epoch equal those at
          the start of an earlier epoch: training would repeat the same epochs forever,
          which cannot happen on linearly separable data: reason "cycle" (keep the
          start states seen so far, for example as ``np.append(w, b).tobytes()`` in a set);
        - after ``max_epochs`` epochs: reason "max_epochs".

        Inputs: X (N, D) finite, N >= 1; y (N,) labels in {0, 1}; max_epochs >= 1.
        Returns: a FitResult (epochs counts complete epochs, updates the mistakes of all
        of them); ``self.w`` and ``self.b`` hold the final weights.
        Raises ValueError for a bad X or y (from ``as_samples`` / ``as_labels``) or
        max_epochs < 1, TypeError for a max_epochs that is not an int (a bool included):
        call the given ``_check_fit_args`` first, it makes these checks; the given
        ``_stopped`` builds the FitResult and its message.
        """
        ### BEGIN SOLUTION t3
        X, y = _check_fit_args(X, y, max_epochs, self.n_features)
        self.w = np.zeros(self.n_features, dtype=np.float64)
        self.b = 0.0
        rng = np.random.default_rng(seed) if shuffle else None
        first_seen: dict[bytes, int] = {}  # start-of-epoch state -> epoch number
        mistakes_per_epoch: list[int] = []
        for epoch in range(1, max_epochs + 1):
            if rng is None:
                # With a fixed order the state at the start of an epoch decides everything
                # after it, so a repeated state means an endless loop. (+ 0.0 turns -0.0
                # into 0.0 so that equal numbers have equal bytes.)
                state = (np.append(self.w, self.b) + 0.0).tobytes()
                if state in first_seen:
                    return _stopped("cycle", mistakes_per_epoch, since=first_seen[state])
                first_seen[state] = epoch
            order = rng.permutation(X.shape[0]) if rng is not None else range(X.shape[0])
            mistakes = 0
            for i in order:
                error = int(y[i]) - int(step(X[i] @ self.w + self.b))
                if error != 0:
                    self.w += self.lr * error * X[i]
                    self.b += self.lr * error
                    mistakes += 1
            mistakes_per_epoch.append(mistakes)
            if mistakes == 0:
                return _stopped("converged", mistakes_per_epoch)
        return _stopped("max_epochs", mistakes_per_epoch)
        ### END SOLUTION


# ---------------------------------------------------------------- given helpers of fit


def _check_fit_args(
    X: ArrayLike, y: ArrayLike, max_epochs: int, n_features: int
) -> tuple[np.ndarray, np.ndarray]:
    """Given helper: fit's inputs checked, as (X (N, D) float64, y (N,) int64).

    X goes through your ``as_samples`` (Task 1) and y through your ``as_labels`` (Task 3);
    max_epochs must be an int >= 1 (TypeError for a non-int, ValueError for < 1).
    """
    X = as_samples(X, "fit", n_features)
    y = as_labels(y, X.shape[0], "fit")
    if isinstance(max_epochs, bool) or not isinstance(max_epochs, (int, np.integer)):
        raise TypeError(f"fit: max_epochs must be an int, got {type(max_epochs).__name__}")
    if max_epochs < 1:
        raise ValueError(f"fit: max_epochs must be at least 1, got {max_epochs}")
    return X, y


def _stopped(reason: str, mistakes_per_epoch: list[int], since: int = 0) -> FitResult:
    """Given helper: the FitResult, with its message, of a fit that stops for ``reason``.

    mistakes_per_epoch: the mistakes of every complete epoch (so epochs is its length and
    updates its sum); since: for "cycle", the earlier epoch whose start state the next
    epoch would repeat.
    """
    epochs, updates = len(mistakes_per_epoch), sum(mistakes_per_epoch)
    if reason == "converged":
        message = (
            f"converged after {epochs} epochs and {updates} updates: every "
            "training sample is classified correctly"
        )
    elif reason == "cycle":
        message = (
            f"no convergence: the weights at the start of epoch {epochs + 1} "
            f"equal those at the start of epoch {since}, so training would repeat the "
            "same epochs forever; the data are not linearly separable (stopped after "
            f"{epochs} epochs, {updates} updates)"
        )
    else:
        message = (
            f"no convergence within max_epochs={epochs}: {mistakes_per_epoch[-1]} "
            f"mistakes in the last epoch ({updates} updates in all); the data may not be "
            "linearly separable, or may need more epochs"
        )
    return FitResult(
        converged=reason == "converged",
        epochs=epochs,
        updates=updates,
        mistakes_per_epoch=list(mistakes_per_epoch),
        reason=reason,
        message=message,
    )
