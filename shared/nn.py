"""Layers: the Module/Parameter API that every network of the course is built from.

A ``Parameter`` is a Tensor that a model learns (``requires_grad`` always on). A
``Module`` is anything with parameters and a ``forward``: a layer, or a whole network made
of layers. Assigning a Parameter or a Module to an attribute of a Module *registers* it,
as in PyTorch, so that ``model.parameters()`` finds every weight of every sub-layer
without the model listing them by hand::

    class TwoLayer(Module):
        def __init__(self):
            super().__init__()
            self.hidden = Linear(4, 8)       # registered as "hidden"
            self.out = Linear(8, 1)          # registered as "out"

        def forward(self, x):
            return self.out(self.hidden(x).relu())

    model = TwoLayer()
    [name for name, _ in model.named_parameters()]
    # ['hidden.weight', 'hidden.bias', 'out.weight', 'out.bias']

What lives here (P06): ``Parameter``, ``Module`` (registration, ``parameters``,
``named_parameters``, ``zero_grad``, ``train``/``eval``), ``Linear``, the activation
modules ``ReLU``/``Tanh``/``Sigmoid``, ``Sequential`` and ``Dropout``. Later projects add
Conv2d, MaxPool2d, Flatten and BatchNorm (P09), Embedding and recurrent cells (P10), and
``state_dict`` (P11).

Layout. A Linear weight is stored as PyTorch stores it, ``(out_features, in_features)``,
and the layer computes ``x @ W.T + b`` with one fused op, ``shared.functional.linear``;
``shared.init`` reads fans from that layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import numpy as np

from shared import functional as F

# Names from shared.init, imported one by one: a module called `init` would be shadowed by
# Linear's `init=` argument inside Linear.__init__.
from shared.init import RNGLike, get_rng, he_normal, he_uniform, xavier_normal, xavier_uniform
from shared.tensor import Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own go between these two lines: the grader keeps
# them. Everything else outside the stubs you fill is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "Dropout",
    "Linear",
    "LoadResult",
    "Module",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
]


class Parameter(Tensor):
    """A Tensor a model learns: a leaf that always requires a gradient.

    Inputs: data (array-like; float32 unless it is already a float array or ``dtype`` is
    given), ``name`` (optional label). Integer data is refused (TypeError), since a
    parameter must have a gradient.
    """

    __slots__ = ()

    def __init__(self, data: TensorLike, *, dtype: Any = None, name: str | None = None) -> None:
        super().__init__(data, requires_grad=True, dtype=dtype, name=name)

    def __repr__(self) -> str:
        return "Parameter" + super().__repr__().removeprefix("Tensor")


# ================================================================== Module (task 2)


class Module:
    """Base class of layers and models.

    Subclasses call ``super().__init__()`` first, assign their Parameters and sub-Modules
    as attributes, and implement ``forward``. Calling the module calls ``forward``.

    Attributes: ``training`` (True after construction; ``train()``/``eval()`` switch it
    for this module and every sub-module).
    """

    training: bool

    def __init__(self) -> None:
        # object.__setattr__: our own __setattr__ needs these two dicts to exist.
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_modules", {})
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_buffers", {})

    def __setattr__(self, name: str, value: Any) -> None:
        """Assign an attribute; a Parameter or Module is also registered under ``name``.

        Re-assigning a name first forgets what was registered under it, so replacing a
        layer by a plain value (or by None) unregisters it.
        """
        raise NotImplementedError('P06 Task 2 · Module.__setattr__ (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-2')

    def __delattr__(self, name: str) -> None:
        self.__dict__["_parameters"].pop(name, None)
        self.__dict__["_modules"].pop(name, None)
        object.__delattr__(self, name)

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        """The computation of this module; every subclass defines it."""
        raise NotImplementedError(f"{type(self).__name__} does not define forward()")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.forward(*args, **kwargs)

    # ---------------------------------------------------------------- the tree

    def named_children(self) -> Iterator[tuple[str, Module]]:
        """The direct sub-modules, in the order they were assigned."""
        yield from self.__dict__["_modules"].items()

    def children(self) -> Iterator[Module]:
        for _, module in self.named_children():
            yield module

    def named_modules(
        self, prefix: str = "", _seen: set[int] | None = None
    ) -> Iterator[tuple[str, Module]]:
        """This module (name ``prefix``) and every sub-module below it, depth first. A
        module reachable along two paths (a shared layer) is listed once, first name."""
        seen = set() if _seen is None else _seen
        if id(self) in seen:
            return
        seen.add(id(self))
        yield prefix, self
        for name, child in self.named_children():
            yield from child.named_modules(f"{prefix}.{name}" if prefix else name, seen)

    def modules(self) -> Iterator[Module]:
        for _, module in self.named_modules():
            yield module

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        """Every parameter of this module and its sub-modules as ``(dotted name, p)``.

        Order: a module's own parameters in assignment order, then each sub-module's, depth
        first (``"0.weight"``, ``"0.bias"``, ``"2.weight"``, ... for a Sequential). A
        parameter shared by two layers is listed once, under its first name.
        """
        raise NotImplementedError('P06 Task 2 · Module.named_parameters (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-2')

    def parameters(self) -> list[Parameter]:
        """Every parameter, once each, in ``named_parameters`` order (hand it to an
        optimizer)."""
        return [parameter for _, parameter in self.named_parameters()]

    def zero_grad(self) -> None:
        """Forget every parameter's accumulated gradient (``grad = None``)."""
        raise NotImplementedError('P06 Task 2 · Module.zero_grad (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-2')

    def train(self, mode: bool = True) -> Module:
        """Put this module and every sub-module in training mode (or eval mode with
        ``mode=False``). Returns self, so ``model.train()`` can be chained. TypeError naming
        ``mode`` when it is not a bool."""
        raise NotImplementedError('P06 Task 2 · Module.train (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-2')

    def eval(self) -> Module:
        """Evaluation mode: Dropout becomes the identity (and, later, BatchNorm uses its
        running statistics). Same as ``train(False)``."""
        return self.train(False)

    def num_parameters(self) -> int:
        """Number of learned scalars."""
        return sum(parameter.size for parameter in self.parameters())

    def to(self, *args: Any, **kwargs: Any) -> Module:
        """``model.to("cpu")``: every module lives on the CPU, so this checks the device
        and returns self. NotImplementedError for another device or a dtype change."""
        from shared.tensor import check_device

        for arg in (*args, *kwargs.values()):
            if isinstance(arg, str) or type(arg).__name__ == "device":
                check_device(arg, "Module.to")
            elif arg is not None and not isinstance(arg, bool):
                raise NotImplementedError(
                    f"Module.to: converting a model to {arg!r} is not supported; build it "
                    "with the dtype you need"
                )
        return self

    def cpu(self) -> Module:
        """The module itself (every module lives on the CPU)."""
        return self

    def apply(self, fn: Any) -> Module:
        """Call ``fn(module)`` on every sub-module (children first) and on self."""
        for module in list(self.modules())[::-1]:
            fn(module)
        return self

    # ---------------------------------------------------------------- state (P11)

    def register_buffer(self, name: str, value: Any) -> None:
        """Declare attribute ``name`` a buffer: state that is saved with the model but not
        learned (BatchNorm's running mean, say). ``value`` is an array (or None); the
        attribute may be re-assigned later and stays a buffer."""
        if "_parameters" not in self.__dict__:
            raise AttributeError(
                f"{type(self).__name__}: call super().__init__() before register_buffer"
            )
        self.__dict__.setdefault("_buffers", {})[name] = None
        object.__setattr__(self, name, value)

    def named_buffers(self, prefix: str = "") -> Iterator[tuple[str, np.ndarray]]:
        """Every buffer of this module and its sub-modules as ``(dotted name, array)``,
        module by module as ``named_parameters``; buffers set to None are left out."""
        for module_name, module in self.named_modules(prefix):
            for name in module.__dict__.get("_buffers", {}):
                value = getattr(module, name, None)
                if value is not None:
                    full = f"{module_name}.{name}" if module_name else name
                    yield full, getattr(value, "data", value)

    def _state_slots(self) -> Iterator[tuple[str, Module, str, np.ndarray]]:
        """Given helper: ``(key, module, attribute, current array)`` for every entry of
        the state dict, in its order: each module's parameters, then its buffers, module
        by module depth first, each array once (a shared layer under its first name)."""
        seen: set[int] = set()
        for module_name, module in self.named_modules():
            own = [(n, p.data, p) for n, p in module.__dict__["_parameters"].items()]
            for n in module.__dict__.get("_buffers", {}):
                value = getattr(module, n, None)
                if value is not None:
                    own.append((n, np.asarray(getattr(value, "data", value)), value))
            for name, array, holder in own:
                if id(holder) in seen:
                    continue
                seen.add(id(holder))
                yield (f"{module_name}.{name}" if module_name else name), module, name, array

    def state_dict(self) -> dict[str, np.ndarray]:
        """Every parameter and buffer as ``{dotted name: array}``, the keys PyTorch uses
        (``"0.weight"``, ``"hidden.bias"``, ``"bn.running_mean"``), in ``_state_slots``
        order. The arrays are copies: training the model afterwards leaves a state dict
        taken earlier unchanged (so it can hold the best weights seen so far)."""
        raise NotImplementedError('P11 Task 2 · Module.state_dict (shared/nn.py) — see projects/p11_braininabox/README.md#task-2')

    def load_state_dict(self, state_dict: Any, strict: bool = True) -> LoadResult:
        """Copy ``state_dict``'s arrays (NumPy arrays, Tensors or anything array-like)
        into this model's parameters and buffers, each converted to the dtype the model
        holds, as new arrays (the model never shares memory with the dict).

        With ``strict`` (the default), the keys must match exactly. Every problem is
        checked before anything is written, so on error the model is left unchanged: a
        ValueError whose message names every missing key, every unexpected key and, for
        each shape mismatch, the key with both shapes. Without ``strict``, missing and
        unexpected keys are allowed (and reported), but a shape mismatch is still an
        error. TypeError when ``state_dict`` is not a mapping.
        Returns ``LoadResult(missing_keys, unexpected_keys)`` (lists of keys).
        """
        raise NotImplementedError('P11 Task 2 · Module.load_state_dict (shared/nn.py) — see projects/p11_braininabox/README.md#task-2')

    # ---------------------------------------------------------------- display

    def extra_repr(self) -> str:
        """The settings shown between the parentheses of ``repr`` (layers override it)."""
        return ""

    def __repr__(self) -> str:
        children = list(self.named_children())
        if not children:
            return f"{type(self).__name__}({self.extra_repr()})"
        lines = [f"{type(self).__name__}("]
        for name, child in children:
            body = repr(child).replace("\n", "\n  ")
            lines.append(f"  ({name}): {body}")
        lines.append(")")
        return "\n".join(lines)


class LoadResult(NamedTuple):
    """What ``load_state_dict`` did not match: keys the model has and the dict lacks,
    and keys of the dict the model does not have."""

    missing_keys: list[str]
    unexpected_keys: list[str]


# ================================================================== layers (task 3)

_INITS = {
    "he_uniform": he_uniform,
    "he_normal": he_normal,
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
}


def _check_features(value: Any, name: str, layer: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{layer}: {name} must be a positive int, got {value!r}")
    return int(value)


class Linear(Module):
    """Fully connected layer: ``y = x @ W.T + b``.

    Inputs: ``in_features``, ``out_features``; ``bias`` (default True); ``init``, the
    weights' initialisation: "he_uniform" (default, for ReLU networks), "he_normal",
    "xavier_uniform" or "xavier_normal"; the bias starts at zero. ``rng`` (Generator, seed
    or None for the global generator); ``dtype`` (float32).

    Parameters: ``weight`` (out_features, in_features), ``bias`` (out_features,) or None.
    forward: x (..., in_features) -> (..., out_features).
    """

    def __init__(
        self,
        in_features: int,
        out_features: int,
        bias: bool = True,
        *,
        init: str = "he_uniform",
        rng: RNGLike = None,
        dtype: type = np.float32,
    ) -> None:
        super().__init__()
        self.in_features = _check_features(in_features, "in_features", "Linear")
        self.out_features = _check_features(out_features, "out_features", "Linear")
        if init not in _INITS:
            raise ValueError(f"Linear: init must be one of {sorted(_INITS)}, got {init!r}")
        raise NotImplementedError('P06 Task 3 · Linear.__init__ (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3')

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P06 Task 3 · Linear.forward (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3')

    def extra_repr(self) -> str:
        return (
            f"in_features={self.in_features}, out_features={self.out_features}, "
            f"bias={self.bias is not None}"
        )


def _as_tensor(x: TensorLike) -> Tensor:
    return x if isinstance(x, Tensor) else Tensor(x)


class ReLU(Module):
    """max(0, x), elementwise. Any shape."""

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P06 Task 3 · ReLU.forward (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3')


class Tanh(Module):
    """tanh(x), elementwise. Any shape."""

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P06 Task 3 · Tanh.forward (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3')


class Sigmoid(Module):
    """1 / (1 + exp(-x)), elementwise. Any shape."""

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P06 Task 3 · Sigmoid.forward (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3')


class Sequential(Module):
    """Modules applied one after the other; registered as "0", "1", ...

    ``Sequential(Linear(4, 8), ReLU(), Linear(8, 1))``; indexing (``model[0]``), ``len``
    and iteration reach the layers.
    """

    def __init__(self, *layers: Module) -> None:
        super().__init__()
        for index, layer in enumerate(layers):
            if not isinstance(layer, Module):
                raise TypeError(
                    f"Sequential: layer {index} must be a Module, got {type(layer).__name__}"
                )
            setattr(self, str(index), layer)

    def __getitem__(self, index: int) -> Module:
        layers = list(self.children())
        return layers[index]

    def __len__(self) -> int:
        return len(self.__dict__["_modules"])

    def __iter__(self) -> Iterator[Module]:
        return self.children()

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P06 Task 3 · Sequential.forward (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3')


class Dropout(Module):
    """Inverted dropout: in training, zero each element with probability ``p`` and scale
    the survivors by 1 / (1 - p), so the expected value of every element is unchanged and
    evaluation needs no rescaling. In eval mode, the identity.

    Inputs: ``p`` in [0, 1); ``rng`` (Generator, seed, or None for the global generator).
    forward: x of any shape -> the same shape. The mask: one call
    ``rng.random(x.shape)`` per forward in training; an element is kept where that draw is
    ``>= p`` and then multiplied by 1 / (1 - p) (in x's dtype). With ``rng=None`` the draw
    comes from the global generator (``get_rng()``) at each call. ``p == 0`` or eval
    mode returns x itself and draws nothing.
    """

    def __init__(self, p: float = 0.5, *, rng: RNGLike = None) -> None:
        super().__init__()
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 <= p < 1.0:
            raise ValueError(f"Dropout: p must be a probability in [0, 1), got {p!r}")
        self.p = float(p)
        # None: draw from the global generator at each call, so that a manual_seed made
        # after building the model still decides the masks.
        self._rng = None if rng is None else get_rng(rng)

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P06 Task 3 · Dropout.forward (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-3')

    def extra_repr(self) -> str:
        return f"p={self.p}"
