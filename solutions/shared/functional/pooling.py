"""Pooling as autograd ops (P09 Task 2): ``max_pool2d`` and ``avg_pool2d``.

Pooling reads the windows a convolution reads (P07's ``im2col``), one channel at a time:
max-pooling sends each window's gradient to the one element that won (the first maximal
one in row-major window order, as PyTorch does), average pooling spreads it evenly;
overlapping windows add up, which is what ``col2im`` does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.conv import col2im, conv_output_size, im2col, pair
from shared.functional._registry import register
from shared.functional.conv import Size2, _crop, _pad_explicit, _shape_of
from shared.tensor import Context, Function, Tensor, TensorLike

__all__ = ["avg_pool2d", "max_pool2d"]


def _check_pool(name: str, x: Any, kernel_size: Any, stride: Any, padding: Any) -> dict[str, Any]:
    """The checked geometry of a pooling: ``kernel``, ``stride`` (the kernel size when
    None), ``padding`` (pairs) and ``out`` (oH, oW). Given helper. ValueError, starting
    with the op's ``name``, naming the shape or argument when x is not 4-D (N, C, H, W), a
    kernel size or stride is < 1, the padding is negative or more than half the kernel,
    or the window (``kernel_size``) is larger than the padded image.
    """
    _, _, h, w = _shape_of(name, "x", x, 4, "(N, C, H, W)")
    kernel = pair(kernel_size, "kernel_size")
    stride = kernel if stride is None else pair(stride, "stride")
    pad = pair(padding, "padding")
    if min(kernel) < 1:
        raise ValueError(f"{name}: kernel_size must be >= 1, got {kernel_size!r}")
    if min(stride) < 1:
        raise ValueError(f"{name}: stride must be >= 1, got {stride!r}")
    if min(pad) < 0 or pad[0] > kernel[0] // 2 or pad[1] > kernel[1] // 2:
        raise ValueError(
            f"{name}: padding must lie between 0 and half the kernel {kernel}, got {padding!r}"
        )
    for size, k, p, axis in zip((h, w), kernel, pad, ("height", "width"), strict=True):
        if k > size + 2 * p:
            raise ValueError(
                f"{name}: the kernel_size {kernel} window is larger than the padded image "
                f"{axis} {size + 2 * p}"
            )
    out = tuple(
        conv_output_size(size, k, s, p)
        for size, k, s, p in zip((h, w), kernel, stride, pad, strict=True)
    )
    return {"kernel": kernel, "stride": stride, "padding": pad, "out": out}


def _channels_as_images(x: np.ndarray) -> np.ndarray:
    """(N, C, H, W) -> (N·C, 1, H, W): pooling treats every channel on its own."""
    n, c, h, w = x.shape
    return x.reshape(n * c, 1, h, w)


@register("max_pool2d")
class MaxPool2dFn(Function):
    """The maximum of every kH × kW window (padding counts as -inf).

    forward(x (N, C, H, W), kernel_size=, stride=None (= kernel_size), padding=0) ->
    (N, C, oH, oW). backward: each window's gradient goes to its first maximal element
    in row-major window order (PyTorch's rule; P05's ``max`` splits ties instead, see the
    brief); where windows overlap the contributions add up (scatter one-hot columns and
    let ``col2im`` add them). Output and gradient in x's dtype.

    ValueError naming the argument (``kernel_size``, ``stride``, ``padding``) or the
    shape, the message starting with the op's name, for x not 4-D, a kernel or stride
    < 1, a padding outside [0, kernel // 2], a window larger than the padded image: the
    given ``_check_pool`` raises them. The generic op checks draw kernels of 1 to 3 per
    axis, stride None or 1 to 3 (windows overlap, tile or leave gaps), padding up to half
    the kernel, images down to the kernel's size, and distinct values (ties are tested
    separately).
    """

    @staticmethod
    def forward(
        ctx: Context,
        x: np.ndarray,
        kernel_size: Size2 = 2,
        stride: Size2 | None = None,
        padding: Size2 = 0,
    ) -> np.ndarray:
        ### BEGIN SOLUTION p09.t2
        geo = _check_pool("max_pool2d", x, kernel_size, stride, padding)
        (kh, kw), (oh, ow), (ph, pw) = geo["kernel"], geo["out"], geo["padding"]
        n, c = x.shape[:2]
        pads = ((ph, ph), (pw, pw))
        xp = _pad_explicit(x, pads, -np.inf)
        tiled = geo["stride"] == (kh, kw)
        if tiled:  # the windows tile the image: a reshape shows them, no copy
            windows = xp[:, :, : oh * kh, : ow * kw].reshape(n, c, oh, kh, ow, kw)
            taps = [windows[:, :, :, i, :, j] for i in range(kh) for j in range(kw)]
        else:
            cols = im2col(_channels_as_images(xp), (kh, kw), geo["stride"])  # (N·C, kH·kW, L)
            taps = [cols[:, r].reshape(n, c, oh, ow) for r in range(kh * kw)]
        out = taps[0].copy()
        winner = np.zeros(out.shape, dtype=np.int16)  # window position of the maximum
        for r in range(1, kh * kw):
            better = taps[r] > out  # strict: a later equal value never takes over
            np.copyto(out, taps[r], where=better)
            np.copyto(winner, r, where=better)
        if ctx.needs_input_grad[0]:
            ctx.winner, ctx.geo, ctx.pads, ctx.xp_shape, ctx.tiled = (
                winner,
                geo,
                pads,
                xp.shape,
                tiled,
            )
        return out
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p09.t2
        n, c, oh, ow = grad.shape
        (kh, kw), winner = ctx.geo["kernel"], ctx.winner
        routed = [np.where(winner == r, grad, 0) for r in range(kh * kw)]  # one per position
        if ctx.tiled:
            windows = np.zeros((n, c, oh, kh, ow, kw), dtype=grad.dtype)
            for r, part in enumerate(routed):
                windows[:, :, :, r // kw, :, r % kw] = part
            dxp = windows.reshape(n, c, oh * kh, ow * kw)
            rows, cols = ctx.xp_shape[2] - oh * kh, ctx.xp_shape[3] - ow * kw
            if rows or cols:  # the last rows / columns no window reached get zero
                dxp = np.pad(dxp, ((0, 0), (0, 0), (0, rows), (0, cols)))
        else:
            dcols = np.stack([part.reshape(n * c, oh * ow) for part in routed], axis=1)
            images = (n * c, 1, *ctx.xp_shape[2:])
            dxp = col2im(dcols, images, (kh, kw), ctx.geo["stride"]).reshape(ctx.xp_shape)
        return (_crop(dxp, ctx.pads),)  # col2im summed the overlapping windows
        ### END SOLUTION


def max_pool2d(
    x: TensorLike, kernel_size: Size2, stride: Size2 | None = None, padding: Size2 = 0
) -> Tensor:
    """Max-pooling: x (N, C, H, W) -> (N, C, oH, oW), the maximum of each window.

    kernel_size: int or (kH, kW); stride: defaults to kernel_size; padding: int or pair,
    at most half the kernel, filled with -inf (never chosen)."""
    return MaxPool2dFn.apply(x, kernel_size=kernel_size, stride=stride, padding=padding)


@register("avg_pool2d")
class AvgPool2dFn(Function):
    """The mean of every kH × kW window; zero padding counts in the mean (PyTorch's
    ``count_include_pad=True``).

    forward(x (N, C, H, W), kernel_size=, stride=None, padding=0) -> (N, C, oH, oW).
    backward: each window's gradient is shared equally, g / (kH·kW), by its elements,
    overlapping windows adding up. Output and gradient in x's dtype; the arguments, their
    errors and what the generic checks draw are those of ``MaxPool2dFn``.
    """

    @staticmethod
    def forward(
        ctx: Context,
        x: np.ndarray,
        kernel_size: Size2 = 2,
        stride: Size2 | None = None,
        padding: Size2 = 0,
    ) -> np.ndarray:
        ### BEGIN SOLUTION p09.t2
        geo = _check_pool("avg_pool2d", x, kernel_size, stride, padding)
        cols = im2col(_channels_as_images(x), geo["kernel"], geo["stride"], geo["padding"])
        area = cols.shape[1]
        out = cols.sum(axis=1) * (1.0 / area)
        if ctx.needs_input_grad[0]:
            ctx.geo, ctx.x_shape, ctx.cols_shape = geo, x.shape, cols.shape
        return out.astype(x.dtype, copy=False).reshape(x.shape[0], x.shape[1], *geo["out"])
        ### END SOLUTION

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        ### BEGIN SOLUTION p09.t2
        n, c, h, w = ctx.x_shape
        share = grad.reshape(n * c, 1, -1) * (1.0 / ctx.cols_shape[1])
        dcols = np.broadcast_to(share, ctx.cols_shape)
        geo = ctx.geo
        dx = col2im(dcols, (n * c, 1, h, w), geo["kernel"], geo["stride"], geo["padding"])
        return (dx.astype(grad.dtype, copy=False).reshape(n, c, h, w),)
        ### END SOLUTION


def avg_pool2d(
    x: TensorLike, kernel_size: Size2, stride: Size2 | None = None, padding: Size2 = 0
) -> Tensor:
    """Average pooling: x (N, C, H, W) -> (N, C, oH, oW), the mean of each window
    (zero padding, at most half the kernel, counted in the mean)."""
    return AvgPool2dFn.apply(x, kernel_size=kernel_size, stride=stride, padding=padding)
