"""Task 1 · The public face: PyTorch's dtypes, devices, tensor creation and seeding.

PyTorch's dtypes are NumPy's here: ``braininabox.float32 is numpy.float32``, so a tensor's
``dtype`` compares equal to both spellings, and ``braininabox.long`` is ``numpy.int64``.
Only the CPU exists: ``device="cpu"`` (or None) is accepted everywhere a PyTorch function
takes a device, and any other device raises NotImplementedError naming it.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from shared.init import get_rng
from shared.init import manual_seed as _seed_core
from shared.tensor import Tensor, check_device

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

float32 = float_ = np.float32
float64 = double = np.float64
float16 = half = np.float16
int64 = long = np.int64
int32 = int_ = np.int32
int16 = np.int16
int8 = np.int8
uint8 = np.uint8
bool_ = np.bool_

#: PyTorch's dtype names (and NumPy's spellings of them) and the NumPy dtype each means.
DTYPES: dict[str, type] = {
    "float32": np.float32,
    "float": np.float32,
    "float64": np.float64,
    "double": np.float64,
    "float16": np.float16,
    "half": np.float16,
    "int64": np.int64,
    "long": np.int64,
    "int32": np.int32,
    "int": np.int32,
    "int16": np.int16,
    "int8": np.int8,
    "uint8": np.uint8,
    "bool": np.bool_,
}

#: PyTorch dtypes with no NumPy counterpart: refused by name, never approximated.
UNSUPPORTED_DTYPES = ("bfloat16", "complex64", "complex128", "cfloat", "cdouble", "qint8")


def resolve_dtype(dtype: Any) -> np.dtype | None:
    """The NumPy dtype that ``dtype`` names, as an ``np.dtype`` instance: None stays None;
    a NumPy dtype or scalar type (``np.float32``); anything else by its ``str`` which,
    after removing one leading ``"torch."``, must be exactly a key of ``DTYPES``
    (``"float32"``, ``"long"``, ``torch.float32``; ``"xfloat"`` is not).

    NotImplementedError naming the dtype for one in ``UNSUPPORTED_DTYPES`` (bfloat16,
    complex, quantised) or a complex NumPy dtype; TypeError naming it for anything else.
    """
    raise NotImplementedError('P11 Task 1 · resolve_dtype (projects/p11_braininabox/creation.py) — see projects/p11_braininabox/README.md#task-1')


def tensor(data: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """A new tensor holding a copy of ``data`` (PyTorch's ``torch.tensor``).

    Dtype rules, PyTorch's: with ``dtype`` given, that dtype (``resolve_dtype``); else
    a Tensor or NumPy array keeps its dtype, Python floats become float32, Python ints
    int64 and Python bools bool. ``device`` must be cpu (``check_device``).
    ``requires_grad=True`` needs a float dtype (TypeError otherwise).
    """
    raise NotImplementedError('P11 Task 1 · tensor (projects/p11_braininabox/creation.py) — see projects/p11_braininabox/README.md#task-1')


def manual_seed(seed: int) -> np.random.Generator:
    """Seed every source of randomness the library draws from, so that two runs started
    with the same seed are bit-identical: the core's global generator (layer
    initialisation, Dropout, ``randn``, the DataLoader's shuffles) with
    ``shared.init.manual_seed(seed)``, then NumPy's legacy global generator with
    ``np.random.seed(seed % 2**32)``, then ``random.seed(seed)``. Returns the core's
    generator (``get_rng()``). TypeError for a seed that is not an int.
    """
    raise NotImplementedError('P11 Task 1 · manual_seed (projects/p11_braininabox/creation.py) — see projects/p11_braininabox/README.md#task-1')


def initial_seed_generator() -> np.random.Generator:
    """The generator ``manual_seed`` seeds (given)."""
    return get_rng()


# ------------------------------------------------------------------ creation (given)


def _new(array: np.ndarray, dtype: Any, device: Any, requires_grad: bool, where: str) -> Tensor:
    check_device(device, where)
    if dtype is not None:
        array = array.astype(resolve_dtype(dtype), copy=False)
    return Tensor(array, requires_grad=requires_grad)


def _shape(size: tuple[Any, ...]) -> tuple[int, ...]:
    if len(size) == 1 and isinstance(size[0], tuple | list):
        size = tuple(size[0])
    return tuple(int(n) for n in size)


def from_numpy(array: np.ndarray) -> Tensor:
    """A tensor sharing ``array``'s memory and dtype (PyTorch's ``torch.from_numpy``)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"from_numpy: expected a numpy.ndarray, got {type(array).__name__}")
    return Tensor(array)


def as_tensor(data: Any, dtype: Any = None, device: Any = None) -> Tensor:
    if isinstance(data, Tensor) and dtype is None:
        return data
    if isinstance(data, np.ndarray) and dtype is None:
        return from_numpy(data)
    return tensor(data, dtype=dtype, device=device)


def zeros(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False):
    return _new(np.zeros(_shape(size), np.float32), dtype, device, requires_grad, "zeros")


def ones(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False):
    return _new(np.ones(_shape(size), np.float32), dtype, device, requires_grad, "ones")


def full(size: Any, fill_value: float, dtype: Any = None, device: Any = None) -> Tensor:
    kind = np.int64 if isinstance(fill_value, int) and dtype is None else np.float32
    return _new(np.full(_shape((size,)), fill_value, kind), dtype, device, False, "full")


def zeros_like(t: Any, dtype: Any = None, device: Any = None) -> Tensor:
    return _new(np.zeros_like(np.asarray(t)), dtype, device, False, "zeros_like")


def ones_like(t: Any, dtype: Any = None, device: Any = None) -> Tensor:
    return _new(np.ones_like(np.asarray(t)), dtype, device, False, "ones_like")


def arange(start: float, end: float | None = None, step: float = 1, *, dtype: Any = None,
           device: Any = None) -> Tensor:  # fmt: skip
    """int64 for integer arguments, float32 otherwise (PyTorch's rule)."""
    if end is None:
        start, end = 0, start
    ints = all(isinstance(v, int) for v in (start, end, step))
    array = np.arange(start, end, step, dtype=np.int64 if ints else np.float32)
    return _new(array, dtype, device, False, "arange")


def linspace(start: float, end: float, steps: int, dtype: Any = None, device: Any = None):
    return _new(np.linspace(start, end, steps, dtype=np.float32), dtype, device, False, "linspace")


def eye(n: int, m: int | None = None, dtype: Any = None, device: Any = None) -> Tensor:
    return _new(np.eye(n, m, dtype=np.float32), dtype, device, False, "eye")


def randn(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False):
    """Standard normal draws from the global generator (``manual_seed`` fixes them)."""
    array = get_rng().standard_normal(_shape(size)).astype(np.float32)
    return _new(array, dtype, device, requires_grad, "randn")


def rand(*size: Any, dtype: Any = None, device: Any = None, requires_grad: bool = False):
    """Uniform draws in [0, 1) from the global generator."""
    array = get_rng().random(_shape(size)).astype(np.float32)
    return _new(array, dtype, device, requires_grad, "rand")


def randint(low: int, high: int | None = None, size: Any = (), *, dtype: Any = None,
            device: Any = None) -> Tensor:  # fmt: skip
    """Integers in [low, high) (int64), from the global generator."""
    if high is None:
        low, high = 0, low
    array = get_rng().integers(low, high, size=_shape((size,)), dtype=np.int64)
    return _new(array, dtype, device, False, "randint")


def randperm(n: int, dtype: Any = None, device: Any = None) -> Tensor:
    return _new(get_rng().permutation(n).astype(np.int64), dtype, device, False, "randperm")


def is_tensor(obj: Any) -> bool:
    return isinstance(obj, Tensor)


def numel(t: Tensor) -> int:
    return t.numel()


class device:  # noqa: N801 (PyTorch's name)
    """``torch.device("cpu")``: accepted; any other device raises NotImplementedError."""

    def __init__(self, type: str = "cpu") -> None:  # noqa: A002
        check_device(type, "device")
        self.type = "cpu"

    def __repr__(self) -> str:
        return "device(type='cpu')"

    def __str__(self) -> str:
        return "cpu"

    def __eq__(self, other: object) -> bool:
        return str(other) == "cpu"

    def __hash__(self) -> int:
        return hash("cpu")
