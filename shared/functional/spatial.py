"""Former module of the image ops (P09), now in ``conv.py``, ``pooling.py``,
``normalization.py`` and ``shapes.py``: kept for one release.
"""

from shared.functional._registry import former_module

__getattr__ = former_module(__name__)
