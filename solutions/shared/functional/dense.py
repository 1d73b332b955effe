"""Former module of ``linear`` and ``binary_cross_entropy_with_logits`` (P06), now in
``affine.py`` and ``losses.py``: kept for one release.
"""

from shared.functional._registry import former_module

__getattr__ = former_module(__name__)
