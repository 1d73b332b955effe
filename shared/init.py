"""Weight initialisation: start a network where signals neither die out nor blow up.

A layer computes ``y_j = sum_i W_ji x_i`` over ``fan_in`` inputs. With weights and inputs
independent, zero-mean, the variance of a sum of independent terms is the sum of their
variances:

    Var(y_j) = fan_in * Var(W) * E[x_i^2]

so the signal keeps its scale from layer to layer when ``Var(W) = 1 / fan_in`` (for inputs
with E[x^2] = Var(x)). Two classic choices follow:

- **Glorot / Xavier** (Glorot & Bengio 2010), for tanh and sigmoid layers: keep both the
  forward signal and the backward gradient steady by compromising between the two fans,
  ``Var(W) = 2 / (fan_in + fan_out)``.
- **He / Kaiming** (He et al. 2015), for ReLU layers: ReLU zeroes half of its inputs, so
  ``E[relu(z)^2] = Var(z) / 2`` and the weights must make up the factor 2:
  ``Var(W) = 2 / fan_in``.

Each comes as a normal distribution with that variance, or as a uniform one on
``[-a, a]``, whose variance is ``a^2 / 3``, so ``a = sqrt(3 * Var(W))``.

Shapes follow PyTorch's layout: a Linear weight is ``(out_features, in_features)``, a
convolution weight ``(out_channels, in_channels, kh, kw)``. So ``fan_in = shape[1] *
receptive field`` and ``fan_out = shape[0] * receptive field``.

Randomness. Every function takes ``rng``: a ``np.random.Generator``, an int seed, or None
for the course's global generator, which ``manual_seed`` resets (it starts at seed 0, so a
program that never seeds is still reproducible).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "RNGLike",
    "calculate_gain",
    "fans",
    "get_rng",
    "he_normal",
    "he_uniform",
    "manual_seed",
    "xavier_normal",
    "xavier_uniform",
]

#: What ``rng=`` accepts everywhere in the course's nn code.
RNGLike = np.random.Generator | int | None

_GLOBAL_RNG = np.random.default_rng(0)


def manual_seed(seed: int) -> None:
    """Reset the global generator used when ``rng`` is None (layers, Dropout, init)."""
    global _GLOBAL_RNG
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(f"manual_seed: expected an int seed, got {type(seed).__name__}")
    _GLOBAL_RNG = np.random.default_rng(int(seed))


def get_rng(rng: RNGLike = None) -> np.random.Generator:
    """A Generator from ``rng``: itself, a new one seeded with the int, or the global one."""
    if rng is None:
        return _GLOBAL_RNG
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, int | np.integer) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"rng: expected a numpy Generator, an int seed or None, got {rng!r}")


def fans(shape: Sequence[int]) -> tuple[int, int]:
    """(fan_in, fan_out) of a weight of ``shape`` in PyTorch's layout.

    Inputs: shape (out, in) or (out, in, k1, k2, ...). Returns (in * k, out * k) where k is
    the product of the kernel sizes (1 for a Linear weight).
    """
    shape = tuple(int(s) for s in shape)
    if len(shape) < 2:
        raise ValueError(
            f"fans: a weight needs at least 2 dimensions (out, in, ...), got shape {shape}"
        )
    if min(shape) < 1:
        raise ValueError(f"fans: every dimension must be >= 1, got shape {shape}")
    receptive = math.prod(shape[2:])
    return shape[1] * receptive, shape[0] * receptive


_GAINS = {"linear": 1.0, "sigmoid": 1.0, "tanh": 5.0 / 3.0, "relu": math.sqrt(2.0)}


def calculate_gain(nonlinearity: str) -> float:
    """The factor by which a nonlinearity's layer should scale its weights' standard
    deviation: 1 for linear and sigmoid, 5/3 for tanh, sqrt(2) for relu (PyTorch's values).
    """
    try:
        return _GAINS[nonlinearity]
    except KeyError:
        raise ValueError(
            f"calculate_gain: unknown nonlinearity {nonlinearity!r}; expected one of "
            f"{sorted(_GAINS)}"
        ) from None


def _draw(shape: Sequence[int], std: float, uniform: bool, rng: RNGLike, dtype: type) -> np.ndarray:
    generator = get_rng(rng)
    if uniform:
        bound = math.sqrt(3.0) * std  # U(-a, a) has variance a^2 / 3
        values = generator.uniform(-bound, bound, size=tuple(shape))
    else:
        values = generator.normal(0.0, std, size=tuple(shape))
    return values.astype(dtype, copy=False)


def xavier_uniform(
    shape: Sequence[int], *, gain: float = 1.0, rng: RNGLike = None, dtype: type = np.float32
) -> np.ndarray:
    """Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)).

    Returns an array of ``shape`` and ``dtype``; its variance is gain^2 * 2 / (fan_in + fan_out).
    """
    raise NotImplementedError('P06 Task 1 · xavier_uniform (shared/init.py) — see projects/p06_fraud_mlp/README.md#task-1')


def xavier_normal(
    shape: Sequence[int], *, gain: float = 1.0, rng: RNGLike = None, dtype: type = np.float32
) -> np.ndarray:
    """Glorot normal: N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out))."""
    raise NotImplementedError('P06 Task 1 · xavier_normal (shared/init.py) — see projects/p06_fraud_mlp/README.md#task-1')


def he_uniform(
    shape: Sequence[int],
    *,
    nonlinearity: str = "relu",
    rng: RNGLike = None,
    dtype: type = np.float32,
) -> np.ndarray:
    """He/Kaiming uniform (fan-in mode): U(-a, a) with a = gain * sqrt(3 / fan_in), gain
    from ``calculate_gain(nonlinearity)`` (sqrt 2 for relu, so Var(W) = 2 / fan_in).
    """
    raise NotImplementedError('P06 Task 1 · he_uniform (shared/init.py) — see projects/p06_fraud_mlp/README.md#task-1')


def he_normal(
    shape: Sequence[int],
    *,
    nonlinearity: str = "relu",
    rng: RNGLike = None,
    dtype: type = np.float32,
) -> np.ndarray:
    """He/Kaiming normal (fan-in mode): N(0, std^2) with std = gain / sqrt(fan_in)."""
    raise NotImplementedError('P06 Task 1 · he_normal (shared/init.py) — see projects/p06_fraud_mlp/README.md#task-1')
