"""Ops on images (P09): ``conv2d`` (Task 1), ``max_pool2d`` and ``avg_pool2d`` (Task 2),
``batch_norm`` and ``flatten`` (Task 3).

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

Pooling reads the same windows: max-pooling sends each window's gradient to the one
element that won (the first maximal one in row-major window order, as PyTorch does),
average pooling spreads it evenly; overlapping windows add up, which is what col2im does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.conv import col2im, conv_output_size, im2col, pair, same_padding
from shared.functional._registry import register
from shared.tensor import Context, Function, Tensor, TensorLike

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["avg_pool2d", "batch_norm", "conv2d", "flatten", "max_pool2d"]

Size2 = int | tuple[int, int]


# ================================================================ geometry (given helpers)


def _shape_of(name: str, what: str, array: Any, ndim: int, layout: str) -> tuple[int, ...]:
    shape = np.shape(array)
    if len(shape) != ndim:
        raise ValueError(f"{name}: {what} must be {ndim}-D {layout}, got shape {shape}")
    return tuple(int(s) for s in shape)


def _resolve_padding(
    padding: Any, kernel: tuple[int, int], stride: tuple[int, int], dilation: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """((top, bottom), (left, right)) zero padding: an int, a pair, or "same" (stride 1
    only; the odd extra pixel goes after, as PyTorch does)."""
    if isinstance(padding, str):
        if padding != "same":
            raise ValueError(f"conv2d: padding must be an int, a pair or 'same', got {padding!r}")
        if stride != (1, 1):
            raise ValueError(f"conv2d: padding='same' needs stride 1, got stride {stride}")
        return same_padding(kernel[0], dilation[0]), same_padding(kernel[1], dilation[1])
    ph, pw = pair(padding, "padding")
    if ph < 0 or pw < 0:
        raise ValueError(f"conv2d: padding must be >= 0, got {padding!r}")
    return (ph, ph), (pw, pw)


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
    pads = _resolve_padding(padding, (kh, kw), stride, dilation)
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
class Conv2d(Function):
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
        raise NotImplementedError('P09 Task 1 · Conv2d.forward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-1')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 1 · Conv2d.backward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-1')


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
        return Conv2d.apply(x, weight, **params)
    return Conv2d.apply(x, weight, bias, **params)


# ================================================================ pooling (Task 2)


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
class MaxPool2d(Function):
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
        raise NotImplementedError('P09 Task 2 · MaxPool2d.forward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-2')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 2 · MaxPool2d.backward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-2')


def max_pool2d(
    x: TensorLike, kernel_size: Size2, stride: Size2 | None = None, padding: Size2 = 0
) -> Tensor:
    """Max-pooling: x (N, C, H, W) -> (N, C, oH, oW), the maximum of each window.

    kernel_size: int or (kH, kW); stride: defaults to kernel_size; padding: int or pair,
    at most half the kernel, filled with -inf (never chosen)."""
    return MaxPool2d.apply(x, kernel_size=kernel_size, stride=stride, padding=padding)


@register("avg_pool2d")
class AvgPool2d(Function):
    """The mean of every kH × kW window; zero padding counts in the mean (PyTorch's
    ``count_include_pad=True``).

    forward(x (N, C, H, W), kernel_size=, stride=None, padding=0) -> (N, C, oH, oW).
    backward: each window's gradient is shared equally, g / (kH·kW), by its elements,
    overlapping windows adding up. Output and gradient in x's dtype; the arguments, their
    errors and what the generic checks draw are those of ``MaxPool2d``.
    """

    @staticmethod
    def forward(
        ctx: Context,
        x: np.ndarray,
        kernel_size: Size2 = 2,
        stride: Size2 | None = None,
        padding: Size2 = 0,
    ) -> np.ndarray:
        raise NotImplementedError('P09 Task 2 · AvgPool2d.forward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-2')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 2 · AvgPool2d.backward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-2')


def avg_pool2d(
    x: TensorLike, kernel_size: Size2, stride: Size2 | None = None, padding: Size2 = 0
) -> Tensor:
    """Average pooling: x (N, C, H, W) -> (N, C, oH, oW), the mean of each window
    (zero padding, at most half the kernel, counted in the mean)."""
    return AvgPool2d.apply(x, kernel_size=kernel_size, stride=stride, padding=padding)


# ================================================================ batch norm, flatten (Task 3)


def _check_batch_norm(x: Any, weight: Any, bias: Any, momentum: Any, eps: Any) -> int:
    """The number of channels C of a batch-norm input. Given helper. ValueError naming
    the shapes or value when x is not (N, C, ...), weight or bias is not (C,), momentum
    is outside [0, 1] or eps is not > 0."""
    shape = np.shape(x)
    if len(shape) < 2:
        raise ValueError(f"batch_norm: x must be (N, C) or (N, C, ...), got shape {shape}")
    c = shape[1]
    for what, value in (("weight", weight), ("bias", bias)):
        if np.shape(value) != (c,):
            raise ValueError(
                f"batch_norm: {what} must have shape ({c},) for x {shape}, got {np.shape(value)}"
            )
    if not 0.0 <= momentum <= 1.0:
        raise ValueError(f"batch_norm: momentum must lie in [0, 1], got {momentum!r}")
    if not eps > 0:
        raise ValueError(f"batch_norm: eps must be > 0, got {eps!r}")
    return c


@register("batch_norm")
class BatchNorm(Function):
    """y = (x - μ) / √(σ² + ε) · γ + β per channel (axis 1), statistics over every other
    axis.

    forward(x (N, C, ...), weight γ (C,), bias β (C,), running_mean=None,
    running_var=None, training=True, momentum=0.1, eps=1e-5) -> x's shape.
    Training: μ, σ² are the batch's mean and biased variance; ValueError naming x's shape
    when a channel has m < 2 values (checked before any update). running_mean and
    running_var (NumPy arrays (C,)) are each optional: each one given is updated in place,
    r ← (1 - momentum)·r + momentum·stat, stat = μ for the mean and the unbiased
    m / (m - 1)·σ² for the variance (m values per channel). Evaluation (training=False):
    μ, σ² are running_mean, running_var, constants, cast to x's dtype; both are required
    (ValueError naming running_mean and running_var otherwise). The output's dtype is
    ``np.result_type(x, weight, bias)`` in both modes: the running arrays never change it.
    backward (training): dx = (γ / √(σ² + ε)) · (ĝ - mean(ĝ) - x̂ · mean(ĝ · x̂)) with
    ĝ = γ g and x̂ = (x - μ)/√(σ² + ε), means per channel; dγ = Σ g · x̂, dβ = Σ g. In
    evaluation dx = γ / √(σ² + ε) · g. Every gradient in the output's dtype.

    The given ``_check_batch_norm`` raises the ValueError naming the shape or value for x
    with fewer than 2 axes, a weight or bias that is not (C,), a momentum outside [0, 1]
    and an eps <= 0; the one for m < 2 in training is yours. The generic op checks run
    training mode without running arrays on (N, C), (N, C, L) and (N, C, H, W) inputs
    with m >= 2 and distinct values.
    """

    @staticmethod
    def forward(
        ctx: Context,
        x: np.ndarray,
        weight: np.ndarray,
        bias: np.ndarray,
        running_mean: np.ndarray | None = None,
        running_var: np.ndarray | None = None,
        training: bool = True,
        momentum: float = 0.1,
        eps: float = 1e-5,
    ) -> np.ndarray:
        raise NotImplementedError('P09 Task 3 · BatchNorm.forward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 3 · BatchNorm.backward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-3')


def batch_norm(
    x: TensorLike,
    weight: TensorLike,
    bias: TensorLike,
    running_mean: np.ndarray | None = None,
    running_var: np.ndarray | None = None,
    training: bool = True,
    momentum: float = 0.1,
    eps: float = 1e-5,
) -> Tensor:
    """Batch normalisation over axis 1 of x (N, C, ...) with scale ``weight`` (C,) and
    shift ``bias`` (C,); see ``BatchNorm`` for the statistics and the in-place update of
    ``running_mean`` / ``running_var`` (NumPy arrays (C,)) in training."""
    return BatchNorm.apply(
        x,
        weight,
        bias,
        running_mean=running_mean,
        running_var=running_var,
        training=training,
        momentum=momentum,
        eps=eps,
    )


@register("flatten")
class Flatten(Function):
    """Every axis from ``start_dim`` on merged into one (C order): (N, C, H, W) ->
    (N, C·H·W) for start_dim=1. ``start_dim`` may be negative (counted from the end):
    -ndim <= start_dim < ndim, else ValueError naming start_dim and the shape; TypeError
    for a non-int. The output is ``np.reshape`` of x (a view when NumPy can make one; a
    copy is accepted too). backward: the gradient reshaped back to the input's shape. The
    generic op checks draw 1 to 4 axes, negative start_dim included."""

    @staticmethod
    def forward(ctx: Context, x: np.ndarray, start_dim: int = 1) -> np.ndarray:
        raise NotImplementedError('P09 Task 3 · Flatten.forward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-3')

    @staticmethod
    def backward(ctx: Context, grad: np.ndarray) -> tuple[np.ndarray | None, ...]:
        raise NotImplementedError('P09 Task 3 · Flatten.backward (shared/functional/spatial.py) — see projects/p09_cnn/README.md#task-3')


def flatten(x: TensorLike, start_dim: int = 1) -> Tensor:
    """x with the axes from ``start_dim`` on merged: (N, C, H, W) -> (N, C·H·W)."""
    return Flatten.apply(x, start_dim=start_dim)
