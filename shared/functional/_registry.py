"""The registry of differentiable ops: op name -> its ``Function`` subclass.

Given code, never stubbed. Every op module of this package decorates its classes with
``@register("name")``; the course's generic checks find every op here and test it against
the grader's own reference (``m2m/opchecks/specs.py``).
"""

from __future__ import annotations

from collections.abc import Callable

from shared.tensor import Function

__all__ = ["NOT_OPS", "REGISTRY", "register"]

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
