"""Task 4: conv2d as im2col and one matrix product."""

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


@pytest.mark.task(4)
@pytest.mark.points(3)
@settings(max_examples=40)
@given(data=st.data())
def test_conv2d_equals_the_loops_over_drawn_geometries(data, ref, draw_geometry, make_arrays):
    from shared.conv import conv2d

    g = draw_geometry(data)
    x, w, b = make_arrays(g, bias=g.seed % 2 == 0)
    got = conv2d(x, w, b, stride=g.stride, padding=g.padding, dilation=g.dilation)
    pads = ((g.padding[0],) * 2, (g.padding[1],) * 2)
    expected = ref.conv(x, w, b, g.stride, pads, g.dilation)
    assert got.shape == expected.shape, f"{g}: output shape {got.shape}, expected {expected.shape}"
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12, err_msg=f"conv2d wrong for {g}")


@pytest.mark.task(4)
@pytest.mark.parametrize("kernel", [(3, 3), (4, 2), (2, 5)])
def test_conv2d_same_padding(kernel, ref):
    from shared.conv import conv2d

    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 2, 7, 6))
    w = rng.standard_normal((3, 2, *kernel))
    got = conv2d(x, w, padding="same")
    pads = tuple(((k - 1) // 2, k - 1 - (k - 1) // 2) for k in kernel)
    assert got.shape == (2, 3, 7, 6), f"'same' must keep (7, 6), got {got.shape[2:]}"
    np.testing.assert_allclose(got, ref.conv(x, w, pads=pads), atol=1e-12, err_msg="'same'")


@pytest.mark.task(4)
def test_conv2d_float32_stays_float32():
    from shared.conv import conv2d

    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 8, 8)).astype(np.float32)
    w = rng.standard_normal((4, 3, 3, 3)).astype(np.float32)
    got = conv2d(x, w, np.zeros(4, np.float32), padding=1)
    assert got.dtype == np.float32, f"float32 inputs must give float32, got {got.dtype}"
    assert got.shape == (2, 4, 8, 8), f"expected (2, 4, 8, 8), got {got.shape}"
    with_b64 = conv2d(x, w, np.zeros(4), padding=1)
    assert with_b64.dtype == np.float32, (
        f"the dtype is np.result_type(x, w) and b is cast to it: float32 x and w with a "
        f"float64 b must give float32, got {with_b64.dtype}"
    )


@pytest.mark.task(4)
def test_conv2d_rejects_bad_input_clearly(bad_input):
    from shared.conv import conv2d

    x_shape, w_shape, b_len, kwargs, error, names = bad_input
    x, w = np.ones(x_shape), np.ones(w_shape)
    b = None if b_len is None else np.ones(b_len)
    with pytest.raises(error, match=names):
        conv2d(x, w, b, **kwargs)
