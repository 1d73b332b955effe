"""Ops of sequence models (P10): ``embedding`` and ``lstm_cell_unfused`` (Task 3), and the
fused ``lstm_cell`` (Task 4).

An embedding is a table lookup: row ``indices[n]`` of the weight matrix for every index.
Its gradient scatters each output row's gradient back into the row it came from; a
character that appears k times in a batch receives the sum of its k gradients.

One LSTM step (PyTorch's gate order i, f, g, o; the brief derives the backward):

    a = xw + h W_hh^T + b_hh          xw = x W_ih^T + b_ih, (N, 4H), computed by the caller
    i, f, g, o = σ(a_i), σ(a_f), tanh(a_g), σ(a_o)
    c' = f ⊙ c + i ⊙ g                h' = o ⊙ tanh(c')

``lstm_cell_unfused`` writes it with the ops you already have (``linear``, ``split``,
``sigmoid``, ``tanh``, products, sums, ``concat``): about twenty graph nodes, whose
backward the engine composes by itself. ``lstm_cell`` is the same arithmetic as one graph
node with its backward written by hand, for upstream gradients gh = dL/dh', gc = dL/dc':

    dc' = gc + gh ⊙ o ⊙ (1 - tanh²(c'))           (both paths into the new cell)
    da_i = dc' ⊙ g ⊙ i(1 - i)    da_f = dc' ⊙ c ⊙ f(1 - f)
    da_g = dc' ⊙ i ⊙ (1 - g²)    da_o = gh ⊙ tanh(c') ⊙ o(1 - o)
    dxw = da     dh = da W_hh     dc = dc' ⊙ f     dW_hh = da^T h     db_hh = Σ_n da

The two must agree, values and gradients, to rounding: the unfused step is the oracle
the fused one is checked against.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.activations import stable_sigmoid
from shared.functional._registry import register, renamed
from shared.functional.affine import linear
from shared.functional.shapes import concat, split
from shared.tensor import Context, Function, Tensor, TensorLike, as_array, as_tensor

__all__ = ["embedding", "lstm_cell", "lstm_cell_unfused"]


def _check_indices(indices: Any, rows: int) -> np.ndarray:
    """``indices`` as an integer array with every entry in [0, rows). Given helper.

    TypeError for non-integer indices; ValueError naming the offending index and the
    number of rows otherwise.
    """
    index = np.asarray(as_array(indices))
    if index.dtype.kind not in "iu":
        raise TypeError(f"embedding: indices must be integers, got dtype {index.dtype}")
    if index.size and (index.min() < 0 or index.max() >= rows):
        bad = index[(index < 0) | (index >= rows)].flat[0]
        raise ValueError(f"embedding: index {bad} is out of range for a table of {rows} rows")
    return index


@register("embedding")
class EmbeddingFn(Function):
    """Row lookup: weight (V, D), indices (any shape S, integers in [0, V)) -> (*S, D),
    out[s] = weight[indices[s]], in the weight's dtype. dW[v] = the sum of the gradients of
    every output row whose index is v (repeated indices add up); the indices are a
    parameter, not an input, and get no gradient. ValueError naming the shape for a weight
    that is not 2-D; the given ``_check_indices`` raises the TypeError for non-integer
    indices and the ValueError naming an index out of range."""

    @staticmethod
    def forward(ctx: Context, weight: np.ndarray, indices: Any = None) -> np.ndarray:
        ### BEGIN SOLUTION p10.t3
        if np.ndim(weight) != 2:
            raise ValueError(f"embedding: weight must be 2-D (V, D), got shape {np.shape(weight)}")
        index = _check_indices(indices, weight.shape[0])
        if ctx.needs_input_grad[0]:
            ctx.index, ctx.shape, ctx.dtype = index, weight.shape, weight.dtype
        return np.take(weight, index, axis=0)
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p10.t3
        dweight = np.zeros(ctx.shape, dtype=np.result_type(ctx.dtype, grad))
        np.add.at(dweight, ctx.index.reshape(-1), grad.reshape(-1, ctx.shape[1]))
        return (dweight,)
        ### END SOLUTION


def embedding(weight: TensorLike, indices: Any) -> Tensor:
    """Rows of ``weight`` (V, D) picked by integer ``indices`` of any shape S -> (*S, D).

    The table comes first (it is the input that is differentiated; the indices are data).
    """
    return EmbeddingFn.apply(weight, indices=indices)


def _check_lstm_shapes(xw: Any, h: Any, c: Any, weight_hh: Any, bias_hh: Any) -> int:
    """The hidden size H of an LSTM step, after checking every shape. Given helper.

    Expects xw (N, 4H), h (N, H), c (N, H), weight_hh (4H, H), bias_hh (4H,); ValueError
    naming the expected and the given shapes otherwise.
    """
    shapes = [np.shape(a) for a in (xw, h, c, weight_hh, bias_hh)]
    if len(shapes[1]) != 2:
        raise ValueError(f"lstm_cell: h must be 2-D (N, H), got shape {shapes[1]}")
    n, hidden = shapes[1]
    expected = [(n, 4 * hidden), (n, hidden), (n, hidden), (4 * hidden, hidden), (4 * hidden,)]
    if shapes != expected:
        raise ValueError(
            f"lstm_cell: expected xw, h, c, weight_hh, bias_hh of shapes {expected} "
            f"(N={n}, H={hidden}), got {shapes}"
        )
    return hidden


def lstm_cell_unfused(
    xw: TensorLike, h: TensorLike, c: TensorLike, weight_hh: TensorLike, bias_hh: TensorLike
) -> Tensor:
    """One LSTM step built from autograd ops -> (N, 2H): h' = out[:, :H], c' = out[:, H:].

    Inputs as for ``lstm_cell``: xw (N, 4H), h and c (N, H), weight_hh (4H, H), bias_hh
    (4H,); Tensors or arrays. Call the given ``_check_lstm_shapes`` first (ValueError
    naming the shapes). Then, with ops only (no new ``Function``; the engine derives the
    backward):

        a = xw + linear(h, weight_hh, bias_hh)            (N, 4H)
        i, f, g, o = split(a, H, axis=1)                   gate order i, f, g, o
        c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)      h' = σ(o) ⊙ tanh(c')
        return concat([h', c'], axis=1)

    Its output is therefore a ``concat`` node over a graph of about twenty nodes. Every
    input gets its gradient from the engine, so this step is the reference the fused
    ``lstm_cell`` of Task 4 is checked against (values and gradients to rounding).
    """
    ### BEGIN SOLUTION p10.t3
    H = _check_lstm_shapes(xw, h, c, weight_hh, bias_hh)
    xw, h, c, weight_hh, bias_hh = (as_tensor(a) for a in (xw, h, c, weight_hh, bias_hh))
    a = xw + linear(h, weight_hh, bias_hh)
    i, f, g, o = split(a, H, axis=1)
    c_new = f.sigmoid() * c + i.sigmoid() * g.tanh()
    h_new = o.sigmoid() * c_new.tanh()
    return concat([h_new, c_new], axis=1)
    ### END SOLUTION


@register("lstm_cell")
class LSTMCellFn(Function):
    """One LSTM step as one graph node: xw (N, 4H), h (N, H), c (N, H), weight_hh (4H, H),
    bias_hh (4H,) -> (N, 2H), the new hidden state h' in columns [:H] and the new cell c'
    in [H:]. Gates in PyTorch's order i, f, g, o; the backward formulas are in the module
    docstring. Call the given ``_check_lstm_shapes`` first. Save on ``ctx`` only what the
    backward needs (the activated gates, tanh(c'), h, c, weight_hh), and only when an
    input needs a gradient; return one gradient per input, None where
    ``ctx.needs_input_grad`` is False. Output and gradients keep the inputs' dtype."""

    @staticmethod
    def forward(
        ctx: Context,
        xw: np.ndarray,
        h: np.ndarray,
        c: np.ndarray,
        weight_hh: np.ndarray,
        bias_hh: np.ndarray,
    ) -> np.ndarray:
        ### BEGIN SOLUTION p10.t4
        H = _check_lstm_shapes(xw, h, c, weight_hh, bias_hh)
        gates = h @ weight_hh.T  # (N, 4H), a fresh array: activated in place below
        gates += xw
        gates += bias_hh
        stable_sigmoid(gates[:, : 2 * H], out=gates[:, : 2 * H])  # in place
        np.tanh(gates[:, 2 * H : 3 * H], out=gates[:, 2 * H : 3 * H])
        stable_sigmoid(gates[:, 3 * H :], out=gates[:, 3 * H :])
        i, f, g, o = gates[:, :H], gates[:, H : 2 * H], gates[:, 2 * H : 3 * H], gates[:, 3 * H :]
        out = np.empty((h.shape[0], 2 * H), dtype=gates.dtype)
        c_new = np.multiply(f, c, out=out[:, H:])
        c_new += i * g
        tanh_c = np.tanh(c_new)
        np.multiply(o, tanh_c, out=out[:, :H])
        if any(ctx.needs_input_grad):
            ctx.gates, ctx.tanh_c, ctx.h, ctx.c, ctx.weight_hh = gates, tanh_c, h, c, weight_hh
        return out
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p10.t4
        gates, tanh_c = ctx.gates, ctx.tanh_c
        H = tanh_c.shape[1]
        i, f, g, o = gates[:, :H], gates[:, H : 2 * H], gates[:, 2 * H : 3 * H], gates[:, 3 * H :]
        gh, gc = grad[:, :H], grad[:, H:]
        dc = gh * o * (1 - tanh_c * tanh_c) + gc  # dL/dc' along both paths
        da = np.empty_like(gates)
        np.multiply(dc * g, i * (1 - i), out=da[:, :H])
        np.multiply(dc * ctx.c, f * (1 - f), out=da[:, H : 2 * H])
        np.multiply(dc * i, 1 - g * g, out=da[:, 2 * H : 3 * H])
        np.multiply(gh * tanh_c, o * (1 - o), out=da[:, 3 * H :])
        need_xw, need_h, need_c, need_w, need_b = ctx.needs_input_grad
        return (
            da if need_xw else None,
            da @ ctx.weight_hh if need_h else None,
            dc * f if need_c else None,
            da.T @ ctx.h if need_w else None,
            da.sum(axis=0) if need_b else None,
        )
        ### END SOLUTION


def lstm_cell(
    xw: TensorLike, h: TensorLike, c: TensorLike, weight_hh: TensorLike, bias_hh: TensorLike
) -> Tensor:
    """One fused LSTM step -> (N, 2H): h' = out[:, :H], c' = out[:, H:].

    Inputs: xw (N, 4H), the input's projection x W_ih^T + b_ih (the layer computes it
    with one ``linear`` per step, see ``_RecurrentBase._run``); h, c (N, H) the previous
    states; weight_hh (4H, H) and bias_hh (4H,), PyTorch's layout, gates stacked in the
    order i, f, g, o.
    """
    return LSTMCellFn.apply(xw, h, c, weight_hh, bias_hh)


# The Function classes were named without the ``Fn`` suffix until this release.
__getattr__ = renamed(
    "shared.functional.recurrent",
    {
        "Embedding": "recurrent.EmbeddingFn",
        "LSTMCell": "recurrent.LSTMCellFn",
    },
)
