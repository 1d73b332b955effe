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
    ### BEGIN SOLUTION p02.t3
    _check_pair(params, grads, "sgd_step")
    _check_positive(lr, "lr", "sgd_step")
    return params - lr * grads, {}
    ### END SOLUTION


def momentum_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, momentum: float = 0.9
) -> tuple[np.ndarray, State]:
    """Heavy-ball momentum (Polyak 1964), in the form PyTorch uses:

        v <- momentum * v + g          (v starts at 0, so the first v is g)
        p <- p - lr * v

    state: ``{"velocity": v}`` (v has params' shape). Returns (new_params, new_state).
    """
    ### BEGIN SOLUTION p02.t3
    _check_pair(params, grads, "momentum_step")
    _check_positive(lr, "lr", "momentum_step")
    _check_decay(momentum, "momentum", "momentum_step")
    velocity = state.get("velocity")
    velocity = grads if velocity is None else momentum * velocity + grads
    # np.array copies, so the returned state never aliases the caller's grads.
    velocity = np.array(velocity)
    return params - lr * velocity, {"velocity": velocity}
    ### END SOLUTION


def nesterov_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, momentum: float = 0.9
) -> tuple[np.ndarray, State]:
    """Nesterov momentum with the gradient taken at the current point (Sutskever et al.
    2013; PyTorch's ``nesterov=True``):

        v <- momentum * v + g
        p <- p - lr * (g + momentum * v)

    state: ``{"velocity": v}``. Returns (new_params, new_state).
    """
    ### BEGIN SOLUTION p02.t3
    _check_pair(params, grads, "nesterov_step")
    _check_positive(lr, "lr", "nesterov_step")
    _check_decay(momentum, "momentum", "nesterov_step")
    velocity = state.get("velocity")
    velocity = np.array(grads if velocity is None else momentum * velocity + grads)
    return params - lr * (grads + momentum * velocity), {"velocity": velocity}
    ### END SOLUTION


def adagrad_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, eps: float = 1e-8
) -> tuple[np.ndarray, State]:
    """AdaGrad (Duchi, Hazan & Singer 2011): per-coordinate steps shrink with the sum of
    all squared gradients seen so far.

        s <- s + g^2
        p <- p - lr * g / (sqrt(s) + eps)

    state: ``{"sum_sq": s}``. Returns (new_params, new_state).
    """
    ### BEGIN SOLUTION p02.t3
    _check_pair(params, grads, "adagrad_step")
    _check_positive(lr, "lr", "adagrad_step")
    _check_positive(eps, "eps", "adagrad_step")
    sum_sq = state.get("sum_sq")
    sum_sq = grads * grads if sum_sq is None else sum_sq + grads * grads
    return params - lr * grads / (np.sqrt(sum_sq) + eps), {"sum_sq": sum_sq}
    ### END SOLUTION


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
    ### BEGIN SOLUTION p02.t3
    _check_pair(params, grads, "rmsprop_step")
    _check_positive(lr, "lr", "rmsprop_step")
    _check_decay(rho, "rho", "rmsprop_step")
    _check_positive(eps, "eps", "rmsprop_step")
    mean_sq = state.get("mean_sq")
    mean_sq = np.zeros_like(grads) if mean_sq is None else mean_sq
    mean_sq = rho * mean_sq + (1.0 - rho) * grads * grads
    return params - lr * grads / (np.sqrt(mean_sq) + eps), {"mean_sq": mean_sq}
    ### END SOLUTION


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
    ### BEGIN SOLUTION p02.t3
    _check_pair(params, grads, "adam_step")
    _check_positive(lr, "lr", "adam_step")
    _check_decay(beta1, "beta1", "adam_step")
    _check_decay(beta2, "beta2", "adam_step")
    _check_positive(eps, "eps", "adam_step")
    t = int(state.get("t", 0)) + 1
    m = state.get("m")
    v = state.get("v")
    m = np.zeros_like(grads) if m is None else m
    v = np.zeros_like(grads) if v is None else v
    m = beta1 * m + (1.0 - beta1) * grads
    v = beta2 * v + (1.0 - beta2) * grads * grads
    m_hat = m / (1.0 - beta1**t)
    v_hat = v / (1.0 - beta2**t)
    return params - lr * m_hat / (np.sqrt(v_hat) + eps), {"t": t, "m": m, "v": v}
    ### END SOLUTION


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
