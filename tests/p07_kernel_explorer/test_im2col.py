"""Task 3: im2col's column layout and col2im, its adjoint."""

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


@pytest.mark.task(3)
@pytest.mark.points(2)
@settings(max_examples=30)
@given(data=st.data())
def test_im2col_matches_the_element_formula(data, ref, draw_geometry, make_arrays):
    from shared.conv import im2col

    g = draw_geometry(data)
    x, _, _ = make_arrays(g)
    got = im2col(x, g.kernel, stride=g.stride, padding=g.padding, dilation=g.dilation)
    expected = ref.im2col(x, g.kernel, g.stride, g.padding, g.dilation)
    assert got.shape == expected.shape, f"{g}: im2col shape {got.shape}, expected {expected.shape}"
    np.testing.assert_array_equal(got, expected, err_msg=f"im2col layout wrong for {g}")


@pytest.mark.task(3)
@pytest.mark.points(2)
@settings(max_examples=30)
@given(data=st.data())
def test_col2im_is_the_adjoint_of_im2col(data, draw_geometry, make_arrays):
    from shared.conv import col2im, im2col

    g = draw_geometry(data)
    x, _, _ = make_arrays(g)
    cols = im2col(x, g.kernel, stride=g.stride, padding=g.padding, dilation=g.dilation)
    y = np.random.default_rng(g.seed + 1).standard_normal(cols.shape)
    back = col2im(y, g.x_shape, g.kernel, stride=g.stride, padding=g.padding, dilation=g.dilation)
    assert back.shape == g.x_shape, f"{g}: col2im shape {back.shape}, expected {g.x_shape}"
    lhs, rhs = float(np.sum(cols * y)), float(np.sum(x * back))
    assert abs(lhs - rhs) <= 1e-10 * max(1.0, abs(lhs)), (
        f"{g}: <im2col(x), y> = {lhs!r} but <x, col2im(y)> = {rhs!r}"
    )


@pytest.mark.task(3)
def test_col2im_of_ones_counts_how_many_windows_read_each_pixel():
    from shared.conv import col2im

    # 4x4 image, 3x3 kernel, stride 1, no padding: 2x2 windows; a corner pixel is read by
    # one window, the four centre pixels by all four.
    counts = col2im(np.ones((1, 9, 4)), (1, 1, 4, 4), 3)[0, 0]
    expected = np.array([[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]], float)
    np.testing.assert_array_equal(counts, expected, err_msg="col2im must add, not overwrite")


@pytest.mark.task(3)
def test_im2col_keeps_float32_and_col2im_drops_the_padding():
    from shared.conv import col2im, im2col

    x = np.random.default_rng(0).standard_normal((2, 2, 5, 5)).astype(np.float32)
    cols = im2col(x, 3, padding=1)
    assert cols.dtype == np.float32, f"im2col must keep float32, got {cols.dtype}"
    assert cols.shape == (2, 18, 25), f"expected (2, 18, 25), got {cols.shape}"
    back = col2im(cols, x.shape, 3, padding=1)
    assert back.shape == x.shape, f"col2im must return x's shape {x.shape}, got {back.shape}"


@pytest.mark.task(3)
def test_im2col_and_col2im_errors():
    from shared.conv import col2im, im2col

    with pytest.raises(ValueError, match=r"\(5, 5\)"):
        im2col(np.ones((5, 5)), 3)
    with pytest.raises(ValueError, match="kernel"):
        im2col(np.ones((1, 1, 2, 2)), 3)
    with pytest.raises(ValueError, match=r"\(1, 9, 5\)"):
        col2im(np.ones((1, 9, 5)), (1, 1, 4, 4), 3)
