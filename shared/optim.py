"""Optimizers.

P02 writes the update rules as pure functions on one parameter array::

    new_params, new_state = xxx_step(params, grads, state, *, lr, ...)

``params`` and ``grads`` have the same shape (any); ``state`` is a dict that starts
empty (``{}``) and holds whatever the rule remembers between steps (a velocity, running
averages, a step counter). A rule never modifies its inputs: it returns a new array and a
new dict, so a caller can keep the old ones, replay a step, or compare rules from the same
starting state. Several parameter arrays are updated by calling the rule once per array,
each with its own state.

Later projects build on these rules: Optimizer classes over Parameters (P06) and
learning-rate schedulers (P11).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

State = dict[str, Any]

# =================================================================== update rules (P02)


def _check_pair(params: np.ndarray, grads: np.ndarray, rule: str) -> None:
    """Given helper: params and grads must be arrays of one shape."""
    if np.shape(params) != np.shape(grads):
        raise ValueError(
            f"{rule}: params shape {np.shape(params)} and grads shape {np.shape(grads)} differ"
        )


def _check_positive(value: float, name: str, rule: str) -> None:
    """Given helper: a hyper-parameter that must be a finite number > 0 (lr, eps)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{rule}: {name} must be a number, got {type(value).__name__}")
    if not (np.isfinite(value) and value > 0):
        raise ValueError(f"{rule}: {name} must be a finite number > 0, got {value!r}")


def _check_decay(value: float, name: str, rule: str) -> None:
    """Given helper: a decay rate (momentum, rho, beta) must lie in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{rule}: {name} must be a number, got {type(value).__name__}")
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{rule}: {name} must lie in [0, 1), got {value!r}")


def sgd_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float
) -> tuple[np.ndarray, State]:
    """Plain gradient descent: p <- p - lr * g.

    Inputs: params, grads: arrays of one shape; state: unused (returned as a new empty
    dict); lr > 0. Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · sgd_step — see projects/p02_gradient_descent/README.md#task-3')


def momentum_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, momentum: float = 0.9
) -> tuple[np.ndarray, State]:
    """Heavy-ball momentum (Polyak 1964), in the form PyTorch uses:

        v <- momentum * v + g          (v starts at 0, so the first v is g)
        p <- p - lr * v

    state: ``{"velocity": v}`` (v has params' shape). Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · momentum_step — see projects/p02_gradient_descent/README.md#task-3')


def nesterov_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, momentum: float = 0.9
) -> tuple[np.ndarray, State]:
    """Nesterov momentum with the gradient taken at the current point (Sutskever et al.
    2013; PyTorch's ``nesterov=True``):

        v <- momentum * v + g
        p <- p - lr * (g + momentum * v)

    state: ``{"velocity": v}``. Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · nesterov_step — see projects/p02_gradient_descent/README.md#task-3')


def adagrad_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, eps: float = 1e-8
) -> tuple[np.ndarray, State]:
    """AdaGrad (Duchi, Hazan & Singer 2011): per-coordinate steps shrink with the sum of
    all squared gradients seen so far.

        s <- s + g^2
        p <- p - lr * g / (sqrt(s) + eps)

    state: ``{"sum_sq": s}``. Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · adagrad_step — see projects/p02_gradient_descent/README.md#task-3')


def rmsprop_step(
    params: np.ndarray,
    grads: np.ndarray,
    state: State,
    *,
    lr: float,
    rho: float = 0.9,
    eps: float = 1e-8,
) -> tuple[np.ndarray, State]:
    """RMSProp (Hinton, Srivastava & Swersky 2012): AdaGrad with a leaky average, so old
    gradients are forgotten.

        s <- rho * s + (1 - rho) * g^2          (s starts at 0)
        p <- p - lr * g / (sqrt(s) + eps)

    state: ``{"mean_sq": s}``. Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · rmsprop_step — see projects/p02_gradient_descent/README.md#task-3')


def adam_step(
    params: np.ndarray,
    grads: np.ndarray,
    state: State,
    *,
    lr: float = 1e-3,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, State]:
    """Adam (Kingma & Ba 2015): momentum on the gradient and RMSProp scaling, both
    averages corrected for their start at zero.

        t <- t + 1
        m <- beta1 * m + (1 - beta1) * g           v <- beta2 * v + (1 - beta2) * g^2
        m_hat = m / (1 - beta1^t)                  v_hat = v / (1 - beta2^t)
        p <- p - lr * m_hat / (sqrt(v_hat) + eps)

    state: ``{"t": int, "m": m, "v": v}``. Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · adam_step — see projects/p02_gradient_descent/README.md#task-3')


UpdateRule = Callable[..., tuple[np.ndarray, State]]

#: The six rules by name, as ``minimize(..., rule="adam")`` and the demos refer to them.
UPDATE_RULES: dict[str, UpdateRule] = {
    "sgd": sgd_step,
    "momentum": momentum_step,
    "nesterov": nesterov_step,
    "adagrad": adagrad_step,
    "rmsprop": rmsprop_step,
    "adam": adam_step,
}


# === Optimizer classes (P06)
