"""Task 6: the kernel library and the properties its docstrings state."""

from __future__ import annotations

import numpy as np
import pytest


def step_image(vertical: bool, size: int = 9) -> np.ndarray:
    """Dark left half / bright right half (a vertical edge), or dark top / bright bottom."""
    img = np.zeros((size, size))
    if vertical:
        img[:, size // 2 :] = 1.0
    else:
        img[size // 2 :, :] = 1.0
    return img


def valid_correlation(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Unpadded stride-1 cross-correlation via a sliding-window view (test-side)."""
    windows = np.lib.stride_tricks.sliding_window_view(image, kernel.shape)
    return np.einsum("pqij,ij->pq", windows, kernel)


@pytest.mark.task(6)
@pytest.mark.parametrize("size", [1, 3, 5])
def test_identity_and_box(size):
    from projects.p07_kernel_explorer import box, identity

    k = identity(size)
    expected = np.zeros((size, size))
    expected[size // 2, size // 2] = 1.0
    np.testing.assert_array_equal(
        k, expected, err_msg=f"identity({size}): a single 1 in the centre"
    )
    b = box(size)
    assert b.shape == (size, size), f"box({size}) has shape {b.shape}"
    np.testing.assert_allclose(b, 1.0 / size**2, rtol=1e-15, err_msg=f"box({size}) = 1/size²")
    assert abs(b.sum() - 1.0) < 1e-12, f"box({size}) must sum to 1, got {b.sum()}"


@pytest.mark.task(6)
@pytest.mark.parametrize("bad", [0, 2, 4, -3])
def test_identity_and_box_reject_even_or_nonpositive_sizes(bad):
    from projects.p07_kernel_explorer import box, identity

    for fn in (identity, box):
        with pytest.raises(ValueError, match="size"):
            fn(bad)


@pytest.mark.task(6)
@pytest.mark.points(2)
@pytest.mark.parametrize("sigma, radius", [(0.5, None), (1.0, None), (1.7, None), (2.0, 4)])
def test_gaussian_closed_form_and_separability(sigma, radius):
    from projects.p07_kernel_explorer import gaussian, gaussian_1d

    r = int(np.ceil(3 * sigma)) if radius is None else radius
    t = np.arange(-r, r + 1)
    g_expected = np.exp(-(t**2) / (2 * sigma**2))
    g_expected /= g_expected.sum()
    g = gaussian_1d(sigma, radius)
    assert g.shape == (2 * r + 1,), (
        f"gaussian_1d({sigma}, {radius}): length {g.shape}, expected {2 * r + 1}"
    )
    np.testing.assert_allclose(g, g_expected, rtol=1e-12, err_msg="g[t] ∝ exp(−t²/2σ²), sum 1")
    G = gaussian(sigma, radius)
    ii, jj = np.meshgrid(t, t, indexing="ij")
    G_expected = np.exp(-(ii**2 + jj**2) / (2 * sigma**2))
    G_expected /= G_expected.sum()
    np.testing.assert_allclose(G, G_expected, rtol=1e-12, err_msg="G[i,j] ∝ exp(−(i²+j²)/2σ²)")
    np.testing.assert_allclose(G, np.outer(g, g), rtol=1e-12, err_msg="G = outer(g, g)")
    assert abs(G.sum() - 1.0) < 1e-12, f"gaussian must sum to 1, got {G.sum()}"
    np.testing.assert_allclose(G, G.T, err_msg="a Gaussian kernel is symmetric")


@pytest.mark.task(6)
def test_gaussian_rejects_a_nonpositive_sigma():
    from projects.p07_kernel_explorer import gaussian, gaussian_1d

    for fn in (gaussian_1d, gaussian):
        with pytest.raises(ValueError, match="sigma"):
            fn(0.0)
        with pytest.raises(ValueError, match="sigma"):
            fn(-1.0)


@pytest.mark.task(6)
@pytest.mark.parametrize("bad", [-1, 1.5, True, "2"])
def test_gaussian_radius_must_be_an_int_of_at_least_zero(bad):
    from projects.p07_kernel_explorer import gaussian, gaussian_1d

    for fn in (gaussian_1d, gaussian):
        with pytest.raises(ValueError, match="radius"):
            fn(1.0, radius=bad)


@pytest.mark.task(6)
def test_fixed_kernels_have_their_stated_entries_and_sums():
    from projects.p07_kernel_explorer import emboss, laplacian, sharpen, sobel_x, sobel_y

    expected = {
        "sharpen": (sharpen, [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], 1.0),
        "sobel_x": (sobel_x, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], 0.0),
        "sobel_y": (sobel_y, [[-1, -2, -1], [0, 0, 0], [1, 2, 1]], 0.0),
        "laplacian": (laplacian, [[0, 1, 0], [1, -4, 1], [0, 1, 0]], 0.0),
        "emboss": (emboss, [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], 1.0),
    }
    for name, (fn, entries, total) in expected.items():
        k = fn()
        np.testing.assert_array_equal(k, np.array(entries, float), err_msg=f"{name}() entries")
        assert k.sum() == total, f"{name}() must sum to {total}, got {k.sum()}"


@pytest.mark.task(6)
def test_sobel_x_sees_vertical_edges_and_sobel_y_horizontal_ones():
    from projects.p07_kernel_explorer import sobel_x, sobel_y

    v, h = step_image(vertical=True), step_image(vertical=False)
    sx_v, sx_h = valid_correlation(v, sobel_x()), valid_correlation(h, sobel_x())
    sy_v, sy_h = valid_correlation(v, sobel_y()), valid_correlation(h, sobel_y())
    assert sx_v.max() > 0, "sobel_x must respond (positively) to brightness growing to the right"
    assert np.all(sx_v >= 0), "sobel_x: dark-to-bright to the right gives no negative response"
    assert np.all(sx_h == 0), "sobel_x must give 0 on a horizontal edge"
    assert sy_h.max() > 0, "sobel_y must respond (positively) to brightness growing downwards"
    assert np.all(sy_v == 0), "sobel_y must give 0 on a vertical edge"


@pytest.mark.task(6)
def test_laplacian_is_zero_on_a_ramp_and_blurs_keep_a_flat_image():
    from projects.p07_kernel_explorer import box, emboss, gaussian, laplacian, sharpen

    yy, xx = np.mgrid[0:8, 0:8].astype(float)
    ramp = 0.3 * xx - 0.7 * yy + 2.0
    np.testing.assert_allclose(
        valid_correlation(ramp, laplacian()), 0.0, atol=1e-12, err_msg="Laplacian of a ramp is 0"
    )
    flat = np.full((9, 9), 0.4)
    for name, k in {
        "box(3)": box(3),
        "gaussian(1)": gaussian(1.0),
        "sharpen": sharpen(),
        "emboss": emboss(),
    }.items():
        np.testing.assert_allclose(
            valid_correlation(flat, k),
            0.4,
            atol=1e-12,
            err_msg=f"{name} sums to 1: flat stays flat",
        )
