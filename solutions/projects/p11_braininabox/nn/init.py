"""``braininabox.nn.init``: PyTorch's weight initialisers, in place on a Tensor.

Given code. Each function fills an existing Tensor or Parameter (any shape unless it says
otherwise), keeps its dtype and its object (an optimizer holding the parameter sees the
new values), records nothing in the graph, and returns it::

    nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
    nn.init.zeros_(layer.bias)

Fans follow PyTorch (``shared.init.fans``): for a weight of shape (out, in, k1, k2, ...),
``fan_in = in * k1 * k2 * ...`` and ``fan_out = out * k1 * k2 * ...``, so a convolution
counts its receptive field. The Xavier rules are the core's (``shared.init``, P06). Draws
come from the library's global generator (``braininabox.manual_seed`` repeats them), or
from ``generator=`` (a ``numpy.random.Generator`` or an int seed).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np

import shared.init as _core
from shared.init import fans, get_rng
from shared.tensor import Tensor

from .._missing import module_getattr

__all__ = [
    "calculate_gain",
    "constant_",
    "eye_",
    "kaiming_normal_",
    "kaiming_uniform_",
    "normal_",
    "ones_",
    "orthogonal_",
    "trunc_normal_",
    "uniform_",
    "xavier_normal_",
    "xavier_uniform_",
    "zeros_",
]

_LINEAR = (
    "linear",
    "conv1d",
    "conv2d",
    "conv3d",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose3d",
    "sigmoid",
)
_NONLINEARITIES = (*_LINEAR, "tanh", "relu", "leaky_relu", "selu")


def calculate_gain(nonlinearity: str, param: float | None = None) -> float:
    """PyTorch's recommended gain for ``nonlinearity``: 1 for linear, the convolutions and
    sigmoid; 5/3 for tanh; sqrt(2) for relu; sqrt(2 / (1 + slope^2)) for leaky_relu
    (``param`` is the negative slope, 0.01 when None); 3/4 for selu. ValueError for any
    other name or a slope that is not a number."""
    if nonlinearity in _LINEAR or nonlinearity in ("tanh", "relu"):
        return _core.calculate_gain("linear" if nonlinearity in _LINEAR else nonlinearity)
    if nonlinearity == "leaky_relu":
        if param is None:
            param = 0.01
        if isinstance(param, bool) or not isinstance(param, int | float):
            raise ValueError(f"calculate_gain: negative_slope {param!r} is not a valid number")
        return math.sqrt(2.0 / (1 + param**2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(
        f"calculate_gain: unsupported nonlinearity {nonlinearity!r}; expected one of "
        f"{list(_NONLINEARITIES)}"
    )


def _target(tensor: Any, where: str) -> Tensor:
    """``tensor`` itself, checked to be a Tensor (or Parameter)."""
    if not isinstance(tensor, Tensor):
        raise TypeError(
            f"nn.init.{where}: expected a Tensor or Parameter, got {type(tensor).__name__}"
        )
    return tensor


def _fill(tensor: Tensor, values: Any) -> Tensor:
    """Write ``values`` into ``tensor``'s array, cast to its dtype; returns ``tensor``.

    In place in the array when it can be written (views of it see the change), else by
    replacing ``.data``; either way the Tensor object stays and no graph is recorded."""
    values = np.broadcast_to(np.asarray(values), tensor.shape)
    if tensor.data.flags.writeable:
        tensor.data[...] = values
    else:
        tensor.data = np.array(values, dtype=tensor.dtype)
    return tensor


def uniform_(tensor: Tensor, a: float = 0.0, b: float = 1.0, generator: Any = None) -> Tensor:
    """Fill with draws from U(a, b). Returns ``tensor``."""
    tensor = _target(tensor, "uniform_")
    return _fill(tensor, get_rng(generator).uniform(a, b, size=tensor.shape))


def normal_(tensor: Tensor, mean: float = 0.0, std: float = 1.0, generator: Any = None) -> Tensor:
    """Fill with draws from N(mean, std^2). Returns ``tensor``."""
    tensor = _target(tensor, "normal_")
    return _fill(tensor, get_rng(generator).normal(mean, std, size=tensor.shape))


def constant_(tensor: Tensor, val: float) -> Tensor:
    """Fill with ``val``. Returns ``tensor``."""
    return _fill(_target(tensor, "constant_"), val)


def ones_(tensor: Tensor) -> Tensor:
    """Fill with 1. Returns ``tensor``."""
    return _fill(_target(tensor, "ones_"), 1)


def zeros_(tensor: Tensor) -> Tensor:
    """Fill with 0. Returns ``tensor``."""
    return _fill(_target(tensor, "zeros_"), 0)


def eye_(tensor: Tensor) -> Tensor:
    """Fill a 2-D tensor (rows, cols) with the identity: 1 on the diagonal, 0 elsewhere,
    so a Linear layer passes through as many inputs as it can. ValueError otherwise."""
    tensor = _target(tensor, "eye_")
    if tensor.ndim != 2:
        raise ValueError(f"nn.init.eye_: expected a 2-D tensor, got shape {tensor.shape}")
    return _fill(tensor, np.eye(*tensor.shape))


def xavier_uniform_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Glorot uniform: U(-a, a), a = gain * sqrt(6 / (fan_in + fan_out)) (the core's
    ``shared.init.xavier_uniform``). Needs at least 2 dimensions."""
    tensor = _target(tensor, "xavier_uniform_")
    values = _core.xavier_uniform(tensor.shape, gain=gain, rng=generator, dtype=tensor.dtype)
    return _fill(tensor, values)


def xavier_normal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Glorot normal: N(0, std^2), std = gain * sqrt(2 / (fan_in + fan_out))."""
    tensor = _target(tensor, "xavier_normal_")
    values = _core.xavier_normal(tensor.shape, gain=gain, rng=generator, dtype=tensor.dtype)
    return _fill(tensor, values)


def _kaiming_std(tensor: Tensor, a: float, mode: str, nonlinearity: str) -> float:
    """gain / sqrt(fan): the standard deviation of He initialisation, with the fan of
    ``mode`` ("fan_in" keeps the forward signal's scale, "fan_out" the gradients')."""
    if mode not in ("fan_in", "fan_out"):
        raise ValueError(
            f"nn.init: mode {mode!r} is not supported, please use one of ['fan_in', 'fan_out']"
        )
    fan_in, fan_out = fans(tensor.shape)
    fan = fan_in if mode == "fan_in" else fan_out
    return calculate_gain(nonlinearity, a) / math.sqrt(fan)


def _is_empty(tensor: Tensor) -> bool:
    """True (with PyTorch's warning) for a tensor with no elements: nothing to fill."""
    if tensor.data.size == 0:
        warnings.warn("Initializing zero-element tensors is a no-op", stacklevel=3)
        return True
    return False


def kaiming_uniform_(
    tensor: Tensor,
    a: float = 0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: Any = None,
) -> Tensor:
    """He uniform: U(-bound, bound), bound = gain * sqrt(3 / fan), gain =
    ``calculate_gain(nonlinearity, a)`` (``a``: leaky_relu's negative slope), fan by
    ``mode``. PyTorch's defaults (leaky_relu with a=0) give gain sqrt(2)."""
    tensor = _target(tensor, "kaiming_uniform_")
    if _is_empty(tensor):
        return tensor
    bound = math.sqrt(3.0) * _kaiming_std(tensor, a, mode, nonlinearity)
    return _fill(tensor, get_rng(generator).uniform(-bound, bound, size=tensor.shape))


def kaiming_normal_(
    tensor: Tensor,
    a: float = 0,
    mode: str = "fan_in",
    nonlinearity: str = "leaky_relu",
    generator: Any = None,
) -> Tensor:
    """He normal: N(0, std^2), std = gain / sqrt(fan) (see ``kaiming_uniform_``)."""
    tensor = _target(tensor, "kaiming_normal_")
    if _is_empty(tensor):
        return tensor
    std = _kaiming_std(tensor, a, mode, nonlinearity)
    return _fill(tensor, get_rng(generator).normal(0.0, std, size=tensor.shape))


def _truncated_normal(
    size: int, mean: float, std: float, a: float, b: float, rng: np.random.Generator
) -> np.ndarray:
    """``size`` draws of N(mean, std^2) restricted to [a, b], by rejection: proposals from
    the normal itself when it puts more than 30 % of its mass in [a, b] (PyTorch's
    threshold), else uniform proposals on [a, b] kept with probability pdf / peak."""
    mass = _phi((b - mean) / std) - _phi((a - mean) / std)
    peak = max(a, min(mean, b))
    out = np.empty(size)
    pending = np.arange(size)
    while pending.size:
        if mass > 0.3:
            draw = rng.normal(mean, std, size=pending.size)
            keep = (draw >= a) & (draw <= b)
        else:
            draw = rng.uniform(a, b, size=pending.size)
            ratio = np.exp(-0.5 * (((draw - mean) / std) ** 2 - ((peak - mean) / std) ** 2))
            keep = rng.random(pending.size) < ratio
        out[pending[keep]] = draw[keep]
        pending = pending[~keep]
    return out


def _phi(x: float) -> float:
    """The standard normal CDF."""
    return (1.0 + math.erf(x / math.sqrt(2.0))) / 2.0


def trunc_normal_(
    tensor: Tensor,
    mean: float = 0.0,
    std: float = 1.0,
    a: float = -2.0,
    b: float = 2.0,
    generator: Any = None,
) -> Tensor:
    """Fill with draws from N(mean, std^2) truncated to [a, b] (absolute bounds, as in
    PyTorch: the default [-2, 2] is two standard deviations only when std = 1)."""
    tensor = _target(tensor, "trunc_normal_")
    if not a < b:
        raise ValueError(f"nn.init.trunc_normal_: need a < b, got a={a}, b={b}")
    if mean < a - 2 * std or mean > b + 2 * std:
        warnings.warn(
            "mean is more than 2 std from [a, b] in nn.init.trunc_normal_. "
            "The distribution of values may be incorrect.",
            stacklevel=2,
        )
    draws = _truncated_normal(tensor.data.size, mean, std, a, b, get_rng(generator))
    return _fill(tensor, draws.reshape(tensor.shape))


def orthogonal_(tensor: Tensor, gain: float = 1.0, generator: Any = None) -> Tensor:
    """Fill with a (semi-)orthogonal matrix times ``gain`` (Saxe et al. 2013): the tensor
    seen as (rows, cols), rows = shape[0], has orthonormal rows or columns, whichever
    are fewer. From the QR factorisation of a standard normal matrix, with the signs of
    R's diagonal moved into Q so the result is uniform over orthogonal matrices.
    ValueError for fewer than 2 dimensions."""
    tensor = _target(tensor, "orthogonal_")
    if tensor.ndim < 2:
        raise ValueError(
            f"nn.init.orthogonal_: expected 2 or more dimensions, got shape {tensor.shape}"
        )
    if tensor.data.size == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.data.size // rows
    flat = get_rng(generator).normal(0.0, 1.0, size=(rows, cols))
    if rows < cols:
        flat = flat.T
    q, r = np.linalg.qr(flat)
    q = q * np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return _fill(tensor, (gain * q).reshape(tensor.shape))


_MISSING = {
    "dirac_": "not provided; set the kernel's centre by hand",
    "sparse_": "not provided",
}
__getattr__ = module_getattr("braininabox.nn.init", _MISSING)
