"""Former module of ``softmax``, ``log_softmax`` and ``cross_entropy`` (P08), now in
``activations.py`` and ``losses.py``: kept for one release.
"""

from shared.functional._registry import former_module

__getattr__ = former_module(__name__)
