"""Task 4 · batch, mini-batch and stochastic gradient descent on the MSE."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support
from projects.p03_linear_regression import gradient_descent, mse_and_gradient

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
lstsq_reference = oracles.lstsq_reference


def _relative(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


def _lam_max(X: np.ndarray) -> float:
    """Largest eigenvalue of the Hessian (2/N) AᵀA of the MSE."""
    A = np.column_stack([np.ones(len(X)), X])
    return float(np.linalg.eigvalsh(2.0 / len(X) * A.T @ A)[-1])


@pytest.mark.task(4)
def test_gradient_matches_formula_and_finite_difference(linear_problem, central_difference):
    X, y, _ = linear_problem
    theta = np.array([0.3, -0.2, 1.0, 0.7])
    for penalty in (0.0, 0.05):
        loss, grad = mse_and_gradient(X, y, theta, penalty=penalty)
        A = np.column_stack([np.ones(len(X)), X])
        r = A @ theta - y
        assert loss == pytest.approx(r @ r / len(y) + penalty * theta[1:] @ theta[1:]), (
            "J = (1/N)‖Aθ - y‖² + penalty·‖w‖² (the intercept is not penalized)"
        )
        numeric = central_difference(
            lambda t, p=penalty: mse_and_gradient(X, y, t, penalty=p)[0], theta
        )
        np.testing.assert_allclose(
            grad, numeric, rtol=1e-6, atol=1e-8, err_msg=f"gradient wrong with penalty={penalty}"
        )
    # With w = 0 the penalty adds nothing: the intercept θ0 = 5 must not be penalized.
    start = np.array([5.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(
        mse_and_gradient(X, y, start)[1],
        mse_and_gradient(X, y, start, penalty=10.0)[1],
        err_msg="the penalty must leave the intercept alone",
    )


@pytest.mark.task(4)
@pytest.mark.points(2)
def test_batch_gd_matches_the_closed_form_on_standardized_auto_mpg(
    auto_mpg_standardized, lstsq_reference
):
    X, y = auto_mpg_standardized
    expected = lstsq_reference(X, y)
    result = gradient_descent(X, y, lr=1.0 / _lam_max(X), epochs=2000)
    rel = _relative(result.theta, expected)
    assert rel < 1e-4, (
        f"batch GD on standardized Auto MPG ended {rel:.2e} (relative) from the least-squares "
        "weights; with lr = 1/λ_max and 2000 epochs it should be below 1e-4"
    )


@pytest.mark.task(4)
def test_minibatch_and_sgd_converge_on_noise_free_data(noise_free_problem):
    X, y, theta = noise_free_problem
    for batch_size, lr, epochs in [(16, 0.05, 200), (1, 0.01, 60)]:
        result = gradient_descent(X, y, lr=lr, epochs=epochs, batch_size=batch_size, seed=1)
        rel = _relative(result.theta, theta)
        assert rel < 1e-4, f"batch_size={batch_size}: ended {rel:.2e} (relative) from θ"
        assert result.steps == epochs * int(np.ceil(len(y) / batch_size)), (
            "one update per mini-batch: steps = epochs · ceil(N / batch_size)"
        )


@pytest.mark.task(4)
def test_loss_history_and_validation_loss(linear_problem):
    X, y, _ = linear_problem
    result = gradient_descent(X, y, lr=0.1, epochs=25)
    assert result.train_loss.shape == (26,), "train_loss holds the start plus one per epoch"
    assert result.train_loss[0] == pytest.approx(np.mean(y**2)), (
        "train_loss[0] is the loss at θ0 = 0, i.e. mean(y²)"
    )
    assert np.all(np.diff(result.train_loss) <= 1e-12), (
        "with a small enough lr, batch GD never increases the training loss"
    )
    assert result.steps == 25 and result.val_loss is None, (
        "25 epochs of batch GD are 25 steps, and without X_val val_loss is None; got "
        f"steps={result.steps}, val_loss={result.val_loss!r}"
    )
    result = gradient_descent(
        X[:150], y[:150], lr=0.1, epochs=10, batch_size=32, X_val=X[150:], y_val=y[150:], seed=0
    )
    assert result.val_loss is not None and result.val_loss.shape == (11,), (
        "with X_val, val_loss holds the start plus one value per epoch, shape (11,), got "
        f"{None if result.val_loss is None else result.val_loss.shape}"
    )
    theta = result.theta
    final = np.mean((theta[0] + X[150:] @ theta[1:] - y[150:]) ** 2)
    assert result.val_loss[-1] == pytest.approx(final), "val_loss[-1] = MSE at the final θ"


@pytest.mark.task(4)
def test_runs_are_reproducible_and_start_at_theta0(linear_problem):
    X, y, _ = linear_problem
    a = gradient_descent(X, y, lr=0.01, epochs=3, batch_size=1, seed=3)
    b = gradient_descent(X, y, lr=0.01, epochs=3, batch_size=1, seed=3)
    c = gradient_descent(X, y, lr=0.01, epochs=3, batch_size=1, seed=4)
    np.testing.assert_array_equal(a.theta, b.theta, err_msg="same seed, same SGD run")
    assert not np.array_equal(a.theta, c.theta), "another seed shuffles differently"
    start = np.array([1.0, 2.0, 3.0, 4.0])
    result = gradient_descent(X, y, lr=0.1, epochs=1, theta0=start)
    r = start[0] + X @ start[1:] - y
    assert result.train_loss[0] == pytest.approx(r @ r / len(y)), (
        f"train_loss[0] is the loss at theta0 = {start}: expected {r @ r / len(y):.6g}, "
        f"got {result.train_loss[0]:.6g}"
    )
    np.testing.assert_array_equal(start, [1.0, 2.0, 3.0, 4.0], err_msg="theta0 was modified")


@pytest.mark.task(4)
def test_standardization_speeds_gradient_descent_up(auto_mpg_standardized, lstsq_reference):
    # The same cars, raw units (weights in the thousands) vs standardized: with the
    # largest safe step for each, the raw problem's huge κ leaves GD far from the optimum.
    from shared.datasets import load_auto_mpg

    data = load_auto_mpg()
    keep = ~np.isnan(data.X).any(axis=1)
    raw, y = data.X[keep][:, :6], data.y[keep]
    Z, _ = auto_mpg_standardized
    best_raw = lstsq_reference(raw, y)
    res_raw = gradient_descent(raw, y, lr=1.0 / _lam_max(raw), epochs=500)
    res_std = gradient_descent(Z, y, lr=1.0 / _lam_max(Z), epochs=500)
    loss_best = np.mean((best_raw[0] + raw @ best_raw[1:] - y) ** 2)
    assert res_std.train_loss[-1] < 1.001 * loss_best, "standardized: at the optimum"
    assert res_raw.train_loss[-1] > 1.5 * loss_best, (
        "raw features: 500 epochs should still be far from the optimum (κ is huge)"
    )


@pytest.mark.task(4)
def test_divergence_and_bad_arguments_are_refused(linear_problem):
    X, y, _ = linear_problem
    with pytest.raises(ValueError, match="diverge"):
        gradient_descent(X, y, lr=5.0, epochs=200)  # lr far above 2 / λ_max ≈ 0.9
    # Each refusal names the offending argument.
    for kwargs, argument in [
        ({"lr": 0.0, "epochs": 5}, r"\blr\b"),
        ({"lr": -0.1, "epochs": 5}, r"\blr\b"),
        ({"lr": 0.1, "epochs": 0}, r"epochs"),
        ({"lr": 0.1, "epochs": 5, "batch_size": 0}, r"batch_size"),
        ({"lr": 0.1, "epochs": 5, "l2": -1.0}, r"\bl2\b"),
        ({"lr": 0.1, "epochs": 5, "theta0": np.zeros(3)}, r"theta0"),
    ]:
        with pytest.raises(ValueError, match=argument):
            gradient_descent(X, y, **kwargs)
