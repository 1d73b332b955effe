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
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "AvgPool2d",
    "BatchNorm1d",
    "BatchNorm2d",
    "Conv2d",
    "Dropout",
    "Flatten",
    "Linear",
    "LoadResult",
    "MaxPool2d",
    "Module",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Tanh",
]


# ======================== P06 · Task 2 · Module and Parameter


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

    def __setattr__(self, name: str, value: Any) -> None:
        """Assign an attribute; a Parameter or Module is also registered under ``name``.

        Re-assigning a name first forgets what was registered under it, so replacing a
        layer by a plain value (or by None) unregisters it. Assigning any attribute before
        ``super().__init__()`` has run raises an AttributeError that says so.
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
        """The direct sub-modules as ``(name, module)``, in the order they were registered;
        a module registered under two names is listed once, under the first (PyTorch's
        rule)."""
        seen: set[int] = set()
        for name, module in self.__dict__["_modules"].items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self) -> Iterator[Module]:
        """The direct sub-modules, in ``named_children`` order."""
        for _, module in self.named_children():
            yield module

    def named_modules(
        self,
        memo: set[Module] | str | None = None,
        prefix: str = "",
        remove_duplicate: bool = True,
    ) -> Iterator[tuple[str, Module]]:
        """This module (named ``prefix``) and every sub-module below it, depth first, each
        child's name joined to its parent's with a dot (``"body.0.fc"``), PyTorch's order.

        A module reachable along two paths (a shared layer) is listed once, under its
        first name, unless ``remove_duplicate=False``. ``memo``: the set of modules already
        listed (PyTorch's argument); a string in its place is taken as ``prefix``, the
        course's earlier signature ``named_modules(prefix)``.
        """
        if isinstance(memo, str):
            memo, prefix = None, memo
        memo = set() if memo is None else memo
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, child in self.__dict__["_modules"].items():
            if child is not None:
                child_prefix = f"{prefix}.{name}" if prefix else name
                yield from child.named_modules(memo, child_prefix, remove_duplicate)

    def modules(self, remove_duplicate: bool = True) -> Iterator[Module]:
        """This module and every sub-module, in ``named_modules`` order."""
        for _, module in self.named_modules(remove_duplicate=remove_duplicate):
            yield module

    def add_module(self, name: str, module: Module | None) -> None:
        """Register ``module`` as the sub-module ``name`` (also reachable as an attribute),
        PyTorch's ``add_module``: how containers register children whose names are not
        identifiers (``"0"``, a dict key). Re-registering a name keeps its place in the
        order. None unregisters ``name`` and leaves the attribute None.

        TypeError when ``module`` is not a Module (or None) or ``name`` not a str; KeyError
        when ``name`` is empty, holds a dot, or is already another attribute.
        """
        modules = self.__dict__.get("_modules")
        if modules is None:
            raise AttributeError(
                f"{type(self).__name__}: call super().__init__() before add_module({name!r})"
            )
        _check_child_name(self, name, module)
        if module is None:
            modules.pop(name, None)
        else:
            modules[name] = module
        object.__setattr__(self, name, module)

    def register_module(self, name: str, module: Module | None) -> None:
        """Same as ``add_module`` (PyTorch's second name for it)."""
        self.add_module(name, module)

    def named_parameters(self, prefix: str = "") -> Iterator[tuple[str, Parameter]]:
        """Every parameter of this module and its sub-modules as ``(dotted name, p)``.

        Order: a module's own parameters in assignment order, then each sub-module's, depth
        first (``"0.weight"``, ``"0.bias"``, ``"2.weight"``, ... for a Sequential). A
        parameter shared by two layers is listed once, under its first name.
        """
        raise NotImplementedError('P06 Task 2 · Module.named_parameters (shared/nn.py) — see projects/p06_fraud_mlp/README.md#task-2')

    def parameters(self, recurse: bool = True) -> list[Parameter]:
        """Every parameter, once each, in ``named_parameters`` order (hand it to an
        optimizer). ``recurse=False``: only this module's own parameters."""
        if not recurse:
            return list(self.__dict__["_parameters"].values())
        return [parameter for _, parameter in self.named_parameters()]

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        """Set ``requires_grad`` of every parameter (False freezes them: backward leaves
        their ``grad`` None and optimizers skip them). Returns self."""
        for parameter in self.parameters():
            parameter.requires_grad_(requires_grad)
        return self

    def register_buffer(self, name: str, value: Any, persistent: bool = True) -> None:
        """Keep ``value`` (an array, or None) as attribute ``name``: state that is not
        learned by gradient descent but belongs to the model (BatchNorm's running
        statistics), as in PyTorch. Re-assigning the attribute replaces the buffer's value.
        ``persistent=False`` keeps it out of ``state_dict`` (it is still a buffer)."""
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"register_buffer: expected an attribute name, got {name!r}")
        names = self.__dict__.setdefault("_buffer_names", [])
        if name not in names:
            names.append(name)
        transient = self.__dict__.setdefault("_non_persistent", set())
        if persistent:
            transient.discard(name)
        else:
            transient.add(name)
        object.__setattr__(self, name, None if value is None else np.asarray(value))

    def named_buffers(
        self, prefix: str = "", recurse: bool = True, remove_duplicate: bool = True
    ) -> Iterator[tuple[str, np.ndarray]]:
        """Every buffer of this module and its sub-modules as ``(dotted name, array)``,
        in the order of ``named_modules``, then registration; a buffer that is None is
        skipped, and one array reachable twice is listed once (PyTorch's rules).
        ``recurse=False``: only this module's own buffers."""
        modules = self.named_modules(prefix=prefix) if recurse else [(prefix, self)]
        seen: set[int] = set()
        for module_name, module in modules:
            for name in module.__dict__.get("_buffer_names", []):
                value = getattr(module, name, None)
                if value is None or (remove_duplicate and id(value) in seen):
                    continue
                seen.add(id(value))
                yield (f"{module_name}.{name}" if module_name else name), value

    def buffers(self, recurse: bool = True) -> list[np.ndarray]:
        """Every buffer's array, in ``named_buffers`` order."""
        return [value for _, value in self.named_buffers(recurse=recurse)]

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
        return sum(parameter.numel() for parameter in self.parameters())

    # ------------------------------------------------------ device and dtype

    def to(self, *args: Any, **kwargs: Any) -> Module:
        """PyTorch's ``to(device)``, ``to(dtype)``, ``to(device, dtype)``, ``to(tensor)``
        (its dtype), keywords ``device=``, ``dtype=``, ``non_blocking=``.

        The device must be the CPU (NotImplementedError naming any other). A dtype
        converts every floating-point parameter (and its gradient) and buffer in place:
        the Parameter objects stay the same, so an optimizer built earlier still updates
        them. TypeError for a dtype that is not floating point (PyTorch's rule);
        NotImplementedError for float16. Returns self.
        """
        from shared.tensor import check_device

        device, dtype = _parse_to(args, kwargs)
        check_device(device, "Module.to")
        if dtype is not None:
            self._convert_floating(dtype)
        return self

    def double(self) -> Module:
        """Every floating-point parameter and buffer to float64, in place; returns self."""
        return self._convert_floating(np.dtype(np.float64))

    def float(self) -> Module:
        """Every floating-point parameter and buffer to float32, in place; returns self."""
        return self._convert_floating(np.dtype(np.float32))

    def half(self) -> Module:
        """Refused: NotImplementedError (float16 is not supported)."""
        return self._convert_floating(np.dtype(np.float16))

    def _convert_floating(self, dtype: np.dtype) -> Module:
        """Cast every floating-point parameter, gradient and buffer to ``dtype`` in place
        (integer buffers such as BatchNorm's ``num_batches_tracked`` keep theirs)."""
        _check_model_dtype(dtype)
        for module in self.modules():
            for parameter in module.__dict__["_parameters"].values():
                _cast_tensor(parameter, dtype)
            for name in module.__dict__.get("_buffer_names", []):
                value = getattr(module, name, None)
                if isinstance(value, Tensor):
                    _cast_tensor(value, dtype)
                elif value is not None and np.asarray(value).dtype.kind == "f":
                    object.__setattr__(module, name, np.asarray(value).astype(dtype))
        return self

    def cpu(self) -> Module:
        """The module itself (every module lives on the CPU)."""
        return self

    def apply(self, fn: Any) -> Module:
        """Call ``fn(module)`` on every sub-module and then on self, PyTorch's order: each
        child's whole subtree first (children in registration order), self last.
        Typical use: ``model.apply(init_weights)``. Returns self."""
        for child in self.children():
            child.apply(fn)
        fn(self)
        return self

    # ------------------------------------------------ P11 · Task 2 · state_dict

    def _state_slots(self) -> Iterator[tuple[str, Module, str, np.ndarray]]:
        """Given helper: ``(key, module, attribute, current array)`` for every entry of
        the state dict, in its order: each module's parameters, then its buffers, module
        by module depth first, each array once (a shared layer under its first name)."""
        seen: set[int] = set()
        for module_name, module in self.named_modules():
            own = [(n, p.data, p) for n, p in module.__dict__["_parameters"].items()]
            transient = module.__dict__.get("_non_persistent", ())
            for n in module.__dict__.get("_buffer_names", []):
                value = getattr(module, n, None)
                if value is not None and n not in transient:
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
        Returns ``LoadResult(missing_keys, unexpected_keys)``: lists of keys, the missing
        ones in this model's state-dict order, the unexpected ones in ``state_dict``'s.
        Writing keeps every Parameter (or Tensor buffer) object and replaces its
        ``.data`` by the new array, so optimizers holding the parameters keep working; a
        buffer stored as a plain array is replaced by the new array.
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


def _check_child_name(parent: Module, name: Any, module: Any) -> None:
    """``add_module``'s checks, PyTorch's: a Module (or None) under a new, dot-free name."""
    if module is not None and not isinstance(module, Module):
        raise TypeError(f"add_module: {type(module).__name__} is not a Module subclass")
    if not isinstance(name, str):
        raise TypeError(f"add_module: module name should be a str, got {type(name).__name__}")
    if "." in name:
        raise KeyError(f"add_module: a module name must not contain a dot, got {name}")
    if name == "":
        raise KeyError("add_module: a module name must not be empty")
    if hasattr(parent, name) and name not in parent.__dict__["_modules"]:
        raise KeyError(f"add_module: attribute {name!r} already exists")


def _parse_to(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    """``(device, dtype)`` from ``Module.to``'s arguments: a string or device object is a
    device, a Tensor gives its dtype, anything else is a dtype."""
    device, dtype = kwargs.pop("device", None), kwargs.pop("dtype", None)
    kwargs.pop("non_blocking", None)
    if kwargs:
        raise TypeError(f"Module.to: unexpected arguments {sorted(kwargs)}")
    for arg in args:
        if isinstance(arg, bool):  # to(dtype, non_blocking) given positionally
            continue
        if isinstance(arg, Tensor):
            dtype = arg.dtype
        elif isinstance(arg, str | int) or type(arg).__name__ == "device":
            device = arg
        elif arg is not None:
            dtype = arg
    if dtype is None:
        return device, None
    try:
        return device, np.dtype(dtype)
    except TypeError:
        raise TypeError(f"Module.to: expected a device or a dtype, got {dtype!r}") from None


def _check_model_dtype(dtype: np.dtype) -> None:
    """A model converts to float32 or float64 only: TypeError for a dtype that is not
    floating point (PyTorch refuses those too), NotImplementedError for float16."""
    if dtype.kind == "c":
        raise NotImplementedError(f"Module.to: complex dtype {dtype} is not supported")
    if dtype.kind != "f":
        raise TypeError(
            f"Module.to only accepts floating point dtypes, but got desired dtype={dtype}"
        )
    if dtype.itemsize < 4:
        raise NotImplementedError(
            f"Module: converting a model to {dtype} (half precision) is not supported; the "
            "core computes in float32 or float64"
        )


def _cast_tensor(tensor: Tensor, dtype: np.dtype) -> None:
    """Cast a floating-point Tensor's values (and gradient) to ``dtype``, keeping the
    object: what holds it (an optimizer, a shared layer) sees the new values."""
    if tensor.data.dtype.kind != "f" or tensor.data.dtype == dtype:
        return
    tensor.data = tensor.data.astype(dtype)
    if tensor.grad is not None:
        tensor.grad = np.asarray(tensor.grad).astype(dtype)


# ======================== P06 · Task 3 · Layers

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
    forward: x (..., in_features) -> (..., out_features), computed by the fused op
    ``shared.functional.linear``; ValueError when the last dimension is not in_features.
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

    def children(self) -> Iterator[Module]:
        """The layers in order; a layer given twice (``Sequential(l, l)``) comes twice,
        since forward runs it at each of its places."""
        return iter(self.__dict__["_modules"].values())

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


# ======================== P09 · Task 4 · The layers
#
# Convolution, pooling, flattening and batch normalisation as layers, with PyTorch's
# names, layouts and defaults, so weights and results carry over. Each forward calls one
# op of shared.functional (spatial.py).


def _check_size2(value: Any, name: str, layer: str, minimum: int = 1) -> int | tuple[int, int]:
    """An int or a pair of ints >= ``minimum`` (ValueError naming the value otherwise)."""
    items = value if isinstance(value, tuple) and len(value) == 2 else (value,)
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int | np.integer) or item < minimum:
            raise ValueError(
                f"{layer}: {name} must be an int or a pair of ints >= {minimum}, got {value!r}"
            )
    return value


def _check_image(x: Tensor, layer: str, channels: int | None = None) -> Tensor:
    """x as a Tensor of shape (N, C, H, W) (with C == ``channels`` when given)."""
    x = _as_tensor(x)
    if x.ndim != 4 or (channels is not None and x.shape[1] != channels):
        expected = f"(N, {channels}, H, W)" if channels is not None else "(N, C, H, W)"
        raise ValueError(f"{layer}: expected input of shape {expected}, got {x.shape}")
    return x


class Conv2d(Module):
    """2-D convolution (cross-correlation) of images.

    Inputs: ``in_channels``, ``out_channels``, ``kernel_size`` (int or (kH, kW));
    ``stride`` (int or pair, default 1), ``padding`` (int, pair, or "same" for stride 1;
    default 0), ``dilation`` (int or pair, default 1), ``bias`` (default True); ``init``:
    "he_uniform" (default, as ``Linear``: U(-a, a) with a = √(6 / fan_in), fan_in =
    in_channels·kH·kW), "he_normal", "xavier_uniform" or "xavier_normal"; the bias starts
    at zero; ``rng``; ``dtype`` (float32).

    Parameters, created in this order: ``weight`` (out_channels, in_channels, kH, kW),
    drawn by the ``shared.init`` function that ``init`` names (``he_uniform(shape,
    rng=rng, dtype=dtype)``, ...), and ``bias`` (out_channels,) zeros, or None.
    forward: x (N, in_channels, H, W) -> (N, out_channels, oH, oW) through ``conv2d``,
    oH = ⌊(H + 2p - d(kH - 1) - 1) / s⌋ + 1 for an int or pair padding p, oH = H for
    "same" (its padding may be uneven, the extra row / column after: the op handles it).
    ValueError naming the shape it got when x is not (N, in_channels, H, W) (the given
    ``_check_image`` does it).
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: int | tuple[int, int],
        stride: int | tuple[int, int] = 1,
        padding: int | tuple[int, int] | str = 0,
        dilation: int | tuple[int, int] = 1,
        bias: bool = True,
        *,
        init: str = "he_uniform",
        rng: RNGLike = None,
        dtype: type = np.float32,
    ) -> None:
        super().__init__()
        self.in_channels = _check_features(in_channels, "in_channels", "Conv2d")
        self.out_channels = _check_features(out_channels, "out_channels", "Conv2d")
        self.kernel_size = _check_size2(kernel_size, "kernel_size", "Conv2d")
        self.stride = _check_size2(stride, "stride", "Conv2d")
        self.dilation = _check_size2(dilation, "dilation", "Conv2d")
        if padding != "same":
            _check_size2(padding, "padding", "Conv2d", minimum=0)
        self.padding = padding
        if init not in _INITS:
            raise ValueError(f"Conv2d: init must be one of {sorted(_INITS)}, got {init!r}")
        raise NotImplementedError('P09 Task 4 · Conv2d.__init__ (shared/nn.py) — see projects/p09_cnn/README.md#task-4')

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P09 Task 4 · Conv2d.forward (shared/nn.py) — see projects/p09_cnn/README.md#task-4')

    def extra_repr(self) -> str:
        return (
            f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, "
            f"stride={self.stride}, padding={self.padding!r}, dilation={self.dilation}, "
            f"bias={self.bias is not None}"
        )


class _Pool2d(Module):
    """Shared settings of the pooling layers: ``kernel_size``, ``stride`` (None: the
    kernel size), ``padding`` (at most half the kernel). ValueError naming the setting
    when one is not an int or pair in range, checked here at construction (the op checks
    them again, and the image size, at forward)."""

    def __init__(
        self,
        kernel_size: int | tuple[int, int],
        stride: int | tuple[int, int] | None = None,
        padding: int | tuple[int, int] = 0,
    ) -> None:
        super().__init__()
        name = type(self).__name__
        self.kernel_size = _check_size2(kernel_size, "kernel_size", name)
        self.stride = None if stride is None else _check_size2(stride, "stride", name)
        self.padding = _check_size2(padding, "padding", name, minimum=0)
        kernel, pad = (
            value if isinstance(value, tuple) else (value, value)
            for value in (self.kernel_size, self.padding)
        )
        if pad[0] > kernel[0] // 2 or pad[1] > kernel[1] // 2:
            raise ValueError(
                f"{name}: padding must be at most half the kernel_size {kernel_size!r}, "
                f"got {padding!r}"
            )

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class MaxPool2d(_Pool2d):
    """Max-pooling: x (N, C, H, W) -> (N, C, oH, oW), the largest value of each window
    (the gradient goes to it), through ``max_pool2d``. Inputs as ``_Pool2d``; no
    parameters. ValueError naming the shape when x is not 4-D (``_check_image``)."""

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P09 Task 4 · MaxPool2d.forward (shared/nn.py) — see projects/p09_cnn/README.md#task-4')


class AvgPool2d(_Pool2d):
    """Average pooling: x (N, C, H, W) -> (N, C, oH, oW), the mean of each window (zero
    padding counted), through ``avg_pool2d``. Inputs as ``_Pool2d``; no parameters.
    ValueError naming the shape when x is not 4-D (``_check_image``)."""

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P09 Task 4 · AvgPool2d.forward (shared/nn.py) — see projects/p09_cnn/README.md#task-4')


class Flatten(Module):
    """(N, C, H, W) -> (N, C·H·W): every axis from ``start_dim`` (default 1, negative
    counts from the end) on merged, so a convolutional stack can feed a Linear layer.
    forward calls ``flatten`` (its errors: start_dim out of range at forward). No
    parameters."""

    def __init__(self, start_dim: int = 1) -> None:
        super().__init__()
        self.start_dim = start_dim

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P09 Task 4 · Flatten.forward (shared/nn.py) — see projects/p09_cnn/README.md#task-4')

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}"


class _BatchNorm(Module):
    """Batch normalisation over the channel axis 1 (PyTorch's conventions).

    Inputs: ``num_features`` C; ``eps`` (1e-5); ``momentum`` (0.1); ``dtype`` (float32).
    Parameters: ``weight`` γ (C,), ones; ``bias`` β (C,), zeros. Buffers, registered with
    ``self.register_buffer(name, array)`` in this order: ``running_mean`` (C,) zeros and
    ``running_var`` (C,) ones, both NumPy arrays of ``dtype`` like the parameters, and
    ``num_batches_tracked``, an int64 0-d array, 0. forward checks the number of
    dimensions (``_dims``) and the channels, ValueError naming the shape otherwise, and
    calls ``batch_norm`` with the running arrays, ``self.training``, momentum and eps.

    forward in training mode: normalise with the batch's mean and biased variance over
    every axis but 1, then update running_mean and running_var in place as
    r ← (1 - momentum)·r + momentum·(batch statistic), the variance unbiased
    (m / (m - 1)·σ², m values per channel), and, once ``batch_norm`` has returned, add 1
    to num_batches_tracked (a refused batch is not counted). In eval mode: normalise with
    running_mean and running_var and change nothing.
    """

    #: The input dimensions the layer accepts (N, C[, L]) or (N, C, H, W).
    _dims: tuple[int, ...] = ()

    def __init__(
        self,
        num_features: int,
        eps: float = 1e-5,
        momentum: float = 0.1,
        *,
        dtype: type = np.float32,
    ) -> None:
        super().__init__()
        name = type(self).__name__
        self.num_features = _check_features(num_features, "num_features", name)
        if not (isinstance(eps, int | float) and eps > 0):
            raise ValueError(f"{name}: eps must be a number > 0, got {eps!r}")
        if not (isinstance(momentum, int | float) and 0 <= momentum <= 1):
            raise ValueError(f"{name}: momentum must lie in [0, 1], got {momentum!r}")
        self.eps, self.momentum = float(eps), float(momentum)
        raise NotImplementedError('P09 Task 4 · _BatchNorm.__init__ (shared/nn.py) — see projects/p09_cnn/README.md#task-4')

    def forward(self, x: Tensor) -> Tensor:
        raise NotImplementedError('P09 Task 4 · _BatchNorm.forward (shared/nn.py) — see projects/p09_cnn/README.md#task-4')

    def extra_repr(self) -> str:
        return f"{self.num_features}, eps={self.eps}, momentum={self.momentum}"


class BatchNorm1d(_BatchNorm):
    """Batch normalisation of features (N, C) or sequences (N, C, L), statistics per
    channel over N (and L). See ``_BatchNorm``."""

    _dims = (2, 3)


class BatchNorm2d(_BatchNorm):
    """Batch normalisation of images (N, C, H, W), statistics per channel over N, H and W.
    See ``_BatchNorm``."""

    _dims = (4,)


# ======================== P10 · Task 5 · Layers and gradient clipping
#
# Embedding, the recurrent cells and their sequence layers, and gradient clipping.
# Parameter names, shapes, gate order and initialisation are PyTorch's, so weights copied
# from ``torch.nn.LSTM`` (``weight_ih_l0`` (4H, I), ``weight_hh_l0`` (4H, H), ``bias_ih_l0``,
# ``bias_hh_l0``) give the same outputs here. Every weight and bias of a recurrent layer
# starts uniform in [-1/sqrt(H), 1/sqrt(H)], drawn in the order the parameters are listed.

__all__ += [
    "GRU",
    "LSTM",
    "RNN",
    "Embedding",
    "GRUCell",
    "LSTMCell",
    "RNNCell",
    "clip_grad_norm_",
    "clip_grad_value_",
]


class Embedding(Module):
    """A learned vector per token: indices (any shape S, integers in [0, num_embeddings))
    -> (*S, embedding_dim).

    Parameter: ``weight`` (num_embeddings, embedding_dim), drawn from N(0, 1) as in
    PyTorch. ``rng`` (Generator, seed or None), ``dtype`` (float32).
    """

    def __init__(
        self,
        num_embeddings: int,
        embedding_dim: int,
        *,
        rng: RNGLike = None,
        dtype: type = np.float32,
    ) -> None:
        super().__init__()
        self.num_embeddings = _check_features(num_embeddings, "num_embeddings", "Embedding")
        self.embedding_dim = _check_features(embedding_dim, "embedding_dim", "Embedding")
        raise NotImplementedError('P10 Task 5 · Embedding.__init__ (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')

    def forward(self, indices: TensorLike) -> Tensor:
        raise NotImplementedError('P10 Task 5 · Embedding.forward (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')

    def extra_repr(self) -> str:
        return f"{self.num_embeddings}, {self.embedding_dim}"


def _recurrent_parameters(
    module: Module,
    input_size: int,
    hidden_size: int,
    gates: int,
    bias: bool,
    suffix: str,
    rng: np.random.Generator,
    dtype: type,
) -> None:
    """Create ``weight_ih{suffix}`` (G*H, I), ``weight_hh{suffix}`` (G*H, H) and, with
    ``bias``, ``bias_ih{suffix}``, ``bias_hh{suffix}`` (G*H,) on ``module``, each uniform
    in [-1/sqrt(H), 1/sqrt(H)], drawn in that order (PyTorch's initialisation)."""
    raise NotImplementedError('P10 Task 5 · _recurrent_parameters (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')


def _recurrent_sizes(module: Module, input_size: int, hidden_size: int, bias: bool) -> None:
    """Check and keep the sizes every cell and recurrent layer has: ``input_size`` and
    ``hidden_size`` (positive ints, ValueError naming them otherwise) and ``bias``."""
    name = type(module).__name__
    module.input_size = _check_features(input_size, "input_size", name)
    module.hidden_size = _check_features(hidden_size, "hidden_size", name)
    module.bias = bool(bias)


def _check_state(h: Any, shape: tuple[int, ...], what: str) -> Tensor:
    t = _as_tensor(h)
    if t.shape != shape:
        raise ValueError(f"{what}: expected a state of shape {shape}, got {t.shape}")
    return t


def _unpack_states(hx: Any, names: tuple[str, ...], where: str) -> tuple[Any, ...]:
    """The states a caller passed, one entry per name in ``names`` (None: start from
    zeros). One state (h) is passed bare, several ((h, c)) as a tuple, as in PyTorch."""
    if len(names) == 1:
        return (hx,)
    if hx is None:
        return (None,) * len(names)
    if not isinstance(hx, tuple | list) or len(hx) != len(names):
        raise ValueError(
            f"{where}: expected the states ({', '.join(names)}) as a tuple, got {hx!r}"
        )
    return tuple(hx)


def _pack_states(states: tuple[Tensor, ...]) -> Tensor | tuple[Tensor, ...]:
    """The inverse of ``_unpack_states``: h alone, or the tuple (h, c)."""
    return states[0] if len(states) == 1 else states


class _CellBase(Module):
    """What RNNCell, LSTMCell and GRUCell share: sizes, parameters, the input check and
    ``forward``, which projects the input and hands it to the cell's own ``_step``.

    A subclass sets ``_gates`` (G: weight_ih is (G*H, I)), ``_states`` (the names of the
    state tensors, ("h",) or ("h", "c")) and defines ``_step``.
    """

    _gates: int = 1
    _states: tuple[str, ...] = ("h",)

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        bias: bool = True,
        *,
        rng: RNGLike = None,
        dtype: type = np.float32,
    ) -> None:
        super().__init__()
        _recurrent_sizes(self, input_size, hidden_size, bias)
        gates = self._gates
        _recurrent_parameters(self, input_size, hidden_size, gates, bias, "", get_rng(rng), dtype)

    def _step(
        self, xw: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None
    ) -> tuple[Tensor, ...]:
        """One time step: xw = x W_ih^T + b_ih (N, G*H) and the states (each (N, H)) ->
        the new states. Every cell (and its layer) defines its own."""
        raise NotImplementedError(f"{type(self).__name__} does not define _step()")

    def _project(self, x: TensorLike) -> Tensor:
        """x (N, I) -> x W_ih^T + b_ih (N, G*H); ValueError naming the shapes otherwise."""
        x = _as_tensor(x)
        if x.ndim != 2 or x.shape[1] != self.input_size:
            raise ValueError(
                f"{type(self).__name__}: expected input of shape (N, {self.input_size}), "
                f"got {x.shape}"
            )
        return F.linear(x, self.weight_ih, self.bias_ih if self.bias else None)

    def forward(self, x: TensorLike, hx: Any = None) -> Tensor | tuple[Tensor, Tensor]:
        """x (N, I) and the state (h (N, H); LSTMCell: (h, c); None: zeros) -> the new
        state, in the same form."""
        xw = self._project(x)
        name, shape = type(self).__name__, (xw.shape[0], self.hidden_size)
        state = tuple(
            Tensor(np.zeros(shape, dtype=self.weight_hh.dtype))
            if s is None
            else _check_state(s, shape, name)
            for s in _unpack_states(hx, self._states, name)
        )
        b_hh = self.bias_hh if self.bias else None
        return _pack_states(self._step(xw, state, self.weight_hh, b_hh))

    def extra_repr(self) -> str:
        return f"{self.input_size}, {self.hidden_size}, bias={self.bias}"


def _check_nonlinearity(nonlinearity: str, layer: str) -> str:
    if nonlinearity not in ("tanh", "relu"):
        raise ValueError(f"{layer}: nonlinearity must be 'tanh' or 'relu', got {nonlinearity!r}")
    return nonlinearity


class RNNCell(_CellBase):
    """h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh) (``nonlinearity="relu"``: relu).

    Parameters: weight_ih (H, I), weight_hh (H, H), bias_ih, bias_hh (H,).
    forward(x (N, I), h (N, H) or None for zeros) -> h' (N, H).
    """

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        bias: bool = True,
        nonlinearity: str = "tanh",
        *,
        rng: RNGLike = None,
        dtype: type = np.float32,
    ) -> None:
        _check_nonlinearity(nonlinearity, "RNNCell")
        super().__init__(input_size, hidden_size, bias, rng=rng, dtype=dtype)
        self.nonlinearity = nonlinearity

    def _step(
        self, xw: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None
    ) -> tuple[Tensor]:
        """(h,) -> (h',), h' = act(xw + h W_hh^T + b_hh), act = tanh, or relu when
        ``self.nonlinearity == "relu"``; xw = x W_ih^T + b_ih (N, H)."""
        raise NotImplementedError('P10 Task 5 · RNNCell._step (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')


class LSTMCell(_CellBase):
    """One LSTM step, gates i, f, g, o (PyTorch's order and layout).

    Parameters: weight_ih (4H, I), weight_hh (4H, H), bias_ih, bias_hh (4H,).
    forward(x (N, I), (h, c) each (N, H), or None for zeros) -> (h', c'), each (N, H).
    """

    _gates, _states = 4, ("h", "c")

    def _step(
        self, xw: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None
    ) -> tuple[Tensor, Tensor]:
        """(h, c) -> (h', c'), each (N, H), through the fused op ``F.lstm_cell`` (which
        returns them side by side, (N, 2H)); xw = x W_ih^T + b_ih (N, 4H). Without a bias
        (``b_hh`` None) the op gets zeros."""
        raise NotImplementedError('P10 Task 5 · LSTMCell._step (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')


class GRUCell(_CellBase):
    """One GRU step, gates r, z, n (PyTorch's order; n = tanh(W_in x + b_in + r ⊙ (W_hn h +
    b_hn)), h' = (1 - z) ⊙ n + z ⊙ h).

    Parameters: weight_ih (3H, I), weight_hh (3H, H), bias_ih, bias_hh (3H,).
    forward(x (N, I), h (N, H) or None for zeros) -> h' (N, H).
    """

    _gates = 3

    def _step(
        self, xw: Tensor, state: tuple[Tensor, ...], w_hh: Tensor, b_hh: Tensor | None
    ) -> tuple[Tensor]:
        """(h,) -> (h',) (PyTorch's convention, b_hn inside the reset product), with
        xw = x W_ih^T + b_ih (N, 3H) holding the three gates' input parts side by side:

        r = σ(xw_r + W_hr h + b_hr)     z = σ(xw_z + W_hz h + b_hz)
        n = tanh(xw_n + r ⊙ (W_hn h + b_hn))     h' = (1 - z) ⊙ n + z ⊙ h
        """
        raise NotImplementedError('P10 Task 5 · GRUCell._step (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')


class _RecurrentBase(Module):
    """What RNN, LSTM and GRU share: the stack of layers unrolled over time, the initial
    states in and the final states out. Each layer steps as its cell does: a subclass sets
    ``_gates``, ``_states`` (("h0",) or ("h0", "c0")) and ``_step`` from its cell class.

    Inputs: input_size, hidden_size, num_layers (1), bias (True), batch_first (False: x is
    (T, N, I); True: (N, T, I)); ``rng``, ``dtype``. Parameters of layer k:
    weight_ih_l{k} (G*H, I for k = 0 else H), weight_hh_l{k} (G*H, H), bias_ih_l{k},
    bias_hh_l{k} (G*H,), G = 1 (RNN), 4 (LSTM), 3 (GRU).
    """

    _gates: int = 1
    _states: tuple[str, ...] = ("h0",)
    _step = _CellBase._step

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        *,
        rng: RNGLike = None,
        dtype: type = np.float32,
    ) -> None:
        super().__init__()
        _recurrent_sizes(self, input_size, hidden_size, bias)
        self.num_layers = _check_features(num_layers, "num_layers", type(self).__name__)
        self.batch_first = bool(batch_first)
        generator = get_rng(rng)
        for k in range(self.num_layers):
            size = self.input_size if k == 0 else self.hidden_size
            gates = self._gates
            _recurrent_parameters(self, size, hidden_size, gates, bias, f"_l{k}", generator, dtype)

    def _layer(self, k: int) -> tuple[Tensor, Tensor, Tensor | None, Tensor | None]:
        get = self.__dict__.get
        return (
            get(f"weight_ih_l{k}"),
            get(f"weight_hh_l{k}"),
            get(f"bias_ih_l{k}"),
            get(f"bias_hh_l{k}"),
        )

    def _check_input(self, x: TensorLike) -> Tensor:
        x = _as_tensor(x)
        layout = "(N, T, I)" if self.batch_first else "(T, N, I)"
        if x.ndim != 3 or x.shape[2] != self.input_size:
            raise ValueError(
                f"{type(self).__name__}: expected input of shape {layout} with I = "
                f"{self.input_size}, got {x.shape}"
            )
        return x

    def _initial(self, hx: TensorLike, n: int, what: str) -> list[Tensor]:
        """The initial states of every layer, (L, N, H) -> L tensors (N, H)."""
        shape = (self.num_layers, n, self.hidden_size)
        if hx is None:
            zeros = np.zeros(shape[1:], dtype=self.weight_hh_l0.dtype)
            return [Tensor(zeros) for _ in range(self.num_layers)]
        h = _check_state(hx, shape, f"{type(self).__name__} {what}")
        return [h[k] for k in range(self.num_layers)]

    def forward(self, x: TensorLike, hx: Any = None) -> tuple[Tensor, Any]:
        """x (T, N, I), or (N, T, I) with batch_first, and the initial states (h0 (L, N,
        H); LSTM: (h0, c0); None: zeros) -> (output, the final states in the same form)."""
        x = self._check_input(x)
        n = x.shape[0] if self.batch_first else x.shape[1]
        given = _unpack_states(hx, self._states, type(self).__name__)
        states = [self._initial(s, n, name) for s, name in zip(given, self._states, strict=True)]
        seq, states = self._run(x, states)
        out = F.transpose(seq, (1, 0, 2)) if self.batch_first else seq
        return out, _pack_states(tuple(F.stack(s, axis=0) for s in states))

    def _run(self, x: TensorLike, states: list[list[Tensor]]) -> tuple[Tensor, list[list[Tensor]]]:
        """Unroll every layer over time. ``states[j][k]``: state j (h, or h and c) of
        layer k; returns the last layer's outputs (T, N, H) and the final states.

        Each step is ``self._step(xw_t, state, W_hh, b_hh)``, the layer's cell step, with
        ``state`` the tuple of layer k's current states; its first entry is h_t, the
        layer's output at t. Project the input one step at a time, xw_t = linear(x_t,
        W_ih, b_ih) with x_t = seq[t]: a getitem's backward fills a zero gradient of its
        whole input, so slicing xw_t out of one (T, N, G*H) projection would allocate and
        write T * N * G*H numbers per step (T² N G H per window); slicing x_t out of the
        (T, N, I) input costs I/(G H) of that.
        """
        raise NotImplementedError('P10 Task 5 · _RecurrentBase._run (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')

    def extra_repr(self) -> str:
        return (
            f"{self.input_size}, {self.hidden_size}, num_layers={self.num_layers}, "
            f"bias={self.bias}, batch_first={self.batch_first}"
        )


class RNN(_RecurrentBase):
    """Elman RNN over a sequence: h_t = tanh(x_t W_ih^T + b_ih + h_{t-1} W_hh^T + b_hh)
    (``nonlinearity="relu"``: relu), layer k + 1 reading layer k's outputs.

    forward(x (T, N, I) or (N, T, I) with batch_first, h0 (L, N, H) or None) ->
    (output (T, N, H) / (N, T, H): the last layer's h_t, h_n (L, N, H)).
    """

    _step = RNNCell._step  # a layer steps exactly as its cell does

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        nonlinearity: str = "tanh",
        bias: bool = True,
        batch_first: bool = False,
        *,
        rng: RNGLike = None,
        dtype: type = np.float32,
    ) -> None:
        _check_nonlinearity(nonlinearity, "RNN")
        super().__init__(
            input_size, hidden_size, num_layers, bias, batch_first, rng=rng, dtype=dtype
        )
        self.nonlinearity = nonlinearity


class LSTM(_RecurrentBase):
    """LSTM over a sequence (gates i, f, g, o, the fused ``lstm_cell`` at every step).

    forward(x (T, N, I) or (N, T, I) with batch_first, (h0, c0) each (L, N, H) or None) ->
    (output (T, N, H) / (N, T, H), (h_n, c_n) each (L, N, H)).
    """

    _gates, _states = 4, ("h0", "c0")
    _step = LSTMCell._step


class GRU(_RecurrentBase):
    """GRU over a sequence (gates r, z, n, PyTorch's convention; see ``GRUCell``).

    forward(x (T, N, I) or (N, T, I) with batch_first, h0 (L, N, H) or None) ->
    (output (T, N, H) / (N, T, H), h_n (L, N, H)).
    """

    _gates = 3
    _step = GRUCell._step


def _with_grads(parameters: Any) -> list[Tensor]:
    """The tensors of ``parameters`` (one Tensor or an iterable) that hold a gradient."""
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p for p in parameters if p.grad is not None]


def clip_grad_norm_(parameters: Any, max_norm: float, norm_type: float = 2.0) -> float:
    """Scale every gradient in place so that their joint norm is at most ``max_norm``.

    The norm is taken over all gradients as one vector: (Σ_p Σ_i |g_pi|^q)^(1/q) for
    ``norm_type`` q (``float("inf")``: the largest |g|). With coef = max_norm / (norm +
    1e-6), every gradient is multiplied by coef when coef < 1 (norm + 1e-6 > max_norm)
    and left untouched otherwise: PyTorch's factor min(1, coef), with the multiplication
    skipped when it would be 1. Returns the total norm *before* clipping (a float), which
    is what a training log plots. Parameters without a gradient are skipped. ValueError naming the
    argument (``max_norm`` or ``norm_type``) when it is not a positive number.
    """
    raise NotImplementedError('P10 Task 5 · clip_grad_norm_ (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')


def clip_grad_value_(parameters: Any, clip_value: float) -> None:
    """Clip every gradient entry into [-clip_value, clip_value], in place. ValueError
    naming ``clip_value`` when it is not a positive number."""
    raise NotImplementedError('P10 Task 5 · clip_grad_value_ (shared/nn.py) — see projects/p10_char_rnn/README.md#task-5')
