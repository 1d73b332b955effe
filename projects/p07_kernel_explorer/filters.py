"""Filtering grey-level images with the kernel library, on top of ``shared.conv.conv2d``.

Images here are single-channel: (H, W) or a stack (N, H, W), float. Every function is a thin
layer over :func:`shared.conv.conv2d` (one im2col and one matrix product): the learner's
core does the work.
"""

from __future__ import annotations

import numpy as np

from shared.conv import conv2d, pair

from .kernels import sobel_x, sobel_y

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def _as_stack(image: np.ndarray, name: str) -> tuple[np.ndarray, bool]:
    """``image`` as a float64 (N, 1, H, W) batch, and whether it was a single (H, W) image.

    ValueError naming ``image`` and its shape unless it is 2-D or 3-D.
    """
    image = np.asarray(image, dtype=np.float64)
    if image.ndim not in (2, 3):
        raise ValueError(f"{name}: image must be (H, W) or (N, H, W), got shape {image.shape}")
    single = image.ndim == 2
    stack = image[None] if single else image
    return stack[:, None], single


def _check_kernel(kernel: np.ndarray, name: str, ndim: int = 2, what: str = "kernel") -> np.ndarray:
    """``kernel`` as a float64 array with ``ndim`` axes; ValueError starting with ``name``
    and naming ``what`` (the argument: "kernel", or "kernels" for a stack) and the shape."""
    kernel = np.asarray(kernel, dtype=np.float64)
    if kernel.ndim != ndim:
        raise ValueError(f"{name}: {what} must have {ndim} axes, got shape {kernel.shape}")
    return kernel


Padding = int | tuple[int, int] | str


def filter2d(image: np.ndarray, kernel: np.ndarray, padding: Padding = "same") -> np.ndarray:
    """Cross-correlate a grey image (or a stack of them) with one 2-D kernel.

    Inputs: image: (H, W) or (N, H, W); kernel: (kH, kW); padding: anything conv2d takes:
    ``"same"`` (zeros, the output keeps the image's size; an odd extra pixel goes after,
    bottom/right), an int P or a pair (pH, pW) of zero padding per side.
    Returns: (oH, oW) or (N, oH, oW) float64, computed with one :func:`shared.conv.conv2d`.
    ValueError naming ``image`` or ``kernel`` when its number of axes is wrong, and the
    errors of conv2d (for instance a kernel larger than the padded image).
    """
    raise NotImplementedError('P07 Task 7 · filter2d (projects/p07_kernel_explorer/filters.py) — see projects/p07_kernel_explorer/README.md#task-7')


def convolve2d(image: np.ndarray, kernel: np.ndarray, padding: Padding = "same") -> np.ndarray:
    """True (mathematical) convolution: :func:`filter2d` with the kernel flipped in both axes.

        (x ∗ k)[p, q] = Σ_i Σ_j x[p − i, q − j] · k[i, j]

    Filtering an image that is a single 1 (an impulse) with convolve2d reproduces the
    kernel itself around the impulse; filter2d reproduces it flipped. Inputs, output and
    errors as :func:`filter2d`; the padding is that of filter2d with the flipped kernel
    (for ``"same"`` and an even kernel, the extra pixel still goes after, bottom/right).
    An even kernel has no centre pixel, so its "same" result is off-centre: along an axis
    with an even kernel, output p holds the true convolution at p + 1 (one pixel up or
    left of a centred result). The tests use odd kernels for the impulse.
    """
    raise NotImplementedError('P07 Task 7 · convolve2d (projects/p07_kernel_explorer/filters.py) — see projects/p07_kernel_explorer/README.md#task-7')


def separable_filter(
    image: np.ndarray, column: np.ndarray, row: np.ndarray, padding: Padding = "same"
) -> np.ndarray:
    """Filter with the rank-one kernel outer(column, row) as two 1-D passes.

    First every column of the image is filtered with ``column`` (a (k, 1) kernel), then
    every row of the result with ``row`` (a (1, k) kernel). The result equals
    ``filter2d(image, np.outer(column, row), padding)``, at a cost of k + k instead of k·k
    multiplications per pixel.
    Inputs: image: (H, W) or (N, H, W); column: (kH,); row: (kW,); padding: as filter2d
    (``"same"``, an int or a pair (pH, pW)). For the equality above, the column pass pads
    rows only (pH, or ``"same"`` for kH) and the row pass pads columns only (pW, or
    ``"same"`` for kW). Returns: the shape filter2d returns, float64. ValueError naming
    ``column`` or ``row`` when it is not 1-D.
    """
    raise NotImplementedError('P07 Task 7 · separable_filter (projects/p07_kernel_explorer/filters.py) — see projects/p07_kernel_explorer/README.md#task-7')


def gradient_magnitude(image: np.ndarray) -> np.ndarray:
    """Edge strength sqrt(gx² + gy²) (e.g. ``np.hypot(gx, gy)``), gx and gy the Sobel x and y
    responses of :func:`filter2d` with ``"same"`` padding.

    Inputs: image: (H, W) or (N, H, W). Returns: the same shape, float64, ≥ 0.
    """
    raise NotImplementedError('P07 Task 7 · gradient_magnitude (projects/p07_kernel_explorer/filters.py) — see projects/p07_kernel_explorer/README.md#task-7')


def feature_maps(images: np.ndarray, kernels: np.ndarray, padding: Padding = "same") -> np.ndarray:
    """Every image filtered with every kernel, in ONE conv2d call (a conv layer, C_in = 1).

    Inputs: images: (N, H, W); kernels: (K, kH, kW); padding: as filter2d.
    Returns: (N, K, oH, oW) float64: out[n, k] = filter2d(images[n], kernels[k], padding).
    ValueError naming the argument and the shape given when images is not 3-D or kernels
    is not 3-D (the given ``_check_kernel(kernels, name, ndim=3, what="kernels")`` does
    that one).
    """
    raise NotImplementedError('P07 Task 7 · feature_maps (projects/p07_kernel_explorer/filters.py) — see projects/p07_kernel_explorer/README.md#task-7')
