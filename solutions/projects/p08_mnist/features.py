"""From MNIST images to the network's input vectors.

An image is a 28 × 28 grid of grey levels 0 (background) to 255 (ink). The MLP sees it
as one vector of 784 numbers, read row by row. Scaling to [0, 1] keeps the first layer's
pre-activations of the size that He initialisation expects; the experiment then
standardises with the training set's pixel mean and standard deviation (two numbers,
learned on the training images only).
"""

from __future__ import annotations

import numpy as np


def flatten_pixels(images: np.ndarray) -> np.ndarray:
    """Images as rows of pixel intensities in [0, 1].

    Inputs: images (N, H, W) of grey levels 0-255 (uint8, or any numbers in that range).
    Returns: (N, H·W) float32, row-major (pixel (r, c) at column r·W + c), each value
    divided by 255.
    Raises ValueError when images is not 3-D or holds values outside [0, 255].
    """
    ### BEGIN SOLUTION t5
    images = np.asarray(images)
    if images.ndim != 3:
        raise ValueError(
            f"flatten_pixels: expected images of shape (N, H, W), got shape {images.shape}"
        )
    if images.size and (images.min() < 0 or images.max() > 255):
        raise ValueError(
            f"flatten_pixels: grey levels must lie in [0, 255], got values from "
            f"{images.min()} to {images.max()}"
        )
    n = images.shape[0]
    pixels = images.reshape(n, -1).astype(np.float32)  # a copy, so dividing in place is safe
    pixels /= np.float32(255.0)
    return pixels
    ### END SOLUTION
