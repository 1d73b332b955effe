"""``optim.RMSprop``, ``optim.Adagrad`` and ``optim.Adadelta``: PyTorch's adaptive rules.

Given code. Each scales every coordinate of the gradient by a running measure of its
size. For one parameter p with gradient g (negated first when ``maximize``; then
g <- g + weight_decay * p when weight_decay != 0):

    RMSprop   v <- alpha v + (1 - alpha) g^2;  centered: a <- alpha a + (1 - alpha) g,
              v~ = v - a^2 (else v~ = v);  d = g / (sqrt(v~) + eps)
              momentum > 0: b <- momentum b + d, p <- p - lr b;  else p <- p - lr d
    Adagrad   s <- s + g^2 (s starts at initial_accumulator_value);
              p <- p - lr / (1 + (t - 1) lr_decay) * g / (sqrt(s) + eps)
    Adadelta  v <- rho v + (1 - rho) g^2;  d = sqrt(u + eps) / sqrt(v + eps) * g;
              u <- rho u + (1 - rho) d^2;  p <- p - lr d      (u, v start at 0)

The plain RMSprop and Adagrad steps are the core's ``rmsprop_step`` and
``adagrad_step``; the centered and momentum variants and Adadelta are written here.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.optim import _check_decay, adagrad_step, rmsprop_step

from .optimizer import Group, Optimizer, State, check_number, refuse_switches, with_rate


def _count(state: State) -> float:
    """Advance the step counter (a 0-d float32 array, PyTorch's ``state["step"]``)."""
    step = float(state["step"]) + 1 if "step" in state else 1.0
    state["step"] = np.array(step, dtype=np.float32)
    return step


class RMSprop(Optimizer):
    """PyTorch's ``RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0,
    momentum=0, centered=False, capturable=False, foreach=None, maximize=False,
    differentiable=False)``; alpha must lie in [0, 1).

    State per parameter: ``"step"``, ``"square_avg"`` (v), and ``"momentum_buffer"``
    (momentum > 0) and ``"grad_avg"`` (centered), each of the parameter's shape.
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        capturable: bool = False,
        foreach: bool | None = None,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        refuse_switches("optim.RMSprop", capturable=capturable, foreach=foreach,
                        differentiable=differentiable)  # fmt: skip
        for name, value in (("lr", lr), ("eps", eps), ("weight_decay", weight_decay),
                            ("momentum", momentum)):  # fmt: skip
            check_number(value, name, "optim.RMSprop")
        _check_decay(alpha, "alpha", "optim.RMSprop")
        defaults = dict(
            lr=lr, momentum=momentum, alpha=alpha, eps=eps, centered=centered,
            weight_decay=weight_decay, capturable=capturable, foreach=foreach,
            maximize=maximize, differentiable=differentiable,
        )  # fmt: skip
        super().__init__(params, defaults)

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State, group: Group) -> np.ndarray:
        if group["weight_decay"] != 0:
            grad = grad + group["weight_decay"] * data
        _count(state)
        lr, alpha, eps = group["lr"], group["alpha"], group["eps"]
        core = {} if "square_avg" not in state else {"mean_sq": state["square_avg"]}
        new, core = with_rate(rmsprop_step, data, grad, core, lr, rho=alpha, eps=eps)
        state["square_avg"] = core["mean_sq"]
        if not group["centered"] and group["momentum"] <= 0:
            return new
        v = state["square_avg"]
        if group["centered"]:
            avg = state.get("grad_avg", np.zeros_like(grad))
            state["grad_avg"] = avg + (1 - alpha) * (grad - avg)
            v = v - state["grad_avg"] * state["grad_avg"]
        scaled = grad / (np.sqrt(v) + eps)
        if group["momentum"] <= 0:
            return data - lr * scaled
        buffer = state.get("momentum_buffer", np.zeros_like(grad))
        state["momentum_buffer"] = group["momentum"] * buffer + scaled
        return data - lr * state["momentum_buffer"]


class Adagrad(Optimizer):
    """PyTorch's ``Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0,
    initial_accumulator_value=0, eps=1e-10, foreach=None, *, maximize=False,
    differentiable=False, fused=None)``.

    State per parameter, made at construction as in PyTorch: ``"step"`` and ``"sum"``
    (s, the parameter's shape, filled with initial_accumulator_value).
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        foreach: bool | None = None,
        *,
        maximize: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        refuse_switches("optim.Adagrad", foreach=foreach, differentiable=differentiable,
                        fused=fused)  # fmt: skip
        for name, value in (("lr", lr), ("lr_decay", lr_decay), ("weight_decay", weight_decay),
                            ("initial_accumulator_value", initial_accumulator_value),
                            ("eps", eps)):  # fmt: skip
            check_number(value, name, "optim.Adagrad")
        defaults = dict(
            lr=lr, lr_decay=lr_decay, eps=eps, weight_decay=weight_decay,
            initial_accumulator_value=initial_accumulator_value, foreach=foreach,
            maximize=maximize, differentiable=differentiable, fused=fused,
        )  # fmt: skip
        super().__init__(params, defaults)
        for group in self.param_groups:
            for p in group["params"]:
                start = group["initial_accumulator_value"]
                self.state[p] = {
                    "step": np.array(0.0, dtype=np.float32),
                    "sum": np.full_like(p.data, start),
                }

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State, group: Group) -> np.ndarray:
        if "sum" not in state:  # a parameter added with add_param_group after construction
            state["sum"] = np.full_like(data, group["initial_accumulator_value"])
        step = _count(state)
        if group["weight_decay"] != 0:
            grad = grad + group["weight_decay"] * data
        lr = group["lr"] / (1 + (step - 1) * group["lr_decay"])
        new, core = with_rate(adagrad_step, data, grad, {"sum_sq": state["sum"]}, lr,
                              eps=group["eps"])  # fmt: skip
        state["sum"] = core["sum_sq"]
        return new


class Adadelta(Optimizer):
    """PyTorch's ``Adadelta(params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0,
    foreach=None, *, capturable=False, maximize=False, differentiable=False)``
    (Zeiler 2012); rho must lie in [0, 1].

    State per parameter: ``"step"``, ``"square_avg"`` (v) and ``"acc_delta"`` (u).
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1.0,
        rho: float = 0.9,
        eps: float = 1e-6,
        weight_decay: float = 0,
        foreach: bool | None = None,
        *,
        capturable: bool = False,
        maximize: bool = False,
        differentiable: bool = False,
    ) -> None:
        refuse_switches("optim.Adadelta", foreach=foreach, capturable=capturable,
                        differentiable=differentiable)  # fmt: skip
        for name, value in (("lr", lr), ("eps", eps), ("weight_decay", weight_decay)):
            check_number(value, name, "optim.Adadelta")
        if check_number(rho, "rho", "optim.Adadelta") > 1:
            raise ValueError(f"optim.Adadelta: rho must lie in [0, 1], got {rho!r}")
        defaults = dict(
            lr=lr, rho=rho, eps=eps, weight_decay=weight_decay, maximize=maximize,
            capturable=capturable, foreach=foreach, differentiable=differentiable,
        )  # fmt: skip
        super().__init__(params, defaults)

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State, group: Group) -> np.ndarray:
        if group["weight_decay"] != 0:
            grad = grad + group["weight_decay"] * data
        _count(state)
        rho, eps = group["rho"], group["eps"]
        v = state.get("square_avg", np.zeros_like(grad))
        u = state.get("acc_delta", np.zeros_like(grad))
        v = rho * v + (1 - rho) * grad * grad
        delta = np.sqrt(u + eps) / np.sqrt(v + eps) * grad
        state["square_avg"] = v
        state["acc_delta"] = rho * u + (1 - rho) * delta * delta
        return data - group["lr"] * delta
