"""Optimizers.

P02 writes the update rules as pure functions on one parameter array::

    new_params, new_state = xxx_step(params, grads, state, *, lr, ...)

``params`` and ``grads`` have the same shape (any); ``state`` is a dict that starts
empty (``{}``) and holds whatever the rule remembers between steps (a velocity, running
averages, a step counter). A rule never modifies its inputs: it returns a new array and a
new dict, so a caller can keep the old ones, replay a step, or compare rules from the same
starting state. In particular: create a missing state entry the first time it is needed,
build new arrays rather than writing into ``params``, ``grads`` or the old state's arrays,
and never store the caller's ``grads`` array itself in the state (store a copy). Every rule
validates its arguments with the given helpers: ``_check_pair`` (params and grads of one
shape, else ValueError), ``_check_positive`` (lr, eps) and ``_check_decay`` (momentum, rho,
beta1, beta2 in [0, 1)); the last two raise TypeError for a non-number and ValueError for a
bad value. Several parameter arrays are updated by calling the rule once per array, each
with its own state.

Later projects build on these rules: Optimizer classes over Parameters (P06) and
learning-rate schedulers (P11).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

State = dict[str, Any]

# ======================== P02 · Task 3 · Six update rules


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


# ======================== P06 · Task 4 · Optimizer classes
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

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget every parameter's gradient (``grad = None``) before the next backward.
        (``set_to_none`` is accepted for PyTorch's sake; gradients are always dropped.)"""
        for p in self.params:
            p.grad = None

    @property
    def param_groups(self) -> list[_ParamGroup]:
        """PyTorch's view of the settings: one group, ``{"params": [...], "lr": lr}``;
        reading or writing ``param_groups[0]["lr"]`` reads or writes ``self.lr``."""
        return [_ParamGroup(self)]

    def step(self) -> None:
        """Update every parameter that has a gradient, in place of its ``data``.

        Each parameter goes through the subclass's ``_update`` with its own state dict;
        a parameter whose ``grad`` is None is skipped.
        """
        raise NotImplementedError('P06 Task 4 · Optimizer.step (shared/optim.py) — see projects/p06_fraud_mlp/README.md#task-4')

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        raise NotImplementedError  # every optimizer overrides it

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr}, params={len(self.params)})"


class _ParamGroup(dict):
    """One optimizer's settings as PyTorch's param_groups entry; "lr" writes through."""

    def __init__(self, optimizer: Optimizer) -> None:
        super().__init__(params=optimizer.params, lr=optimizer.lr)
        self._optimizer = optimizer

    def __setitem__(self, key: str, value: Any) -> None:
        if key != "lr":
            raise NotImplementedError(f"param_groups: only 'lr' can be changed, not {key!r}")
        self._optimizer.lr = value
        super().__setitem__(key, value)


def refuse_options(where: str, **options: Any) -> None:
    """Given helper: NotImplementedError for the first option that is set (truthy),
    naming it and its value. A PyTorch option the course's code does not implement is
    refused, never silently ignored: ``refuse_options("optim.Adam", amsgrad=True)``."""
    for name, value in options.items():
        if value:
            raise NotImplementedError(f"{where}: {name}={value!r} is not supported")


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

    Inputs: params; lr (1e-3); betas (beta1, beta2); eps; weight_decay >= 0 (None: the
    class's ``default_weight_decay``, 0 for Adam and 0.01 for AdamW).
    """

    #: The weight decay when none is given (AdamW's differs; PyTorch's defaults).
    default_weight_decay = 0.0

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float | None = None,
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
        if weight_decay is None:
            weight_decay = self.default_weight_decay
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

    default_weight_decay = 0.01

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State) -> tuple[np.ndarray, State]:
        raise NotImplementedError('P06 Task 4 · AdamW._update (shared/optim.py) — see projects/p06_fraud_mlp/README.md#task-4')


# ======================== P11 · Task 4 · Learning-rate schedulers
#
# A scheduler owns an optimizer's learning rate: call ``scheduler.step()`` once per epoch
# (after the epoch's optimizer steps) and it writes the next rate into ``optimizer.lr``.
# Its state is one counter, ``last_epoch`` (0 right after construction), and the rate is a
# closed form of it, so a schedule can be replayed or resumed exactly:
#
#     StepLR             lr_e = base_lr * gamma ** floor(e / step_size)
#     CosineAnnealingLR  lr_e = eta_min + (base_lr - eta_min) * (1 + cos(pi * e / T_max)) / 2
#     LambdaLR           lr_e = base_lr * lr_lambda(e)
#
# ``base_lr`` is the optimizer's rate when the scheduler was built. These are PyTorch's
# formulas (its CosineAnnealingLR computes the same values recursively).


class LRScheduler:
    """Base class: holds the optimizer, ``base_lr`` and ``last_epoch``; ``step()``
    advances the epoch and writes ``get_lr()`` into ``optimizer.lr``.

    Subclasses implement ``get_lr() -> float``, the rate at epoch ``last_epoch``.
    ``base_lr`` is ``optimizer.lr`` when the scheduler is built (so after another
    scheduler has set its epoch-0 rate, that rate); construction then sets the
    optimizer's rate to the rate of epoch 0, and each ``step()`` overwrites it.
    """

    def __init__(self, optimizer: Optimizer, last_epoch: int = -1) -> None:
        if not isinstance(optimizer, Optimizer):
            raise TypeError(
                f"{type(self).__name__}: expected an Optimizer, got {type(optimizer).__name__}"
            )
        if last_epoch != -1:
            raise NotImplementedError(
                f"{type(self).__name__}: resuming with last_epoch={last_epoch} is not "
                "supported; build the scheduler with the default last_epoch=-1"
            )
        self.optimizer = optimizer
        self.base_lr = float(optimizer.lr)
        self.last_epoch = 0
        self._last_lr = self._apply()

    def get_lr(self) -> float:
        raise NotImplementedError  # every scheduler overrides it

    def _apply(self) -> float:
        lr = float(self.get_lr())
        self.optimizer.lr = lr
        return lr

    def step(self) -> None:
        """Move to the next epoch and set its learning rate."""
        self.last_epoch += 1
        self._last_lr = self._apply()

    def get_last_lr(self) -> list[float]:
        """The rate the last ``step()`` (or construction) set, as a one-element list (one
        entry per parameter group, as in PyTorch; the course's optimizers have one)."""
        return [self._last_lr]

    def state_dict(self) -> dict[str, Any]:
        return {"last_epoch": self.last_epoch, "base_lr": self.base_lr}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(last_epoch={self.last_epoch}, lr={self._last_lr:.6g})"


def _check_int(value: Any, name: str, scheduler: str, low: int = 1) -> int:
    """Given helper: ``value`` must be an int >= low (TypeError / ValueError naming it)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{scheduler}: {name} must be an int, got {value!r}")
    if value < low:
        raise ValueError(f"{scheduler}: {name} must be >= {low}, got {value!r}")
    return int(value)


class StepLR(LRScheduler):
    """Multiply the rate by ``gamma`` every ``step_size`` epochs:
    lr_e = base_lr * gamma ** floor(e / step_size).

    Inputs: optimizer; step_size, an int >= 1; gamma, a number > 0 (default 0.1).
    TypeError / ValueError naming the argument for a bad step_size or gamma.
    """

    def __init__(
        self, optimizer: Optimizer, step_size: int, gamma: float = 0.1, last_epoch: int = -1
    ) -> None:
        raise NotImplementedError('P11 Task 4 · StepLR.__init__ (shared/optim.py) — see projects/p11_braininabox/README.md#task-4')
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> float:
        raise NotImplementedError('P11 Task 4 · StepLR.get_lr (shared/optim.py) — see projects/p11_braininabox/README.md#task-4')


class CosineAnnealingLR(LRScheduler):
    """Half a cosine from ``base_lr`` down to ``eta_min`` over ``T_max`` epochs:
    lr_e = eta_min + (base_lr - eta_min) * (1 + cos(pi * e / T_max)) / 2.
    (Past T_max the formula goes on: the rate climbs back, as PyTorch's does.)

    Inputs: optimizer; T_max, an int >= 1; eta_min >= 0 (default 0).
    TypeError / ValueError naming the argument for a bad T_max or eta_min.
    """

    def __init__(
        self, optimizer: Optimizer, T_max: int, eta_min: float = 0.0, last_epoch: int = -1
    ) -> None:
        raise NotImplementedError('P11 Task 4 · CosineAnnealingLR.__init__ (shared/optim.py) — see projects/p11_braininabox/README.md#task-4')
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> float:
        raise NotImplementedError('P11 Task 4 · CosineAnnealingLR.get_lr (shared/optim.py) — see projects/p11_braininabox/README.md#task-4')


class LambdaLR(LRScheduler):
    """The rate your function gives: lr_e = base_lr * lr_lambda(e) (warm-up, decays of
    any shape). Inputs: optimizer; lr_lambda, a callable of the epoch returning a
    factor. TypeError when lr_lambda is not callable (a list of functions, one per
    parameter group, is not supported: NotImplementedError)."""

    def __init__(
        self, optimizer: Optimizer, lr_lambda: Callable[[int], float], last_epoch: int = -1
    ) -> None:
        raise NotImplementedError('P11 Task 4 · LambdaLR.__init__ (shared/optim.py) — see projects/p11_braininabox/README.md#task-4')
        super().__init__(optimizer, last_epoch)

    def get_lr(self) -> float:
        raise NotImplementedError('P11 Task 4 · LambdaLR.get_lr (shared/optim.py) — see projects/p11_braininabox/README.md#task-4')
