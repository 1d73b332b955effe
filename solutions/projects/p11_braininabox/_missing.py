"""Names PyTorch has and BrainInABox does not (yet): a clear error, never a wrong answer.

Given code. A module of the library lists such names with the reason; reading one raises
``FeatureNotAvailable``, which is a NotImplementedError (the message names the PyTorch
feature and says why) and also an AttributeError, so ``hasattr(nn, "LSTM")`` is simply
False when the layer is not there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class FeatureNotAvailable(NotImplementedError, AttributeError):
    """A PyTorch feature BrainInABox does not provide (or not in this tree yet)."""


def module_getattr(module: str, reasons: dict[str, str]) -> Callable[[str], Any]:
    """A module-level ``__getattr__`` that names the missing feature and the reason."""

    def __getattr__(name: str) -> Any:
        if name in reasons:
            raise FeatureNotAvailable(f"{module}.{name} is not available: {reasons[name]}")
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__


def reexport(
    source: Any, names: dict[str, str], into: dict[str, Any], missing: dict[str, str]
) -> list[str]:
    """Copy each of ``names`` that ``source`` defines into ``into``; the others go to
    ``missing`` with their reason (the project that adds them). Returns the names found."""
    found = []
    for name, owner in names.items():
        value = getattr(source, name, None)
        if value is None:
            missing[name] = f"it comes with {owner}, which this tree does not have yet"
        else:
            into[name] = value
            found.append(name)
    return found
