"""``braininabox.nn``: the course's layers under PyTorch's names and signatures.

Given code. ``Module``, ``Parameter``, ``Sequential`` and the activations are the core's
own classes (``shared.nn``); ``ModuleList`` and ``ModuleDict`` are in ``containers``,
PyTorch's initialisers in ``nn.init``; ``Linear`` and ``Dropout`` are thin subclasses that take
PyTorch's arguments (``device=``, ``dtype=``, ``inplace=``) and, for ``Linear``, PyTorch's
default initialisation (weights and bias uniform in +-1/sqrt(in_features)), so a model
trains as it does in PyTorch. The loss modules wrap ``nn.functional``. Layers of later
projects (Conv2d, pooling, BatchNorm, Flatten: P09; Embedding, RNN/LSTM/GRU,
clip_grad_norm_: P10) are re-exported from ``shared.nn`` when the tree has them; until
then, using one raises NotImplementedError naming it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

import shared.nn as _core
from shared.init import get_rng
from shared.nn import LoadResult, Module, Parameter, ReLU, Sequential, Sigmoid, Tanh
from shared.tensor import Tensor, check_device

from .._missing import module_getattr, reexport
from ..creation import resolve_dtype
from . import functional, init, utils
from . import functional as F
from .containers import ModuleDict, ModuleList

__all__ = [
    "BCEWithLogitsLoss",
    "CrossEntropyLoss",
    "Dropout",
    "Identity",
    "Linear",
    "LoadResult",
    "LogSoftmax",
    "MSELoss",
    "Module",
    "ModuleDict",
    "ModuleList",
    "NLLLoss",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Softmax",
    "Tanh",
    "functional",
    "init",
    "utils",
]


class Linear(_core.Linear):
    """``nn.Linear(in_features, out_features, bias=True, device=None, dtype=None)``:
    the core's Linear with PyTorch's default initialisation, U(-k, k), k = 1/sqrt(in)."""

    def __init__(
        self,
        in_features: int,
        out_features: int,
        bias: bool = True,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        check_device(device, "nn.Linear")
        dtype = np.dtype(np.float32) if dtype is None else resolve_dtype(dtype)
        super().__init__(in_features, out_features, bias, dtype=dtype.type)
        bound = 1.0 / math.sqrt(self.in_features)
        rng = get_rng()
        self.weight.data = rng.uniform(-bound, bound, self.weight.shape).astype(dtype)
        if self.bias is not None:
            self.bias.data = rng.uniform(-bound, bound, self.bias.shape).astype(dtype)


class Dropout(_core.Dropout):
    """``nn.Dropout(p=0.5, inplace=False)``: the core's inverted dropout."""

    def __init__(self, p: float = 0.5, inplace: bool = False) -> None:
        super().__init__(p)


class Identity(Module):
    """Returns its input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__()

    def forward(self, x: Tensor) -> Tensor:
        return x


class Softmax(Module):
    def __init__(self, dim: int | None = None) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, x: Tensor) -> Tensor:
        return F.softmax(x, dim=self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class LogSoftmax(Softmax):
    def forward(self, x: Tensor) -> Tensor:
        return F.log_softmax(x, dim=self.dim)


class _Loss(Module):
    def __init__(self, reduction: str = "mean") -> None:
        super().__init__()
        F._check_reduction(reduction, type(self).__name__)
        self.reduction = reduction

    def extra_repr(self) -> str:
        return f"reduction={self.reduction!r}"


class CrossEntropyLoss(_Loss):
    """``nn.CrossEntropyLoss(reduction="mean")``: logits (N, C), labels (N,)."""

    def __init__(
        self,
        weight: Any = None,
        ignore_index: int = -100,
        reduction: str = "mean",
        label_smoothing: float = 0.0,
    ) -> None:
        super().__init__(reduction)
        F._unsupported(
            "CrossEntropyLoss", weight=weight is not None, label_smoothing=label_smoothing
        )
        self.ignore_index = ignore_index

    def forward(self, input: Tensor, target: Any) -> Tensor:
        return F.cross_entropy(
            input, target, ignore_index=self.ignore_index, reduction=self.reduction
        )


class NLLLoss(_Loss):
    def forward(self, input: Tensor, target: Any) -> Tensor:
        return F.nll_loss(input, target, reduction=self.reduction)


class MSELoss(_Loss):
    def forward(self, input: Tensor, target: Any) -> Tensor:
        return F.mse_loss(input, target, reduction=self.reduction)


class BCEWithLogitsLoss(_Loss):
    """``nn.BCEWithLogitsLoss(reduction="mean", pos_weight=None)``."""

    def __init__(self, weight: Any = None, reduction: str = "mean", pos_weight: Any = None) -> None:
        super().__init__(reduction)
        F._unsupported("BCEWithLogitsLoss", weight=weight is not None)
        self.pos_weight = pos_weight

    def forward(self, input: Tensor, target: Any) -> Tensor:
        return F.binary_cross_entropy_with_logits(
            input, target, reduction=self.reduction, pos_weight=self.pos_weight
        )


class BCELoss(_Loss):
    def forward(self, input: Tensor, target: Any) -> Tensor:
        return F.binary_cross_entropy(input, target, reduction=self.reduction)


# Layers of later projects: re-exported as soon as shared.nn defines them.
_LATER = {
    "Conv2d": "P09 (shared/nn.py)",
    "MaxPool2d": "P09 (shared/nn.py)",
    "AvgPool2d": "P09 (shared/nn.py)",
    "Flatten": "P09 (shared/nn.py)",
    "BatchNorm1d": "P09 (shared/nn.py)",
    "BatchNorm2d": "P09 (shared/nn.py)",
    "Embedding": "P10 (shared/nn.py)",
    "RNN": "P10 (shared/nn.py)",
    "LSTM": "P10 (shared/nn.py)",
    "GRU": "P10 (shared/nn.py)",
    "RNNCell": "P10 (shared/nn.py)",
    "LSTMCell": "P10 (shared/nn.py)",
    "GRUCell": "P10 (shared/nn.py)",
}
_MISSING = {
    "GELU": "no GELU op in the core",
    "LeakyReLU": "no leaky ReLU op in the core",
    "LayerNorm": "not provided",
    "Transformer": "not provided",
    "MultiheadAttention": "not provided",
    "DataParallel": "BrainInABox runs in one process on the CPU",
}
__all__ += reexport(_core, _LATER, globals(), _MISSING)
__getattr__ = module_getattr("braininabox.nn", _MISSING)
