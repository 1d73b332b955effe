"""Public tests of P03 · Linear Regression Engine: the first check of every task.

The hidden suite goes further (error messages, edge cases, properties, the bars on the
real data); pass these first.
"""

from __future__ import annotations

import numpy as np
import pytest

from projects.p03_linear_regression import (
    add_bias,
    fit_lstsq,
    fit_normal_equations,
    fit_qr,
    fit_ridge,
    gradient_descent,
    mse_and_gradient,
    one_hot,
    polynomial_features,
    predict,
)
from shared.data import Standardizer, iterate_minibatches, train_test_split
from shared.losses import mse_grad, mse_loss
from shared.metrics import mae, mse, r2

pytestmark = pytest.mark.public


# ------------------------------------------------------------------------------ task 1


@pytest.mark.task(1)
def test_regression_metrics_on_a_hand_computed_example():
    y_true = np.array([3.0, -0.5, 2.0, 7.0])
    y_pred = np.array([2.5, 0.0, 2.0, 8.0])
    # errors -0.5, 0.5, 0, 1: squared 0.25, 0.25, 0, 1 -> mean 0.375; absolute mean 0.5
    assert mse(y_true, y_pred) == pytest.approx(0.375), "mse = mean of squared errors = 0.375"
    assert mae(y_true, y_pred) == pytest.approx(0.5), "mae = mean of absolute errors = 0.5"
    # SS_res = 1.5, SS_tot = Σ(y - 2.875)² = 29.1875
    assert r2(y_true, y_pred) == pytest.approx(1 - 1.5 / 29.1875), (
        "r2 = 1 - SS_res / SS_tot = 1 - 1.5 / 29.1875 here"
    )


@pytest.mark.task(1)
def test_mse_loss_and_its_gradient():
    y_pred = np.array([1.0, 2.0, 4.0])
    y_true = np.array([0.0, 2.0, 1.0])
    assert mse_loss(y_pred, y_true) == pytest.approx(10.0 / 3), "mean of (1, 0, 9) is 10/3"
    np.testing.assert_allclose(
        mse_grad(y_pred, y_true),
        [2 / 3, 0.0, 2.0],
        err_msg="∂L/∂y_pred = 2 (y_pred - y_true) / M with M = 3 elements (no ½ in the loss)",
    )


# ------------------------------------------------------------------------------ task 2


@pytest.mark.task(2)
def test_train_test_split_keeps_rows_aligned():
    X = np.arange(20).reshape(10, 2)
    y = np.arange(10) * 10
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=0.3, seed=0)
    assert len(X_te) == 3 and len(X_tr) == 7, "0.3 of 10 samples go to the test part"
    np.testing.assert_array_equal(X_tr[:, 0] * 5, y_tr, err_msg="rows of X and y got separated")
    np.testing.assert_array_equal(X_te[:, 0] * 5, y_te, err_msg="rows of X and y got separated")
    assert sorted(np.concatenate([y_tr, y_te]).tolist()) == y.tolist(), (
        "train and test together must hold every sample exactly once"
    )


@pytest.mark.task(2)
def test_minibatches_cover_every_sample_once():
    X = np.arange(23, dtype=float)[:, None]
    y = np.arange(23)
    batches = list(iterate_minibatches(X, y, 5, seed=1))
    assert [len(yb) for _, yb in batches] == [5, 5, 5, 5, 3], "4 full batches, then 3 left"
    seen = np.concatenate([yb for _, yb in batches])
    assert sorted(seen.tolist()) == list(range(23)), "each sample appears exactly once per pass"


@pytest.mark.task(2)
def test_standardizer_round_trip():
    X = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    scaler = Standardizer().fit(X)
    Z = scaler.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12, err_msg="columns not centred")
    np.testing.assert_allclose(Z.std(axis=0), 1.0, err_msg="columns not scaled to unit std")
    np.testing.assert_allclose(scaler.inverse_transform(Z), X, err_msg="inverse_transform")


# ------------------------------------------------------------------------------ task 3


# The least-squares θ̂ = (b, w) of the `linear_problem` fixture (y = 1.5 + X (2, -1, 0.5) + noise,
# 200 rows from default_rng(3)), computed once in float64 as pinv([1, X]) @ y and rounded to
# 13 significant digits. It is not θ_true: the noise moves it a little.
THETA_HAT = np.array([1.493855507952, 2.00601656583, -0.9982890900319, 0.4958557614019])
MSE_AT_THETA_HAT = 0.0102463341530511  # mean((b + X w - y)²) there


@pytest.mark.task(3)
def test_the_three_closed_forms_agree(linear_problem):
    X, y, _ = linear_problem
    expected = THETA_HAT
    for fit in (fit_normal_equations, fit_qr, fit_lstsq):
        np.testing.assert_allclose(
            fit(X, y), expected, rtol=1e-9, atol=1e-12, err_msg=f"{fit.__name__} is off"
        )
    np.testing.assert_allclose(add_bias(X)[:, 0], 1.0, err_msg="add_bias puts ones first")
    np.testing.assert_allclose(
        predict(X, expected),
        add_bias(X) @ expected,
        err_msg="predict(X, theta) must equal add_bias(X) @ theta",
    )


@pytest.mark.task(3)
def test_normal_equations_refuse_a_duplicated_column():
    x = np.linspace(-1, 1, 30)
    X = np.column_stack([x, x])
    with pytest.raises(ValueError, match="rank"):
        fit_normal_equations(X, 1 + 3 * x)


# ------------------------------------------------------------------------------ task 4


@pytest.mark.task(4)
def test_batch_gradient_descent_reaches_the_closed_form(linear_problem):
    X, y, _ = linear_problem
    expected = THETA_HAT
    result = gradient_descent(X, y, lr=0.2, epochs=300)
    rel = np.linalg.norm(result.theta - expected) / np.linalg.norm(expected)
    assert rel < 1e-4, f"batch GD ended {rel:.2e} (relative) away from the closed form"
    loss, grad = mse_and_gradient(X, y, expected)
    assert np.linalg.norm(grad) < 1e-8, "the gradient must vanish at the least-squares θ"
    assert loss == pytest.approx(MSE_AT_THETA_HAT, rel=1e-9), (
        f"mse_and_gradient's loss must be the MSE at θ, {MSE_AT_THETA_HAT:.6g}; got {loss:.6g}"
    )


# ------------------------------------------------------------------------------ task 5


@pytest.mark.task(5)
def test_polynomial_features_and_one_hot():
    np.testing.assert_allclose(
        polynomial_features(np.array([[2.0, 3.0]]), 2),
        [[2.0, 3.0, 4.0, 6.0, 9.0]],
        err_msg="degree 2 of (a, b) = (2, 3): a, b, a², ab, b²",
    )
    np.testing.assert_array_equal(
        one_hot(np.array(["b", "a", "c"]), ["a", "b", "c"], drop_first=True),
        [[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]],
        err_msg="drop_first=True: 'a' is the reference, columns mark 'b' and 'c'",
    )


@pytest.mark.task(5)
def test_ridge_shrinks_the_weights(linear_problem):
    X, y, _ = linear_problem
    norms = [np.linalg.norm(fit_ridge(X, y, lam)[1:]) for lam in (0.0, 10.0, 1000.0)]
    assert norms[0] > norms[1] > norms[2], f"‖w‖ must shrink as λ grows, got {norms}"


# ------------------------------------------------------------------------------ task 6


@pytest.mark.task(6)
@pytest.mark.points(2)
def test_housing_pipeline_beats_the_floor(housing_report):
    report = housing_report()
    assert report.r2_test >= 0.69, (
        f"held-out R² on California housing is {report.r2_test:.4f}; the reference "
        "reaches 0.713 (degree 2, ridge λ = 1) and the floor is 0.69"
    )
