"""The test oracles of the course's autograd ops, keyed by op name.

Each op of ``shared.functional`` is registered there by name only (``@register("exp")``);
what the generic checks (:mod:`m2m.opchecks.checks`) compare it with lives here, with the grader:
an independent NumPy reference of the forward pass (float64, written another way than the
op), the input domain of each operand (log needs positive numbers), fixed shape cases
(broadcast pairs included), the ``kind`` of shapes hypothesis draws, and for ops with
non-differentiable inputs (class labels, 0/1 targets) a sampler of those. The learner's
files hold none of it, so an op cannot be made to agree with a wrong oracle.

A new op adds one ``_spec(...)`` call here (and, for a new family of shapes, one
``@kind`` strategy in ``m2m/opchecks/kinds.py``: ``KINDS`` maps each kind to its strategy).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from m2m.opchecks.kinds import KINDS

__all__ = ["DOMAINS", "KINDS", "SPECS", "Case", "OpSpec"]


@dataclass(frozen=True)
class Case:
    """One fixed test case of an op: the shapes of its array inputs and its parameters.

    ``Case(((2, 3), (3,)))`` is a broadcast pair for a binary op;
    ``Case(((2, 3),), {"axis": 1, "keepdims": True})`` a reduction over axis 1.
    """

    shapes: tuple[tuple[int, ...], ...]
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OpSpec:
    """What the generic checks need to know of one registered op.

    name: the registry key in ``shared.functional.REGISTRY``, also the functional alias.
    owner, task: the project and brief task that implement it (``"p05"``, 3).
    kind: how hypothesis draws shapes and parameters for it (a key of ``KINDS``,
      ``m2m/opchecks/kinds.py``).
    reference: the forward pass in plain NumPy, written independently of the op (float64).
    domains: one name of ``DOMAINS`` per array input: where the op is smooth.
    cases: fixed cases, run before the hypothesis ones (edge cases, broadcast pairs).
    sample_params: for ops with non-differentiable inputs that must agree with the sampled
      arrays (class labels of a batch, 0/1 targets), ``sample_params(rng, shapes) -> dict``
      draws them; they are passed as keyword parameters, merged over the case's own.
    """

    name: str
    owner: str
    task: int
    kind: str
    reference: Callable[..., np.ndarray]
    domains: tuple[str, ...]
    cases: tuple[Case, ...]
    sample_params: Callable[[np.random.Generator, tuple[tuple[int, ...], ...]], dict] | None = None


def _real(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    return rng.uniform(-2.0, 2.0, size=shape)


def _positive(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    return rng.uniform(0.5, 2.0, size=shape)


def _nonzero(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    # At least 0.5 away from 0: a divisor never explodes, relu's kink is never crossed.
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 2.0, size=shape)


def _distinct(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    # Values at least 0.08 apart: a maximum is never tied, even after a finite-difference
    # nudge, so it is differentiable at the sampled point.
    n = int(np.prod(shape, dtype=np.int64))
    spaced = (rng.permutation(n) - n / 2.0) * 0.1 + rng.uniform(-0.01, 0.01, size=n)
    return spaced.reshape(shape)


def _small(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    # Inputs of gated cells (P10): sums of many such terms stay where σ and tanh are not
    # saturated, so no gradient is so small that central differences cannot resolve it.
    return rng.uniform(-0.5, 0.5, size=shape)


#: Input domains: name -> sampler(rng, shape) -> float64 array of that shape.
DOMAINS: Mapping[str, Callable[[np.random.Generator, tuple[int, ...]], np.ndarray]] = (
    MappingProxyType(
        {
            "real": _real,
            "positive": _positive,
            "nonzero": _nonzero,
            "distinct": _distinct,
            "small": _small,
        }
    )
)


def _ref_sigmoid(a: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, -a))  # 1 / (1 + e^-a) = exp(-log(1 + e^-a))


def _ref_tanh(a: np.ndarray) -> np.ndarray:
    return np.sinh(a) / np.cosh(a)


def _ref_matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a2 = a[None, :] if a.ndim == 1 else a
    b2 = b[:, None] if b.ndim == 1 else b
    out = np.einsum("...ij,...jk->...ik", a2, b2)
    if a.ndim == 1:
        out = out[..., 0, :]
    if b.ndim == 1:
        out = out[..., 0]
    return out


def _ref_mean(a: np.ndarray, axis: Any = None, keepdims: bool = False) -> np.ndarray:
    total = np.add.reduce(a, axis=axis, keepdims=keepdims)
    return total * (np.size(total) / np.size(a)) if np.size(a) else total


def _ref_max(a: np.ndarray, axis: Any = None, keepdims: bool = False) -> np.ndarray:
    return -np.minimum.reduce(-a, axis=axis, keepdims=keepdims)


def _ref_transpose(a: np.ndarray, axes: Any = None) -> np.ndarray:
    order = tuple(reversed(range(a.ndim))) if axes is None else tuple(axes)
    letters = "abcdefgh"[: a.ndim]
    return np.einsum(f"{letters}->{''.join(letters[i] for i in order)}", a)


_BROADCAST_CASES = (
    Case(((3,), (3,))),
    Case(((2, 3), (3,))),
    Case(((3,), (2, 3))),
    Case(((2, 1), (1, 3))),
    Case(((), (2, 3))),
    Case(((4, 1, 3), (2, 1))),
)


_UNARY_CASES = (Case(((),)), Case(((5,),)), Case(((2, 3),)), Case(((2, 1, 3),)))


def _matmul_ref_cases() -> tuple[Case, ...]:
    return (
        Case(((2, 3), (3, 4))),
        Case(((3,), (3,))),
        Case(((3,), (3, 2))),
        Case(((2, 3), (3,))),
        Case(((2, 2, 3), (3, 4))),
        Case(((3,), (2, 3, 2))),
        Case(((2, 1, 2, 3), (3, 3, 2))),
    )


_REDUCE_CASES = (
    Case(((4,),)),
    Case(((2, 3),)),
    Case(((2, 3),), {"axis": 0}),
    Case(((2, 3),), {"axis": -1, "keepdims": True}),
    Case(((2, 3, 4),), {"axis": (0, 2)}),
    Case(((2, 3, 4),), {"axis": (2, 0), "keepdims": True}),
    Case(((),)),
)


def _ref_linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    # einsum, not @: written differently from the op it checks.
    return np.einsum("...i,oi->...o", x, weight) + bias


def _ref_bce_with_logits(
    logits: np.ndarray, target: np.ndarray, pos_weight: float | None = None
) -> np.ndarray:
    # -log σ(z) = log(1 + e^-z) = logaddexp(0, -z); -log(1 - σ(z)) = logaddexp(0, z).
    weight = 1.0 if pos_weight is None else pos_weight
    per_element = weight * target * np.logaddexp(0.0, -logits) + (1.0 - target) * np.logaddexp(
        0.0, logits
    )
    return np.asarray(np.add.reduce(per_element, axis=None) / np.size(per_element))


def _sample_binary_targets(
    rng: np.random.Generator, shapes: tuple[tuple[int, ...], ...]
) -> dict[str, np.ndarray]:
    """0/1 float64 targets of the logits' shape, for the generic registry test."""
    return {"target": (rng.random(shapes[0]) < 0.5).astype(np.float64)}


def _ref_log_softmax(a: np.ndarray, axis: int = -1) -> np.ndarray:
    return a - np.logaddexp.reduce(a, axis=axis, keepdims=True)


def _ref_softmax(a: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.exp(_ref_log_softmax(a, axis))


def _ref_cross_entropy(a: np.ndarray, target: np.ndarray) -> np.ndarray:
    picked = np.take_along_axis(_ref_log_softmax(a, 1), np.asarray(target)[:, None], axis=1)
    return np.asarray(-np.add.reduce(picked[:, 0]) / len(picked))


def _sample_labels(
    rng: np.random.Generator, shapes: tuple[tuple[int, ...], ...]
) -> dict[str, np.ndarray]:
    """Class labels matching sampled logits of shape (N, C): ``{"target": (N,) int64}``."""
    n, c = shapes[0]
    return {"target": rng.integers(0, c, size=n)}


_AXIS_CASES = (
    Case(((5,),)),
    Case(((2, 3),)),
    Case(((2, 3),), {"axis": 0}),
    Case(((2, 3, 4),), {"axis": 1}),
    Case(((3, 1),)),
    Case(((2, 1, 3),), {"axis": -3}),
)


#: Op name -> what the generic checks need; one entry per registered op.
SPECS: dict[str, OpSpec] = {}


def _spec(
    name: str,
    *,
    owner: str,
    task: int,
    kind: str,
    reference: Callable[..., np.ndarray],
    domains: tuple[str, ...],
    cases: tuple[Case, ...],
    sample_params: Callable[[np.random.Generator, tuple[tuple[int, ...], ...]], dict] | None = None,
) -> None:
    if name in SPECS:
        raise ValueError(f"opspecs: {name!r} is specified twice")
    if kind not in KINDS:
        raise ValueError(f"opspecs: {name!r} has unknown kind {kind!r}; known: {sorted(KINDS)}")
    if not domains or any(d not in DOMAINS for d in domains):
        raise ValueError(f"opspecs: {name!r} domains must name entries of DOMAINS, got {domains!r}")
    if not cases or any(len(c.shapes) != len(domains) for c in cases):
        raise ValueError(
            f"opspecs: {name!r} needs at least one case, each with one shape per domain"
        )
    SPECS[name] = OpSpec(
        name, owner, task, kind, reference, tuple(domains), tuple(cases), sample_params
    )


_spec(
    "add",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.add(a, b),
    domains=("real", "real"),
    cases=_BROADCAST_CASES,
)

_spec(
    "sub",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.add(a, np.negative(b)),
    domains=("real", "real"),
    cases=_BROADCAST_CASES,
)

_spec(
    "mul",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.multiply(a, b),
    domains=("real", "real"),
    cases=_BROADCAST_CASES,
)

_spec(
    "div",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.multiply(a, np.reciprocal(b)),
    domains=("real", "nonzero"),
    cases=_BROADCAST_CASES,
)

_spec(
    "neg",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.multiply(a, -1.0),
    domains=("real",),
    cases=_UNARY_CASES,
)

_spec(
    "pow",
    owner="p05",
    task=3,
    kind="broadcast",
    reference=lambda a, b: np.exp(b * np.log(a)),
    domains=("positive", "real"),
    cases=_BROADCAST_CASES,
)

_spec(
    "exp",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.power(np.e, a),
    domains=("real",),
    cases=_UNARY_CASES,
)

_spec(
    "log",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.log2(a) * np.log(2.0),
    domains=("positive",),
    cases=_UNARY_CASES,
)

_spec(
    "relu",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=lambda a: np.where(a > 0, a, 0.0),
    domains=("nonzero",),
    cases=_UNARY_CASES,
)

_spec(
    "sigmoid",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=_ref_sigmoid,
    domains=("real",),
    cases=_UNARY_CASES,
)

_spec(
    "tanh",
    owner="p05",
    task=3,
    kind="elementwise",
    reference=_ref_tanh,
    domains=("real",),
    cases=_UNARY_CASES,
)

_spec(
    "matmul",
    owner="p05",
    task=4,
    kind="matmul",
    reference=_ref_matmul,
    domains=("real", "real"),
    cases=_matmul_ref_cases(),
)

_spec(
    "sum",
    owner="p05",
    task=4,
    kind="reduce",
    reference=lambda a, axis=None, keepdims=False: np.add.reduce(a, axis=axis, keepdims=keepdims),
    domains=("real",),
    cases=_REDUCE_CASES,
)

_spec(
    "mean",
    owner="p05",
    task=4,
    kind="reduce",
    reference=_ref_mean,
    domains=("real",),
    cases=_REDUCE_CASES,
)

_spec(
    "max",
    owner="p05",
    task=4,
    kind="reduce",
    reference=_ref_max,
    domains=("distinct",),
    cases=_REDUCE_CASES,
)

_spec(
    "reshape",
    owner="p05",
    task=5,
    kind="reshape",
    reference=lambda a, shape: np.reshape(a, shape),
    domains=("real",),
    cases=(
        Case(((2, 3),), {"shape": (3, 2)}),
        Case(((2, 3),), {"shape": (6,)}),
        Case(((6,),), {"shape": (1, 2, -1)}),
        Case(((),), {"shape": (1, 1)}),
        Case(((2, 3, 4),), {"shape": (4, -1)}),
    ),
)

_spec(
    "transpose",
    owner="p05",
    task=5,
    kind="transpose",
    reference=_ref_transpose,
    domains=("real",),
    cases=(
        Case(((2, 3),)),
        Case(((2, 3, 4),), {"axes": (1, 2, 0)}),
        Case(((2, 3, 4),), {"axes": (2, 0, 1)}),
        Case(((4,),)),
        Case(((2, 1, 3, 2),), {"axes": (3, 1, 0, 2)}),
    ),
)

_spec(
    "getitem",
    owner="p05",
    task=5,
    kind="index",
    reference=lambda a, index: np.asarray(a)[index],
    domains=("real",),
    cases=(
        Case(((5,),), {"index": 2}),
        Case(((5,),), {"index": slice(1, None, 2)}),
        Case(((4, 3),), {"index": (slice(None), -1)}),
        Case(((4, 3),), {"index": np.array([0, 2, 0, 3])}),
        Case(((4, 3),), {"index": (np.array([1, 1, 3]), np.array([0, 0, 2]))}),
        Case(((3, 4),), {"index": (Ellipsis, None, slice(None, None, -1))}),
        Case(((2, 3),), {"index": np.array([[True, False, True], [False, True, True]])}),
    ),
)

_spec(
    "linear",
    owner="p06",
    task=3,
    kind="linear",
    reference=_ref_linear,
    domains=("real", "real", "real"),
    cases=(
        Case(((4, 3), (2, 3), (2,))),
        Case(((3,), (2, 3), (2,))),
        Case(((2, 4, 3), (5, 3), (5,))),
        Case(((1, 1), (1, 1), (1,))),
    ),
)

_spec(
    "binary_cross_entropy_with_logits",
    owner="p06",
    task=5,
    kind="loss",
    reference=_ref_bce_with_logits,
    domains=("real",),
    cases=(
        Case(((6,),)),
        Case(((5,),), {"pos_weight": 3.0}),
        Case(((4, 3),)),
        Case(((1,),), {"pos_weight": 0.5}),
    ),
    sample_params=_sample_binary_targets,
)

_spec(
    "softmax",
    owner="p08",
    task=1,
    kind="axis",
    reference=_ref_softmax,
    domains=("real",),
    cases=_AXIS_CASES,
)

_spec(
    "log_softmax",
    owner="p08",
    task=1,
    kind="axis",
    reference=_ref_log_softmax,
    domains=("real",),
    cases=_AXIS_CASES,
)

_spec(
    "cross_entropy",
    owner="p08",
    task=2,
    kind="loss",
    reference=_ref_cross_entropy,
    domains=("real",),
    cases=(
        Case(((4, 3),)),
        Case(((1, 5),)),
        Case(((6, 2),)),
        Case(((3, 10),)),
    ),
    sample_params=_sample_labels,
)


# ---------------------------------------------------------------- P10: sequence ops


def _ref_stack(*arrays: np.ndarray, axis: int = 0) -> np.ndarray:
    # A new axis on every input, then one concatenation: not np.stack itself.
    ndim = np.ndim(arrays[0]) + 1
    return np.concatenate([np.expand_dims(a, axis % ndim) for a in arrays], axis=axis % ndim)


def _ref_concat(*arrays: np.ndarray, axis: int = 0) -> np.ndarray:
    # Blocks copied into a preallocated result one by one.
    axis = axis % np.ndim(arrays[0])
    shape = list(np.shape(arrays[0]))
    shape[axis] = sum(np.shape(a)[axis] for a in arrays)
    out = np.empty(shape, dtype=np.result_type(*arrays))
    start = 0
    for a in arrays:
        index = [slice(None)] * len(shape)
        index[axis] = slice(start, start + np.shape(a)[axis])
        out[tuple(index)] = a
        start += np.shape(a)[axis]
    return out


def _ref_embedding(weight: np.ndarray, indices: Any = None) -> np.ndarray:
    # One-hot rows times the table.
    onehot = np.eye(np.shape(weight)[0], dtype=np.result_type(weight))[np.asarray(indices)]
    return onehot @ weight


def _ref_lstm_cell(
    xw: np.ndarray, h: np.ndarray, c: np.ndarray, weight_hh: np.ndarray, bias_hh: np.ndarray
) -> np.ndarray:
    # The equations of an LSTM step, gate by gate (order i, f, g, o), with σ = 1/(1 + e^-a).
    hidden = np.shape(h)[1]
    a = xw + np.einsum("nj,gj->ng", h, weight_hh) + bias_hh
    blocks = [a[:, k * hidden : (k + 1) * hidden] for k in range(4)]
    i, f, o = (1.0 / (1.0 + np.exp(-blocks[k])) for k in (0, 1, 3))
    g = np.tanh(blocks[2])
    c_new = f * c + i * g
    return np.concatenate([o * np.tanh(c_new), c_new], axis=1)


_spec(
    "stack",
    owner="p10",
    task=3,
    kind="stack",
    reference=_ref_stack,
    domains=("real", "real", "real"),
    cases=(
        Case(((2, 3), (2, 3), (2, 3))),
        Case(((2, 3), (2, 3), (2, 3)), {"axis": 1}),
        Case(((4,), (4,), (4,)), {"axis": -1}),
        Case(((), (), ())),
    ),
)

_spec(
    "concat",
    owner="p10",
    task=3,
    kind="concat",
    reference=_ref_concat,
    domains=("real", "real", "real"),
    cases=(
        Case(((2, 3), (1, 3), (3, 3))),
        Case(((2, 1), (2, 4), (2, 2)), {"axis": 1}),
        Case(((2, 3, 1), (2, 3, 2), (2, 3, 1)), {"axis": -1}),
        Case(((3,), (1,), (2,))),
    ),
)

_spec(
    "embedding",
    owner="p10",
    task=3,
    kind="embedding",
    reference=_ref_embedding,
    domains=("real",),
    cases=(
        Case(((5, 3),), {"indices": np.array([[0, 4, 4], [2, 0, 1]])}),
        Case(((4, 2),), {"indices": np.array([3, 3, 3, 1])}),
        Case(((3, 4),), {"indices": np.array(2)}),
        Case(((1, 1),), {"indices": np.zeros((2, 2), dtype=np.int64)}),
    ),
)

_spec(
    "lstm_cell",
    owner="p10",
    task=4,
    kind="sequence_step",
    reference=_ref_lstm_cell,
    domains=("small", "small", "small", "small", "small"),
    cases=(
        Case(((3, 8), (3, 2), (3, 2), (8, 2), (8,))),
        Case(((2, 12), (2, 3), (2, 3), (12, 3), (12,))),
        Case(((1, 4), (1, 1), (1, 1), (4, 1), (4,))),
    ),
)


# ---------------------------------------------------------------- P09: images


def _ref_conv2d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: Any = 1,
    padding: Any = 0,
    dilation: Any = 1,
) -> np.ndarray:
    """The definition, one output pixel at a time (no im2col): an einsum over each
    receptive field."""

    def two(v: Any) -> tuple[int, int]:
        return (int(v), int(v)) if np.ndim(v) == 0 else (int(v[0]), int(v[1]))

    (sh, sw), (dh, dw) = two(stride), two(dilation)
    _, _, kh, kw = weight.shape
    if isinstance(padding, str):  # "same": total d(k - 1), the odd pixel after
        th, tw = dh * (kh - 1), dw * (kw - 1)
        pads = ((th // 2, th - th // 2), (tw // 2, tw - tw // 2))
    else:
        ph, pw = two(padding)
        pads = ((ph, ph), (pw, pw))
    xp = np.pad(x, ((0, 0), (0, 0), *pads))
    oh = (xp.shape[2] - dh * (kh - 1) - 1) // sh + 1
    ow = (xp.shape[3] - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((x.shape[0], weight.shape[0], oh, ow))
    for y in range(oh):
        for z in range(ow):
            patch = xp[
                :,
                :,
                y * sh : y * sh + dh * (kh - 1) + 1 : dh,
                z * sw : z * sw + dw * (kw - 1) + 1 : dw,
            ]
            out[:, :, y, z] = np.einsum("ncij,ocij->no", patch, weight)
    if bias is not None:
        out += bias[None, :, None, None]
    return out


def _ref_pool(
    x: np.ndarray, kernel_size: Any, stride: Any, padding: Any, reduce: Callable, fill: float
) -> np.ndarray:
    def two(v: Any) -> tuple[int, int]:
        return (int(v), int(v)) if np.ndim(v) == 0 else (int(v[0]), int(v[1]))

    kh, kw = two(kernel_size)
    sh, sw = (kh, kw) if stride is None else two(stride)
    ph, pw = two(padding)
    xp = np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=fill)
    oh, ow = (xp.shape[2] - kh) // sh + 1, (xp.shape[3] - kw) // sw + 1
    out = np.empty((*x.shape[:2], oh, ow))
    for y in range(oh):
        for z in range(ow):
            out[:, :, y, z] = reduce(xp[:, :, y * sh : y * sh + kh, z * sw : z * sw + kw])
    return out


def _ref_max_pool2d(
    x: np.ndarray, kernel_size: Any = 2, stride: Any = None, padding: Any = 0
) -> np.ndarray:
    return _ref_pool(
        x, kernel_size, stride, padding, lambda w: np.maximum.reduce(w, axis=(2, 3)), -np.inf
    )


def _ref_avg_pool2d(
    x: np.ndarray, kernel_size: Any = 2, stride: Any = None, padding: Any = 0
) -> np.ndarray:
    # zeros of the padding count in the mean (count_include_pad)
    return _ref_pool(
        x,
        kernel_size,
        stride,
        padding,
        lambda w: np.add.reduce(w, axis=(2, 3)) / w[0, 0].size,
        0.0,
    )


def _ref_batch_norm(
    x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-5, **_: Any
) -> np.ndarray:
    """Training-mode batch norm: moves the channel axis last and uses np.var (biased)."""
    moved = np.moveaxis(x, 1, -1)
    flat = moved.reshape(-1, x.shape[1])
    normed = (moved - flat.mean(axis=0)) / np.sqrt(flat.var(axis=0) + eps)
    return np.moveaxis(normed * weight + bias, -1, 1)


def _ref_flatten(a: np.ndarray, start_dim: int = 1) -> np.ndarray:
    start = start_dim % a.ndim
    merged = int(np.prod(a.shape[start:], dtype=np.int64))
    return np.array(a).reshape((*a.shape[:start], merged))


_spec(
    "conv2d",
    owner="p09",
    task=1,
    kind="conv2d",
    reference=_ref_conv2d,
    domains=("real", "real", "real"),
    cases=(
        Case(((2, 3, 5, 5), (4, 3, 3, 3), (4,))),
        Case(((1, 2, 6, 5), (3, 2, 2, 3), (3,)), {"stride": 2, "padding": 1}),
        Case(((2, 1, 7, 7), (2, 1, 3, 3), (2,)), {"dilation": 2, "padding": (2, 1)}),
        Case(((1, 2, 5, 6), (2, 2, 2, 4), (2,)), {"padding": "same"}),
        Case(((1, 1, 6, 7), (1, 1, 3, 2), (1,)), {"stride": (2, 3), "dilation": (1, 2)}),
    ),
)

# Both poolings on the same cases: even and odd sizes, a rectangular window with padding,
# and a stride that leaves the last row and column out.
_POOL_CASES = (
    Case(((2, 3, 4, 4),), {"kernel_size": 2}),
    Case(((1, 2, 5, 5),), {"kernel_size": 3, "stride": 1}),
    Case(((2, 1, 5, 6),), {"kernel_size": (3, 2), "stride": 2, "padding": 1}),
    Case(((1, 1, 7, 7),), {"kernel_size": 3, "stride": 2}),
)

_spec(
    "max_pool2d",
    owner="p09",
    task=2,
    kind="pool2d",
    reference=_ref_max_pool2d,
    domains=("distinct",),
    cases=_POOL_CASES,
)

_spec(
    "avg_pool2d",
    owner="p09",
    task=2,
    kind="pool2d",
    reference=_ref_avg_pool2d,
    domains=("real",),
    cases=_POOL_CASES,
)

_spec(
    "batch_norm",
    owner="p09",
    task=3,
    kind="batchnorm",
    reference=_ref_batch_norm,
    domains=("distinct", "real", "real"),
    cases=(
        Case(((4, 3), (3,), (3,))),
        Case(((2, 3, 4, 4), (3,), (3,))),
        Case(((3, 2, 5), (2,), (2,))),
        Case(((1, 1, 2, 2), (1,), (1,)), {"eps": 1e-3}),
    ),
)

_spec(
    "flatten",
    owner="p09",
    task=3,
    kind="flatten",
    reference=_ref_flatten,
    domains=("real",),
    cases=(
        Case(((2, 3, 4, 5),)),
        Case(((2, 3, 4),), {"start_dim": 2}),
        Case(((3, 4),), {"start_dim": 0}),
        Case(((2, 1, 3, 2),), {"start_dim": -2}),
    ),
)
