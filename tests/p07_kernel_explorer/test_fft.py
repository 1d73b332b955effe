"""Task 5: convolution through the FFT."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
ref = oracles.ref


@pytest.mark.task(5)
@pytest.mark.points(2)
@settings(max_examples=30)
@given(data=st.data())
def test_fft_equals_the_direct_sum_over_drawn_geometries(data, ref, draw_geometry, make_arrays):
    from shared.conv import conv2d_fft

    g = draw_geometry(data, max_stride=1, max_dilation=1)
    x, w, b = make_arrays(g)
    got = conv2d_fft(x, w, b, padding=g.padding)
    pads = ((g.padding[0],) * 2, (g.padding[1],) * 2)
    expected = ref.conv(x, w, b, pads=pads)
    assert got.shape == expected.shape, f"{g}: output shape {got.shape}, expected {expected.shape}"
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-9, err_msg=f"conv2d_fft, {g}")


@pytest.mark.task(5)
def test_fft_on_a_larger_image_with_a_large_kernel(ref):
    from shared.conv import conv2d_fft

    rng = np.random.default_rng(9)
    x = rng.standard_normal((1, 1, 20, 17))
    w = rng.standard_normal((2, 1, 9, 11))
    got = conv2d_fft(x, w, padding=(3, 0))
    np.testing.assert_allclose(
        got, ref.conv(x, w, pads=((3, 3), (0, 0))), atol=1e-9, err_msg="9×11 kernel, padding (3, 0)"
    )


@pytest.mark.task(5)
def test_fft_same_padding_and_float32(ref):
    from shared.conv import conv2d_fft

    rng = np.random.default_rng(6)
    x = rng.standard_normal((2, 2, 9, 8))
    w = rng.standard_normal((1, 2, 4, 3))
    got = conv2d_fft(x, w, padding="same")
    assert got.shape == (2, 1, 9, 8), f"'same' must keep (9, 8), got {got.shape[2:]}"
    np.testing.assert_allclose(got, ref.conv(x, w, pads=((1, 2), (1, 1))), atol=1e-9)
    big = rng.standard_normal((1, 2, 11, 10))  # kernel larger than the image: "same" pads it
    got = conv2d_fft(x, big, padding="same")
    assert got.shape == (2, 1, 9, 8), f"'same' with an 11 × 10 kernel keeps (9, 8), got {got.shape}"
    np.testing.assert_allclose(got, ref.conv(x, big, pads=((5, 5), (4, 5))), atol=1e-9)
    low = conv2d_fft(x.astype(np.float32), w.astype(np.float32))
    assert low.dtype == np.float32, f"float32 inputs must give float32, got {low.dtype}"


@pytest.mark.task(5)
def test_fft_rejects_bad_input_clearly(bad_input_stride_free):
    from shared.conv import conv2d_fft

    x_shape, w_shape, b_len, kwargs, error, names = bad_input_stride_free
    x, w = np.ones(x_shape), np.ones(w_shape)
    b = None if b_len is None else np.ones(b_len)
    with pytest.raises(error, match=names):
        conv2d_fft(x, w, b, **kwargs)
