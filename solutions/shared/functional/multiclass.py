"""Former module of ``softmax``, ``log_softmax`` and ``cross_entropy`` (P08), now in
``activations.py`` and ``losses.py``: kept for one release.

Every name it held is still importable from here, with a DeprecationWarning naming its new
home; new code imports from ``shared.functional`` (``F.softmax``).
"""

from __future__ import annotations

from shared.functional._registry import renamed

__getattr__ = renamed(
    "shared.functional.multiclass",
    {
        "softmax": "activations.softmax",
        "log_softmax": "activations.log_softmax",
        "Softmax": "activations.SoftmaxFn",
        "LogSoftmax": "activations.LogSoftmaxFn",
        "cross_entropy": "losses.cross_entropy",
        "CrossEntropy": "losses.CrossEntropyFn",
    },
)
