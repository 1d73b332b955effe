"""Former module of the image ops (P09), now in ``conv.py``, ``pooling.py``,
``normalization.py`` and ``shapes.py``: kept for one release.

Every name it held is still importable from here, with a DeprecationWarning naming its new
home; new code imports from ``shared.functional`` (``F.conv2d``).
"""

from __future__ import annotations

from shared.functional._registry import renamed

__getattr__ = renamed(
    "shared.functional.spatial",
    {
        "conv2d": "conv.conv2d",
        "Conv2d": "conv.Conv2dFn",
        "max_pool2d": "pooling.max_pool2d",
        "avg_pool2d": "pooling.avg_pool2d",
        "MaxPool2d": "pooling.MaxPool2dFn",
        "AvgPool2d": "pooling.AvgPool2dFn",
        "batch_norm": "normalization.batch_norm",
        "BatchNorm": "normalization.BatchNormFn",
        "flatten": "shapes.flatten",
        "Flatten": "shapes.FlattenFn",
    },
)
