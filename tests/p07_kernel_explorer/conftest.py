"""Fixtures of the P07 suite: a hypothesis strategy of convolution geometries, seeded
arrays of a geometry's shapes, and the bad calls every conv2d route must refuse.

The hidden tests' loop references (``ref``) are in hidden_oracles.py, which ships with
them only.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import strategies as st


@st.composite
def geometries(draw, max_stride: int = 3, max_dilation: int = 2, max_padding: int = 2):
    """A small valid convolution: shapes, stride, padding, dilation and a data seed."""
    n = draw(st.integers(1, 2))
    c_in = draw(st.integers(1, 3))
    c_out = draw(st.integers(1, 3))
    kh, kw = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    sh, sw = draw(st.integers(1, max_stride)), draw(st.integers(1, max_stride))
    dh, dw = draw(st.integers(1, max_dilation)), draw(st.integers(1, max_dilation))
    ph, pw = draw(st.integers(0, max_padding)), draw(st.integers(0, max_padding))
    h = max(1, dh * (kh - 1) + 1 - 2 * ph + draw(st.integers(0, 5)))
    w = max(1, dw * (kw - 1) + 1 - 2 * pw + draw(st.integers(0, 5)))
    seed = draw(st.integers(0, 2**16))
    return SimpleNamespace(
        x_shape=(n, c_in, h, w),
        w_shape=(c_out, c_in, kh, kw),
        kernel=(kh, kw),
        stride=(sh, sw),
        padding=(ph, pw),
        dilation=(dh, dw),
        seed=seed,
    )


@pytest.fixture(scope="session")
def draw_geometry():
    """``draw_geometry(data, **limits)``: one geometry drawn inside a ``st.data()`` test."""

    def draw(data, **limits) -> SimpleNamespace:
        return data.draw(geometries(**limits), label="geometry")

    return draw


def arrays_for(g: SimpleNamespace, bias: bool = True):
    """Seeded float64 x, w (and b) of a geometry's shapes."""
    rng = np.random.default_rng(g.seed)
    x = rng.standard_normal(g.x_shape)
    w = rng.standard_normal(g.w_shape)
    b = rng.standard_normal(g.w_shape[0]) if bias else None
    return x, w, b


@pytest.fixture(scope="session")
def make_arrays():
    return arrays_for


# (x shape, w shape, bias length or None, keyword arguments, error, what the message names)
BAD_INPUTS = {
    "x_not_4_d": ((3, 5, 5), (2, 3, 3, 3), None, {}, ValueError, r"\(3, 5, 5\)"),
    "w_not_4_d": ((1, 3, 5, 5), (3, 3, 3), None, {}, ValueError, r"\(3, 3, 3\)"),
    "channel_mismatch": ((1, 3, 5, 5), (2, 4, 3, 3), None, {}, ValueError, r"(?s)3.*4|4.*3"),
    "bias_length": ((1, 3, 5, 5), (2, 3, 3, 3), 5, {}, ValueError, "5"),
    "negative_padding": ((1, 1, 5, 5), (1, 1, 3, 3), None, {"padding": -1}, ValueError, "padding"),
    "kernel_too_large": ((1, 1, 4, 4), (1, 1, 5, 5), None, {}, ValueError, "kernel"),
    "too_large_even_padded": (
        (1, 1, 3, 3),
        (1, 1, 7, 7),
        None,
        {"padding": 1},
        ValueError,
        "kernel",
    ),
}
BAD_STRIDES = {
    "stride_0": ((1, 1, 5, 5), (1, 1, 3, 3), None, {"stride": 0}, ValueError, "stride"),
    "negative_stride": (
        (1, 1, 5, 5),
        (1, 1, 3, 3),
        None,
        {"stride": (1, -1)},
        ValueError,
        "stride",
    ),
    "dilation_0": ((1, 1, 5, 5), (1, 1, 3, 3), None, {"dilation": 0}, ValueError, "dilation"),
    "same_with_stride_2": (
        (1, 1, 6, 6),
        (1, 1, 3, 3),
        None,
        {"padding": "same", "stride": 2},
        ValueError,
        "stride",
    ),
}


@pytest.fixture(params=list(BAD_INPUTS | BAD_STRIDES))
def bad_input(request):
    """One bad call of a conv2d route (every route with stride and dilation)."""
    return (BAD_INPUTS | BAD_STRIDES)[request.param]


@pytest.fixture(params=list(BAD_INPUTS))
def bad_input_stride_free(request):
    """One bad call that conv2d_fft (no stride, no dilation) must refuse too."""
    return BAD_INPUTS[request.param]
