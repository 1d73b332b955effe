"""Task 3 · the linear model and its closed forms: normal equations, QR, lstsq."""

from __future__ import annotations

import numpy as np
import pytest

from projects.p03_linear_regression import (
    add_bias,
    back_substitution,
    fit_lstsq,
    fit_normal_equations,
    fit_qr,
    predict,
)

SOLVERS = {"fit_normal_equations": fit_normal_equations, "fit_qr": fit_qr, "fit_lstsq": fit_lstsq}


@pytest.mark.task(3)
def test_add_bias_predict_and_back_substitution_by_hand():
    X = np.array([[1.0, 2.0], [3.0, -1.0]])
    np.testing.assert_array_equal(
        add_bias(X),
        [[1.0, 1.0, 2.0], [1.0, 3.0, -1.0]],
        err_msg="add_bias puts a column of ones before the columns of X",
    )
    theta = np.array([0.5, 2.0, -1.0])  # ŷ = 0.5 + 2 x1 - x2
    np.testing.assert_allclose(
        predict(X, theta), [0.5, 7.5], err_msg="predict = theta_0 + X @ theta[1:]"
    )
    with pytest.raises(ValueError, match=r"(?i)theta|\(2,\)"):
        predict(X, np.ones(2))  # theta needs D + 1 = 3 entries
    R = np.array([[2.0, 1.0, -1.0], [0.0, 3.0, 2.0], [0.0, 0.0, 4.0]])
    b = np.array([1.0, 8.0, 8.0])
    # x3 = 8/4 = 2; x2 = (8 - 2·2)/3 = 4/3; x1 = (1 - 4/3 + 2)/2 = 5/6
    np.testing.assert_allclose(
        back_substitution(R, b),
        [5 / 6, 4 / 3, 2.0],
        err_msg="back substitution from the last row up: x = (5/6, 4/3, 2)",
    )
    with pytest.raises(ValueError, match=r"(?i)diagonal|zero"):
        back_substitution(np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([1.0, 1.0]))


@pytest.mark.task(3)
def test_each_solver_fits_exactly_and_leaves_an_orthogonal_residual(linear_problem):
    rng = np.random.default_rng(4)
    X = rng.uniform(-2, 2, size=(40, 3))
    theta = np.array([4.0, -1.0, 0.5, 2.0])
    y = theta[0] + X @ theta[1:]
    X_noisy, y_noisy, _ = linear_problem
    for name, fit in SOLVERS.items():
        np.testing.assert_allclose(
            fit(X, y),
            theta,
            rtol=1e-9,
            atol=1e-10,
            err_msg=f"{name} must recover θ exactly from noise-free data",
        )
        # The least-squares residual is perpendicular to every column of A = [1 | X].
        residual = y_noisy - predict(X_noisy, fit(X_noisy, y_noisy))
        np.testing.assert_allclose(
            add_bias(X_noisy).T @ residual,
            0.0,
            atol=1e-9,
            err_msg=f"{name}: Aᵀ(y - Aθ) must vanish (that is what the normal equations say)",
        )


@pytest.mark.task(3)
@pytest.mark.points(2)
def test_lstsq_returns_the_minimum_norm_solution_for_a_duplicated_column():
    rng = np.random.default_rng(5)
    x = rng.uniform(0, 10, size=50)
    y = 1.0 + 3.0 * x + rng.normal(0, 0.5, size=50)
    # simple regression by hand: slope = cov(x, y) / var(x), intercept = ȳ - slope x̄
    slope = np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2)
    intercept = y.mean() - slope * x.mean()
    theta = fit_lstsq(np.column_stack([x, x]), y)
    np.testing.assert_allclose(
        theta,
        [intercept, slope / 2, slope / 2],
        rtol=1e-8,
        err_msg="with the column x twice, every (b, w1, w2) with w1 + w2 = slope fits equally "
        "well; lstsq must return the smallest-norm one, which splits the slope equally",
    )


@pytest.mark.task(3)
def test_qr_refuses_a_rank_deficient_design():
    x = np.linspace(0, 1, 20)
    with pytest.raises(ValueError, match="rank"):
        fit_qr(np.column_stack([x, 2 * x]), x)


@pytest.mark.task(3)
def test_normal_equations_refuse_an_ill_conditioned_design(linear_problem):
    rng = np.random.default_rng(6)
    x = rng.standard_normal(100)
    X = np.column_stack([x, x + 1e-7 * rng.standard_normal(100)])  # full rank, κ(A) ~ 1e7
    y = 2.0 + x + rng.normal(0, 0.1, size=100)
    with pytest.raises(ValueError, match="condition"):
        fit_normal_equations(X, y)  # κ(AᵀA) = κ(A)² ~ 1e14 > 1e12
    # QR and lstsq work with κ(A) and still fit well:
    expected = np.linalg.pinv(np.column_stack([np.ones(100), X])) @ y
    for fit in (fit_qr, fit_lstsq):
        np.testing.assert_allclose(
            predict(X, fit(X, y)),
            np.column_stack([np.ones(100), X]) @ expected,
            atol=1e-6,
            err_msg=f"{fit.__name__}: bad fit",
        )
    X, y, _ = linear_problem
    with pytest.raises(ValueError, match="condition"):
        fit_normal_equations(X, y, max_condition=1.0)  # every matrix but I exceeds 1


@pytest.mark.task(3)
def test_solvers_check_their_inputs():
    X = np.ones((5, 2))
    for fit in SOLVERS.values():
        with pytest.raises(ValueError, match=r"\(5, 1\)"):
            fit(X, np.ones((5, 1)))  # y must be (N,)
        with pytest.raises(ValueError, match=r"(?s)5.*4|4.*5"):
            fit(X, np.ones(4))
        with pytest.raises(ValueError, match=r"(?i)nan|finite"):
            fit(np.array([[1.0, np.nan]] * 5), np.ones(5))
