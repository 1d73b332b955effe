"""The same multilayer perceptron on Tensors: one graph node per matrix operation.

Where ``ValueMLP`` builds a node for every multiplication of every sample, ``TensorMLP``
pushes a whole batch through a layer with one matrix product, one broadcast addition and
one activation: three nodes for (batch x inputs x neurons) multiplications. Same numbers,
same gradients, a few hundred times faster.

    model = TensorMLP.from_value_mlp(value_model)     # identical weights
    history = train_tensor_mlp(model, X, y, steps=300, lr=0.6, batch_size=16)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from shared.tensor import Tensor, TensorLike, no_grad

from .moons import signed_labels
from .nn_value import ACTIVATIONS, ValueMLP, batch_schedule

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["TensorMLP", "margin_loss_tensor", "predict_tensor", "train_tensor_mlp"]


class TensorMLP:
    """Fully connected layers on Tensors: per layer ``x @ W + b``, then the activation
    on every hidden layer; the output layer is linear and has one unit (scores).

    Inputs: weights, per layer (W (n_in, n_out), b (n_out,)) arrays; ``dtype`` of the
    parameters (float32 by default, float64 for gradient checks).
    Attributes: ``params``, the list [W1, b1, W2, b2, ...] of leaf Tensors that require
    grad, named "W1", "b1", ...
    """

    def __init__(
        self,
        weights: Sequence[tuple[np.ndarray, np.ndarray]],
        *,
        activation: str = "tanh",
        dtype: type = np.float32,
    ) -> None:
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {activation!r}")
        if not weights or np.shape(weights[-1][0])[1] != 1:
            raise ValueError("TensorMLP: the last layer must have exactly one output unit")
        self.activation = activation
        self.params: list[Tensor] = []
        for i, (W, b) in enumerate(weights, start=1):
            W = np.array(W, dtype=dtype)  # copies: training must not move the caller's arrays
            b = np.array(b, dtype=dtype)
            if W.ndim != 2 or b.shape != (W.shape[1],):
                raise ValueError(
                    f"TensorMLP: layer {i} needs W (n_in, n_out) and b (n_out,), got "
                    f"{W.shape} and {b.shape}"
                )
            self.params.append(Tensor(W, requires_grad=True, name=f"W{i}"))
            self.params.append(Tensor(b, requires_grad=True, name=f"b{i}"))

    @classmethod
    def from_value_mlp(cls, model: ValueMLP, *, dtype: type = np.float32) -> TensorMLP:
        """A TensorMLP holding the current weights of a ValueMLP (same activation)."""
        return cls(model.weights(), activation=model.activation, dtype=dtype)

    def parameters(self) -> list[Tensor]:
        return list(self.params)

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    def __call__(self, X: TensorLike) -> Tensor:
        """Scores of a batch: X (N, n_in) -> (N,)."""
        x = X if isinstance(X, Tensor) else Tensor(X, dtype=self.params[0].dtype)
        raise NotImplementedError('P05 Task 6 · TensorMLP.__call__ (projects/p05_autograd/nn_tensor.py) — see projects/p05_autograd/README.md#task-6')


def margin_loss_tensor(scores: Tensor, y_signed: TensorLike) -> Tensor:
    """Mean hinge loss mean(max(0, 1 - y * s)) of scores (N,) and labels (N,) in {-1, +1}:
    the batch version of ``margin_loss``. The labels are cast to the scores' dtype (so a
    float32 model gives a float32 loss); ValueError naming both shapes when they differ."""
    raise NotImplementedError('P05 Task 6 · margin_loss_tensor (projects/p05_autograd/nn_tensor.py) — see projects/p05_autograd/README.md#task-6')


def train_tensor_mlp(
    model: TensorMLP,
    X: np.ndarray,
    y: np.ndarray,
    *,
    steps: int,
    lr: float,
    batch_size: int,
    seed: int = 0,
) -> list[float]:
    """``train_value_mlp`` on Tensors: the same batches (``batch_schedule``), loss and
    update, one matrix operation per layer. Update the parameters under ``no_grad`` (in
    place on ``p.data``). Returns the loss of each step (before its update)."""
    y_signed = signed_labels(y)
    X = np.asarray(X, dtype=model.params[0].dtype)
    raise NotImplementedError('P05 Task 6 · train_tensor_mlp (projects/p05_autograd/nn_tensor.py) — see projects/p05_autograd/README.md#task-6')


def predict_tensor(model: TensorMLP, X: np.ndarray) -> np.ndarray:
    """Scores of every row of X, (N,) float64, computed without recording a graph."""
    with no_grad():
        return model(np.asarray(X)).data.astype(np.float64)
