"""The hidden tests' references for P09 (hidden support: never shipped with the public tests).

Hidden test modules load this file with ``m2m.testing.hidden_support(__file__, "oracles")``
and take the fixtures they use from it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest


def _conv_loops(x, w, b=None, stride=(1, 1), pads=((0, 0), (0, 0)), dilation=(1, 1)):
    """Cross-correlation by the definition, float64, six nested loops over output pixels
    and kernel taps: out[n, o, y, z] = b[o] + Σ W[o, c, i, j] x_pad[n, c, y s + i d, z s + j d].
    """
    x = np.pad(np.asarray(x, dtype=np.float64), ((0, 0), (0, 0), *pads))
    w = np.asarray(w, dtype=np.float64)
    n, c, h, wd = x.shape
    o, _, kh, kw = w.shape
    oh = (h - dilation[0] * (kh - 1) - 1) // stride[0] + 1
    ow = (wd - dilation[1] * (kw - 1) - 1) // stride[1] + 1
    out = np.zeros((n, o, oh, ow))
    for y in range(oh):
        for z in range(ow):
            for i in range(kh):
                for j in range(kw):
                    pixel = x[
                        :, :, y * stride[0] + i * dilation[0], z * stride[1] + j * dilation[1]
                    ]
                    out[:, :, y, z] += pixel @ w[:, :, i, j].T
    if b is not None:
        out += np.asarray(b, dtype=np.float64)[None, :, None, None]
    return out


@pytest.fixture
def conv_loops() -> Callable[..., np.ndarray]:
    return _conv_loops


def _lenet(rng: int = 0):
    """The network of the brief built directly from shared.nn layers (not through
    ``build_lenet``), so that the tests of Task 6 do not depend on Task 5."""
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

    g = np.random.default_rng(rng)
    return Sequential(
        Conv2d(1, 16, 5, padding=2, rng=g),
        BatchNorm2d(16),
        ReLU(),
        MaxPool2d(2),
        Conv2d(16, 32, 5, rng=g),
        BatchNorm2d(32),
        ReLU(),
        MaxPool2d(2),
        Flatten(),
        Linear(800, 128, rng=g),
        BatchNorm1d(128),
        ReLU(),
        Linear(128, 10, rng=g),
    )


@pytest.fixture
def lenet() -> Callable[..., object]:
    return _lenet
