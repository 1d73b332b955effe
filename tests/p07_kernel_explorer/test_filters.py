"""Task 7: filtering images with the library (filter2d, convolve2d, separable, edges, maps)."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
ref = oracles.ref


@pytest.mark.task(7)
@pytest.mark.parametrize("kshape", [(3, 3), (5, 5), (4, 2)])
def test_filter2d_same_padding_matches_shift_and_add(kshape, ref):
    from projects.p07_kernel_explorer import filter2d

    rng = np.random.default_rng(1)
    image = rng.random((10, 12))
    kernel = rng.standard_normal(kshape)
    got = filter2d(image, kernel)
    assert got.shape == image.shape, f"'same' must keep (10, 12), got {got.shape}"
    np.testing.assert_allclose(
        got, ref.correlate_same(image, kernel), atol=1e-12, err_msg="filter2d"
    )
    stack = filter2d(np.stack([image, 2 * image]), kernel)
    assert stack.shape == (2, 10, 12), (
        f"a stack (2, 10, 12) must stay (2, 10, 12), got {stack.shape}"
    )
    np.testing.assert_allclose(stack[1], 2 * got, atol=1e-12, err_msg="each image of a stack")


@pytest.mark.task(7)
def test_filter2d_integer_padding_and_errors():
    from projects.p07_kernel_explorer import filter2d

    image = np.arange(20.0).reshape(4, 5)
    got = filter2d(image, np.ones((3, 3)), padding=0)
    expected = np.array(
        [[sum(image[p : p + 3, q : q + 3].ravel()) for q in range(3)] for p in range(2)]
    )
    np.testing.assert_allclose(
        got, expected, err_msg="padding=0: the 2×3 valid sums of 3×3 windows"
    )
    with pytest.raises(ValueError, match=r"\(2, 2, 4, 5\)"):
        filter2d(np.ones((2, 2, 4, 5)), np.ones((3, 3)))
    with pytest.raises(ValueError, match=r"\(9,\)"):
        filter2d(image, np.ones(9))


@pytest.mark.task(7)
def test_convolve2d_flips_the_kernel():
    from projects.p07_kernel_explorer import convolve2d, filter2d

    impulse = np.zeros((5, 5))
    impulse[2, 2] = 1.0
    k = np.arange(1.0, 10.0).reshape(3, 3)
    np.testing.assert_array_equal(
        convolve2d(impulse, k)[1:4, 1:4],
        k,
        err_msg="true convolution of an impulse gives the kernel",
    )
    np.testing.assert_array_equal(
        filter2d(impulse, k)[1:4, 1:4], k[::-1, ::-1], err_msg="cross-correlation gives it flipped"
    )


@pytest.mark.task(7)
@pytest.mark.points(2)
@pytest.mark.parametrize("sigma", [0.8, 1.5])
def test_separable_gaussian_two_passes_equal_the_2d_kernel(sigma, ref):
    from projects.p07_kernel_explorer import filter2d, gaussian, gaussian_1d, separable_filter

    image = np.random.default_rng(3).random((16, 13))
    g = gaussian_1d(sigma)
    two_pass = separable_filter(image, g, g)
    one_pass = filter2d(image, gaussian(sigma))
    assert two_pass.shape == image.shape, (
        f"separable_filter must keep (16, 13), got {two_pass.shape}"
    )
    np.testing.assert_allclose(two_pass, one_pass, atol=1e-12, err_msg="two 1-D passes = one 2-D")
    np.testing.assert_allclose(
        two_pass, ref.correlate_same(image, np.outer(g, g)), atol=1e-12, err_msg="vs the reference"
    )


@pytest.mark.task(7)
def test_separable_filter_takes_different_factors_and_rejects_2d_ones(ref):
    from projects.p07_kernel_explorer import separable_filter

    image = np.random.default_rng(8).random((9, 11))
    col, row = np.array([1.0, 2.0, 1.0]), np.array([-1.0, 0.0, 1.0])  # Sobel x = outer(col, row)
    np.testing.assert_allclose(
        separable_filter(image, col, row),
        ref.correlate_same(image, np.outer(col, row)),
        atol=1e-12,
        err_msg="separable_filter(image, column, row) filters with outer(column, row)",
    )
    for padding, pads in ((1, ((1, 1), (1, 1))), ((2, 0), ((2, 2), (0, 0)))):
        got = separable_filter(image, col, row, padding)
        want = ref.conv(image[None, None], np.outer(col, row)[None, None], pads=pads)[0, 0]
        assert got.shape == want.shape, (
            f"separable_filter(..., padding={padding}) must give filter2d's shape "
            f"{want.shape} (column pass pads rows only, row pass columns only), got {got.shape}"
        )
        np.testing.assert_allclose(got, want, atol=1e-12, err_msg=f"padding={padding}")
    with pytest.raises(ValueError, match="column"):
        separable_filter(image, np.ones((3, 1)), row)
    with pytest.raises(ValueError, match="row"):
        separable_filter(image, col, np.ones((1, 3)))


@pytest.mark.task(7)
def test_gradient_magnitude_of_a_square():
    from projects.p07_kernel_explorer import gradient_magnitude

    img = np.zeros((12, 12))
    img[3:9, 3:9] = 1.0
    mag = gradient_magnitude(img)
    assert mag.shape == img.shape, f"gradient_magnitude must keep (12, 12), got {mag.shape}"
    assert np.all(mag >= 0), "a magnitude is never negative"
    # middle of the left edge: Sobel x gives 1 + 2 + 1 = 4 (columns 2 and 3), Sobel y 0
    np.testing.assert_allclose(mag[5, 2:4], 4.0, err_msg="edge pixels of a unit step: |∇| = 4")
    np.testing.assert_allclose(mag[5:7, 5:7], 0.0, atol=1e-12, err_msg="flat inside: |∇| = 0")
    np.testing.assert_allclose(mag, mag.T, atol=1e-12, err_msg="a square's edges are symmetric")


@pytest.mark.task(7)
def test_feature_maps_stack_every_image_with_every_kernel(ref):
    from projects.p07_kernel_explorer import feature_maps

    rng = np.random.default_rng(5)
    images = rng.random((3, 8, 7))
    kernels = rng.standard_normal((4, 3, 3))
    maps = feature_maps(images, kernels)
    assert maps.shape == (3, 4, 8, 7), f"expected (N, K, H, W) = (3, 4, 8, 7), got {maps.shape}"
    for n in range(3):
        for k in range(4):
            np.testing.assert_allclose(
                maps[n, k],
                ref.correlate_same(images[n], kernels[k]),
                atol=1e-12,
                err_msg=f"map of image {n} under kernel {k}",
            )
    with pytest.raises(ValueError, match=r"\(8, 7\)"):
        feature_maps(images[0], kernels)
    with pytest.raises(ValueError, match=r"kernels.*\(3, 3\)"):
        feature_maps(images, kernels[0])  # the message names the argument, kernels
