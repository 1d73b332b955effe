"""``braininabox.nn.functional``: PyTorch's functional names over ``shared.functional``.

Given code. Keywords follow PyTorch (``dim=``, ``reduction=``); every gradient comes from
a registered op of the core. Losses take ``reduction`` = "mean" (default), "sum" or
"none"; options the core does not implement (class weights, label smoothing, soft
targets) raise NotImplementedError naming them.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import shared.functional as _F
from shared.init import get_rng
from shared.optim import refuse_options as _unsupported
from shared.tensor import Tensor
from shared.tensor import as_tensor as _t

from .._missing import module_getattr, reexport

_REDUCTIONS = ("mean", "sum", "none")


def _reduce(per_item: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return per_item.mean()
    if reduction == "sum":
        return per_item.sum()
    return per_item


def _check_reduction(reduction: str, where: str) -> None:
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{where}: reduction must be one of {_REDUCTIONS}, got {reduction!r}")


def relu(input: Any, inplace: bool = False) -> Tensor:
    return _F.relu(input)


def sigmoid(input: Any) -> Tensor:
    return _F.sigmoid(input)


def tanh(input: Any) -> Tensor:
    return _F.tanh(input)


def _dim(dim: int | None, where: str) -> int:
    if dim is None:
        raise TypeError(f"{where}: pass dim= (the dimension to normalise over)")
    return dim


def softmax(input: Any, dim: int | None = None, dtype: Any = None) -> Tensor:
    out = _F.softmax(input, axis=_dim(dim, "softmax"))
    return out if dtype is None else out.to(dtype)


def log_softmax(input: Any, dim: int | None = None, dtype: Any = None) -> Tensor:
    out = _F.log_softmax(input, axis=_dim(dim, "log_softmax"))
    return out if dtype is None else out.to(dtype)


def linear(input: Any, weight: Any, bias: Any = None) -> Tensor:
    return _F.linear(input, weight, bias)


def dropout(input: Any, p: float = 0.5, training: bool = True, inplace: bool = False) -> Tensor:
    """Inverted dropout with the global generator (``manual_seed``); identity when not
    ``training`` or p == 0."""
    x = _t(input)
    if not 0.0 <= p < 1.0:
        raise ValueError(f"dropout: p must lie in [0, 1), got {p!r}")
    if not training or p == 0.0:
        return x
    keep = get_rng().random(x.shape) >= p
    return x * (keep.astype(x.dtype) * np.asarray(1.0 / (1.0 - p), dtype=x.dtype))


def _labels(target: Any, input: Tensor, ignore_index: int, where: str) -> np.ndarray:
    labels = np.asarray(getattr(target, "data", target))
    if input.ndim != 2:
        raise NotImplementedError(
            f"{where}: only logits of shape (N, C) are supported, got {input.shape}; reshape "
            "(N, C, d1, ...) inputs to (N * d1 * ..., C) first"
        )
    if labels.dtype.kind == "f":
        raise NotImplementedError(f"{where}: class-probability (float) targets are not supported")
    if labels.size and np.any(labels == ignore_index):
        raise NotImplementedError(f"{where}: ignore_index={ignore_index} targets are not supported")
    return labels


def nll_loss(
    input: Any, target: Any, weight: Any = None, ignore_index: int = -100, reduction: str = "mean"
) -> Tensor:
    """-input[n, target[n]], reduced: input holds log-probabilities (N, C)."""
    _check_reduction(reduction, "nll_loss")
    _unsupported("nll_loss", weight=weight is not None)
    x = _t(input)
    labels = _labels(target, x, ignore_index, "nll_loss")
    return _reduce(-x[np.arange(len(labels)), labels], reduction)


def cross_entropy(
    input: Any,
    target: Any,
    weight: Any = None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> Tensor:
    """Cross-entropy of logits (N, C) and integer labels (N,): the core's fused op for
    reduction="mean" (and "sum" = mean * N); per sample, -log_softmax[n, y_n], for "none"."""
    _check_reduction(reduction, "cross_entropy")
    _unsupported("cross_entropy", weight=weight is not None, label_smoothing=label_smoothing)
    x = _t(input)
    labels = _labels(target, x, ignore_index, "cross_entropy")
    if reduction == "none":
        return nll_loss(_F.log_softmax(x, axis=1), labels, reduction="none")
    loss = _F.cross_entropy(x, labels)
    return loss if reduction == "mean" else loss * float(len(labels))


def mse_loss(input: Any, target: Any, reduction: str = "mean") -> Tensor:
    _check_reduction(reduction, "mse_loss")
    x, y = _t(input), _t(target)
    if x.shape != y.shape:
        raise ValueError(f"mse_loss: input {x.shape} and target {y.shape} must have one shape")
    diff = x - y
    return _reduce(diff * diff, reduction)


def _softplus(z: Tensor) -> Tensor:
    """log(1 + e^z) = relu(z) + log(1 + e^-|z|), finite for every z."""
    magnitude = _F.relu(z) + _F.relu(-z)
    return _F.relu(z) + _F.log(1.0 + _F.exp(-magnitude))


def binary_cross_entropy_with_logits(
    input: Any,
    target: Any,
    weight: Any = None,
    reduction: str = "mean",
    pos_weight: Any = None,
) -> Tensor:
    """Binary cross-entropy of logits, stable at any |z|; ``pos_weight`` a number."""
    _check_reduction(reduction, "binary_cross_entropy_with_logits")
    _unsupported("binary_cross_entropy_with_logits", weight=weight is not None)
    if pos_weight is not None:
        pw = np.asarray(getattr(pos_weight, "data", pos_weight))
        if pw.size != 1:
            raise NotImplementedError("binary_cross_entropy_with_logits: pos_weight per class")
        pos_weight = float(pw)
    x = _t(input)
    y = np.asarray(getattr(target, "data", target)).astype(x.dtype)
    if reduction == "mean":
        return _F.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight)
    if reduction == "sum":
        loss = _F.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight)
        return loss * float(y.size)
    pw = 1.0 if pos_weight is None else pos_weight
    return _softplus(-x) * (pw * y) + _softplus(x) * (1.0 - y)


def binary_cross_entropy(
    input: Any, target: Any, weight: Any = None, reduction: str = "mean"
) -> Tensor:
    """-(y log p + (1 - y) log(1 - p)) of probabilities p (prefer the logits form)."""
    _check_reduction(reduction, "binary_cross_entropy")
    _unsupported("binary_cross_entropy", weight=weight is not None)
    p, y = _t(input), np.asarray(getattr(target, "data", target))
    return _reduce(-(_F.log(p) * y + _F.log(1.0 - p) * (1.0 - y)), reduction)


# Convolution, pooling and embedding come from the later projects' ops when present.
_LATER = {
    "conv2d": "P09's conv2d op (shared/functional)",
    "max_pool2d": "P09's pooling ops (shared/functional)",
    "avg_pool2d": "P09's pooling ops (shared/functional)",
    "embedding": "P10's embedding op (shared/functional)",
}
_MISSING = {
    "gelu": "no GELU op in the core",
    "leaky_relu": "no leaky ReLU op in the core",
    "one_hot": "not provided; build it with numpy.eye(C)[labels]",
    "interpolate": "not provided",
}
reexport(_F, _LATER, globals(), _MISSING)
__getattr__ = module_getattr("braininabox.nn.functional", _MISSING)
