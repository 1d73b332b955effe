"""The registry of differentiable ops: op name -> its ``Function`` subclass.

Given code, never stubbed. Every op module of this package decorates its classes with
``@register("name")``; the course's generic checks find every op here and test it against
the grader's own reference (``m2m/opchecks/specs.py``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from shared.tensor import Function

__all__ = ["FORMER_MODULES", "NOT_OPS", "REGISTRY", "former_module", "register", "renamed"]

#: The registry: op name -> its Function subclass. Filled by ``@register`` when the op
#: modules of ``shared.functional`` are imported.
REGISTRY: dict[str, type[Function]] = {}

#: Public names of ``shared.functional`` that are not ops (everything else in its
#: ``__all__`` is one).
NOT_OPS = frozenset(
    {"NOT_OPS", "REGISTRY", "register", "lstm_cell_unfused", "split", "unbroadcast"}
)


def register(name: str) -> Callable[[type[Function]], type[Function]]:
    """Class decorator: add a Function subclass to ``REGISTRY`` under ``name``.

    Every op is registered exactly once, under the name of its functional alias; the
    course's generic checks find every op here and test it against the grader's own
    reference (``m2m/opchecks/specs.py``). TypeError / ValueError for a non-Function or a name
    registered twice.
    """

    def decorate(cls: type[Function]) -> type[Function]:
        if not (isinstance(cls, type) and issubclass(cls, Function)):
            raise TypeError(f"register({name!r}): expected a Function subclass, got {cls!r}")
        if name in REGISTRY:
            raise ValueError(f"register: an op named {name!r} is already registered")
        cls.name = name
        REGISTRY[name] = cls
        return cls

    return decorate


#: The modules this package had before it was organised by op family, kept for one
#: release: former module -> {former name: new home under shared.functional}.
FORMER_MODULES: dict[str, dict[str, str]] = {
    "dense": {
        "linear": "affine.linear",
        "Linear": "affine.LinearFn",
        "binary_cross_entropy_with_logits": "losses.binary_cross_entropy_with_logits",
        "BinaryCrossEntropyWithLogits": "losses.BinaryCrossEntropyWithLogitsFn",
    },
    "multiclass": {
        "softmax": "activations.softmax",
        "log_softmax": "activations.log_softmax",
        "Softmax": "activations.SoftmaxFn",
        "LogSoftmax": "activations.LogSoftmaxFn",
        "cross_entropy": "losses.cross_entropy",
        "CrossEntropy": "losses.CrossEntropyFn",
    },
    "spatial": {
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
}


def renamed(where: str, table: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that keeps former names importable for one release.

    ``table`` maps a former name of module ``where`` to its new home, a dotted path
    under ``shared.functional`` (``"affine.LinearFn"``); reading a former name returns
    that object with a DeprecationWarning naming the new path. Any other name is an
    AttributeError.
    """

    def __getattr__(name: str) -> Any:
        target = table.get(name)
        if target is None:
            raise AttributeError(f"module {where!r} has no attribute {name!r}")
        warnings.warn(
            f"{where}.{name} is deprecated and will be removed in the next release; use "
            f"shared.functional.{target}",
            DeprecationWarning,
            stacklevel=2,
        )
        return _resolve(target)

    return __getattr__


def _resolve(target: str) -> Any:
    """The object at ``target``, a dotted path under ``shared.functional``: the package
    imports every op module, so each one is an attribute of it by the time a former
    name is read."""
    import shared.functional as package

    found: Any = package
    for part in target.split("."):
        found = getattr(found, part)
    return found


def former_module(module: str) -> Callable[[str], Any]:
    """The ``__getattr__`` of a former module of this package (``shared.functional.dense``):
    its names, from :data:`FORMER_MODULES`, warn and point to their new home."""
    return renamed(module, FORMER_MODULES[module.rsplit(".", 1)[-1]])
