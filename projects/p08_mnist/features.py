"""From MNIST images to the network's input vectors.

An image is a 28 × 28 grid of grey levels 0 (background) to 255 (ink). The MLP sees it
as one vector of 784 numbers, read row by row. Scaling to [0, 1] keeps the first layer's
pre-activations of the size that He initialisation expects; the experiment then
standardises with the training set's pixel mean and standard deviation (two numbers,
learned on the training images only).
"""

from __future__ import annotations

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def flatten_pixels(images: np.ndarray) -> np.ndarray:
    """Images as rows of pixel intensities in [0, 1].

    Inputs: images (N, H, W) of grey levels 0-255 (uint8, or any numbers in that range).
    Returns: (N, H·W) float32, row-major (pixel (r, c) at column r·W + c), each value
    divided by 255.
    Raises ValueError when images is not 3-D or holds values outside [0, 255].
    """
    raise NotImplementedError('P08 Task 5 · flatten_pixels (projects/p08_mnist/features.py) — see projects/p08_mnist/README.md#task-5')
