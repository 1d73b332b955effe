"""P07 public tests: one or two per task, shipped with the assignment.

Run them with ``m2m grade p07`` or ``python -m pytest tests/p07_kernel_explorer``.
"""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.public

# A worked example used by Tasks 2, 4 and 5. On the image x[p, q] = 4p + q (3 x 4) the
# 2 x 2 kernel w = [[1, 2], [3, 4]] gives, for out[p, q] = sum_ij w[i, j] x[p + i, q + j],
#   (4p + q) + 2 (4p + q + 1) + 3 (4p + q + 4) + 4 (4p + q + 5) = 40p + 10q + 34.
# (The flipped kernel, a true convolution, would give 40p + 10q + 16.)
RAMP = np.arange(12.0).reshape(3, 4)
KERNEL = np.array([[1.0, 2.0], [3.0, 4.0]])
RAMP_OUT = np.array([[34.0, 44.0, 54.0], [74.0, 84.0, 94.0]])


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

    got = conv2d_naive(RAMP[None, None], KERNEL[None, None])
    assert got.shape == (1, 1, 2, 3), f"expected output shape (1, 1, 2, 3), got {got.shape}"
    np.testing.assert_allclose(
        got[0, 0],
        RAMP_OUT,
        atol=1e-12,
        err_msg="conv2d_naive is not the cross-correlation sum_ij x[p+i, q+j] w[i, j]: "
        "on x[p, q] = 4p + q with w = [[1, 2], [3, 4]] it is 40p + 10q + 34",
    )
    # A kernel with a single 1 at (i, j) picks the window of x that starts at (i, j).
    x = np.random.default_rng(7).standard_normal((6, 7))
    for i, j in [(0, 0), (2, 1), (1, 0)]:
        tap = np.zeros((3, 2))
        tap[i, j] = 1.0
        got = conv2d_naive(x[None, None], tap[None, None])
        assert got.shape == (1, 1, 4, 6), f"expected output shape (1, 1, 4, 6), got {got.shape}"
        np.testing.assert_allclose(
            got[0, 0],
            x[i : i + 4, j : j + 6],
            atol=1e-12,
            err_msg=f"a 3 x 2 kernel whose only 1 is at ({i}, {j}) must return x[{i}:, {j}:]",
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

    # Image 0: channel 0 is the ramp, channel 1 all ones; image 1 is its negative. Output
    # channel 0 reads only input channel 0 through KERNEL, output channel 1 only input
    # channel 1 through a 2 x 2 kernel of ones (4 per window); then the bias is added.
    x = np.zeros((2, 2, 3, 4))
    x[0, 0], x[0, 1] = RAMP, 1.0
    x[1] = -x[0]
    w = np.zeros((2, 2, 2, 2))
    w[0, 0], w[1, 1] = KERNEL, 1.0
    b = np.array([0.5, -1.0])
    expected = np.empty((2, 2, 2, 3))
    expected[0, 0], expected[0, 1] = RAMP_OUT + 0.5, 4.0 - 1.0
    expected[1, 0], expected[1, 1] = -RAMP_OUT + 0.5, -4.0 - 1.0
    got = conv2d(x, w, b)
    assert got.shape == (2, 2, 2, 3), f"expected output shape (2, 2, 2, 3), got {got.shape}"
    np.testing.assert_allclose(got, expected, atol=1e-12, err_msg="conv2d on the worked example")
    # Every input channel adds its own term: the whole equals the sum of one-channel calls.
    rng = np.random.default_rng(11)
    x = rng.standard_normal((2, 3, 6, 5))
    w = rng.standard_normal((4, 3, 3, 3))
    b = rng.standard_normal(4)
    parts = sum(conv2d(x[:, c : c + 1], w[:, c : c + 1]) for c in range(3))
    np.testing.assert_allclose(
        conv2d(x, w, b),
        parts + b[None, :, None, None],
        atol=1e-12,
        err_msg="conv2d(x, w, b) must be b plus the sum over input channels c of "
        "conv2d(x[:, c], w[:, c])",
    )


# ------------------------------------------------------------ Task 5 · the FFT route


@pytest.mark.task(5)
def test_fft_route_equals_the_direct_sum():
    from shared.conv import conv2d_fft

    got = conv2d_fft(RAMP[None, None], KERNEL[None, None])
    assert got.shape == (1, 1, 2, 3), f"expected output shape (1, 1, 2, 3), got {got.shape}"
    np.testing.assert_allclose(
        got[0, 0],
        RAMP_OUT,
        atol=1e-9,
        err_msg="conv2d_fft must equal the direct sum: 40p + 10q + 34 on the worked example "
        "(a result of 40p + 10q + 16 means the kernel was not flipped before the FFT product)",
    )
    # Two channels, each with a one-tap kernel: the sum of two shifted windows.
    x = np.random.default_rng(5).standard_normal((1, 2, 9, 8))
    w = np.zeros((1, 2, 4, 3))
    w[0, 0, 3, 0], w[0, 1, 1, 2] = 1.0, -2.0
    np.testing.assert_allclose(
        conv2d_fft(x, w)[0, 0],
        x[0, 0, 3:9, 0:6] - 2.0 * x[0, 1, 1:7, 2:8],
        atol=1e-9,
        err_msg="conv2d_fft with one-tap kernels must add the shifted windows of the channels",
    )


# ------------------------------------------------------------ Task 6 · the kernel library


@pytest.mark.task(6)
def test_gaussian_sums_to_one_and_is_the_outer_product_of_its_factor():
    from projects.p07_kernel_explorer import gaussian, gaussian_1d

    g = gaussian_1d(1.0)
    assert g.shape == (7,), f"gaussian_1d(1.0) has radius ceil(3σ) = 3, so 7 taps; got {g.shape}"
    assert abs(g.sum() - 1.0) < 1e-12, f"gaussian_1d must sum to 1, got {g.sum()}"
    np.testing.assert_allclose(g[4] / g[3], np.exp(-0.5), rtol=1e-12, err_msg="g[1]/g[0] = e^-1/2")
    np.testing.assert_allclose(gaussian(1.0), np.outer(g, g), rtol=1e-12, err_msg="G = g gᵀ")


@pytest.mark.task(6)
def test_sobel_x_sums_to_zero_and_finds_a_vertical_edge():
    from projects.p07_kernel_explorer import sobel_x

    k = sobel_x()
    assert k.shape == (3, 3) and k.sum() == 0, f"sobel_x must be 3×3 and sum to 0, got {k}"
    edge = np.zeros((3, 3))
    edge[:, 2] = 1.0  # brightness grows to the right
    assert np.sum(edge * k) > 0, "sobel_x must respond positively to a dark-to-bright edge"


# ------------------------------------------------------------ Task 7 · filtering images


@pytest.mark.task(7)
def test_filter2d_keeps_the_size_and_box_blurs_an_impulse():
    from projects.p07_kernel_explorer import filter2d

    image = np.zeros((5, 5))
    image[2, 2] = 9.0
    got = filter2d(image, np.full((3, 3), 1 / 9))
    expected = np.zeros((5, 5))
    expected[1:4, 1:4] = 1.0
    assert got.shape == (5, 5), f"padding='same' must keep (5, 5), got {got.shape}"
    np.testing.assert_allclose(got, expected, atol=1e-12, err_msg="a box blur spreads an impulse")


@pytest.mark.task(7)
def test_separable_filter_equals_the_outer_product_kernel():
    from projects.p07_kernel_explorer import filter2d, separable_filter

    image = np.random.default_rng(0).random((8, 9))
    col, row = np.array([1.0, 2.0, 1.0]) / 4, np.array([1.0, 0.0, -1.0])
    np.testing.assert_allclose(
        separable_filter(image, col, row),
        filter2d(image, np.outer(col, row)),
        atol=1e-12,
        err_msg="two 1-D passes must equal one pass with outer(column, row)",
    )
