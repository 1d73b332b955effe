"""``braininabox.optim.lr_scheduler``: the schedulers of ``shared.optim`` (Task 4).

Given code: the schedulers themselves are written in ``shared/optim.py``.
"""

from __future__ import annotations

from shared.optim import CosineAnnealingLR, LambdaLR, LRScheduler, StepLR

from .._missing import module_getattr

__all__ = ["CosineAnnealingLR", "LRScheduler", "LambdaLR", "StepLR"]

__getattr__ = module_getattr(
    "braininabox.optim.lr_scheduler",
    {
        name: "not provided; LambdaLR expresses most schedules as a function of the epoch"
        for name in (
            "MultiStepLR",
            "ExponentialLR",
            "OneCycleLR",
            "CyclicLR",
            "ReduceLROnPlateau",
            "LinearLR",
            "SequentialLR",
            "CosineAnnealingWarmRestarts",
        )
    },
)
