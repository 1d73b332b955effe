"""Fixtures of the P07 suite: independent references and a hypothesis strategy of
convolution geometries.

The references here never call course code: they index the unpadded image directly and
treat every position outside it as 0, one output element at a time, so they share no
padding, slicing or reshaping with any implementation under test.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import strategies as st


def conv_reference(x, w, b=None, stride=(1, 1), pads=((0, 0), (0, 0)), dilation=(1, 1)):
    """out[n, o, p, q] = b[o] + Σ x[n, c, p·sH + i·dH − top, q·sW + j·dW − left] w[o, c, i, j],
    a pixel outside the image counting as 0; explicit loops, float64."""
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    n_img, c_in, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    (sh, sw), (dh, dw) = stride, dilation
    (top, bottom), (left, right) = pads
    oh = (h + top + bottom - dh * (kh - 1) - 1) // sh + 1
    ow = (wd + left + right - dw * (kw - 1) - 1) // sw + 1
    out = np.zeros((n_img, c_out, oh, ow))
    for n in range(n_img):
        for o in range(c_out):
            for p in range(oh):
                for q in range(ow):
                    acc = 0.0 if b is None else float(b[o])
                    for c in range(c_in):
                        for i in range(kh):
                            r = p * sh + i * dh - top
                            if not 0 <= r < h:
                                continue
                            for j in range(kw):
                                s = q * sw + j * dw - left
                                if 0 <= s < wd:
                                    acc += x[n, c, r, s] * w[o, c, i, j]
                    out[n, o, p, q] = acc
    return out


def im2col_reference(x, kernel, stride=(1, 1), pads=(0, 0), dilation=(1, 1)):
    """cols[n, (c·kH + i)·kW + j, p·oW + q] = x[n, c, p·sH + i·dH − pH, q·sW + j·dW − pW]
    (0 outside the image), one element at a time."""
    n_img, c_in, h, wd = x.shape
    (kh, kw), (sh, sw), (ph, pw), (dh, dw) = kernel, stride, pads, dilation
    oh = (h + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    ow = (wd + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    cols = np.zeros((n_img, c_in * kh * kw, oh * ow))
    for r_idx in range(c_in * kh * kw):
        c, rest = divmod(r_idx, kh * kw)
        i, j = divmod(rest, kw)
        for l_idx in range(oh * ow):
            p, q = divmod(l_idx, ow)
            r, s = p * sh + i * dh - ph, q * sw + j * dw - pw
            if 0 <= r < h and 0 <= s < wd:
                cols[:, r_idx, l_idx] = x[:, c, r, s]
    return cols


def correlate_same(image, kernel):
    """Stride-1 cross-correlation of a 2-D image with "same" zero padding (the extra pixel
    of an even kernel after), by shifting and adding the image once per kernel tap."""
    h, w = image.shape
    kh, kw = kernel.shape
    top, left = (kh - 1) // 2, (kw - 1) // 2
    out = np.zeros((h, w))
    for i in range(kh):
        for j in range(kw):
            shifted = np.zeros((h, w))
            di, dj = i - top, j - left  # out[p, q] reads image[p + di, q + dj]
            rows = slice(max(0, -di), min(h, h - di))
            cols = slice(max(0, -dj), min(w, w - dj))
            shifted[rows, cols] = image[
                rows.start + di : rows.stop + di, cols.start + dj : cols.stop + dj
            ]
            out += kernel[i, j] * shifted
    return out


@pytest.fixture(scope="session")
def ref() -> SimpleNamespace:
    return SimpleNamespace(
        conv=conv_reference, im2col=im2col_reference, correlate_same=correlate_same
    )


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
