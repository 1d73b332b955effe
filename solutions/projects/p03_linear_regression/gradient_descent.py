"""Gradient descent on the mean squared error: batch, mini-batch and stochastic.

One loop covers the three variants; only the number of rows used per step changes:

- batch GD:        batch_size = N (None): one exact step per epoch;
- mini-batch GD:   1 < batch_size < N: N / batch_size noisy steps per epoch;
- stochastic GD:   batch_size = 1: N very noisy steps per epoch.

With a ridge penalty ``l2`` (λ) the loop minimizes (1/N)(||Aθ - y||² + λ||w||²), which
has the same minimizer as fit_ridge(X, y, λ); the intercept θ_0 is never penalized.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from shared.data import iterate_minibatches
from shared.losses import mse_grad, mse_loss

from .closed_form import add_bias, check_xy


@dataclass(frozen=True)
class GDResult:
    """The outcome of one gradient-descent run.

    theta: (D + 1,) final parameters, the intercept first;
    train_loss: (epochs + 1,) the full training objective before the first step and
        after every epoch (mean squared error, plus the penalty when l2 > 0);
    val_loss: (epochs + 1,) the validation mean squared error at the same moments, or
        None when no validation set was given;
    steps: the number of parameter updates made.
    """

    theta: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray | None
    steps: int


def mse_and_gradient(
    X: np.ndarray, y: np.ndarray, theta: np.ndarray, *, penalty: float = 0.0
) -> tuple[float, np.ndarray]:
    """J(θ) = (1/N) ||Aθ - y||² + penalty · ||θ_{1:}||² and its gradient, A = add_bias(X).

    ∇J = (2/N) Aᵀ(Aθ - y) + 2 · penalty · (0, θ_1, ..., θ_D): the chain rule through
    ŷ = Aθ gives Aᵀ · ∂L/∂ŷ, with ∂L/∂ŷ from shared.losses.mse_grad. The intercept is not
    penalized.

    Inputs: X: (N, D); y: (N,); theta: (D + 1,); penalty ≥ 0.
    Returns: (J as a float, gradient of shape (D + 1,)).
    """
    ### BEGIN SOLUTION t4
    X, y = check_xy(X, y, "mse_and_gradient")
    theta = np.asarray(theta, dtype=np.float64)
    if theta.shape != (X.shape[1] + 1,):
        raise ValueError(
            f"mse_and_gradient: X of shape (N, D) needs theta of shape (D + 1,), got X "
            f"{X.shape} and theta {theta.shape}"
        )
    A = add_bias(X)
    y_hat = A @ theta
    w = theta.copy()
    w[0] = 0.0  # the intercept is not penalized
    loss = mse_loss(y_hat, y) + penalty * float(w @ w)
    grad = A.T @ mse_grad(y_hat, y) + 2.0 * penalty * w
    return loss, grad
    ### END SOLUTION


def _check_gd_args(
    X: np.ndarray,
    y: np.ndarray,
    lr: float,
    epochs: int,
    batch_size: int | None,
    l2: float,
    theta0: np.ndarray | None,
    X_val: np.ndarray | None,
    y_val: np.ndarray | None,
) -> tuple[np.ndarray, np.ndarray, int, np.ndarray | None, np.ndarray | None, np.ndarray]:
    """Given helper: gradient_descent's arguments checked.

    Returns (X (N, D), y (N,), batch_size (N when None), X_val (M, D) or None, y_val (M,)
    or None, theta (D + 1,): a float64 copy of theta0, zeros when None).
    Raises ValueError for lr <= 0, epochs < 1, batch_size < 1 or not an int, l2 < 0, only
    one of X_val / y_val, a validation set with another number of features, or a theta0
    of the wrong shape; X, y and the validation set go through ``check_xy``.
    """
    X, y = check_xy(X, y, "gradient_descent")
    n, d = X.shape
    if isinstance(lr, bool) or not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"gradient_descent: lr must be a positive number, got {lr!r}")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"gradient_descent: epochs must be an int ≥ 1, got {epochs!r}")
    if batch_size is None:
        batch_size = n
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)):
        raise ValueError(
            f"gradient_descent: batch_size must be None or an int ≥ 1, got {batch_size!r}"
        )
    if batch_size < 1:
        raise ValueError(f"gradient_descent: batch_size must be ≥ 1, got {batch_size}")
    if isinstance(l2, bool) or not (np.isfinite(l2) and l2 >= 0):
        raise ValueError(f"gradient_descent: l2 must be a number ≥ 0, got {l2!r}")
    if (X_val is None) != (y_val is None):
        raise ValueError("gradient_descent: pass both X_val and y_val, or neither")
    if X_val is not None:
        X_val, y_val = check_xy(X_val, y_val, "gradient_descent (validation set)")
        if X_val.shape[1] != d:
            raise ValueError(f"gradient_descent: X has {d} features but X_val has {X_val.shape[1]}")
    theta = np.zeros(d + 1) if theta0 is None else np.array(theta0, dtype=np.float64)
    if theta.shape != (d + 1,):
        raise ValueError(f"gradient_descent: theta0 must have shape ({d + 1},), got {theta.shape}")
    return X, y, int(batch_size), X_val, y_val, theta


def _divergence(epoch: int, train: float, first_train: float, lr: float) -> ValueError:
    """Given helper: the ValueError that gradient_descent raises when the loss runs away."""
    return ValueError(
        f"gradient_descent: diverged at epoch {epoch} (training loss {train:.3g}, "
        f"started at {first_train:.3g}); lr = {lr} is too large for this data: "
        "lower it (batch GD needs lr < 2 / λ_max of the Hessian (2/N) AᵀA) or "
        "standardize the features"
    )


def _result(theta: np.ndarray, history: list[tuple[float, float | None]], steps: int) -> GDResult:
    """Given helper: the GDResult of a run, from its (training, validation) loss history."""
    train, val = zip(*history, strict=True)
    return GDResult(
        theta=theta,
        train_loss=np.array(train, dtype=np.float64),
        val_loss=None if val[0] is None else np.array(val, dtype=np.float64),
        steps=steps,
    )


def gradient_descent(
    X: np.ndarray,
    y: np.ndarray,
    *,
    lr: float,
    epochs: int,
    batch_size: int | None = None,
    l2: float = 0.0,
    seed: int | np.random.Generator | None = 0,
    theta0: np.ndarray | None = None,
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
) -> GDResult:
    """Minimize the training MSE (plus λ||w||²/N) by θ ← θ - lr · ∇J_batch(θ).

    Each epoch visits every sample once, in mini-batches from
    shared.data.iterate_minibatches (shuffled with one Generator made from ``seed``, so a
    run is reproducible); each batch gives one update with the batch's gradient of
    (1/B)||A_b θ - y_b||² + (λ/N)||w||².

    X: (N, D), y: (N,) (standardize X first: see the brief); lr > 0; epochs ≥ 1; batch_size:
    None (= N), 1 or in between; l2 ≥ 0: fit_ridge's λ; seed: int or Generator; theta0:
    (D + 1,) start, zeros by default; X_val, y_val: optional validation set. Returns a
    GDResult with the losses before the first step and after every epoch (the given
    ``_result(theta, history, steps)`` builds it from the (training, validation) loss pairs).
    Raises ValueError for invalid arguments (the given ``_check_gd_args(...)`` checks them
    and returns them ready to use), and when the loss stops being finite or grows past 10⁸
    times its start (the given ``_divergence`` builds that error, which names divergence).
    """
    ### BEGIN SOLUTION t4
    X, y, batch_size, X_val, y_val, theta = _check_gd_args(
        X, y, lr, epochs, batch_size, l2, theta0, X_val, y_val
    )
    penalty = l2 / len(y)  # λ||w||² spread over the N samples, as in (1/N)(SSE + λ||w||²)
    rng = np.random.default_rng(seed)
    A = add_bias(X)  # built once: the loop below must stay cheap for SGD's N steps an epoch
    A_val = None if X_val is None else add_bias(X_val)
    mask = np.r_[0.0, np.ones(X.shape[1])]  # the intercept is not penalized

    def record() -> tuple[float, float | None]:
        w = mask * theta
        train = mse_loss(A @ theta, y) + penalty * float(w @ w)
        return train, None if A_val is None else mse_loss(A_val @ theta, y_val)

    history = [record()]  # (training objective, validation MSE) before epoch 1, then after each
    steps = 0
    # Overflow is expected when lr is too large: it is reported below as a clear error.
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(1, epochs + 1):
            batches = iterate_minibatches(A, y, batch_size, shuffle=batch_size < len(y), seed=rng)
            for Ab, yb in batches:
                # mse_and_gradient's ∇ = (2/B) A_bᵀ(A_b θ - y_b) + 2 · penalty · (0, w), unchecked
                grad = (2.0 / len(yb)) * (Ab.T @ (Ab @ theta - yb)) + 2.0 * penalty * (mask * theta)
                theta = theta - lr * grad
                steps += 1
            train, val = record()
            if not np.isfinite(train) or train > 1e8 * max(history[0][0], 1e-12):
                raise _divergence(epoch, train, history[0][0], lr)
            history.append((train, val))
    return _result(theta, history, steps)
    ### END SOLUTION
