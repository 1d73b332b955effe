"""Activation functions and their derivatives, on NumPy arrays.

An activation is the non-linearity a neuron applies to its net input z = w·x + b.
Every function here takes a scalar or any array-like, works elementwise, and returns
float64 values of the input's shape (shape () for a scalar input: a 0-d array or a
NumPy float64 scalar). A NaN in the input gives a NaN in the output: an activation never
hides a NaN as a 0 or a 1.

- ``step``: the perceptron's all-or-nothing output (P01). It has no useful derivative
  (zero almost everywhere), which is why networks trained by gradient descent use the
  smooth functions below instead.
- ``sigmoid``: squashes z into (0, 1); the probability of logistic regression (P04) and
  a classic hidden unit. Computed without overflow for any z.
- ``tanh``: squashes z into (-1, 1), zero-centred; the recurrent cell's non-linearity (P10).
- ``relu``: max(0, z); the default hidden unit of modern networks (P06, P08, P09).
- ``leaky_relu``: relu with a small slope for z < 0, so negative units still learn.
- ``gelu``: a smooth relu, z times a soft gate; the unit of Transformers (GPT-2, BERT).

Each ``*_grad`` function is the derivative with respect to z, the local factor that
backpropagation multiplies in (P02 checks them numerically, P05 builds autograd on them).
At a kink (relu and leaky relu at z = 0) the derivative does not exist; we use the value
from the left, 0 for relu and ``slope`` for leaky relu, as PyTorch does.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

# Constants of the tanh approximation of GELU (Hendrycks & Gimpel, 2016).
_GELU_C = math.sqrt(2.0 / math.pi)
_GELU_A = 0.044715
# Beyond |z| = 10 the inner argument exceeds 43 and tanh is exactly +-1 in float64, so
# clipping z there changes no result but keeps the cubic from overflowing for huge z.
_GELU_CLIP = 10.0


def _as_float(z: ArrayLike) -> np.ndarray:
    """``z`` as a float64 array (a 0-d array for a scalar)."""
    return np.asarray(z, dtype=np.float64)


def step(z: ArrayLike) -> np.ndarray:
    """Heaviside step: 1.0 where z >= 0 (the neuron fires at z = 0), else 0.0.

    Inputs: z, any shape. Returns: float64 array of z's shape; NaN stays NaN.
    """
    ### BEGIN SOLUTION p01.t1
    # np.heaviside takes the value at exactly 0 as its second argument and keeps NaN.
    return np.heaviside(_as_float(z), 1.0)
    ### END SOLUTION


def sigmoid(z: ArrayLike) -> np.ndarray:
    """Logistic function 1 / (1 + exp(-z)), without overflow for any z.

    Not even a warning at z = +-1000: compute with exp(-|z|), which lies in (0, 1].

    Inputs: z, any shape. Returns: float64 array of z's shape, values in [0, 1].
    """
    ### BEGIN SOLUTION p01.t2
    z = _as_float(z)
    # exp(-|z|) lies in (0, 1], so it never overflows. For z >= 0 use 1 / (1 + e^-z);
    # for z < 0 the same value written as e^z / (1 + e^z), with e^z = exp(-|z|).
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    ### END SOLUTION


def stable_sigmoid(a: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Given helper: the logistic function in ``a``'s own float dtype, for the autograd ops.

    s(a) = (1 + tanh(a / 2)) / 2, the same function as ``sigmoid`` above written with one
    bounded function: no exp to overflow for any a, and float32 stays float32 (an integer
    array gives float64). ``out=a`` computes in place (the fused LSTM step activates its
    gates so). ``sigmoid`` itself is P01's exercise and returns float64 for any input;
    the autograd ops (P05's ``sigmoid``, P06's loss, P10's LSTM step) call this one.

    Inputs: a, an array of any shape; out, None or an array of a's shape to write into.
    Returns: the array of s(a), of a's shape.
    """
    if out is None:
        out = np.asarray(np.multiply(a, 0.5))  # a 0-d result stays an array
    else:
        np.multiply(a, 0.5, out=out)
    np.tanh(out, out=out)
    out *= 0.5
    out += 0.5
    return out


def sigmoid_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of the sigmoid: s(z) (1 - s(z)).

    Inputs: z, any shape. Returns: float64 array of z's shape, values in [0, 0.25].
    """
    ### BEGIN SOLUTION p01.t2
    s = sigmoid(z)
    return s * (1.0 - s)
    ### END SOLUTION


def tanh(z: ArrayLike) -> np.ndarray:
    """Hyperbolic tangent (e^z - e^-z) / (e^z + e^-z).

    Inputs: z, any shape. Returns: float64 array of z's shape, values in [-1, 1].
    """
    ### BEGIN SOLUTION p01.t2
    return np.tanh(_as_float(z))
    ### END SOLUTION


def tanh_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of tanh: 1 - tanh(z)^2 (= 1 / cosh(z)^2).

    Inputs: z, any shape. Returns: float64 array of z's shape, values in [0, 1].
    """
    ### BEGIN SOLUTION p01.t2
    t = np.tanh(_as_float(z))
    return 1.0 - t * t
    ### END SOLUTION


def relu(z: ArrayLike) -> np.ndarray:
    """Rectified linear unit max(0, z).

    Inputs: z, any shape. Returns: float64 array of z's shape.
    """
    ### BEGIN SOLUTION p01.t2
    # np.maximum (unlike Python's max) propagates NaN.
    return np.maximum(_as_float(z), 0.0)
    ### END SOLUTION


def relu_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of relu: 1.0 where z > 0, else 0.0 (0 at the kink z = 0).

    Inputs: z, any shape. Returns: float64 array of z's shape.
    """
    ### BEGIN SOLUTION p01.t2
    return np.heaviside(_as_float(z), 0.0)
    ### END SOLUTION


def _check_slope(slope: float) -> float:
    """The leaky slope as a float, or ValueError unless 0 <= slope < 1."""
    if not isinstance(slope, (int, float, np.integer, np.floating)) or isinstance(slope, bool):
        raise TypeError(f"slope must be a real number, got {type(slope).__name__}")
    if not 0.0 <= slope < 1.0:
        raise ValueError(f"slope must satisfy 0 <= slope < 1, got {slope}")
    return float(slope)


def leaky_relu(z: ArrayLike, slope: float = 0.01) -> np.ndarray:
    """Leaky relu: z where z > 0, else slope * z.

    Inputs: z, any shape; slope, 0 <= slope < 1. Returns: float64 array of z's shape.
    Check ``slope`` with the given ``_check_slope`` (TypeError for a non-number,
    ValueError outside [0, 1)).
    """
    ### BEGIN SOLUTION p01.t2
    slope = _check_slope(slope)
    z = _as_float(z)
    return np.where(z > 0, z, slope * z)
    ### END SOLUTION


def leaky_relu_grad(z: ArrayLike, slope: float = 0.01) -> np.ndarray:
    """Derivative of leaky relu: 1.0 where z > 0, else slope (slope at the kink z = 0).

    Inputs: z, any shape; slope, 0 <= slope < 1. Returns: float64 array of z's shape.
    Check ``slope`` with the given ``_check_slope`` (TypeError for a non-number,
    ValueError outside [0, 1)).
    """
    ### BEGIN SOLUTION p01.t2
    slope = _check_slope(slope)
    # slope on the left, slope + (1 - slope) = 1 on the right; heaviside keeps NaN.
    return slope + (1.0 - slope) * np.heaviside(_as_float(z), 0.0)
    ### END SOLUTION


def gelu(z: ArrayLike) -> np.ndarray:
    """Gaussian error linear unit, tanh approximation (GPT-2, PyTorch approximate="tanh").

    gelu(z) = 0.5 z (1 + tanh(c (z + a z^3))), c = sqrt(2 / pi), a = 0.044715.

    The exact GELU is z * Phi(z) = 0.5 z (1 + erf(z / sqrt(2))); this approximation
    differs from it by less than 5e-4 everywhere (the largest gap, 4.7e-4, is near
    |z| = 2.7). Inputs: z, any shape. Returns: float64 array of z's shape.
    """
    ### BEGIN SOLUTION p01.t2
    z = _as_float(z)
    zc = np.clip(z, -_GELU_CLIP, _GELU_CLIP)
    t = np.tanh(_GELU_C * (zc + _GELU_A * zc**3))
    return 0.5 * z * (1.0 + t)
    ### END SOLUTION


def gelu_grad(z: ArrayLike) -> np.ndarray:
    """Derivative of the tanh-approximate GELU (the function ``gelu`` computes).

    With u = c (z + a z^3) and t = tanh(u):
    gelu'(z) = 0.5 (1 + t) + 0.5 z (1 - t^2) c (1 + 3 a z^2).
    Inputs: z, any shape. Returns: float64 array of z's shape.
    """
    ### BEGIN SOLUTION p01.t2
    z = _as_float(z)
    # Past the clip point 1 - t^2 is exactly 0, so clipping z inside u and du/dz is exact.
    zc = np.clip(z, -_GELU_CLIP, _GELU_CLIP)
    t = np.tanh(_GELU_C * (zc + _GELU_A * zc**3))
    du = _GELU_C * (1.0 + 3.0 * _GELU_A * zc**2)
    return 0.5 * (1.0 + t) + 0.5 * zc * (1.0 - t * t) * du
    ### END SOLUTION
