"""Task 2: the definition as loops, and the errors every conv2d route shares."""

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


@pytest.mark.task(2)
@pytest.mark.points(2)
@settings(max_examples=25)
@given(data=st.data())
def test_naive_equals_the_reference_over_drawn_geometries(data, ref, draw_geometry, make_arrays):
    from shared.conv import conv2d_naive

    g = draw_geometry(data)
    x, w, b = make_arrays(g)
    got = conv2d_naive(x, w, b, stride=g.stride, padding=g.padding, dilation=g.dilation)
    pads = ((g.padding[0],) * 2, (g.padding[1],) * 2)
    expected = ref.conv(x, w, b, g.stride, pads, g.dilation)
    assert got.shape == expected.shape, f"{g}: output shape {got.shape}, expected {expected.shape}"
    np.testing.assert_allclose(got, expected, atol=1e-12, err_msg=f"conv2d_naive wrong for {g}")


@pytest.mark.task(2)
def test_naive_same_padding_keeps_the_size_with_an_even_kernel(ref):
    from shared.conv import conv2d_naive

    rng = np.random.default_rng(2)
    x = rng.standard_normal((1, 2, 6, 5))
    w = rng.standard_normal((3, 2, 4, 2))
    got = conv2d_naive(x, w, padding="same")
    expected = ref.conv(x, w, pads=((1, 2), (0, 1)))
    assert got.shape == (1, 3, 6, 5), f"'same' must keep (6, 5), got {got.shape[2:]}"
    np.testing.assert_allclose(got, expected, atol=1e-12, err_msg="'same': extra pixel after")


@pytest.mark.task(2)
def test_naive_is_a_cross_correlation_not_a_flipped_convolution():
    from shared.conv import conv2d_naive

    x = np.zeros((1, 1, 3, 3))
    x[0, 0, 1, 1] = 1.0  # an impulse in the middle
    w = np.arange(1.0, 10.0).reshape(1, 1, 3, 3)
    got = conv2d_naive(x, w, padding=1)[0, 0]
    np.testing.assert_array_equal(
        got,
        w[0, 0, ::-1, ::-1],
        err_msg="cross-correlating an impulse must give the kernel flipped (no flip in the sum)",
    )


@pytest.mark.task(2)
def test_naive_rejects_bad_input_clearly(bad_input):
    from shared.conv import conv2d_naive

    x_shape, w_shape, b_len, kwargs, error, names = bad_input
    x, w = np.ones(x_shape), np.ones(w_shape)
    b = None if b_len is None else np.ones(b_len)
    with pytest.raises(error, match=names):
        conv2d_naive(x, w, b, **kwargs)
