"""Former module of ``linear`` and ``binary_cross_entropy_with_logits`` (P06), now in
``affine.py`` and ``losses.py``: kept for one release.

Every name it held is still importable from here, with a DeprecationWarning naming its new
home; new code imports from ``shared.functional`` (``F.linear``).
"""

from __future__ import annotations

from shared.functional._registry import renamed

__getattr__ = renamed(
    "shared.functional.dense",
    {
        "linear": "affine.linear",
        "Linear": "affine.LinearFn",
        "binary_cross_entropy_with_logits": "losses.binary_cross_entropy_with_logits",
        "BinaryCrossEntropyWithLogits": "losses.BinaryCrossEntropyWithLogitsFn",
    },
)
