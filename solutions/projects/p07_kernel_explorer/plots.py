"""Figures of the kernel explorer: feature-map gallery, edge detection, route timings.

Given code. Each function returns a matplotlib Figure built without pyplot's global state
from arrays the tasks computed; the demo saves them with ``shared.plotting.save_figure``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

import shared.plotting  # noqa: F401  (the course style)

from .timing import RouteTiming


def _show(ax, image: np.ndarray, title: str, signed: bool = False) -> None:
    """Draw one grey image; signed responses get a diverging map centred on 0."""
    if signed:
        lim = float(np.max(np.abs(image))) or 1.0
        ax.imshow(image, cmap="RdBu_r", vmin=-lim, vmax=lim)
    else:
        ax.imshow(image, cmap="gray")
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])


def gallery_figure(
    images: np.ndarray, maps: np.ndarray, kernel_names: Sequence[str], row_names: Sequence[str]
) -> Figure:
    """Rows: input images; columns: the input, then its map under each kernel.

    images: (N, H, W); maps: (N, K, H, W) from ``feature_maps``; kernel_names: K names.
    Kernels whose map takes both signs (derivatives) are drawn on a diverging scale.
    """
    n, k = maps.shape[:2]
    fig = Figure(figsize=(1.6 * (k + 1), 1.7 * n + 0.4))
    axes = np.asarray(fig.subplots(n, k + 1, squeeze=False))
    for r in range(n):
        _show(axes[r, 0], images[r], row_names[r])
        for c in range(k):
            m = maps[r, c]
            _show(axes[r, c + 1], m, kernel_names[c], signed=bool(m.min() < -1e-9))
    fig.suptitle("Feature maps: every image cross-correlated with every kernel")
    return fig


def photo_gallery_figure(photo: np.ndarray, filtered: dict[str, np.ndarray]) -> Figure:
    """The photo and its filtered versions, one panel each (clipped to [0, 1] for display)."""
    names = list(filtered)
    cols = 3
    rows = -(-(len(names) + 1) // cols)
    fig = Figure(figsize=(3.2 * cols, 3.6 * rows))
    axes = np.asarray(fig.subplots(rows, cols, squeeze=False)).ravel()
    _show(axes[0], photo, "original")
    for ax, name in zip(axes[1 : len(names) + 1], names, strict=True):
        img = filtered[name]
        if img.min() < -1e-9:
            _show(ax, img, name, signed=True)
        else:
            ax.imshow(np.clip(img, 0, 1), cmap="gray", vmin=0, vmax=1)
            ax.set_title(name, fontsize=9)
            ax.set_xticks([])
            ax.set_yticks([])
    for ax in axes[len(names) + 1 :]:
        ax.axis("off")
    fig.suptitle("The kernel library on Grace Hopper's portrait")
    return fig


def edges_figure(
    photo: np.ndarray, gx: np.ndarray, gy: np.ndarray, magnitude: np.ndarray, lap: np.ndarray
) -> Figure:
    """Photo, Sobel x and y responses, gradient magnitude, Laplacian of a blurred photo."""
    fig = Figure(figsize=(16, 4))
    axes = fig.subplots(1, 5)
    _show(axes[0], photo, "photo")
    _show(axes[1], gx, "Sobel x (vertical edges)", signed=True)
    _show(axes[2], gy, "Sobel y (horizontal edges)", signed=True)
    axes[3].imshow(magnitude, cmap="magma")
    axes[3].set_title("gradient magnitude √(gx² + gy²)", fontsize=9)
    axes[3].set_xticks([])
    axes[3].set_yticks([])
    _show(axes[4], lap, "Laplacian of Gaussian (σ = 2)", signed=True)
    fig.suptitle("Edge detection")
    return fig


def timing_figure(rows: Sequence[RouteTiming]) -> Figure:
    """Left: time against image size, one line per route and kernel size (log-log).
    Right: time against kernel size at the largest image size."""
    fig = Figure(figsize=(11, 4.2))
    ax_size, ax_kernel = fig.subplots(1, 2)
    kernels = sorted({r.kernel for r in rows})
    sizes = sorted({r.size for r in rows})
    styles = {"naive": "o-", "im2col": "s-", "fft": "^-"}
    for route, style in styles.items():
        for k in kernels:
            sel = [r for r in rows if r.kernel == k]
            ax_size.plot(
                [r.size for r in sel],
                [1e3 * getattr(r, route) for r in sel],
                style,
                label=f"{route} {k}×{k}",
                alpha=0.5 + 0.5 * (k == kernels[-1]),
            )
        big = [r for r in rows if r.size == sizes[-1]]
        ax_kernel.plot(
            [r.kernel for r in big], [1e3 * getattr(r, route) for r in big], style, label=route
        )
    ax_size.set(xscale="log", yscale="log", xlabel="image side (pixels)", ylabel="ms per image")
    ax_size.set_title("Time against image size")
    ax_size.legend(fontsize=7, ncol=3)
    ax_kernel.set(yscale="log", xlabel="kernel side", ylabel="ms per image")
    ax_kernel.set_title(f"Time against kernel size ({sizes[-1]}×{sizes[-1]} image)")
    ax_kernel.legend()
    return fig
