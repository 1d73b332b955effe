"""BrainInABox: the course's NumPy core as one PyTorch-style library.

    import braininabox as torch
    from braininabox import nn, optim
    import braininabox.nn.functional as F
    from braininabox.utils.data import DataLoader, TensorDataset

This installed package holds no course code. Importing it selects the implementation tree
through the course's one switch (``m2m.impl.activate``: the learner's tree by default,
the reference with ``M2M_IMPL=solutions``) and answers with that tree's
``projects.p11_braininabox``: this module becomes an alias of it, and so do its
submodules (``braininabox.nn`` is ``projects.p11_braininabox.nn``), so each class exists
once whichever name imports it.

The wheel that ``m2m package`` builds replaces this package with the code itself.
"""

from __future__ import annotations

import importlib
import sys

from m2m.impl import activate

activate()

_library = importlib.import_module("projects.p11_braininabox")

#: The submodules reachable as ``braininabox.<name>``.
SUBMODULES = (
    "nn",
    "nn.functional",
    "nn.utils",
    "nn.init",
    "optim",
    "optim.lr_scheduler",
    "utils",
    "utils.data",
    "creation",
    "ops",
    "serialization",
    "trainer",
    "callbacks",
    "summary",
)
for _name in SUBMODULES:
    sys.modules[f"{__name__}.{_name}"] = importlib.import_module(f"{_library.__name__}.{_name}")
sys.modules[__name__] = _library
