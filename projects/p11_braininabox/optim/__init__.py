"""``braininabox.optim``: the core's optimizers with PyTorch's signatures.

Given code. ``SGD``, ``Adam`` and ``AdamW`` are subclasses of the core's classes
(``shared.optim``) that take PyTorch's arguments; options the core does not implement
(``dampening``, ``amsgrad``, ``maximize``) raise NotImplementedError naming them, never a
silently different update.
"""

from __future__ import annotations

from typing import Any

import shared.optim as _core
from shared.optim import Optimizer, refuse_options

from .._missing import module_getattr
from . import lr_scheduler

__all__ = ["SGD", "Adam", "AdamW", "Optimizer", "lr_scheduler"]


class _StateDictRefused:
    def state_dict(self) -> dict[str, Any]:
        raise NotImplementedError(
            f"optim.{type(self).__name__}.state_dict: saving an optimizer's state is not "
            "supported; save the model's state_dict and rebuild the optimizer"
        )

    load_state_dict = state_dict


class SGD(_StateDictRefused, _core.SGD):
    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        momentum: float = 0.0,
        dampening: float = 0.0,
        weight_decay: float = 0.0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
        **flags: Any,
    ) -> None:
        refuse_options("optim.SGD", dampening=dampening, maximize=maximize)
        super().__init__(
            params, lr, momentum=momentum, nesterov=nesterov, weight_decay=weight_decay
        )


class Adam(_StateDictRefused, _core.Adam):
    """PyTorch's Adam; weight_decay None: the class's default (Adam 0, AdamW 1e-2)."""

    def __init__(
        self,
        params: Any,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float | None = None,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
        **flags: Any,
    ) -> None:
        refuse_options(f"optim.{type(self).__name__}", amsgrad=amsgrad, maximize=maximize)
        super().__init__(params, lr, betas, eps, weight_decay)


class AdamW(Adam, _core.AdamW):
    """PyTorch's AdamW: Adam's arguments and refusals (above) on the core's AdamW update
    (decoupled decay, default 1e-2): in the method order the core's AdamW comes before
    the core's Adam, so its ``_update`` and ``default_weight_decay`` are the ones used."""


__getattr__ = module_getattr(
    "braininabox.optim",
    {
        "RMSprop": "the update rule exists (shared.optim.rmsprop_step) but has no class",
        "Adagrad": "the update rule exists (shared.optim.adagrad_step) but has no class",
        "LBFGS": "not provided",
    },
)
