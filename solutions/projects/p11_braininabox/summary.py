"""Task 7 · ``summary(model, input_shape)``: a model's layers, output shapes and sizes.

Like torchinfo's table: one row per leaf layer (a module without sub-modules) in the order
the forward pass calls it, with the shape of what it returned and the number of
parameters it holds, then the totals.

    Layer            Type      Output shape    Params
    0                Linear    (32, 128)       100,480
    ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from shared.tensor import Tensor, no_grad


@dataclass(frozen=True)
class LayerRow:
    """One call of a leaf layer: its dotted name, class name, output shape, own
    parameter count (its parameters' elements, each counted once)."""

    name: str
    kind: str
    output_shape: Any
    params: int


@dataclass(frozen=True)
class ModelSummary:
    """The rows, in call order, and the totals: ``total_params`` (every parameter of the
    model once, shared ones once) and ``trainable_params`` (those requiring grad)."""

    rows: list[LayerRow]
    total_params: int
    trainable_params: int

    def __str__(self) -> str:
        header = ("Layer", "Type", "Output shape", "Params")
        body = [(r.name, r.kind, str(r.output_shape), f"{r.params:,}") for r in self.rows]
        widths = [max(len(row[i]) for row in [header, *body]) for i in range(4)]
        line = "-" * (sum(widths) + 6)
        fmt = "  ".join(f"{{:<{w}}}" for w in widths[:3]) + f"  {{:>{widths[3]}}}"
        lines = [fmt.format(*header), line, *(fmt.format(*row) for row in body), line]
        lines.append(f"Total params: {self.total_params:,}")
        lines.append(f"Trainable params: {self.trainable_params:,}")
        return "\n".join(lines)


def _shape_of(out: Any) -> Any:
    if isinstance(out, Tensor | np.ndarray):
        return tuple(out.shape)
    if isinstance(out, tuple | list):
        return tuple(_shape_of(o) for o in out)
    return None


def record_calls(model: Any, x: Tensor) -> list[tuple[str, Any, Any]]:
    """Given helper: run ``model(x)`` once (eval mode, no graph, the mode restored after)
    and return ``(name, module, output shape)`` for every call of a leaf module, in call
    order. Each leaf's ``forward`` is wrapped for the run and unwrapped after it."""
    calls: list[tuple[str, Any, Any]] = []
    leaves = [(n, m) for n, m in model.named_modules() if not list(m.children())]

    def wrap(name: str, module: Any) -> None:
        forward = module.forward

        def recorded(*args: Any, **kwargs: Any) -> Any:
            out = forward(*args, **kwargs)
            calls.append((name, module, _shape_of(out)))
            return out

        module.__dict__["forward"] = recorded

    was_training = model.training
    for name, module in leaves:
        wrap(name, module)
    try:
        model.eval()
        with no_grad():
            model(x)
    finally:
        for _, module in leaves:
            module.__dict__.pop("forward", None)
        model.train(was_training)
    return calls


def summary(model: Any, input_shape: Sequence[int], dtype: Any = np.float32) -> ModelSummary:
    """Run ``model`` on zeros of ``input_shape`` (the batch dimension included, as in
    torchinfo) and tabulate its leaf layers (``record_calls``): one ``LayerRow`` per call
    with the layer's own parameter count, and the model's totals.
    ValueError naming ``input_shape`` when it is not a non-empty sequence (tuple or
    list) of ints >= 1.
    """
    ### BEGIN SOLUTION t7
    shape = tuple(input_shape) if isinstance(input_shape, Sequence) else None
    if not shape or not all(isinstance(n, int | np.integer) and n >= 1 for n in shape):
        raise ValueError(f"summary: input_shape must be a tuple of ints >= 1, got {input_shape!r}")
    calls = record_calls(model, Tensor(np.zeros(shape, dtype=dtype)))
    rows = [
        LayerRow(name, type(module).__name__, out, sum(p.numel() for p in module.parameters()))
        for name, module, out in calls
    ]
    params = model.parameters()
    trainable = sum(p.numel() for p in params if p.requires_grad)
    return ModelSummary(rows, sum(p.numel() for p in params), trainable)
    ### END SOLUTION
