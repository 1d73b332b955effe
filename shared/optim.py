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

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own go between these two lines: the grader keeps
# them. Everything else outside the stubs you fill is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

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
    raise NotImplementedError('P02 Task 3 · sgd_step (shared/optim.py) — see projects/p02_gradient_descent/README.md#task-3')


def momentum_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, momentum: float = 0.9
) -> tuple[np.ndarray, State]:
    """Heavy-ball momentum (Polyak 1964), in the form PyTorch uses:

        v <- momentum * v + g          (v starts at 0, so the first v is g)
        p <- p - lr * v

    state: ``{"velocity": v}`` (v has params' shape). Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · momentum_step (shared/optim.py) — see projects/p02_gradient_descent/README.md#task-3')


def nesterov_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, momentum: float = 0.9
) -> tuple[np.ndarray, State]:
    """Nesterov momentum with the gradient taken at the current point (Sutskever et al.
    2013; PyTorch's ``nesterov=True``):

        v <- momentum * v + g
        p <- p - lr * (g + momentum * v)

    state: ``{"velocity": v}``. Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · nesterov_step (shared/optim.py) — see projects/p02_gradient_descent/README.md#task-3')


def adagrad_step(
    params: np.ndarray, grads: np.ndarray, state: State, *, lr: float, eps: float = 1e-8
) -> tuple[np.ndarray, State]:
    """AdaGrad (Duchi, Hazan & Singer 2011): per-coordinate steps shrink with the sum of
    all squared gradients seen so far.

        s <- s + g^2
        p <- p - lr * g / (sqrt(s) + eps)

    state: ``{"sum_sq": s}``. Returns (new_params, new_state).
    """
    raise NotImplementedError('P02 Task 3 · adagrad_step (shared/optim.py) — see projects/p02_gradient_descent/README.md#task-3')


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
    raise NotImplementedError('P02 Task 3 · rmsprop_step (shared/optim.py) — see projects/p02_gradient_descent/README.md#task-3')


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
    raise NotImplementedError('P02 Task 3 · adam_step (shared/optim.py) — see projects/p02_gradient_descent/README.md#task-3')


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
#
# An optimizer holds a model's parameters and, for each, the state of one update rule.
# ``step()`` reads every ``p.grad`` filled by ``loss.backward()`` and moves ``p.data`` with
# the P02 rule; nothing is recomputed here, so the classes are exactly as right as the
# rules they wrap. Parameters whose ``grad`` is None (not used by this loss) are skipped.
#
#     optimizer = Adam(model.parameters(), lr=1e-3)
#     for x, y in batches:
#         optimizer.zero_grad()
#         loss = loss_fn(model(x), y)
#         loss.backward()
#         optimizer.step()
#
# Weight decay comes in two forms. SGD and Adam add it to the gradient (L2 regularisation:
# g <- g + wd * p, the gradient of wd/2 * ||p||^2). AdamW (Loshchilov & Hutter 2019)
# decouples it: p <- p - lr * wd * p, then the Adam step on the plain gradient, so the
# decay is not divided by Adam's sqrt(v_hat) scaling.


class Optimizer:
    """Base class: the parameter list, one state dict per parameter, ``zero_grad``.

    Inputs: ``params``, an iterable of Tensors that require grad (``model.parameters()``);
    ``lr`` > 0. Subclasses implement ``_update(data, grad, state) -> (data, state)``.
    Attributes: ``params`` (list), ``lr`` (read at every step, so a schedule may change it),
    ``state`` (list of dicts, one per parameter), ``steps`` (steps taken).
    """

    def __init__(self, params: Any, lr: float) -> None:
        name = type(self).__name__
        if isinstance(params, np.ndarray) or hasattr(params, "data") and hasattr(params, "grad"):
            raise TypeError(
                f"{name}: params must be an iterable of Tensors (model.parameters()), got a "
                f"single {type(params).__name__}"
            )
        self.params = list(params)
        if not self.params:
            raise ValueError(f"{name}: got an empty parameter list")
        for index, p in enumerate(self.params):
            if not getattr(p, "requires_grad", False):
                raise ValueError(
                    f"{name}: parameter {index} (shape {getattr(p, 'shape', '?')}) does not "
                    "require grad, so it would never move"
                )
        if len({id(p) for p in self.params}) != len(self.params):
            raise ValueError(f"{name}: a parameter appears twice in the list")
        _check_positive(lr, "lr", name)
        self.lr = lr
        self.state: list[State] = [{} for _ in self.params]
        self.steps = 0

    def zero_grad(self) -> None:
        """Forget every parameter's gradient (``grad = None``) before the next backward."""
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        """Update every parameter that has a gradient, in place of its ``data``."""
        raise NotImplementedError('P06 Task 4 · Optimizer.step (shared/optim.py) — see projects/p06_fraud_mlp/README.md#task-4')

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        raise NotImplementedError  # every optimizer overrides it

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr}, params={len(self.params)})"


def _check_weight_decay(value: float, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise TypeError(f"{name}: weight_decay must be a number, got {type(value).__name__}")
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"{name}: weight_decay must be a finite number >= 0, got {value!r}")
    return float(value)


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with momentum (heavy ball or Nesterov) and
    L2 weight decay, on P02's ``sgd_step``, ``momentum_step`` and ``nesterov_step``.

    Inputs: params; lr; momentum in [0, 1) (0: plain SGD); nesterov (needs momentum > 0);
    weight_decay >= 0 (added to the gradient).
    """

    def __init__(
        self,
        params: Any,
        lr: float,
        momentum: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        _check_weight_decay(weight_decay, "SGD")
        if momentum != 0.0:
            _check_decay(momentum, "momentum", "SGD")
        if nesterov and momentum <= 0.0:
            raise ValueError(f"SGD: nesterov=True needs momentum > 0, got momentum={momentum!r}")
        self.momentum = float(momentum)
        self.nesterov = bool(nesterov)
        self.weight_decay = float(weight_decay)

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        raise NotImplementedError('P06 Task 4 · SGD._update (shared/optim.py) — see projects/p06_fraud_mlp/README.md#task-4')


class Adam(Optimizer):
    """Adam on P02's ``adam_step``, with optional L2 weight decay added to the gradient.

    Inputs: params; lr (1e-3); betas (beta1, beta2); eps; weight_decay >= 0.
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(params, lr)
        name = type(self).__name__
        if len(betas) != 2:
            raise ValueError(f"{name}: betas must be a pair (beta1, beta2), got {betas!r}")
        _check_decay(betas[0], "beta1", name)
        _check_decay(betas[1], "beta2", name)
        _check_positive(eps, "eps", name)
        self.betas = (float(betas[0]), float(betas[1]))
        self.eps = float(eps)
        self.weight_decay = _check_weight_decay(weight_decay, name)

    def _adam(self, data: np.ndarray, grad: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        beta1, beta2 = self.betas
        return adam_step(data, grad, state, lr=self.lr, beta1=beta1, beta2=beta2, eps=self.eps)

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        raise NotImplementedError('P06 Task 4 · Adam._update (shared/optim.py) — see projects/p06_fraud_mlp/README.md#task-4')


class AdamW(Adam):
    """Adam with decoupled weight decay: p <- p - lr * wd * p, then Adam on the plain
    gradient. Inputs as Adam; weight_decay defaults to 0.01.
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0.01,
    ) -> None:
        super().__init__(params, lr, betas, eps, weight_decay)

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        raise NotImplementedError('P06 Task 4 · AdamW._update (shared/optim.py) — see projects/p06_fraud_mlp/README.md#task-4')
