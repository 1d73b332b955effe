"""Figures of the convolutional network: first-layer filters, feature maps of one image,
learning curves, confusion matrix and confident mistakes.

Given code. The learning curves, the confusion matrix, the mistakes gallery and the tiling
of small images are P08's (``projects.p08_mnist.plots``); the two figures that only a
convolutional network has are drawn here. Each function returns a matplotlib Figure
built without pyplot's global state; ``save_figures`` writes them with
``shared.plotting.save_figure``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

import shared.plotting  # noqa: F401  (the course style)
from projects.p08_mnist.analysis import confident_mistakes, weight_images
from projects.p08_mnist.plots import (
    confusion_figure,
    learning_curves_figure,
    mistakes_figure,
    mosaic,
)
from shared.plotting import save_figure

from .analysis import feature_maps
from .experiment import CnnRun


def filters_figure(weight: np.ndarray, columns: int = 8) -> Figure:
    """The first convolution's kernels (C_out, 1, k, k) as k × k images, each on its own
    symmetric scale (red: bright input there excites the map, blue: inhibits it)."""
    weight = np.asarray(weight)
    k = weight.shape[-1]
    images = weight_images(weight[:, 0].reshape(len(weight), k * k), side=k)
    fig = Figure(figsize=(columns * 0.9, (-(-len(images) // columns)) * 0.9 + 0.5))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.imshow(mosaic(images, columns, gap=1), cmap="RdBu_r", vmin=-1, vmax=1,
              interpolation="nearest")  # fmt: skip
    fig.suptitle(f"The {len(images)} learned {k} × {k} filters of the first layer")
    return fig


def feature_maps_figure(model, image: np.ndarray, title: str, per_row: int = 16) -> Figure:
    """One image and the maps of the two convolutional blocks (after ReLU and pooling):
    what the network looks at on its way to the dense layers."""
    maps = feature_maps(model, image)
    pooled = [m for name, m in maps if name == "MaxPool2d"]
    fig = Figure(figsize=(12, 1.0 + 1.6 * len(pooled)))
    grid = fig.add_gridspec(len(pooled), 2, width_ratios=(1, 8))
    ax = fig.add_subplot(grid[:, 0])
    ax.imshow(image[0], cmap="gray_r")
    ax.set_title(title, fontsize=9)
    ax.axis("off")
    for row, m in enumerate(pooled):
        ax = fig.add_subplot(grid[row, 1])
        scaled = m / np.maximum(m.max(axis=(1, 2), keepdims=True), 1e-12)
        ax.imshow(mosaic(scaled, min(per_row, len(m)), gap=1), cmap="magma", vmin=0, vmax=1,
                  interpolation="nearest")  # fmt: skip
        ax.set_title(f"block {row + 1}: {m.shape[0]} maps of {m.shape[1]} × {m.shape[2]}",
                     fontsize=9)  # fmt: skip
        ax.axis("off")
    fig.suptitle("Feature maps of one test image (after ReLU and max-pooling)")
    return fig


def save_figures(run: CnnRun, out_dir: str | Path | None = None) -> dict[str, Path]:
    """Write the five figures of a run, named ``<dataset>_<figure>.png``; returns
    name -> path."""
    names = np.array(run.class_names)
    mistakes = confident_mistakes(run.y_test, run.test_logits, k=20)
    indices, predicted, confidence = mistakes
    confusion = confusion_figure(run.confusion)
    if run.dataset != "mnist":
        ax = confusion.axes[0]
        ax.set_xticklabels(names, rotation=60, fontsize=7)
        ax.set_yticklabels(names, fontsize=7)
        ax.set(xlabel="predicted class", ylabel="true class")
    figures = {
        "learning_curves": learning_curves_figure(run.history),
        "confusion": confusion,
        "mistakes": mistakes_figure(
            run.test_images, names[run.y_test], (indices, names[predicted], confidence)
        ),
        "filters": filters_figure(run.model[0].weight.data),
        "feature_maps": feature_maps_figure(
            run.model, run.X_test[0], f"test image 0: {names[run.y_test[0]]}"
        ),
    }
    return {
        name: save_figure(fig, "p09", f"{run.dataset}_{name}.png", out_dir)
        for name, fig in figures.items()
    }
