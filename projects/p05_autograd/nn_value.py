"""A tiny multilayer perceptron made of scalar ``Value``s, trained on two-moons.

A neuron computes act(w · x + b) one multiplication at a time, so every weight, every
product and every partial sum is a node of the graph; ``loss.backward()`` differentiates
all of it. It is slow (thousands of Python objects per sample) and that is the point:
P05's Tensor engine does the same with one node per matrix operation.

    model = ValueMLP((2, 8, 8, 1), seed=0)
    history = train_value_mlp(model, X, y, steps=100, lr=0.1, batch_size=16)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .moons import signed_labels
from .value import Value

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "ACTIVATIONS",
    "Neuron",
    "ValueMLP",
    "batch_schedule",
    "margin_loss",
    "predict_value",
    "train_value_mlp",
]

ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")


def _check_activation(activation: str) -> str:
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
    return activation


class Neuron:
    """act(w · x + b) for ``n_inputs`` inputs.

    Weights start uniform in (-1/sqrt(n), 1/sqrt(n)) scaled by 2 (drawn from ``rng``),
    the bias at 0.
    """

    def __init__(
        self, n_inputs: int, *, activation: str = "tanh", rng: np.random.Generator
    ) -> None:
        bound = 2.0 / np.sqrt(n_inputs)
        self.w = [Value(float(v)) for v in rng.uniform(-bound, bound, size=n_inputs)]
        self.b = Value(0.0)
        self.activation = _check_activation(activation)

    def __call__(self, x: Sequence[Value | float]) -> Value:
        """The neuron's output for one input vector ``x`` (len(x) == n_inputs)."""
        if len(x) != len(self.w):
            raise ValueError(f"Neuron: expected {len(self.w)} inputs, got {len(x)}")
        raise NotImplementedError('P05 Task 1 · Neuron.__call__ (projects/p05_autograd/nn_value.py) — see projects/p05_autograd/README.md#task-1')

    def parameters(self) -> list[Value]:
        return [*self.w, self.b]


class ValueMLP:
    """Fully connected layers of Neurons: ``sizes = (n_in, h1, ..., n_out)``.

    Hidden layers use ``activation``; the output layer is linear (it returns scores).
    ``seed`` fixes the initial weights.
    """

    def __init__(self, sizes: Sequence[int], *, activation: str = "tanh", seed: int = 0) -> None:
        sizes = tuple(int(s) for s in sizes)
        if len(sizes) < 2 or any(s < 1 for s in sizes):
            raise ValueError(f"ValueMLP: sizes must be >= 2 positive ints, got {sizes}")
        rng = np.random.default_rng(seed)
        self.sizes = sizes
        self.activation = _check_activation(activation)
        self.layers = [
            [
                Neuron(n_in, activation=activation if i < len(sizes) - 2 else "linear", rng=rng)
                for _ in range(n_out)
            ]
            for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True))
        ]

    def __call__(self, x: Sequence[Value | float]) -> Value | list[Value]:
        """Forward one sample; a single Value when the last layer has one neuron."""
        raise NotImplementedError('P05 Task 1 · ValueMLP.__call__ (projects/p05_autograd/nn_value.py) — see projects/p05_autograd/README.md#task-1')

    def parameters(self) -> list[Value]:
        return [p for layer in self.layers for neuron in layer for p in neuron.parameters()]

    def zero_grad(self) -> None:
        for p in self.parameters():
            p.grad = 0.0

    def weights(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The current numbers as matrices: per layer (W (n_in, n_out), b (n_out,)) float64,
        W[i, j] = weight of input i in neuron j. Used to build the same net on Tensors."""
        out = []
        for layer in self.layers:
            W = np.array([[w.data for w in neuron.w] for neuron in layer]).T
            b = np.array([neuron.b.data for neuron in layer])
            out.append((W, b))
        return out


def margin_loss(scores: Sequence[Value], y_signed: Sequence[float]) -> Value:
    """Mean hinge loss (1/n) sum_i max(0, 1 - y_i s_i), labels y_i in {-1, +1}.

    Zero for a sample classified right with a margin of at least 1; grows linearly the
    more a sample is on the wrong side.
    """
    if len(scores) != len(y_signed) or not scores:
        raise ValueError(
            f"margin_loss: need as many labels as scores (at least one), got "
            f"{len(scores)} scores and {len(y_signed)} labels"
        )
    raise NotImplementedError('P05 Task 1 · margin_loss (projects/p05_autograd/nn_value.py) — see projects/p05_autograd/README.md#task-1')


def batch_schedule(n: int, batch_size: int, steps: int, seed: int) -> list[np.ndarray]:
    """The sample indices of each training step: epochs of shuffled mini-batches.

    Given helper: both trainers (Value and Tensor) call it, so with the same seed they see
    the same batches in the same order. A short last batch of an epoch is dropped.
    """
    if batch_size < 1 or batch_size > n:
        raise ValueError(f"batch_schedule: batch_size must be in [1, {n}], got {batch_size}")
    rng = np.random.default_rng(seed)
    out: list[np.ndarray] = []
    while len(out) < steps:
        order = rng.permutation(n)
        out.extend(order[i : i + batch_size] for i in range(0, n - batch_size + 1, batch_size))
    return out[:steps]


def train_value_mlp(
    model: ValueMLP,
    X: np.ndarray,
    y: np.ndarray,
    *,
    steps: int,
    lr: float,
    batch_size: int,
    seed: int = 0,
) -> list[float]:
    """Train ``model`` by mini-batch gradient descent on the margin loss.

    Inputs: X (N, 2) float64, y (N,) labels 0/1; ``steps`` updates, each on the batch
    ``batch_schedule(N, batch_size, steps, seed)[t]``: zero the gradients, forward every
    sample of the batch, ``margin_loss``, backward, then ``p.data -= lr * p.grad``.
    Returns the loss of each step (before its update).
    """
    y_signed = signed_labels(y)
    raise NotImplementedError('P05 Task 1 · train_value_mlp (projects/p05_autograd/nn_value.py) — see projects/p05_autograd/README.md#task-1')


def predict_value(model: ValueMLP, X: np.ndarray) -> np.ndarray:
    """Scores of every row of X: (N,) float64 (class 1 where the score is > 0)."""
    return np.array([model([float(v) for v in row]).data for row in np.asarray(X)])
