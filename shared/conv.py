"""Two-dimensional convolution on NumPy arrays: padding, output shapes, three routes.

Images are ``(N, C, H, W)`` and weights ``(C_out, C_in, kH, kW)``. Every route computes the
layer of deep-learning libraries, which is a *cross-correlation* (the kernel is not flipped):

    out[n, o, p, q] = b[o] + Σ_c Σ_i Σ_j  x_pad[n, c, p·sH + i·dH, q·sW + j·dW] · w[o, c, i, j]

- :func:`conv2d_naive` writes that definition as loops (the reference; slow);
- :func:`im2col` / :func:`col2im` turn the sliding windows into the columns of one matrix and
  back (they are adjoint to each other, which the backward pass of a convolution layer uses);
- :func:`conv2d` is im2col followed by one matrix product;
- :func:`conv2d_fft` uses the convolution theorem (stride 1, dilation 1).

Completed in P07; P09 builds the autograd ``conv2d`` op on :func:`im2col` and :func:`col2im`.
A ``size2`` argument is an ``int`` (same value for height and width) or a pair ``(h, w)``.
"""

from __future__ import annotations

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "col2im",
    "conv2d",
    "conv2d_fft",
    "conv2d_naive",
    "conv_output_size",
    "im2col",
    "pad2d",
    "pair",
    "resolve_padding",
    "same_padding",
]

Size2 = int | tuple[int, int]
Padding2 = tuple[tuple[int, int], tuple[int, int]]


# ======================================================================= given helpers


def pair(value: int | tuple[int, int], name: str) -> tuple[int, int]:
    """``value`` as a pair of Python ints ``(h, w)``: an int ``k`` becomes ``(k, k)``.

    TypeError (naming ``name`` and the value) for anything but an int or a pair of ints.
    Only the type is checked here; the functions that use the pair check its range.
    """
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return int(value), int(value)
    if (
        isinstance(value, (tuple, list))
        and len(value) == 2
        and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in value
        )
    ):
        return int(value[0]), int(value[1])
    raise TypeError(f"{name}: expected an int or a pair of ints (h, w), got {value!r}")


def _check_conv_inputs(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None, name: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """x, w (and b) as float arrays after checking their shapes agree.

    ValueError (naming the argument, what was expected and what was given) when x is not
    4-D ``(N, C, H, W)``, w is not 4-D ``(C_out, C_in, kH, kW)``, x's C differs from w's
    C_in, or b is not ``(C_out,)``. TypeError for a non-numeric or complex array. Integer
    arrays become float64; float arrays keep their dtype (float32 stays float32).
    """
    arrays = []
    for arg, value in (("x", x), ("w", w), ("b", b)):
        if value is None:
            arrays.append(None)
            continue
        value = np.asarray(value)
        if value.dtype.kind in "biu":
            value = value.astype(np.float64)
        if value.dtype.kind != "f":
            raise TypeError(f"{name}: {arg} must be a real numeric array, got dtype {value.dtype}")
        arrays.append(value)
    x, w, b = arrays
    if x.ndim != 4:
        raise ValueError(f"{name}: x must be 4-D (N, C, H, W), got shape {x.shape}")
    if w.ndim != 4:
        raise ValueError(f"{name}: w must be 4-D (C_out, C_in, kH, kW), got shape {w.shape}")
    if x.shape[1] != w.shape[1]:
        raise ValueError(
            f"{name}: channel mismatch: x has C={x.shape[1]} channels but w expects "
            f"C_in={w.shape[1]} (x shape {x.shape}, w shape {w.shape})"
        )
    if b is not None and b.shape != (w.shape[0],):
        raise ValueError(
            f"{name}: b must have shape (C_out,) = ({w.shape[0]},), got shape {b.shape}"
        )
    return x, w, b


# ================================================================ Task 1: sizes and padding


def conv_output_size(
    size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1
) -> int:
    """Output length of a convolution along one axis.

        out = floor((size + 2·padding − dilation·(kernel − 1) − 1) / stride) + 1

    ``dilation·(kernel − 1) + 1`` is the extent of the dilated kernel; the formula counts how
    many stride steps fit it inside the padded input. ValueError, naming the argument and
    its value, when stride < 1, dilation < 1, kernel < 1, padding < 0 or size < 1, and when
    the dilated kernel is larger than the padded input (the result would be < 1).
    """
    raise NotImplementedError('P07 Task 1 · conv_output_size (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-1')


def same_padding(kernel: int, dilation: int = 1) -> tuple[int, int]:
    """``(before, after)`` padding that keeps a stride-1 output as long as its input.

    The total is ``dilation·(kernel − 1)``; when it is odd the extra pixel goes *after*
    (as PyTorch's ``padding="same"``). ValueError (naming the argument) when kernel < 1 or
    dilation < 1.
    """
    raise NotImplementedError('P07 Task 1 · same_padding (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-1')


def resolve_padding(
    padding: Size2 | str,
    kernel_size: Size2,
    stride: Size2 = 1,
    dilation: Size2 = 1,
) -> Padding2:
    """Padding of a convolution as ``((top, bottom), (left, right))``.

    ``padding`` is an int, a pair ``(pH, pW)`` (symmetric: ``((pH, pH), (pW, pW))``), or the
    string ``"same"`` (:func:`same_padding` along each axis; only with stride 1, ValueError
    naming ``stride`` otherwise). ValueError naming ``padding`` and the value given when it
    is negative or another string (e.g. ``padding='valid'``). A value of the wrong type
    (a float, None, a pair of pairs: the nested form is :func:`pad2d`'s, not this one's) is
    the TypeError of the given :func:`pair`, naming ``padding``; so are a malformed
    ``kernel_size``, ``stride`` or ``dilation``.
    """
    raise NotImplementedError('P07 Task 1 · resolve_padding (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-1')


def pad2d(x: np.ndarray, padding: Size2 | Padding2, mode: str = "zeros") -> np.ndarray:
    """A new array with the last two axes of ``x`` padded; other axes untouched.

    Inputs: x: (..., H, W) with at least 2 axes; padding: an int p, a pair (pH, pW), or
    ``((top, bottom), (left, right))``; mode: ``"zeros"`` (pad with 0) or, as a stretch,
    ``"reflect"`` (mirror without repeating the edge, as ``np.pad(mode="reflect")``).
    Returns: (..., H + top + bottom, W + left + right), x's dtype.
    ValueError (naming the argument and value) for a negative padding, fewer than 2 axes
    or an unknown mode; a padding of the wrong type is :func:`pair`'s TypeError.
    """
    raise NotImplementedError('P07 Task 1 · pad2d (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-1')


def _geometry(
    x_shape: tuple[int, ...],
    kernel_size: Size2,
    stride: Size2,
    padding: Padding2,
    dilation: Size2,
) -> tuple[int, int]:
    """(oH, oW) of a convolution of an (N, C, H, W) input; ``padding`` is
    ``((top, bottom), (left, right))`` as :func:`resolve_padding` returns it, possibly
    asymmetric. Raises the errors of :func:`conv_output_size` (e.g. naming ``kernel``).
    An uneven padding's extra pixel is added to the size before that call, so the message
    of a kernel too large for the padded image reports that grown size (and the smaller
    padding), not the padding the caller passed; the tests match only ``kernel``."""
    kh, kw = pair(kernel_size, "kernel_size")
    sh, sw = pair(stride, "stride")
    dh, dw = pair(dilation, "dilation")
    (top, bottom), (left, right) = padding
    # conv_output_size takes symmetric padding; add the odd extra pixel to the size instead.
    oh = conv_output_size(x_shape[-2] + top + bottom, kh, sh, 0, dh)
    ow = conv_output_size(x_shape[-1] + left + right, kw, sw, 0, dw)
    return oh, ow


# ================================================================ Task 2: the definition


def conv2d_naive(
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray | None = None,
    stride: Size2 = 1,
    padding: Size2 | str = 0,
    dilation: Size2 = 1,
) -> np.ndarray:
    """Cross-correlation by its definition, one output pixel at a time (reference; slow).

    Inputs: x: (N, C, H, W); w: (C_out, C, kH, kW); b: (C_out,) or None;
    stride, dilation: size2 >= 1; padding: size2 >= 0 or ``"same"`` (stride 1 only).
    Returns: (N, C_out, oH, oW) with oH, oW from :func:`conv_output_size`, in the dtype
    ``np.result_type(x, w)`` (b is cast to it: float32 x and w stay float32 with any b).
    ValueError (naming what was expected and given) for the errors of
    :func:`_check_conv_inputs`, of :func:`resolve_padding` and of :func:`conv_output_size`.
    Call the given ``_check_conv_inputs`` first; the given ``_geometry`` turns the resolved
    padding into (oH, oW).
    """
    raise NotImplementedError('P07 Task 2 · conv2d_naive (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-2')


# ============================================================ Task 3: im2col and col2im


def im2col(
    x: np.ndarray,
    kernel_size: Size2,
    stride: Size2 = 1,
    padding: Size2 = 0,
    dilation: Size2 = 1,
) -> np.ndarray:
    """Every receptive field of x as one column of a matrix.

    Inputs: x: (N, C, H, W); kernel_size, stride, dilation: size2 >= 1; padding: size2 >= 0
    (symmetric; ``"same"`` is resolved by callers with :func:`pad2d`).
    Returns: cols: (N, C·kH·kW, oH·oW), x's dtype, with
        row r = (c·kH + i)·kW + j   (C-order over (c, i, j), the order of w.reshape(C_out, -1))
        column l = p·oW + q         (C-order over the output pixel (p, q))
        cols[n, r, l] = x_pad[n, c, p·sH + i·dH, q·sW + j·dW].
    ValueError when x is not 4-D and for the errors of :func:`conv_output_size`.
    Loops over the kH·kW kernel offsets only, never over pixels.
    """
    raise NotImplementedError('P07 Task 3 · im2col (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-3')


def col2im(
    cols: np.ndarray,
    x_shape: tuple[int, int, int, int],
    kernel_size: Size2,
    stride: Size2 = 1,
    padding: Size2 = 0,
    dilation: Size2 = 1,
) -> np.ndarray:
    """The adjoint of :func:`im2col`: every column entry added back onto the pixel it came from.

    Inputs: cols: (N, C·kH·kW, oH·oW) laid out as :func:`im2col` returns; x_shape: the
    (N, C, H, W) of the image; the other arguments as for :func:`im2col`.
    Returns: (N, C, H, W), cols' dtype. A pixel read by several windows receives the sum of
    their entries; the padding is dropped at the end. So for all x and y,
        ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩.
    ValueError (naming both shapes) when cols does not have the shape im2col would give.
    Loops over the kH·kW kernel offsets only, adding (``+=``) one strided slice each time
    (not ``np.add.at``, which is very slow).
    """
    raise NotImplementedError('P07 Task 3 · col2im (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-3')


# ======================================================== Task 4: conv2d = im2col + matmul


def conv2d(
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray | None = None,
    stride: Size2 = 1,
    padding: Size2 | str = 0,
    dilation: Size2 = 1,
) -> np.ndarray:
    """The same cross-correlation as :func:`conv2d_naive`, as im2col and one matrix product.

    Inputs, dtype rule and errors as :func:`conv2d_naive` (float32 in, float32 out).
    Returns: (N, C_out, oH, oW) = (w.reshape(C_out, C·kH·kW) @ im2col(x)) reshaped, + b,
    with one ``np.matmul`` for the whole batch. For ``"same"`` with an even kernel (uneven
    padding), pad x first with ``pad2d(x, resolve_padding(...))`` and call im2col with
    padding 0.
    """
    raise NotImplementedError('P07 Task 4 · conv2d (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-4')


# ============================================================= Task 5: the FFT route


def conv2d_fft(
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray | None = None,
    padding: Size2 | str = 0,
) -> np.ndarray:
    """The same cross-correlation (stride 1, dilation 1) through the convolution theorem.

    A cross-correlation with w is a true convolution with w flipped in both axes, and a
    convolution is a pointwise product of Fourier transforms: out = IFFT(FFT(x_pad) ·
    FFT(flip(w))), summed over input channels, cropped to the positions where the whole
    kernel lies inside x_pad. Uses ``np.fft.rfft2`` / ``irfft2`` in float64.
    Inputs and errors as :func:`conv2d` (no stride or dilation): with int or pair padding,
    a kernel larger than the padded image raises conv2d's ValueError naming ``kernel``;
    ``"same"`` always works, even for a kernel larger than x, as its padding grows the
    image to fit. Returns: (N, C_out, oH, oW) in ``np.result_type(x, w)``; equal to
    :func:`conv2d` within 1e-9 in float64.
    """
    raise NotImplementedError('P07 Task 5 · conv2d_fft (shared/conv.py) — see projects/p07_kernel_explorer/README.md#task-5')
