"""PyTorch's ``Optimizer`` base class: parameter groups, per-parameter state, state dicts.

Given code. An optimizer holds ``param_groups``, a list of plain dicts: each has
``"params"`` (a list of Tensors) and every hyper-parameter (``"lr"``, ``"momentum"``,
...), filled from the constructor's defaults where the group does not set its own.
Programs change a rate the way PyTorch programs do (``for g in opt.param_groups:
g["lr"] = 0.01``) and ``step()`` reads the group at every step. ``state`` maps each
parameter to a dict of NumPy arrays in PyTorch's names (``"momentum_buffer"``,
``"exp_avg"``, ``"step"``, ...). A subclass implements ``_update(data, grad, state,
group) -> new data``, one parameter at a time; the base class skips parameters whose
``grad`` is None, negates the gradient for ``maximize=True`` and keeps each parameter's
dtype.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from shared.tensor import Tensor

State = dict[str, Any]
Group = dict[str, Any]


def refuse_switches(where: str, **switches: Any) -> None:
    """NotImplementedError naming the first of PyTorch's implementation switches
    (``foreach``, ``capturable``, ``differentiable``, ``fused``) that asks for something
    this library does not do. There is one implementation, a plain loop over the
    parameters, so None and False (PyTorch's defaults, and "the plain loop") are
    accepted, and True is refused rather than ignored."""
    for name, value in switches.items():
        if value:
            raise NotImplementedError(
                f"{where}: {name}={value!r} is not supported (one NumPy implementation: "
                f"leave {name} at its default)"
            )


def check_number(value: Any, name: str, where: str, *, low: float = 0.0) -> float:
    """``value`` must be a real number >= low: TypeError for a non-number, ValueError
    for a value out of range, both naming the argument and what was given."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(f"{where}: {name} must be a number, got {type(value).__name__}")
    if not (np.isfinite(value) and value >= low):
        raise ValueError(f"{where}: {name} must be a finite number >= {low}, got {value!r}")
    return float(value)


def with_rate(rule: Callable[..., tuple[np.ndarray, State]], data, grad, state, lr, **kw):
    """Call a core update rule (``shared.optim.*_step``), which needs lr > 0, at any
    lr >= 0: PyTorch allows a rate of 0 (a warm-up's first step, a cosine's end), which
    leaves the parameter where it is but still advances the rule's averages. Those never
    depend on lr, so the rule runs at lr = 1 and its parameter is discarded.
    Returns (new data with data's shape, new state)."""
    if lr > 0:
        return rule(data, grad, state, lr=lr, **kw)
    _, new_state = rule(data, grad, state, lr=1.0, **kw)
    return data, new_state


def _as_groups(params: Any, where: str) -> list[Group]:
    """PyTorch's ``params`` argument as a list of group dicts: an iterable of Tensors
    (one group), of ``(name, Tensor)`` pairs (one group with ``"param_names"``) or of
    dicts (one group each)."""
    if isinstance(params, Tensor | np.ndarray | dict):
        raise TypeError(
            f"{where}: params must be an iterable of Tensors or of dicts (model.parameters()), "
            f"got a single {type(params).__name__}"
        )
    items = list(params)
    if not items:
        raise ValueError(f"{where}: got an empty parameter list")
    if all(isinstance(item, dict) for item in items):
        return [dict(item) for item in items]
    if all(isinstance(item, tuple) and len(item) == 2 for item in items):
        return [{"params": [p for _, p in items], "param_names": [n for n, _ in items]}]
    return [{"params": items}]


class Optimizer:
    """PyTorch's optimizer base: ``Optimizer(params, defaults)``.

    Inputs: ``params``, an iterable of Tensors, of ``(name, Tensor)`` pairs or of dicts
    (parameter groups with their own settings); ``defaults``, the hyper-parameters every
    group gets unless it sets its own. Attributes: ``param_groups`` (list of dicts),
    ``state`` (parameter -> dict), ``defaults``.
    """

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        self.defaults = dict(defaults)
        self.state: defaultdict[Tensor, State] = defaultdict(dict)
        self.param_groups: list[Group] = []
        for group in _as_groups(params, type(self).__name__):
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group: ``{"params": [...], **settings}``; settings it does not give
        come from ``defaults``. ValueError for a parameter already in another group."""
        name = type(self).__name__
        group = dict(param_group)
        params = group.get("params")
        if params is None:
            raise ValueError(f"{name}: a parameter group needs a 'params' entry, got {group!r}")
        group["params"] = [params] if isinstance(params, Tensor) else list(params)
        for index, p in enumerate(group["params"]):
            if not isinstance(p, Tensor):
                raise TypeError(
                    f"{name}: parameter {index} must be a Tensor, got {type(p).__name__}"
                )
        for key, value in self.defaults.items():
            group.setdefault(key, value)
        seen = {id(p) for g in self.param_groups for p in g["params"]}
        if seen & {id(p) for p in group["params"]}:
            raise ValueError(f"{name}: some parameters appear in more than one parameter group")
        self.param_groups.append(group)

    @property
    def lr(self) -> float:
        """The first group's rate (the Trainer's view); setting it sets every group's."""
        return self.param_groups[0]["lr"]

    @lr.setter
    def lr(self, value: float) -> None:
        for group in self.param_groups:
            group["lr"] = value

    @property
    def params(self) -> list[Tensor]:
        """Deprecated (the core's name): every group's parameters in one list; PyTorch
        programs read ``[p for g in optimizer.param_groups for p in g["params"]]``."""
        warnings.warn(
            "optimizer.params is deprecated and goes in the next release; use "
            "optimizer.param_groups (each group's 'params')",
            DeprecationWarning,
            stacklevel=2,
        )
        return [p for group in self.param_groups for p in group["params"]]

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget every gradient: ``grad = None`` (or zeros with ``set_to_none=False``)."""
        for group in self.param_groups:
            for p in group["params"]:
                if set_to_none or p.grad is None:
                    p.grad = None
                else:
                    p.grad = np.zeros_like(p.grad)

    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter that has a gradient; returns ``closure()``'s
        loss when a closure is given (it is called first, to recompute the gradients)."""
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                grad = np.asarray(p.grad)
                if group.get("maximize", False):
                    grad = -grad
                new = self._update(p.data, grad, self.state[p], group)
                # A new array, never an in-place write: arrays a graph saved stay intact.
                p.data = new if new.dtype == p.data.dtype else new.astype(p.data.dtype)
        return loss

    def _update(self, data: np.ndarray, grad: np.ndarray, state: State, group: Group) -> np.ndarray:
        raise NotImplementedError  # every optimizer overrides it

    def state_dict(self) -> dict[str, Any]:
        """PyTorch's layout: ``{"state": {index: {name: Tensor or number}}, "param_groups":
        [{...settings..., "params": [indices]}]}``, parameters numbered across groups in
        order. State arrays come back as Tensors sharing the optimizer's arrays, which
        the optimizer never writes into (each step makes new ones)."""
        index_of: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            ids = [index_of.setdefault(id(p), len(index_of)) for p in group["params"]]
            groups.append({**{k: v for k, v in group.items() if k != "params"}, "params": ids})
        state = {
            index_of[id(p)]: {k: _to_tensors(v) for k, v in s.items()}
            for p, s in self.state.items()
            if s and id(p) in index_of  # a parameter that never had state has no entry
        }
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore what ``state_dict()`` returned (also PyTorch's, converted to
        Tensors): the groups' settings and each parameter's state, arrays copied and
        cast to the parameter's dtype (``"step"`` keeps its own). ValueError when the
        groups do not match this optimizer's in number or size."""
        saved = state_dict["param_groups"]
        _check_layout(self.param_groups, saved, type(self).__name__)
        params = [p for group in self.param_groups for p in group["params"]]
        self.state = defaultdict(dict)
        for index, entries in state_dict["state"].items():
            p = params[int(index)]
            self.state[p] = {k: _from_tensors(v, k, p.data.dtype) for k, v in entries.items()}
        self.param_groups = [
            {**{k: v for k, v in new.items() if k != "params"}, "params": old["params"]}
            for old, new in zip(self.param_groups, saved, strict=True)
        ]

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__} ("]
        for index, group in enumerate(self.param_groups):
            lines.append(f"Parameter Group {index}")
            lines += [f"    {k}: {v}" for k, v in sorted(group.items()) if k != "params"]
        return "\n".join([*lines, ")"])


def _check_layout(groups: list[Group], saved: list[Group], name: str) -> None:
    if len(groups) != len(saved):
        raise ValueError(
            f"{name}.load_state_dict: the saved state has {len(saved)} parameter groups, "
            f"this optimizer {len(groups)}"
        )
    for index, (group, other) in enumerate(zip(groups, saved, strict=True)):
        if len(group["params"]) != len(other["params"]):
            raise ValueError(
                f"{name}.load_state_dict: saved parameter group {index} has "
                f"{len(other['params'])} parameters, this optimizer's {len(group['params'])}"
            )


def _to_tensors(value: Any) -> Any:
    """State as PyTorch holds it: arrays (0-d included) as Tensors, lists element-wise."""
    if isinstance(value, np.ndarray | np.generic):
        return Tensor(np.asarray(value))
    if isinstance(value, list):
        return [_to_tensors(v) for v in value]
    return value


def _from_tensors(value: Any, key: str, dtype: np.dtype) -> Any:
    """A saved state entry back as NumPy: a copy, floating arrays in the parameter's
    dtype except the step counter (PyTorch's rule for ``load_state_dict``)."""
    if isinstance(value, list):
        return [_from_tensors(v, key, dtype) for v in value]
    if isinstance(value, Tensor) or isinstance(value, np.ndarray) or hasattr(value, "numpy"):
        array = np.array(value.data if isinstance(value, Tensor) else np.asarray(value))
        if key != "step" and np.issubdtype(array.dtype, np.floating):
            array = array.astype(dtype)
        return array
    return value
