"""The kernel library: small (k, k) float64 arrays, each a named image operation.

Every kernel is applied as a cross-correlation (``shared.conv``): the output pixel is the
sum of the kernel times the window it covers, kernel *not* flipped. The stated properties
below (sums, responses) are what the tests check.
"""

from __future__ import annotations

import math

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def _check_odd_size(size: int, name: str) -> int:
    """``size`` as an int when it is a positive odd int (a kernel with a centre pixel);
    ValueError naming ``name`` and the value otherwise."""
    if (
        isinstance(size, bool)
        or not isinstance(size, (int, np.integer))
        or size < 1
        or size % 2 == 0
    ):
        raise ValueError(f"{name}: size must be a positive odd int, got size={size!r}")
    return int(size)


def identity(size: int = 3) -> np.ndarray:
    """(size, size) zeros with a 1 at the centre: filtering with it changes nothing.

    ValueError (naming ``size``) unless size is a positive odd int.
    """
    raise NotImplementedError('P07 Task 6 · identity (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def box(size: int = 3) -> np.ndarray:
    """(size, size) box blur: every entry 1 / size², so the kernel sums to 1 (a local mean).

    ValueError (naming ``size``) unless size is a positive odd int.
    """
    raise NotImplementedError('P07 Task 6 · box (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def gaussian_1d(sigma: float, radius: int | None = None) -> np.ndarray:
    """The 1-D Gaussian factor g of length 2·radius + 1, normalised to sum 1.

        g[t] ∝ exp(−t² / (2σ²)),  t = −radius, …, radius

    sigma: a real number; radius: an int ≥ 0 or None for the default ceil(3σ) (the taps
    beyond 3σ hold under 0.3 % of the mass). ValueError naming ``sigma`` when sigma is not
    a finite number > 0 (a string or None included), naming ``radius`` when radius is not
    an int ≥ 0 (a float such as 1.5, a bool or a string included). Every bad argument of
    the kernel library is a ValueError naming it, never a TypeError.
    """
    raise NotImplementedError('P07 Task 6 · gaussian_1d (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def gaussian(sigma: float, radius: int | None = None) -> np.ndarray:
    """The 2-D Gaussian blur, (2·radius + 1, 2·radius + 1), summing to 1.

        G[i, j] ∝ exp(−(i² + j²) / (2σ²))  =  g[i] · g[j]   with g = gaussian_1d(sigma, radius)

    It is separable: G is the outer product of its 1-D factor with itself, so filtering
    with G equals filtering the columns with g, then the rows with g. Errors as
    :func:`gaussian_1d`.
    """
    raise NotImplementedError('P07 Task 6 · gaussian (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def sharpen() -> np.ndarray:
    """3 × 3 sharpen: the identity plus the negative 4-neighbour Laplacian, sums to 1.

    [[ 0, −1,  0],
     [−1,  5, −1],
     [ 0, −1,  0]]
    """
    raise NotImplementedError('P07 Task 6 · sharpen (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def sobel_x() -> np.ndarray:
    """3 × 3 Sobel derivative along x (columns), sums to 0.

        [[−1, 0, 1],
         [−2, 0, 2],
         [−1, 0, 1]]

    As a cross-correlation it is positive where brightness grows to the right, so it
    responds to vertical edges and gives 0 on a horizontal edge.
    """
    raise NotImplementedError('P07 Task 6 · sobel_x (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def sobel_y() -> np.ndarray:
    """3 × 3 Sobel derivative along y (rows, downwards), the transpose of :func:`sobel_x`.

    Positive where brightness grows downwards: responds to horizontal edges, 0 on vertical.
    """
    raise NotImplementedError('P07 Task 6 · sobel_y (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def laplacian() -> np.ndarray:
    """3 × 3 discrete Laplacian ∂²/∂x² + ∂²/∂y² (4-neighbour), sums to 0.

        [[0,  1, 0],
         [1, −4, 1],
         [0,  1, 0]]

    Zero on any linear ramp; large where brightness curves (edges, dots).
    """
    raise NotImplementedError('P07 Task 6 · laplacian (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def emboss() -> np.ndarray:
    """3 × 3 emboss, sums to 1 (flat regions keep their brightness):

        [[−2, −1, 0],
         [−1,  1, 1],
         [ 0,  1, 2]]

    A diagonal derivative plus the identity: edges lit from the bottom right stand out.
    """
    raise NotImplementedError('P07 Task 6 · emboss (projects/p07_kernel_explorer/kernels.py) — see projects/p07_kernel_explorer/README.md#task-6')


def kernel_library(sigma: float = 1.0) -> dict[str, np.ndarray]:
    """Every kernel of this module by name, in display order (given; used by the gallery)."""
    return {
        "identity": identity(3),
        "box 5×5": box(5),
        f"gaussian σ={sigma:g}": gaussian(sigma),
        "sharpen": sharpen(),
        "sobel x": sobel_x(),
        "sobel y": sobel_y(),
        "laplacian": laplacian(),
        "emboss": emboss(),
    }
