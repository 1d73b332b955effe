"""Task 4 · the geometry of separability: radius, margin, Novikoff's bound, boundary line."""

from __future__ import annotations

import math

import numpy as np
import pytest

from projects.p01_manual_neuron import decision_boundary, margin, novikoff_bound, radius


@pytest.mark.task(4)
def test_radius_counts_the_bias_coordinate():
    assert radius(np.zeros((3, 2))) == pytest.approx(1.0), (
        "R = max ||(x, 1)||: the augmented coordinate 1 counts, so R >= 1"
    )
    X = np.array([[1.0, 0.0, 0.0], [2.0, -2.0, 1.0], [0.0, 1.0, 1.0]])
    assert radius(X) == pytest.approx(math.sqrt(4 + 4 + 1 + 1)), "R for the second row"
    assert isinstance(radius(X), float), "radius must return a Python float"


@pytest.mark.task(4)
def test_margin_sign_and_scale():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 1])  # OR
    w, b = np.array([1.0, 1.0]), -0.5
    # z = -0.5, 0.5, 0.5, 1.5; s * z = 0.5, 0.5, 0.5, 1.5; ||(1, 1, -0.5)|| = 1.5
    assert margin(X, y, w, b) == pytest.approx(1.0 / 3.0), (
        "OR with w = (1, 1), b = -0.5: min s * z = 0.5 over ||(w, b)|| = 1.5 gives margin 1/3, "
        f"got {margin(X, y, w, b)}"
    )
    assert margin(X, y, 10.0 * w, 10.0 * b) == pytest.approx(1.0 / 3.0), (
        "the margin is a distance: scaling (w, b) must not change it"
    )
    # z = -1.5, -0.5, -0.5, 0.5 with b = -1.5: two OR samples on the wrong side
    assert margin(X, y, w, -1.5) == pytest.approx(-0.5 / math.sqrt(4.25)), (
        "a misclassified sample makes the margin negative"
    )
    assert margin(X, y, w, -1.0) == 0.0, "a sample on the boundary (z = 0) gives margin 0"


@pytest.mark.task(4)
def test_margin_rejects_zero_weights_and_bad_shapes():
    X = np.array([[0.0, 1.0], [1.0, 0.0]])
    y = np.array([0, 1])
    with pytest.raises(ValueError, match=r"(?i)zero"):
        margin(X, y, np.zeros(2), 0.0)
    with pytest.raises(ValueError, match=r"\(3,\)"):
        margin(X, y, np.ones(3), 0.0)
    with pytest.raises(ValueError, match=r"5"):
        margin(X, np.array([0, 5]), np.ones(2), 0.0)


@pytest.mark.task(4)
def test_novikoff_bound_for_textbook_gates(gates):
    X, y = gates["OR"]
    # gamma = 1/3 (see above), R^2 = 3: (R / gamma)^2 = 27
    assert novikoff_bound(X, y, np.array([1.0, 1.0]), -0.5) == pytest.approx(27.0), (
        "OR with w = (1, 1), b = -0.5: R^2 = 3 and gamma = 1/3, so (R / gamma)^2 = 27, "
        f"got {novikoff_bound(X, y, np.array([1.0, 1.0]), -0.5)}"
    )
    X, y = gates["NAND"]
    assert novikoff_bound(X, y, np.array([-1.0, -1.0]), 1.5) == pytest.approx(51.0), (
        "NAND with w = (-1, -1), b = 1.5: R^2 = 3 and gamma = 0.5 / sqrt(4.25), so "
        f"(R / gamma)^2 = 51, got {novikoff_bound(X, y, np.array([-1.0, -1.0]), 1.5)}"
    )


@pytest.mark.task(4)
def test_novikoff_bound_refuses_a_non_separator():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1])
    # w~ = (-1, -1, 0.5) points the wrong way: s * z = -0.5, -1.5; ||w~|| = 1.5 -> margin -1
    with pytest.raises(ValueError, match=r"(?i)margin.*-1"):
        novikoff_bound(X, y, np.array([-1.0, -1.0]), 0.5)
    # (1, 1) lies exactly on x1 + x2 - 2 = 0: margin 0 proves nothing either
    with pytest.raises(ValueError, match=r"(?i)margin"):
        novikoff_bound(X, y, np.array([1.0, 1.0]), -2.0)


@pytest.mark.task(4)
def test_decision_boundary_points_lie_on_the_line():
    w, b = np.array([2.0, -4.0]), 1.0
    xs, ys = decision_boundary(w, b, (-3.0, 5.0))
    np.testing.assert_allclose(xs, [-3.0, 5.0], err_msg="xs must span x_range")
    np.testing.assert_allclose(
        w[0] * np.asarray(xs) + w[1] * np.asarray(ys) + b,
        0.0,
        atol=1e-12,
        err_msg="both points must satisfy w0 x + w1 y + b = 0",
    )
    np.testing.assert_allclose(
        ys, [-1.25, 2.75], err_msg="2 x - 4 y + 1 = 0 at x = -3 and x = 5 gives y = -1.25, 2.75"
    )


@pytest.mark.task(4)
def test_decision_boundary_vertical_line():
    xs, ys = decision_boundary(np.array([2.0, 0.0]), -3.0, (0.0, 4.0))
    np.testing.assert_allclose(xs, [1.5, 1.5], err_msg="w1 = 0: the line is x = -b / w0 = 1.5")
    assert np.all(np.isfinite(ys)) and ys[0] != ys[1], "two distinct finite points"


@pytest.mark.task(4)
def test_decision_boundary_errors():
    with pytest.raises(ValueError, match=r"(?i)zero"):
        decision_boundary(np.zeros(2), 1.0, (0.0, 1.0))
    with pytest.raises(ValueError, match=r"\(3,\)"):
        decision_boundary(np.ones(3), 1.0, (0.0, 1.0))
    with pytest.raises(ValueError, match=r"x_range"):
        decision_boundary(np.ones(2), 1.0, (1.0, 0.0))
