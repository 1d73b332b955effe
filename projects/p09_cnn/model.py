"""The network: a LeNet-style convolutional classifier with batch normalisation.

    x (N, 1, 28, 28)
      -> Conv2d(1, 16, 5, padding=2) -> BatchNorm2d(16) -> ReLU -> MaxPool2d(2)   (N, 16, 14, 14)
      -> Conv2d(16, 32, 5)           -> BatchNorm2d(32) -> ReLU -> MaxPool2d(2)   (N, 32, 5, 5)
      -> Flatten                                                                  (N, 800)
      -> Linear(800, 128) -> BatchNorm1d(128) -> ReLU
      -> Linear(128, 10)                                                          logits (N, 10)

LeCun's LeNet-5 (1998) had the same rhythm, convolution, subsampling, convolution,
subsampling, then fully connected layers, with 6 and 16 feature maps; here the maps are
wider (16 and 32) and every hidden layer is batch-normalised, which lets a large learning
rate train it in a few epochs. 117,418 parameters, about as many as P08's MLP.
"""

from __future__ import annotations

from shared.init import RNGLike, get_rng
from shared.nn import (
    BatchNorm1d,
    BatchNorm2d,
    Conv2d,
    Flatten,
    Linear,
    MaxPool2d,
    ReLU,
    Sequential,
)

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

#: (channels of the first convolution, of the second, width of the hidden dense layer)
WIDTHS = (16, 32, 128)


def build_lenet(
    in_channels: int = 1,
    n_classes: int = 10,
    widths: tuple[int, int, int] = WIDTHS,
    rng: RNGLike = 0,
) -> Sequential:
    """The network of the module docstring, as one ``Sequential`` of 13 layers:

    ``Conv2d(in_channels, c1, 5, padding=2), BatchNorm2d(c1), ReLU(), MaxPool2d(2),
    Conv2d(c1, c2, 5), BatchNorm2d(c2), ReLU(), MaxPool2d(2), Flatten(),
    Linear(c2·5·5, h), BatchNorm1d(h), ReLU(), Linear(h, n_classes)`` with
    ``(c1, c2, h) = widths`` (indices 0 to 12).

    Inputs: in_channels; n_classes; widths; rng, a seed or Generator passed to every
    Conv2d and Linear (one stream, He-uniform weights, zero biases), so the same seed builds
    the same network.
    Returns: the model; forward maps (N, in_channels, 28, 28) to logits (N, n_classes).
    """
    raise NotImplementedError('P09 Task 5 · build_lenet (projects/p09_cnn/model.py) — see projects/p09_cnn/README.md#task-5')
