"""P07 demo: three convolution routes timed, the kernel library on a photo and on digits.

Run with ``python -m projects.p07_kernel_explorer`` (or ``m2m demo p07``). Prints the
speed-up of im2col and of the FFT over the loops on 64×64 images, the agreement of the
routes, saves four figures to ``out/p07/`` and returns the headline numbers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from shared.conv import conv2d, conv2d_fft, conv2d_naive
from shared.plotting import save_figure

from .filters import feature_maps, filter2d, gradient_magnitude, separable_filter
from .images import mnist_digits, photo_gray
from .kernels import gaussian, gaussian_1d, kernel_library, laplacian, sobel_x, sobel_y
from .plots import edges_figure, gallery_figure, photo_gallery_figure, timing_figure
from .timing import RouteTiming, format_table, time_routes


def _agreement(seed: int = 0) -> dict[str, float]:
    """Largest differences between the routes on a random batch (float64)."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, 3, 64, 64))
    w = rng.standard_normal((4, 3, 5, 5))
    b = rng.standard_normal(4)
    direct = conv2d(x, w, b, padding=2)
    return {
        "im2col_vs_naive": float(np.max(np.abs(direct - conv2d_naive(x, w, b, padding=2)))),
        "fft_vs_im2col": float(np.max(np.abs(direct - conv2d_fft(x, w, b, padding=2)))),
    }


def time_the_routes() -> tuple[list[RouteTiming], dict[str, float]]:
    """Time loops, im2col and the FFT on n×n images and print the table, the speed-ups on
    64×64 and the routes' agreement; returns the rows and the agreement gaps."""
    print("\nOne (1, 1, n, n) image, one k×k kernel; median time per call")
    rows = time_routes(sizes=(32, 64, 128), kernels=(3, 5, 11), repeat=3)
    print(format_table(rows))
    at64 = {r.kernel: r for r in rows if r.size == 64}
    print(
        f"\nOn 64×64 with a 3×3 kernel im2col is {at64[3].im2col_speedup:.0f}× faster than the "
        f"loops (bar: 20×), the FFT {at64[3].fft_speedup:.0f}×; with 11×11 the FFT beats "
        f"im2col by {at64[11].im2col / at64[11].fft:.1f}×."
    )
    gaps = _agreement()
    print(
        f"Agreement on a (2, 3, 64, 64) batch, 4 filters 5×5: |im2col − naive| ≤ "
        f"{gaps['im2col_vs_naive']:.1e}, |FFT − im2col| ≤ {gaps['fft_vs_im2col']:.1e}"
    )
    return rows, gaps


def separable_gaussian(photo: np.ndarray, sigma: float = 2.0) -> tuple[np.ndarray, float]:
    """Blur the photo (H, W) once with the 2-D Gaussian and once as two 1-D passes; print
    and return the two-pass image and the largest difference between the two."""
    g = gaussian_1d(sigma)
    two_d = filter2d(photo, gaussian(sigma))
    two_pass = separable_filter(photo, g, g)
    sep_gap = float(np.max(np.abs(two_d - two_pass)))
    print(
        f"\nPhoto {photo.shape[0]}×{photo.shape[1]} grey: Gaussian σ={sigma:g} "
        f"({len(g)}×{len(g)}) as one 2-D pass vs two 1-D passes: max difference {sep_gap:.1e}"
    )
    return two_pass, sep_gap


def photo_figures(photo: np.ndarray, blurred: np.ndarray) -> tuple[Figure, Figure]:
    """The photo under every kernel of the library, and its edges: Sobel x and y, the
    gradient magnitude, and the Laplacian of the blurred photo."""
    library = kernel_library(sigma=1.0)
    filtered = {name: filter2d(photo, k) for name, k in library.items() if name != "identity"}
    derivatives = {name for name, k in library.items() if abs(k.sum()) < 1e-12}
    gx, gy = filter2d(photo, sobel_x()), filter2d(photo, sobel_y())
    magnitude = gradient_magnitude(photo)
    log_response = filter2d(blurred, laplacian())
    return (
        photo_gallery_figure(photo, filtered, signed=derivatives),
        edges_figure(photo, gx, gy, magnitude, log_response),
    )


def digit_feature_maps() -> Figure:
    """Six MNIST digits under every 3×3 kernel of the library."""
    library = kernel_library(sigma=1.0)
    digits, labels = mnist_digits(6)
    kernels = np.stack([k for k in library.values() if k.shape == (3, 3)])
    names = [n for n, k in library.items() if k.shape == (3, 3)]
    maps = feature_maps(digits, kernels)
    print(f"Feature maps of {len(digits)} MNIST digits under {len(names)} kernels: {maps.shape}")
    return gallery_figure(digits, maps, names, [f"digit {d}" for d in labels])


def headline(rows: list[RouteTiming], gaps: dict[str, float], sep_gap: float) -> dict[str, float]:
    """The numbers main returns: speed-ups on 64×64 and the agreement of the routes."""
    at64 = {r.kernel: r for r in rows if r.size == 64}
    return {
        "im2col_speedup_64_k3": round(at64[3].im2col_speedup, 1),
        "im2col_speedup_64_k5": round(at64[5].im2col_speedup, 1),
        "im2col_speedup_64_k11": round(at64[11].im2col_speedup, 1),
        "fft_speedup_64_k3": round(at64[3].fft_speedup, 1),
        "fft_speedup_64_k11": round(at64[11].fft_speedup, 1),
        "max_im2col_vs_naive": gaps["im2col_vs_naive"],
        "max_fft_vs_im2col": gaps["fft_vs_im2col"],
        "max_separable_gap": sep_gap,
    }


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Time, compare, filter, draw; print and return the headline numbers.

    Figures go to ``out_dir`` when given, else to ``$M2M_OUT_DIR/p07`` or ``./out/p07``.
    """
    print("P07 · Convolutional Kernel Explorer")
    rows, gaps = time_the_routes()
    photo = photo_gray(step=2)
    blurred, sep_gap = separable_gaussian(photo)
    gallery, edges = photo_figures(photo, blurred)
    saved = [
        save_figure(timing_figure(rows), "p07", "timing.png", out_dir),
        save_figure(gallery, "p07", "photo_kernels.png", out_dir),
        save_figure(edges, "p07", "edges.png", out_dir),
        save_figure(digit_feature_maps(), "p07", "feature_maps.png", out_dir),
    ]
    print("\nFigures: " + ", ".join(str(p) for p in saved))
    return headline(rows, gaps, sep_gap)
