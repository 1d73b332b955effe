"""Convolution as an autograd op (P09 Task 1): ``conv2d``, and the geometry helpers the
image ops share.

Images are (N, C, H, W) arrays: N samples of C channels of H × W pixels. A convolution
weight is (C_out, C_in, kH, kW), PyTorch's layout, and the layer is a cross-correlation:

    out[n, o, y, x] = b[o] + Σ_{c,i,j} W[o, c, i, j] · x_pad[n, c, y·s + i·d, x·s + j·d]

P07's ``im2col`` copies every receptive field into one column, so the whole layer is
one matrix product; its adjoint ``col2im`` carries gradients back (``shared.conv``):

    cols = im2col(x)              (N, C·kH·kW, L)     L = oH · oW
    out  = W2 @ cols + b          W2 = W.reshape(C_out, C·kH·kW)
    dW2  = Σ_n g_n @ cols_nᵀ      (a correlation of the input with the output gradient)
    dx   = col2im(W2ᵀ @ g)        (a transposed convolution)
    db   = Σ_{n,l} g
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.conv import col2im, im2col, pair, resolve_padding
from shared.functional._registry import register
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["conv2d"]

Size2 = int | tuple[int, int]


# ================================================================ geometry (given helpers)


def _shape_of(name: str, what: str, array: Any, ndim: int, layout: str) -> tuple[int, ...]:
    """``array``'s shape as ints, or a ValueError (starting with the op's ``name``) naming
    ``what`` it is, the ``ndim``-D ``layout`` expected and the shape given."""
    shape = np.shape(array)
    if len(shape) != ndim:
        raise ValueError(f"{name}: {what} must be {ndim}-D {layout}, got shape {shape}")
    return tuple(int(s) for s in shape)


def _check_conv(
    x: Any, weight: Any, bias: Any, stride: Any, padding: Any, dilation: Any
) -> dict[str, Any]:
    """The checked geometry of a convolution. Given helper.

    Returns a dict: ``stride``, ``dilation``, ``kernel`` (pairs), ``pads``
    ((top, bottom), (left, right)), ``out`` (oH, oW). ValueError naming the offending
    shape or value when x or weight is not 4-D, the channels differ, the bias is not
    (C_out,), the stride or dilation is < 1, the padding is negative (or "same" with a
    stride > 1), or the dilated kernel is larger than the padded image.
    """
    n, c, h, w = _shape_of("conv2d", "x", x, 4, "(N, C, H, W)")
    c_out, c_in, kh, kw = _shape_of("conv2d", "weight", weight, 4, "(C_out, C_in, kH, kW)")
    if c != c_in:
        raise ValueError(
            f"conv2d: x has {c} channels but the weight {np.shape(weight)} expects {c_in}"
        )
    if bias is not None and np.shape(bias) != (c_out,):
        raise ValueError(f"conv2d: bias must have shape ({c_out},), got {np.shape(bias)}")
    stride, dilation = pair(stride, "stride"), pair(dilation, "dilation")
    if min(stride) < 1:
        raise ValueError(f"conv2d: stride must be >= 1, got {stride}")
    if min(dilation) < 1:
        raise ValueError(f"conv2d: dilation must be >= 1, got {dilation}")
    try:  # P07's resolve_padding: an int, a pair, or "same" (stride 1)
        pads = resolve_padding(padding, (kh, kw), stride, dilation)
    except ValueError as error:
        raise ValueError(f"conv2d: {error}") from None
    out = []
    for size, k, s, d, (before, after), axis in zip(
        (h, w), (kh, kw), stride, dilation, pads, ("height", "width"), strict=True
    ):
        span = d * (k - 1) + 1
        if span > size + before + after:
            raise ValueError(
                f"conv2d: the (dilated) kernel {span} is larger than the padded image "
                f"{axis} {size + before + after}"
            )
        out.append((size + before + after - span) // s + 1)
    return {
        "stride": stride,
        "dilation": dilation,
        "kernel": (kh, kw),
        "pads": pads,
        "out": tuple(out),
    }


def _pad_explicit(x: np.ndarray, pads: tuple[tuple[int, int], tuple[int, int]], value: float):
    """x with (top, bottom), (left, right) rows/columns of ``value`` added. Given helper."""
    if pads == ((0, 0), (0, 0)):
        return x
    return np.pad(x, ((0, 0), (0, 0), *pads), mode="constant", constant_values=value)


def _crop(x: np.ndarray, pads: tuple[tuple[int, int], tuple[int, int]]) -> np.ndarray:
    """Undo ``_pad_explicit``: the inner (H, W) part of a padded (N, C, H', W') array."""
    (top, bottom), (left, right) = pads
    return x[:, :, top : x.shape[2] - bottom, left : x.shape[3] - right]


# ================================================================ convolution (Task 1)


@register("conv2d")
class Conv2dFn(Function):
    """out = W ⋆ x + b as one matrix product over im2col's columns.

    forward(x (N, C, H, W), weight (C_out, C, kH, kW)[, bias (C_out,)], stride=,
    padding=, dilation=) -> (N, C_out, oH, oW) in ``np.result_type(x, weight)``; the bias
    is cast to that dtype (P07's rule: float32 x and weight give float32 with any bias).
    Uneven padding ("same" with an even dilated kernel: ``_check_conv``'s ``pads`` differ
    before and after) cannot go through im2col's symmetric padding: pad x with
    ``_pad_explicit(x, pads, 0.0)``, call im2col with padding 0, and ``_crop`` the input
    gradient back in backward.
    backward: one gradient per input, (dx, dW) without a bias, (dx, dW, db) with one
    (``len(ctx.needs_input_grad)`` is the number of inputs), None where not needed, each
    in the output's dtype (the engine stores every ``.grad`` in its own tensor's dtype):
    dW = Σ_n g_n cols_nᵀ, dx = col2im(W2ᵀ g) (cropped when padding was explicit),
    db = Σ g over N, oH, oW. Save cols only when the weight needs a gradient and W2 only
    when x does. No Python loop over pixels (one over the kH·kW kernel taps is fine).

    Arguments: ``stride`` and ``dilation`` ints or pairs >= 1; ``padding`` an int or pair
    >= 0, or "same" (stride 1 only; output size = input size; an odd total padding puts
    the extra row / column after, as PyTorch does). ValueError naming the offending shape
    or argument (``stride``, ``padding``, ``dilation``, ``kernel``) for x or weight not
    4-D, a channel mismatch, a bias that is not (C_out,), a stride or dilation < 1, a
    negative padding, "same" with a stride > 1, a (dilated) kernel larger than the padded
    image: the given ``_check_conv`` raises every one of them.

    The generic op checks always pass a bias and draw 1 or 2 images of 1 to 3 channels a
    few pixels a side, kernels of 1 to 3 per axis (even and non-square ones too), stride 1
    or 2 and dilation 1 or 2 per axis (ints or pairs), and padding a pair of 0 to 2, or
    "same" at stride 1 (so "same" with an even dilated kernel comes up).
    """

    @staticmethod
    def forward(
        ctx: Context,
        x: np.ndarray,
        weight: np.ndarray,
        bias: np.ndarray | None = None,
        stride: Size2 = 1,
        padding: Size2 | str = 0,
        dilation: Size2 = 1,
    ) -> np.ndarray:
        raise NotImplementedError('P09 Task 1 · Conv2dFn.forward (shared/functional/conv.py) — see projects/p09_cnn/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 1 · Conv2dFn.backward (shared/functional/conv.py) — see projects/p09_cnn/README.md#task-1')


def conv2d(
    x: TensorLike,
    weight: TensorLike,
    bias: TensorLike = None,
    stride: Size2 = 1,
    padding: Size2 | str = 0,
    dilation: Size2 = 1,
) -> Tensor:
    """2-D cross-correlation: x (N, C, H, W), weight (C_out, C, kH, kW), bias (C_out,)
    or None -> (N, C_out, oH, oW) with oH = ⌊(H + p_top + p_bottom - d(kH - 1) - 1) / s⌋ + 1
    (p_top = p_bottom = p for an int padding p; oH = H for "same"), dtype
    ``np.result_type(x, weight)``.

    stride, dilation: int or (h, w) pair, >= 1; padding: int or pair of zeros added on
    each side, or "same" (stride 1: output size = input size; when d(k - 1) is odd the
    extra row / column goes after)."""
    params = {"stride": stride, "padding": padding, "dilation": dilation}
    if bias is None:
        return Conv2dFn.apply(x, weight, **params)
    return Conv2dFn.apply(x, weight, bias, **params)
