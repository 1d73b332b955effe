"""``nn.ModuleList`` and ``nn.ModuleDict``: layers held in a list or a dict, registered.

Given code. A plain Python list of layers hides them from ``parameters()`` (and so from the
optimizer and from ``state_dict``); these containers register each layer as a child under
PyTorch's names, the position (``"0"``, ``"1"``, ...) or the key, so
``model.blocks[1].weight`` is saved as ``"blocks.1.weight"`` here as in PyTorch. Neither
has a ``forward``: the model that holds one decides how its layers are called.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from shared.nn import Module

__all__ = ["ModuleDict", "ModuleList"]


class ModuleList(Module):
    """A list of modules, registered as children ``"0"``, ``"1"``, ...

    ``ModuleList(modules=None)``; ``append``, ``extend``, ``insert``, ``pop``, ``len``,
    iteration, ``+`` / ``+=``, indexing (negative indices count from the end) and
    assignment; a slice gives a new ModuleList of the same modules. Deleting or inserting
    renumbers the children, so the names always follow the positions.
    """

    def __init__(self, modules: Iterable[Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def _index(self, index: Any) -> str:
        """The child name at ``index`` (IndexError when out of range)."""
        if isinstance(index, bool) or not hasattr(index, "__index__"):
            raise TypeError(f"ModuleList indices must be integers or slices, not {index!r}")
        size, position = len(self), index.__index__()
        if not -size <= position < size:
            raise IndexError(f"ModuleList: index {position} is out of range for length {size}")
        return str(position % size)

    def _renumber(self, modules: list[Module]) -> None:
        """Register ``modules`` afresh as ``"0"``, ``"1"``, ... (after a delete or insert)."""
        for name in list(self.__dict__["_modules"]):
            delattr(self, name)
        for position, module in enumerate(modules):
            self.add_module(str(position), module)

    def __getitem__(self, index: int | slice) -> Module | ModuleList:
        if isinstance(index, slice):
            return type(self)(list(self)[index])
        return self.__dict__["_modules"][self._index(index)]

    def __setitem__(self, index: int, module: Module) -> None:
        self.add_module(self._index(index), module)

    def __delitem__(self, index: int | slice) -> None:
        modules = list(self)
        if isinstance(index, slice):
            del modules[index]
        else:
            del modules[int(self._index(index))]
        self._renumber(modules)

    def __len__(self) -> int:
        return len(self.__dict__["_modules"])

    def __iter__(self) -> Iterator[Module]:
        return iter(self.__dict__["_modules"].values())

    def __iadd__(self, modules: Iterable[Module]) -> ModuleList:
        return self.extend(modules)

    def __add__(self, other: Iterable[Module]) -> ModuleList:
        return type(self)([*self, *other])

    def append(self, module: Module) -> ModuleList:
        """Add ``module`` at the end; returns self."""
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules: Iterable[Module]) -> ModuleList:
        """Append every module of ``modules``; returns self. TypeError when it is not an
        iterable."""
        if not isinstance(modules, Iterable):
            raise TypeError(
                "ModuleList.extend should be called with an iterable, but got "
                f"{type(modules).__name__}"
            )
        for module in list(modules):
            self.append(module)
        return self

    def insert(self, index: int, module: Module) -> None:
        """Insert ``module`` before position ``index`` (``list.insert``'s rule)."""
        if not isinstance(module, Module):
            raise TypeError(f"ModuleList.insert: {type(module).__name__} is not a Module")
        modules = list(self)
        modules.insert(index, module)
        self._renumber(modules)

    def pop(self, index: int | slice = -1) -> Module | ModuleList:
        """Remove and return the module at ``index`` (the last by default)."""
        module = self[index]
        del self[index]
        return module


class ModuleDict(Module):
    """An ordered dict of modules, each registered as a child under its key.

    ``ModuleDict(modules=None)`` takes a mapping or an iterable of ``(key, module)``
    pairs. The mapping API: ``d[key]``, ``d[key] = module``, ``del d[key]``, ``in``,
    ``len``, iteration over the keys, ``keys()``, ``values()``, ``items()``,
    ``update()``, ``pop()``, ``clear()``. A key must be a str without dots that is not
    already an attribute of the dict (``"keys"``, ``"training"``): KeyError, as in
    PyTorch.
    """

    def __init__(self, modules: Mapping[str, Module] | Iterable[Any] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str) -> Module:
        return self.__dict__["_modules"][key]

    def __setitem__(self, key: str, module: Module) -> None:
        self.add_module(key, module)

    def __delitem__(self, key: str) -> None:
        if key not in self.__dict__["_modules"]:
            raise KeyError(key)
        delattr(self, key)

    def __len__(self) -> int:
        return len(self.__dict__["_modules"])

    def __iter__(self) -> Iterator[str]:
        return iter(self.__dict__["_modules"])

    def __contains__(self, key: object) -> bool:
        return key in self.__dict__["_modules"]

    def keys(self) -> Iterable[str]:
        return self.__dict__["_modules"].keys()

    def values(self) -> Iterable[Module]:
        return self.__dict__["_modules"].values()

    def items(self) -> Iterable[tuple[str, Module]]:
        return self.__dict__["_modules"].items()

    def clear(self) -> None:
        """Remove every module."""
        for key in list(self):
            del self[key]

    def pop(self, key: str) -> Module:
        """Remove the module under ``key`` and return it (KeyError when absent)."""
        module = self[key]
        del self[key]
        return module

    def update(self, modules: Mapping[str, Module] | Iterable[Any]) -> None:
        """Add or replace modules from a mapping (its order) or from ``(key, module)``
        pairs. TypeError when ``modules`` is not iterable or an element is not a pair
        (ValueError when a pair does not have length 2)."""
        if not isinstance(modules, Iterable):
            raise TypeError(
                "ModuleDict.update should be called with an iterable of key/value pairs, "
                f"but got {type(modules).__name__}"
            )
        if isinstance(modules, Mapping | ModuleDict):
            pairs = list(modules.items())
        else:
            pairs = [_pair(element, j) for j, element in enumerate(modules)]
        for key, module in pairs:
            self[key] = module


def _pair(element: Any, j: int) -> tuple[Any, Any]:
    """Element ``j`` of ``ModuleDict.update``'s sequence as a (key, module) pair."""
    if not isinstance(element, Iterable):
        raise TypeError(
            f"ModuleDict update sequence element #{j} should be Iterable; is "
            f"{type(element).__name__}"
        )
    element = tuple(element)
    if len(element) != 2:
        raise ValueError(
            f"ModuleDict update sequence element #{j} has length {len(element)}; 2 is required"
        )
    return element
