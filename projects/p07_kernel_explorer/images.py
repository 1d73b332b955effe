"""The project's images (given): the Grace Hopper photo in grey, and MNIST digits."""

from __future__ import annotations

import numpy as np

from shared.datasets import load_mnist, load_sample_image

# ITU-R BT.601 luma weights: how bright each of R, G, B looks to the eye.
LUMA = np.array([0.299, 0.587, 0.114])


def photo_gray(step: int = 2) -> np.ndarray:
    """The Grace Hopper portrait as grey levels in [0, 1], float64.

    ``load_sample_image`` gives (600, 512, 3) uint8 RGB; it is turned to luma and shrunk by
    averaging ``step`` × ``step`` blocks: (300, 256) for the default step 2.
    """
    rgb = load_sample_image("grace_hopper").astype(np.float64) / 255.0
    gray = rgb @ LUMA
    h, w = (s - s % step for s in gray.shape)
    blocks = gray[:h, :w].reshape(h // step, step, w // step, step)
    return blocks.mean(axis=(1, 3))


def mnist_digits(n: int = 8, split: str = "test") -> tuple[np.ndarray, np.ndarray]:
    """The first ``n`` digits of an MNIST split, one of each class first where possible.

    Returns: images (n, 28, 28) float64 in [0, 1] and their int64 labels.
    """
    images, labels = load_mnist(split)
    order = [int(np.flatnonzero(labels == d)[0]) for d in range(10)][:n]
    extra = np.setdiff1d(np.arange(n + 10), order)[: n - len(order)]
    order = np.concatenate([np.array(order, dtype=np.int64), extra])
    return images[order].astype(np.float64) / 255.0, labels[order]
