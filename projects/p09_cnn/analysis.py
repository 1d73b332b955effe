"""Looking inside a convolutional network: shapes and parameters per layer (Task 6),
receptive fields (Task 6), and the feature maps one image produces (Task 6).

A convolutional layer shares one small kernel across every position of the image, so
its parameter count depends on the channels and the kernel only,
C_out · (C_in · kH · kW + 1), never on the image size; a dense layer on the same
activations would need one weight per input pixel and output unit. Its output unit sees
only a window of the input, its **receptive field**, which grows with every convolution
and pooling stacked on top: r ← r + (k_eff - 1) · j and j ← j · s, where j (the
"jump") is the distance in input pixels between two neighbouring units of the current
layer, k_eff = d · (k - 1) + 1 the dilated kernel and s the stride.
"""

from __future__ import annotations

import numpy as np

from shared.nn import AvgPool2d, Conv2d, Flatten, MaxPool2d, Sequential
from shared.tensor import Tensor, no_grad

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def _first(value: int | tuple[int, int] | None) -> int | None:
    """The height component of an int-or-pair setting."""
    return value[0] if isinstance(value, tuple) else value


def layer_summary(
    model: Sequential, input_shape: tuple[int, int, int]
) -> list[tuple[str, tuple[int, ...], int]]:
    """One row per layer of ``model``: (class name, output shape of one sample, number of
    parameters of that layer).

    Inputs: model, a Sequential of layers; input_shape (C, H, W) of one sample.
    The layers are the Sequential's direct children, in order (``for layer in model``;
    a nested Sequential is one row, its parameters summed). Runs one sample of zeros
    (float32) through them in eval mode under ``no_grad`` (nothing is learned or tracked)
    and then calls ``model.train(mode)`` with the ``model.training`` it found, even when a
    layer raises. Returns: rows ``(str, tuple of ints, int)``, the count a Python int
    (``layer.num_parameters()``), e.g. ``("Conv2d", (16, 28, 28), 416)`` for the first
    layer of the project's network; the shapes have no batch axis.
    """
    raise NotImplementedError('P09 Task 6 · layer_summary (projects/p09_cnn/analysis.py) — see projects/p09_cnn/README.md#task-6')


def receptive_fields(model: Sequential) -> list[int]:
    """The receptive field (in input pixels, along the height) of a unit after each layer,
    for every layer before the first ``Flatten``.

    Starting from r = 1, j = 1 (a pixel sees itself), a Conv2d, MaxPool2d or AvgPool2d
    with kernel k, stride s (a pool's stride defaults to its kernel) and dilation d (1 for
    pools) updates r ← r + (d·(k - 1))·j, then j ← j·s; every other layer (BatchNorm,
    ReLU) leaves both unchanged; so does a nested Sequential, which is one layer here and
    is not looked into. Padding does not change the size of the field.
    Returns: one int per layer up to the first Flatten (all layers when there is none);
    e.g. [5, 5, 5, 6, 14, 14, 14, 16] for the project's network.
    """
    raise NotImplementedError('P09 Task 6 · receptive_fields (projects/p09_cnn/analysis.py) — see projects/p09_cnn/README.md#task-6')


def feature_maps(model: Sequential, image: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """What every layer of ``model`` makes of one image.

    Inputs: image (C, H, W) (one sample, no batch axis).
    Returns: one (class name, output without the batch axis) pair per direct child of the
    Sequential, in order: (C1, H1, W1) NumPy arrays for the convolutional part, (F,)
    vectors after Flatten, each ``output.data[0]`` (a view of that layer's output, not a
    copy; Flatten's shares memory with the map before it; copies are accepted too, the
    tests read values only). The image is run as float32, in eval mode under ``no_grad``;
    afterwards ``model.train(mode)`` restores the ``model.training`` it found, as in
    ``layer_summary``.
    Raises ValueError when the image is not 3-D (naming its shape).
    """
    raise NotImplementedError('P09 Task 6 · feature_maps (projects/p09_cnn/analysis.py) — see projects/p09_cnn/README.md#task-6')


def conv_parameters(
    in_channels: int, out_channels: int, kernel_size: int, bias: bool = True
) -> int:
    """Parameters of a Conv2d with a square kernel: C_out · (C_in · k · k + [bias]). Given
    helper, used by the demo's printout."""
    return out_channels * (in_channels * kernel_size * kernel_size + int(bias))


__all__ = ["conv_parameters", "feature_maps", "layer_summary", "receptive_fields"]
