"""``braininabox.optim``: PyTorch's optimizers, on the core's update rules.

Given code. ``Optimizer`` is PyTorch's base class (parameter groups, per-parameter
state, ``state_dict``); ``SGD``, ``Adam``, ``AdamW``, ``RMSprop``, ``Adagrad`` and
``Adadelta`` take exactly PyTorch's arguments and apply PyTorch's update rules, through
the P02 rules of ``shared.optim`` where those are PyTorch's; ``LBFGS`` is the two-loop
recursion with a fixed step. An unknown argument is a TypeError; PyTorch's
implementation switches (``foreach``, ``capturable``, ``differentiable``, ``fused``)
are accepted at their defaults and refused (NotImplementedError) otherwise.
"""

from __future__ import annotations

from .._missing import module_getattr
from . import lr_scheduler
from .adam import Adam, AdamW
from .adaptive import Adadelta, Adagrad, RMSprop
from .lbfgs import LBFGS
from .optimizer import Optimizer
from .sgd import SGD

__all__ = [
    "LBFGS",
    "SGD",
    "Adadelta",
    "Adagrad",
    "Adam",
    "AdamW",
    "Optimizer",
    "RMSprop",
    "lr_scheduler",
]

__getattr__ = module_getattr(
    "braininabox.optim",
    {
        name: "not provided"
        for name in ("SparseAdam", "Adamax", "ASGD", "NAdam", "RAdam", "Rprop", "Muon")
    },
)
