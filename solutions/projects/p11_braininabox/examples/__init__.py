"""PyTorch-style example scripts, and a runner that runs each with either library.

Each example is written exactly as a PyTorch user writes it, except for its imports
(``import braininabox as torch``, ``from braininabox import nn, optim``, ...). Its data
come as NumPy arrays from the course's loaders (``shared.datasets``), the one line a
PyTorch user would spell with torchvision. ``run_example(name, backend="torch")`` swaps
the imports back to PyTorch's (nothing else changes) and runs the same text, so the two
libraries can be compared on one script.

Given code.
"""

from __future__ import annotations

import re
import types
from pathlib import Path
from typing import Any

EXAMPLES = ("mnist_mlp", "lenet_cnn", "char_lstm", "blobs_mlp")
HERE = Path(__file__).resolve().parent


def source(name: str, backend: str = "braininabox") -> str:
    """The example's text; with backend "torch", its imports name PyTorch instead."""
    if name not in EXAMPLES:
        raise ValueError(f"unknown example {name!r}; expected one of {EXAMPLES}")
    text = (HERE / f"{name}.py").read_text(encoding="utf-8")
    if backend == "torch":
        return re.sub(r"\bbraininabox\b", "torch", text)
    if backend != "braininabox":
        raise ValueError(f"backend must be 'braininabox' or 'torch', got {backend!r}")
    return text


def load_example(name: str, backend: str = "braininabox") -> types.ModuleType:
    """The example as a fresh module (its imports executed with ``backend``)."""
    module = types.ModuleType(f"example_{name}_{backend}")
    module.__file__ = str(HERE / f"{name}.py")
    exec(compile(source(name, backend), module.__file__, "exec"), module.__dict__)  # noqa: S102
    return module


def run_example(name: str, backend: str = "braininabox", **kwargs: Any) -> dict[str, Any]:
    """Run the example's ``main(**kwargs)`` with ``backend``; returns what it returns."""
    return load_example(name, backend).main(**kwargs)
