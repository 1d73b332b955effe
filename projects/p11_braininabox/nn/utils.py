"""``braininabox.nn.utils``: gradient clipping (P10's ``clip_grad_norm_`` when present).

Given code.
"""

from __future__ import annotations

import shared.nn as _core

from .._missing import module_getattr, reexport

_MISSING: dict[str, str] = {"parameters_to_vector": "not provided"}
__all__ = reexport(
    _core,
    {"clip_grad_norm_": "P10 (shared/nn.py)", "clip_grad_value_": "P10 (shared/nn.py)"},
    globals(),
    _MISSING,
)
__getattr__ = module_getattr("braininabox.nn.utils", _MISSING)
