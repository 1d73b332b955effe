"""The hidden tests' references for P07 (hidden support: never shipped with the public tests).

The references never call course code: they index the unpadded image directly and treat
every position outside it as 0, one output element at a time, so they share no padding,
slicing or reshaping with any implementation under test. Hidden test modules load this
file with ``m2m.testing.hidden_support(__file__, "oracles")`` and take the ``ref`` fixture
from it.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest


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
