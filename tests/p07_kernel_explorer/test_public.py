"""P07 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p07`` or ``python -m pytest tests/p07_kernel_explorer``.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.public


def correlate_loops(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Stride-1, unpadded cross-correlation of one (H, W) image with one (kH, kW) kernel,
    written with every loop spelled out (independent of the course code)."""
    kh, kw = w.shape
    out = np.zeros((x.shape[0] - kh + 1, x.shape[1] - kw + 1))
    for p in range(out.shape[0]):
        for q in range(out.shape[1]):
            for i in range(kh):
                for j in range(kw):
                    out[p, q] += x[p + i, q + j] * w[i, j]
    return out


# ------------------------------------------------------------ Task 1 · sizes and padding


@pytest.mark.task(1)
def test_output_size_formula_on_hand_worked_cases():
    from shared.conv import conv_output_size

    cases = [
        # (size, kernel, stride, padding, dilation) -> expected
        ((5, 3, 1, 0, 1), 3),
        ((5, 3, 1, 1, 1), 5),
        ((7, 3, 2, 0, 1), 3),
        ((8, 3, 2, 1, 1), 4),
        ((7, 3, 1, 0, 2), 3),  # a 3-tap kernel with dilation 2 spans 5 pixels
        ((28, 5, 1, 2, 1), 28),
    ]
    for args, expected in cases:
        got = conv_output_size(*args)
        assert got == expected, f"conv_output_size{args} returned {got}, expected {expected}"


@pytest.mark.task(1)
def test_pad2d_zero_pads_the_last_two_axes():
    from shared.conv import pad2d

    x = np.arange(1.0, 7.0).reshape(1, 1, 2, 3)
    got = pad2d(x, 1)
    expected = np.zeros((1, 1, 4, 5))
    expected[0, 0, 1:3, 1:4] = x[0, 0]
    assert got.shape == (1, 1, 4, 5), f"pad2d(x, 1) of shape (1, 1, 2, 3) gave {got.shape}"
    np.testing.assert_array_equal(got, expected, err_msg="pad2d must surround x with zeros")


# ------------------------------------------------------------ Task 2 · the definition


@pytest.mark.task(2)
def test_naive_matches_hand_loops_on_one_channel():
    from shared.conv import conv2d_naive

    rng = np.random.default_rng(7)
    x = rng.standard_normal((6, 7))
    w = rng.standard_normal((3, 2))
    got = conv2d_naive(x[None, None], w[None, None])
    assert got.shape == (1, 1, 4, 6), f"expected output shape (1, 1, 4, 6), got {got.shape}"
    np.testing.assert_allclose(
        got[0, 0],
        correlate_loops(x, w),
        atol=1e-12,
        err_msg="conv2d_naive is not the cross-correlation sum_ij x[p+i, q+j] w[i, j]",
    )


# ------------------------------------------------------------ Task 3 · im2col and col2im


@pytest.mark.task(3)
def test_im2col_column_layout_on_a_tiny_image():
    from shared.conv import im2col

    x = np.arange(9.0).reshape(1, 1, 3, 3)
    cols = im2col(x, 2)
    # the four 2x2 windows, each flattened row-major, are the columns
    expected = np.array([[0, 1, 3, 4], [1, 2, 4, 5], [3, 4, 6, 7], [4, 5, 7, 8]], float)
    assert cols.shape == (1, 4, 4), f"im2col of (1, 1, 3, 3) with a 2x2 kernel: shape {cols.shape}"
    np.testing.assert_array_equal(
        cols[0], expected, err_msg="row r = i*kW + j, column l = p*oW + q of im2col"
    )


@pytest.mark.task(3)
def test_col2im_is_the_adjoint_of_im2col():
    from shared.conv import col2im, im2col

    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 3, 7, 6))
    cols = im2col(x, (3, 2), stride=2, padding=1, dilation=(1, 2))
    y = rng.standard_normal(cols.shape)
    back = col2im(y, x.shape, (3, 2), stride=2, padding=1, dilation=(1, 2))
    lhs, rhs = float(np.sum(cols * y)), float(np.sum(x * back))
    assert back.shape == x.shape, f"col2im returned shape {back.shape}, expected {x.shape}"
    assert abs(lhs - rhs) <= 1e-10 * max(1.0, abs(lhs)), (
        f"<im2col(x), y> = {lhs} but <x, col2im(y)> = {rhs}; they must be equal"
    )


# ------------------------------------------------------ Task 4 · conv2d as one product


@pytest.mark.task(4)
def test_conv2d_matches_loops_with_channels_and_bias():
    from shared.conv import conv2d

    rng = np.random.default_rng(11)
    x = rng.standard_normal((2, 3, 6, 5))
    w = rng.standard_normal((4, 3, 3, 3))
    b = rng.standard_normal(4)
    got = conv2d(x, w, b)
    expected = np.zeros((2, 4, 4, 3))
    for n in range(2):
        for o in range(4):
            expected[n, o] = b[o] + sum(correlate_loops(x[n, c], w[o, c]) for c in range(3))
    np.testing.assert_allclose(got, expected, atol=1e-12, err_msg="conv2d differs from loops")


# ------------------------------------------------------------ Task 5 · the FFT route


@pytest.mark.task(5)
def test_fft_route_equals_the_direct_sum():
    from shared.conv import conv2d_fft

    rng = np.random.default_rng(5)
    x = rng.standard_normal((1, 2, 9, 8))
    w = rng.standard_normal((1, 2, 4, 3))
    got = conv2d_fft(x, w)
    expected = correlate_loops(x[0, 0], w[0, 0]) + correlate_loops(x[0, 1], w[0, 1])
    np.testing.assert_allclose(
        got[0, 0], expected, atol=1e-9, err_msg="conv2d_fft must equal the direct sum"
    )
