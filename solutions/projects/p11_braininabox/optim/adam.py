"""``optim.Adam`` and ``optim.AdamW``: PyTorch's Adam on the core's ``adam_step``.

Given code. PyTorch's update, for one parameter p with gradient g (negated first when
``maximize``), step t = 1, 2, ...:

    p <- p * (1 - lr * weight_decay)        (decoupled: AdamW, or decoupled_weight_decay)
    g <- g + weight_decay * p               (otherwise, when weight_decay != 0)
    m <- beta1 m + (1 - beta1) g            v <- beta2 v + (1 - beta2) g^2
    v_max <- max(v_max, v)                  (amsgrad only; v_max starts at 0)
    p <- p - lr / (1 - beta1^t) * m / (sqrt(v or v_max) / sqrt(1 - beta2^t) + eps)

Without amsgrad the step is ``shared.optim.adam_step``; with it the core rule still
moves the averages and the step is taken with the running maximum here.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from shared.optim import _check_decay, adam_step

from .optimizer import Group, Optimizer, State, check_number, refuse_switches, with_rate


class Adam(Optimizer):
    """PyTorch's ``Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0,
    amsgrad=False, *, foreach=None, maximize=False, capturable=False,
    differentiable=False, fused=None, decoupled_weight_decay=False)``.

    State per parameter: ``{"step": 0-d float32, "exp_avg": m, "exp_avg_sq": v}`` and
    ``"max_exp_avg_sq"`` with amsgrad, each of the parameter's shape and dtype.
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        foreach: bool | None = None,
        maximize: bool = False,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
        decoupled_weight_decay: bool = False,
    ) -> None:
        where = f"optim.{type(self).__name__}"
        refuse_switches(where, foreach=foreach, capturable=capturable,
                        differentiable=differentiable, fused=fused)  # fmt: skip
        check_number(lr, "lr", where)
        check_number(eps, "eps", where)
        check_number(weight_decay, "weight_decay", where)
        if not isinstance(betas, tuple | list) or len(betas) != 2:
            raise ValueError(f"{where}: betas must be a pair (beta1, beta2), got {betas!r}")
        _check_decay(betas[0], "beta1", where)
        _check_decay(betas[1], "beta2", where)
        defaults = dict(
            lr=lr, betas=tuple(betas), eps=eps, weight_decay=weight_decay, amsgrad=amsgrad,
            maximize=maximize, foreach=foreach, capturable=capturable,
            differentiable=differentiable, fused=fused,
            decoupled_weight_decay=decoupled_weight_decay,
        )  # fmt: skip
        super().__init__(params, defaults)

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State, group: Group) -> np.ndarray:
        lr, decay = group["lr"], group["weight_decay"]
        if decay != 0 and group["decoupled_weight_decay"]:
            data = data * (1 - lr * decay)
        elif decay != 0:
            grad = grad + decay * data
        beta1, beta2 = group["betas"]
        step = int(state["step"]) if "step" in state else 0
        core = {"t": step, "m": state.get("exp_avg"), "v": state.get("exp_avg_sq")}
        new, core = with_rate(adam_step, data, grad, core, lr, beta1=beta1, beta2=beta2,
                              eps=group["eps"])  # fmt: skip
        state["step"] = np.array(core["t"], dtype=np.float32)
        state["exp_avg"], state["exp_avg_sq"] = core["m"], core["v"]
        if group["amsgrad"]:
            return _amsgrad_step(data, state, lr, beta1, beta2, group["eps"])
        return new


def _amsgrad_step(data, state, lr, beta1, beta2, eps) -> np.ndarray:
    """AMSGrad (Reddi, Kale & Kumar 2018): Adam's step with the largest second moment
    seen so far, so the effective rate never grows. Returns the new data (data's shape)."""
    previous = state.get("max_exp_avg_sq")
    v = state["exp_avg_sq"]
    state["max_exp_avg_sq"] = v.copy() if previous is None else np.maximum(previous, v)
    t = float(state["step"])
    denom = np.sqrt(state["max_exp_avg_sq"]) / math.sqrt(1 - beta2**t) + eps
    return data - (lr / (1 - beta1**t)) * state["exp_avg"] / denom


class AdamW(Adam):
    """PyTorch's ``AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8,
    weight_decay=1e-2, amsgrad=False, *, maximize=False, foreach=None,
    capturable=False, differentiable=False, fused=None)``: Adam with decoupled weight
    decay (Loshchilov & Hutter 2019)."""

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        capturable: bool = False,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        super().__init__(
            params, lr, betas, eps, weight_decay, amsgrad, foreach=foreach, maximize=maximize,
            capturable=capturable, differentiable=differentiable, fused=fused,
            decoupled_weight_decay=True,
        )  # fmt: skip
