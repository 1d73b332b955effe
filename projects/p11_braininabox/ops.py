"""Module-level tensor functions in PyTorch's spelling (``torch.cat``, ``torch.max``, ...).

Given code: each function calls a method of the Tensor or an op of ``shared.functional``,
so every gradient comes from an op the course already checks. Differentiable
concatenation and stacking come with P10's ``concat`` / ``stack`` ops; without them,
``cat`` and ``stack`` still work on tensors that need no gradient and refuse the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

import shared.functional as _F
from shared.init import get_rng
from shared.tensor import Tensor, is_grad_enabled
from shared.tensor import as_tensor as _t


def _join(kind: str, tensors: Sequence[Any], dim: int) -> Tensor:
    tensors = [_t(t) for t in tensors]
    if not tensors:
        raise ValueError(f"{kind}: expected a non-empty sequence of tensors")
    op = getattr(_F, "concat" if kind == "cat" else "stack", None)
    if op is not None:
        return op(tensors, axis=dim)
    if is_grad_enabled() and any(t.requires_grad for t in tensors):
        raise NotImplementedError(
            f"torch.{kind} of tensors that require grad needs the differentiable "
            f"{'concat' if kind == 'cat' else 'stack'} op of shared.functional (P10)"
        )
    join = np.concatenate if kind == "cat" else np.stack
    return Tensor(join([t.data for t in tensors], axis=dim))


def cat(tensors: Sequence[Any], dim: int = 0) -> Tensor:
    """Join tensors along an existing dimension ``dim``."""
    return _join("cat", tensors, dim)


concat = concatenate = cat


def stack(tensors: Sequence[Any], dim: int = 0) -> Tensor:
    """Join tensors of one shape along a new dimension ``dim``."""
    return _join("stack", tensors, dim)


def max(input: Any, dim: int | None = None, keepdim: bool = False) -> Any:  # noqa: A001
    """The overall maximum, or ``(values, indices)`` along ``dim`` (PyTorch's rule)."""
    return _t(input).max(dim, keepdim)


def argmax(input: Any, dim: int | None = None, keepdim: bool = False) -> Tensor:
    return _t(input).argmax(dim, keepdim)


def argmin(input: Any, dim: int | None = None, keepdim: bool = False) -> Tensor:
    return _t(input).argmin(dim, keepdim)


def sum(input: Any, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return _t(input).sum(dim, keepdim)


def mean(input: Any, dim: Any = None, keepdim: bool = False) -> Tensor:
    return _t(input).mean(dim, keepdim)


def exp(input: Any) -> Tensor:
    return _F.exp(input)


def log(input: Any) -> Tensor:
    return _F.log(input)


def relu(input: Any) -> Tensor:
    return _F.relu(input)


def sigmoid(input: Any) -> Tensor:
    return _F.sigmoid(input)


def tanh(input: Any) -> Tensor:
    return _F.tanh(input)


def softmax(input: Any, dim: int) -> Tensor:
    return _F.softmax(input, axis=dim)


def log_softmax(input: Any, dim: int) -> Tensor:
    return _F.log_softmax(input, axis=dim)


def matmul(a: Any, b: Any) -> Tensor:
    return _F.matmul(a, b)


mm = matmul


def flatten(input: Any, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    return _t(input).flatten(start_dim, end_dim)


def reshape(input: Any, shape: Sequence[int]) -> Tensor:
    return _t(input).reshape(tuple(shape))


def allclose(a: Any, b: Any, rtol: float = 1e-5, atol: float = 1e-8, equal_nan: bool = False):
    """True when |a - b| <= atol + rtol * |b| everywhere (NumPy's and PyTorch's rule)."""
    return bool(np.allclose(np.asarray(a), np.asarray(b), rtol, atol, equal_nan))


def equal(a: Any, b: Any) -> bool:
    return bool(np.array_equal(np.asarray(a), np.asarray(b)))


def where(condition: Any, a: Any, b: Any) -> Tensor:
    """Elementwise choice; differentiable through ``a`` and ``b`` (as mask products)."""
    mask = np.asarray(condition, dtype=bool)
    if isinstance(a, Tensor) or isinstance(b, Tensor):
        keep = mask.astype(np.result_type(np.asarray(a), np.float32))
        return _t(a) * keep + _t(b) * (1 - keep)
    return Tensor(np.where(mask, a, b))


def multinomial(
    input: Any, num_samples: int, replacement: bool = False, generator: Any = None
) -> Tensor:
    """Draw indices by the (unnormalised, non-negative) weights in each row of ``input``:
    (C,) -> (num_samples,), (N, C) -> (N, num_samples), int64. Draws come from the global
    generator (``manual_seed``), or from ``generator`` (a numpy Generator)."""
    weights = np.asarray(input, dtype=np.float64)
    if weights.ndim not in (1, 2):
        raise ValueError(f"multinomial: expected weights (C,) or (N, C), got {weights.shape}")
    if np.any(weights < 0) or not np.all(np.isfinite(weights)):
        raise ValueError("multinomial: weights must be finite and non-negative")
    rows = np.atleast_2d(weights)
    if np.any(rows.sum(axis=1) <= 0):
        raise ValueError("multinomial: every row of weights needs a positive sum")
    if not replacement and num_samples > rows.shape[1]:
        raise ValueError(
            f"multinomial: cannot draw {num_samples} samples without replacement from "
            f"{rows.shape[1]} categories"
        )
    rng = generator if isinstance(generator, np.random.Generator) else get_rng()
    out = np.stack(
        [rng.choice(len(p), size=num_samples, replace=replacement, p=p / p.sum()) for p in rows]
    ).astype(np.int64)
    return Tensor(out if weights.ndim == 2 else out[0])
