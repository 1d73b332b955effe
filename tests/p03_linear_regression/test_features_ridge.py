"""Task 5 · polynomial features, one-hot, median imputation, and ridge regression."""

from __future__ import annotations

from math import comb

import numpy as np
import pytest

from m2m.testing import hidden_support
from projects.p03_linear_regression import (
    MedianImputer,
    fit_lstsq,
    fit_normal_equations,
    fit_ridge,
    gradient_descent,
    one_hot,
    polynomial_feature_names,
    polynomial_features,
    predict,
    ridge_path,
)

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
lstsq_reference = oracles.lstsq_reference


@pytest.mark.task(5)
def test_polynomial_features_count_order_and_names():
    x = np.array([1.0, 2.0, -3.0])
    np.testing.assert_allclose(
        polynomial_features(x, 3),
        [[1, 1, 1], [2, 4, 8], [-3, 9, -27]],
        err_msg="a 1-D x gives the columns x, x², x³",
    )
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 3))
    P = polynomial_features(X, 3)
    assert P.shape == (4, comb(3 + 3, 3) - 1), "every monomial of degree 1..3 in 3 variables"
    a, b, c = X.T
    np.testing.assert_allclose(P[:, :3], X, err_msg="degree-1 terms come first, in column order")
    np.testing.assert_allclose(
        P[:, 3:9],
        np.column_stack([a * a, a * b, a * c, b * b, b * c, c * c]),
        err_msg="degree-2 terms: aa, ab, ac, bb, bc, cc",
    )
    np.testing.assert_allclose(P[:, -1], c**3, err_msg="the last degree-3 term is c³")
    assert polynomial_feature_names(["a", "b"], 2) == ["a", "b", "a^2", "a*b", "b^2"], (
        "degree 2 names of (a, b): ['a', 'b', 'a^2', 'a*b', 'b^2'], "
        f"got {polynomial_feature_names(['a', 'b'], 2)}"
    )
    assert len(polynomial_feature_names(["a", "b", "c"], 3)) == P.shape[1], (
        f"one name per column: polynomial_features gives {P.shape[1]} columns, "
        f"polynomial_feature_names {len(polynomial_feature_names(['a', 'b', 'c'], 3))} names"
    )
    assert polynomial_feature_names(["a", "b"], 3)[5:7] == ["a^3", "a^2*b"], (
        "degree 3 of (a, b) starts with ['a^3', 'a^2*b'] after the 5 lower terms, "
        f"got {polynomial_feature_names(['a', 'b'], 3)[5:7]}"
    )
    with pytest.raises(ValueError, match=r"degree"):
        polynomial_features(X, 0)


@pytest.mark.task(5)
def test_more_degree_never_raises_the_training_error():
    # Nested models: degree d + 1 contains degree d, so least squares can only do better
    # on the data it was fitted to (the training error), however the validation goes.
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, 25)
    y = np.sin(3 * x) + rng.normal(0, 0.2, 25)
    errors = []
    for degree in range(1, 9):
        P = polynomial_features(x, degree)
        errors.append(np.mean((predict(P, fit_lstsq(P, y)) - y) ** 2))
    assert all(e2 <= e1 + 1e-10 for e1, e2 in zip(errors[:-1], errors[1:], strict=True)), (
        f"training MSE must not increase with the degree, got {np.round(errors, 5)}"
    )
    assert errors[-1] < 0.5 * errors[0], (
        f"degree 8 should at least halve the training MSE of degree 1 ({errors[0]:.4f}), "
        f"got {errors[-1]:.4f}"
    )


@pytest.mark.task(5)
def test_one_hot_order_unknowns_and_the_dummy_variable_trap():
    values = np.array(["NEAR BAY", "INLAND", "<1H OCEAN", "INLAND"])
    cats = ["<1H OCEAN", "INLAND", "NEAR BAY"]
    expected = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0]], dtype=float)
    out = one_hot(values, cats)
    assert out.dtype == np.float64, f"one_hot must return float64 indicators, got {out.dtype}"
    np.testing.assert_array_equal(out, expected, err_msg="column k marks categories[k]")
    np.testing.assert_array_equal(
        one_hot(values, cats, drop_first=True),
        expected[:, 1:],
        err_msg="drop_first=True drops the column of categories[0]",
    )
    np.testing.assert_array_equal(
        one_hot(np.array([2.0, 1.0]), [1.0, 2.0, 3.0]),
        [[0, 1, 0], [1, 0, 0]],
        err_msg="numeric codes work too",
    )
    with pytest.raises(ValueError, match="ISLAND"):
        one_hot(np.array(["INLAND", "ISLAND"]), ["INLAND", "NEAR BAY"])
    # All K indicator columns sum to the bias column: the dummy-variable trap.
    rng = np.random.default_rng(2)
    labels = rng.choice(["a", "b", "c"], size=60)
    y = rng.standard_normal(60)
    with pytest.raises(ValueError, match="rank"):
        fit_normal_equations(one_hot(labels, ["a", "b", "c"]), y)
    theta = fit_normal_equations(one_hot(labels, ["a", "b", "c"], drop_first=True), y)
    # with "a" as reference: θ0 = mean of group a, θ_k = mean(group k) - mean(group a)
    means = {c: y[labels == c].mean() for c in "abc"}
    np.testing.assert_allclose(
        theta,
        [means["a"], means["b"] - means["a"], means["c"] - means["a"]],
        rtol=1e-9,
        err_msg="with 'a' as reference: θ0 = mean of group a, θk = mean(group k) - mean(group a)",
    )


@pytest.mark.task(5)
def test_median_imputer_uses_training_medians_and_checks_input():
    X_train = np.array([[1.0, 10.0], [np.nan, 30.0], [3.0, np.nan], [7.0, 20.0]])
    imputer = MedianImputer().fit(X_train)
    np.testing.assert_allclose(imputer.medians_, [3.0, 20.0], err_msg="NaN-ignoring medians")
    X_test = np.array([[np.nan, 1.0], [100.0, np.nan]])
    filled = imputer.transform(X_test)
    np.testing.assert_allclose(
        filled, [[3.0, 1.0], [100.0, 20.0]], err_msg="test NaN are filled with the TRAINING medians"
    )
    assert np.isnan(X_test[0, 0]), "transform must not modify its input in place"
    with pytest.raises(ValueError, match=r"(?i)fit"):
        MedianImputer().transform(np.ones((2, 2)))  # before fit
    with pytest.raises(ValueError, match=r"\[1\]"):
        MedianImputer().fit(np.array([[1.0, np.nan], [2.0, np.nan]]))


@pytest.mark.task(5)
def test_ridge_matches_least_squares_and_the_centred_closed_form(linear_problem, lstsq_reference):
    X, y, _ = linear_problem
    np.testing.assert_allclose(
        fit_ridge(X, y, 0.0),
        lstsq_reference(X, y),
        rtol=1e-9,
        err_msg="ridge with λ = 0 is least squares",
    )
    # Not penalizing the intercept = centring: w = (XcᵀXc + λI)⁻¹ Xcᵀ yc, b = ȳ - x̄ᵀw.
    lam = 25.0
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
    expected = np.concatenate([[y.mean() - X.mean(axis=0) @ w], w])
    np.testing.assert_allclose(
        fit_ridge(X, y, lam),
        expected,
        rtol=1e-9,
        err_msg="ridge must shrink the weights but not the intercept",
    )


@pytest.mark.task(5)
def test_ridge_shrinks_the_weight_norm_monotonically(auto_mpg_standardized):
    X, y = auto_mpg_standardized
    lams = [0.0, 0.01, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4]
    norms = [np.linalg.norm(fit_ridge(X, y, lam)[1:]) for lam in lams]
    assert all(b < a for a, b in zip(norms[:-1], norms[1:], strict=True)), (
        f"‖w‖ must strictly decrease as λ grows; for λ = {lams} got {np.round(norms, 4)}"
    )
    theta = fit_ridge(X, y, 1e12)
    assert np.linalg.norm(theta[1:]) < 1e-6, "λ → ∞ drives every weight to 0"
    assert theta[0] == pytest.approx(y.mean()), "... and leaves the intercept at mean(y)"


@pytest.mark.task(5)
def test_ridge_on_a_rank_deficient_design_and_the_ridge_path(linear_problem):
    x = np.linspace(-1, 1, 30)
    X = np.column_stack([x, x])
    theta = fit_ridge(X, 1.0 + 4.0 * x, 1e-3)
    assert abs(theta[1] - theta[2]) < 1e-9, "two identical columns get identical weights"
    with pytest.raises(ValueError, match=r"l2|-1\.0"):
        fit_ridge(X, x, -1.0)
    X, y, _ = linear_problem
    lams = np.array([0.0, 1.0, 100.0])
    path = ridge_path(X, y, lams)
    assert path.shape == (3, 4), "ridge_path gives one row θ(λ) per λ"
    for row, lam in zip(path, lams, strict=True):
        np.testing.assert_allclose(
            row, fit_ridge(X, y, lam), rtol=1e-12, err_msg=f"ridge_path's row for λ = {lam}"
        )


@pytest.mark.task(5)
def test_ridge_by_gradient_descent_matches_the_closed_form(auto_mpg_standardized):
    X, y = auto_mpg_standardized
    lam = 50.0
    expected = fit_ridge(X, y, lam)
    A = np.column_stack([np.ones(len(X)), X])
    lr = 1.0 / float(np.linalg.eigvalsh(2.0 / len(X) * A.T @ A)[-1])
    result = gradient_descent(X, y, lr=lr, epochs=2000, l2=lam)
    rel = np.linalg.norm(result.theta - expected) / np.linalg.norm(expected)
    assert rel < 1e-4, (
        f"GD with l2={lam} ended {rel:.2e} (relative) from fit_ridge(X, y, {lam}); both must "
        "minimize (1/N)(‖Aθ - y‖² + λ‖w‖²)"
    )
