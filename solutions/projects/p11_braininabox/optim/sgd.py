"""``optim.SGD``: PyTorch's stochastic gradient descent on the core's P02 rules.

Given code. PyTorch's update, for one parameter p with gradient g (negated first when
``maximize``):

    g <- g + weight_decay * p                       (when weight_decay != 0)
    b <- g on the first step, else momentum * b + (1 - dampening) * g
    g <- g + momentum * b   (nesterov)   or   g <- b   (momentum != 0)
    p <- p - lr * g

With ``dampening = 0`` that is ``shared.optim.momentum_step`` / ``nesterov_step``; the
dampened buffer feeds the core rule the scaled gradient after the first step.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.optim import _check_decay, momentum_step, nesterov_step, sgd_step

from .optimizer import Group, Optimizer, State, check_number, refuse_switches, with_rate


class SGD(Optimizer):
    """PyTorch's ``SGD(params, lr=1e-3, momentum=0, dampening=0, weight_decay=0,
    nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None)``.

    momentum must lie in [0, 1) (the core's rules; PyTorch also accepts >= 1);
    ``nesterov`` needs momentum > 0 and no dampening (ValueError, as in PyTorch).
    State per parameter: ``{"momentum_buffer": b}`` when momentum != 0.
    """

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
        foreach: bool | None = None,
        differentiable: bool = False,
        fused: bool | None = None,
    ) -> None:
        refuse_switches("optim.SGD", foreach=foreach, differentiable=differentiable, fused=fused)
        check_number(lr, "lr", "optim.SGD")
        check_number(weight_decay, "weight_decay", "optim.SGD")
        check_number(dampening, "dampening", "optim.SGD")
        _check_decay(momentum, "momentum", "optim.SGD")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError(
                "optim.SGD: nesterov=True needs momentum > 0 and dampening = 0, got "
                f"momentum={momentum!r}, dampening={dampening!r}"
            )
        defaults = dict(
            lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
            nesterov=nesterov, maximize=maximize, foreach=foreach,
            differentiable=differentiable, fused=fused,
        )  # fmt: skip
        super().__init__(params, defaults)

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State, group: Group) -> np.ndarray:
        if group["weight_decay"] != 0:
            grad = grad + group["weight_decay"] * data
        momentum, lr = group["momentum"], group["lr"]
        if momentum == 0:
            return with_rate(sgd_step, data, grad, {}, lr)[0]
        buffer = state.get("momentum_buffer")
        if buffer is not None and group["dampening"] != 0:
            # b <- momentum * b + (1 - dampening) * g: the core's rule on the damped g.
            grad = (1 - group["dampening"]) * grad
        rule = nesterov_step if group["nesterov"] else momentum_step
        core_state = {} if buffer is None else {"velocity": buffer}
        new, core = with_rate(rule, data, grad, core_state, lr, momentum=momentum)
        state["momentum_buffer"] = core["velocity"]
        return new
