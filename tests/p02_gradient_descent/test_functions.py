"""Task 2 · the test functions and their analytic gradients (functions.py)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# Himmelblau's minima to 15 digits (they solve x^2 + y = 11 and x + y^2 = 7).
HIMMELBLAU_MINIMA = [
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.283185991286170),
    (3.584428340330492, -1.848126526964404),
]

coordinate = st.floats(min_value=-3.0, max_value=3.0, allow_nan=False, allow_infinity=False)


def _central(f, p, h=1e-6):
    """Test-side central differences of a function of one 2-D point."""
    return np.array([(float(f(p + h * e)) - float(f(p - h * e))) / (2 * h) for e in np.eye(2)])


def _functions():
    import projects.p02_gradient_descent as p02

    A = np.array([[2.0, 0.5], [0.5, 1.0]])
    return {
        "quadratic": (lambda p: p02.quadratic(p, A), lambda p: p02.quadratic_grad(p, A)),
        "rosenbrock": (p02.rosenbrock, p02.rosenbrock_grad),
        "himmelblau": (p02.himmelblau, p02.himmelblau_grad),
        "saddle": (p02.saddle, p02.saddle_grad),
    }


@pytest.mark.task(2)
@settings(max_examples=60)
@given(x=coordinate, y=coordinate)
def test_every_gradient_matches_central_differences(x, y):
    p = np.array([x, y])
    for name, (f, grad) in _functions().items():
        np.testing.assert_allclose(
            grad(p),
            _central(f, p),
            rtol=1e-6,
            atol=1e-5,
            err_msg=f"{name}_grad({p}) disagrees with central differences of {name}",
        )


@pytest.mark.task(2)
def test_gradients_pass_the_course_gradcheck():
    from m2m.opchecks.numgrad import assert_gradient

    p = np.array([0.7, -1.3])
    for f, grad in _functions().values():
        assert_gradient(lambda z, f=f: float(f(z)), p, grad(p), tol=1e-6)  # raises on a mismatch


@pytest.mark.task(2)
def test_values_by_hand():
    import projects.p02_gradient_descent as p02

    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    # 1/2 [1, -2] A [1, -2]^T = 1/2 (2*1 + 2*1*(-2)*1 + 3*4) = 1/2 * 10 = 5
    assert float(p02.quadratic(np.array([1.0, -2.0]), A)) == pytest.approx(5.0), (
        "1/2 p^T A p at p = (1, -2), A = [[2, 1], [1, 3]]: expected 5, "
        f"got {float(p02.quadratic(np.array([1.0, -2.0]), A))}"
    )
    # A p = (2 - 2, 1 - 6) = (0, -5)
    np.testing.assert_allclose(
        p02.quadratic_grad(np.array([1.0, -2.0]), A),
        [0.0, -5.0],
        err_msg="quadratic_grad at p = (1, -2) with a symmetric A is A p = (0, -5)",
    )
    # Himmelblau at (0, 0): 121 + 49 = 170; gradient (2 * -7, 2 * -11) = (-14, -22)
    assert float(p02.himmelblau(np.zeros(2))) == pytest.approx(170.0), (
        f"Himmelblau at (0, 0) is 11^2 + 7^2 = 170, got {float(p02.himmelblau(np.zeros(2)))}"
    )
    np.testing.assert_allclose(
        p02.himmelblau_grad(np.zeros(2)),
        [-14.0, -22.0],
        err_msg="Himmelblau's gradient at (0, 0) is (-14, -22)",
    )
    # saddle at (3, 2): 9 - 4 = 5; gradient (6, -4)
    assert float(p02.saddle(np.array([3.0, 2.0]))) == pytest.approx(5.0), (
        f"the saddle x^2 - y^2 at (3, 2) is 5, got {float(p02.saddle(np.array([3.0, 2.0])))}"
    )
    np.testing.assert_allclose(
        p02.saddle_grad(np.array([3.0, 2.0])),
        [6.0, -4.0],
        err_msg="the saddle's gradient (2x, -2y) at (3, 2) is (6, -4)",
    )
    # Rosenbrock with a = 2, b = 10 at (0, 1): 4 + 10 = 14; gradient (-4, 20)
    assert float(p02.rosenbrock(np.array([0.0, 1.0]), a=2.0, b=10.0)) == pytest.approx(14.0), (
        "Rosenbrock with a = 2, b = 10 at (0, 1) is 4 + 10 = 14, "
        f"got {float(p02.rosenbrock(np.array([0.0, 1.0]), a=2.0, b=10.0))}"
    )
    np.testing.assert_allclose(
        p02.rosenbrock_grad(np.array([0.0, 1.0]), a=2.0, b=10.0),
        [-4.0, 20.0],
        err_msg="Rosenbrock's gradient with a = 2, b = 10 at (0, 1) is (-4, 20)",
    )
    # For a non-symmetric A, grad of 1/2 p^T A p is 1/2 (A + A^T) p, not A p.
    A = np.array([[1.0, 4.0], [0.0, 2.0]])
    p = np.array([1.0, 1.0])
    np.testing.assert_allclose(
        p02.quadratic_grad(p, A),
        [3.0, 4.0],
        err_msg="1/2 (A + A^T) p = 1/2 [[2, 4], [4, 4]] [1, 1] = (3, 4)",
    )


@pytest.mark.task(2)
def test_minima_have_zero_gradient():
    import projects.p02_gradient_descent as p02

    np.testing.assert_allclose(
        p02.rosenbrock_grad(np.array([1.0, 1.0])),
        [0.0, 0.0],
        atol=1e-12,
        err_msg="Rosenbrock's gradient must vanish at its minimum (1, 1)",
    )
    assert float(p02.rosenbrock(np.array([1.0, 1.0]))) == 0.0, (
        "Rosenbrock is exactly 0 at its minimum (1, 1), "
        f"got {float(p02.rosenbrock(np.array([1.0, 1.0])))}"
    )
    np.testing.assert_allclose(
        p02.rosenbrock_grad(np.array([2.0, 4.0]), a=2.0),
        [0.0, 0.0],
        atol=1e-12,
        err_msg="the minimum of Rosenbrock(a=2) is (2, 4)",
    )
    for m in HIMMELBLAU_MINIMA:
        p = np.array(m)
        assert float(p02.himmelblau(p)) == pytest.approx(0.0, abs=1e-20), (
            f"Himmelblau is 0 at its minimum {m}"
        )
        np.testing.assert_allclose(
            p02.himmelblau_grad(p),
            [0.0, 0.0],
            atol=1e-11,
            err_msg=f"Himmelblau's gradient must vanish at {m}",
        )
    np.testing.assert_allclose(
        p02.saddle_grad(np.zeros(2)), [0.0, 0.0], err_msg="the saddle point (0, 0) is stationary"
    )


@pytest.mark.task(2)
def test_functions_work_on_grids_of_points():
    import projects.p02_gradient_descent as p02

    rng = np.random.default_rng(2)
    grid = rng.uniform(-2, 2, size=(5, 7, 2))
    for name, (f, grad) in _functions().items():
        values = np.asarray(f(grid))
        grads = np.asarray(grad(grid))
        assert values.shape == (5, 7), f"{name} on a (5, 7, 2) grid must return (5, 7)"
        assert grads.shape == (5, 7, 2), f"{name}_grad on a (5, 7, 2) grid must return (5, 7, 2)"
        for i, j in [(0, 0), (2, 5), (4, 6)]:
            assert values[i, j] == pytest.approx(float(f(grid[i, j])), rel=1e-12), (
                f"{name} on the grid gives {values[i, j]} at [{i}, {j}], but "
                f"{float(f(grid[i, j]))} on that point alone"
            )
            np.testing.assert_allclose(
                grads[i, j],
                grad(grid[i, j]),
                rtol=1e-12,
                err_msg=f"{name}_grad on the grid at [{i}, {j}] vs on that point alone",
            )
    for fn in (p02.rosenbrock, p02.rosenbrock_grad, p02.himmelblau_grad, p02.saddle):
        with pytest.raises(ValueError, match=r"\(3,\)"):
            fn(np.zeros(3))


@pytest.mark.task(2)
def test_bowl_matrix_has_the_requested_spectrum():
    from projects.p02_gradient_descent import bowl_matrix

    A = bowl_matrix(50.0, lambda_max=4.0, angle=0.3)
    assert A.shape == (2, 2), f"bowl_matrix must return a (2, 2) matrix, got shape {A.shape}"
    np.testing.assert_allclose(A, A.T, atol=1e-15, err_msg="the bowl matrix must be symmetric")
    np.testing.assert_allclose(
        np.linalg.eigvalsh(A),
        [4.0 / 50.0, 4.0],
        rtol=1e-12,
        err_msg="eigenvalues must be lambda_max/condition and lambda_max",
    )
    # The steep axis points along (cos 0.3, sin 0.3): A u = lambda_max u.
    u = np.array([np.cos(0.3), np.sin(0.3)])
    np.testing.assert_allclose(
        A @ u,
        4.0 * u,
        atol=1e-12,
        err_msg="the eigenvector of lambda_max is (cos angle, sin angle)",
    )
    np.testing.assert_allclose(
        bowl_matrix(1.0, 2.0),
        2.0 * np.eye(2),
        atol=1e-15,
        err_msg="condition 1 with lambda_max 2 is the round bowl 2 I",
    )
    with pytest.raises(ValueError, match="condition"):
        bowl_matrix(0.5)
    with pytest.raises(ValueError, match="lambda_max"):
        bowl_matrix(10.0, lambda_max=-1.0)
