"""Task 6 · logistic regression with L2, trained by full-batch gradient descent
(logistic.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest


@pytest.mark.task(6)
def test_decision_function_and_predict_by_hand():
    from projects.p04_spam_filter import LogisticRegression

    model = LogisticRegression()
    model.coef_ = np.array([2.0, -1.0])
    model.intercept_ = 0.5
    X = np.array([[1.0, 1.0], [0.0, 3.0], [0.0, 0.0]])
    z = model.decision_function(X)
    np.testing.assert_allclose(z, [1.5, -2.5, 0.5], err_msg="z = Xw + b")
    np.testing.assert_allclose(
        model.predict_proba(X),
        1 / (1 + np.exp(-np.array([1.5, -2.5, 0.5]))),
        err_msg="predict_proba = sigmoid(Xw + b)",
    )
    assert model.predict(X).tolist() == [1, 0, 1], (
        "z = (1.5, -2.5, 0.5) with threshold 0.5 predicts [1, 0, 1], "
        f"got {model.predict(X).tolist()}"
    )
    assert model.predict(X, threshold=0.7).tolist() == [1, 0, 0], (
        "sigmoid(0.5) = 0.62 < 0.7, so threshold 0.7 predicts [1, 0, 0], "
        f"got {model.predict(X, threshold=0.7).tolist()}"
    )


@pytest.mark.task(6)
def test_the_bias_is_not_regularised():
    from projects.p04_spam_filter import LogisticRegression

    # No feature carries information (all zeros), so the best model predicts the base
    # rate: w = 0 and σ(b) = 1/4, b = ln(1/3) — however strong the L2 penalty on w.
    X = np.zeros((8, 3))
    y = np.array([1, 0, 0, 0, 1, 0, 0, 0], dtype=np.float64)
    model = LogisticRegression(l2=1.0, lr=4.0, epochs=200).fit(X, y)
    assert model.intercept_ == pytest.approx(math.log(1 / 3), abs=1e-8), (
        f"fitted bias {model.intercept_}; with a penalty on b it would be pulled toward 0 "
        f"instead of ln(1/3) = {math.log(1 / 3):.6f}"
    )
    np.testing.assert_allclose(
        model.coef_, 0.0, atol=1e-12, err_msg="all-zero features get zero weights"
    )


@pytest.mark.task(6)
def test_loss_and_grad_value_by_hand():
    from projects.p04_spam_filter import LogisticRegression

    model = LogisticRegression(l2=0.5)
    model.coef_ = np.array([1.0, -2.0])
    model.intercept_ = 0.0
    X = np.array([[0.0, 0.0], [1.0, 0.5]])
    y = np.array([1.0, 0.0])
    loss, grad_w, grad_b = model.loss_and_grad(X, y)
    # z = (0, 0): BCE = ln 2; penalty 0.5/2 · (1 + 4) = 1.25.
    assert loss == pytest.approx(math.log(2.0) + 1.25, rel=1e-12), "J = BCE + (λ/2)‖w‖²"
    # σ(z) − y = (−½, ½), divided by N = 2; grad_w = Xᵀ(·) + λw.
    np.testing.assert_allclose(
        grad_w,
        [0.25 + 0.5, 0.125 - 1.0],
        rtol=1e-12,
        err_msg="grad_w = Xᵀ(σ(z) − y) / N + λw",
    )
    assert grad_b == pytest.approx(0.0, abs=1e-15), "grad_b = mean(σ(z) − y), no λ term"


@pytest.mark.task(6)
def test_training_decreases_the_objective_and_records_it():
    from projects.p04_spam_filter import LogisticRegression

    rng = np.random.default_rng(9)
    X = rng.normal(size=(100, 5))
    y = (X @ rng.normal(size=5) + 0.5 * rng.normal(size=100) > 0).astype(np.float64)
    model = LogisticRegression(l2=1e-3, lr=0.5, epochs=150).fit(X, y)
    history = np.asarray(model.history)
    assert history.shape == (150,), "history holds one objective value per step"
    assert np.all(np.diff(history) <= 1e-12), (
        "with a small enough step the objective must never increase"
    )
    accuracy = np.mean(model.predict(X) == y)
    assert accuracy > 0.85, f"training accuracy {accuracy:.2f} on nearly separable data"


@pytest.mark.task(6)
def test_float32_features_train_in_float32():
    from projects.p04_spam_filter import LogisticRegression

    rng = np.random.default_rng(10)
    X = rng.random((50, 4)).astype(np.float32)
    y = (X[:, 0] > 0.5).astype(np.float64)
    model = LogisticRegression(lr=1.0, epochs=5).fit(X, y)
    assert model.coef_.dtype == np.float32, (
        f"coef_ is {model.coef_.dtype}; with float32 features the weights stay float32 "
        "(a float64 vector would make every product copy X to float64)"
    )


@pytest.mark.task(6)
def test_logistic_regression_errors():
    from projects.p04_spam_filter import LogisticRegression

    with pytest.raises(ValueError, match="fit"):
        LogisticRegression().decision_function(np.zeros((2, 3)))
    model = LogisticRegression(epochs=3).fit(np.zeros((4, 3)), np.array([0, 1, 0, 1]))
    with pytest.raises(ValueError, match="3"):
        model.decision_function(np.zeros((2, 5)))
    with pytest.raises(ValueError, match=r"\by\b|\b5\b"):
        LogisticRegression().fit(np.zeros((4, 3)), np.zeros(5))
