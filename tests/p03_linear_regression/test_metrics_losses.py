"""Task 1 · regression metrics (shared/metrics.py) and the MSE loss (shared/losses.py)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from shared.losses import mse_grad, mse_loss
from shared.metrics import mae, mse, r2

finite = st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False)


@pytest.mark.task(1)
def test_r2_landmarks_and_a_constant_target():
    y = np.array([1.0, 2.0, 3.0, 4.0])
    assert r2(y, y) == pytest.approx(1.0), "a perfect prediction has R² = 1"
    assert r2(y, np.full(4, 2.5)) == pytest.approx(0.0), "predicting the mean has R² = 0"
    # reversed predictions: SS_res = 9 + 1 + 1 + 9 = 20, SS_tot = 5 -> R² = -3
    assert r2(y, y[::-1]) == pytest.approx(-3.0), "a model worse than the mean has R² < 0"
    y = np.full(5, 7.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a division by SS_tot = 0 would warn here
        exact = r2(y, y.copy())
        off = r2(y, y + np.array([0.0, 1.0, 0.0, 0.0, 0.0]))
    assert exact == 1.0, f"constant target, exact prediction: the brief defines R² = 1, got {exact}"
    assert off == 0.0, f"constant target, imperfect prediction: R² = 0 by definition, got {off}"


@pytest.mark.task(1)
def test_metrics_and_loss_refuse_bad_input():
    y = np.arange(4.0)
    for fn in (mse, mae, r2, mse_loss, mse_grad):
        name = fn.__name__
        with pytest.raises(ValueError, match="shape"):
            fn(y, y[:, None])  # (4,) vs (4, 1) would broadcast to (4, 4)
        with pytest.raises(ValueError, match="shape"):
            fn(y, y[:3])
        with pytest.raises(ValueError, match=r"(?i)empty|sample|element"):
            fn(np.array([]), np.array([]))  # no samples: nothing to average
        if name in ("mse", "mae", "r2"):
            with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
                fn(np.array([1.0, np.nan]), np.array([1.0, 2.0]))  # never a silent NaN
    value = mse([1, 2, 3], [1, 2, 5])
    assert isinstance(value, float), f"mse should return a float, got {type(value).__name__}"
    assert value == pytest.approx(4 / 3), "lists are accepted too"


@pytest.mark.task(1)
@given(arrays(np.float64, st.integers(1, 30), elements=finite), st.data())
def test_metric_properties(y_true, data):
    y_pred = data.draw(arrays(np.float64, y_true.shape, elements=finite))
    m, a = mse(y_true, y_pred), mae(y_true, y_pred)
    assert m >= 0 and a >= 0, f"mse and mae are never negative, got mse={m}, mae={a}"
    assert a <= np.sqrt(m) * (1 + 1e-9) + 1e-12, "mean |e| ≤ sqrt(mean e²) always"
    assert mse(y_true, y_true) == 0.0, (
        f"a perfect prediction has mse exactly 0, got {mse(y_true, y_true)}"
    )
    assert r2(y_true, y_pred) <= 1.0 + 1e-12, "R² never exceeds 1"
    assert mse(y_true, y_pred) == pytest.approx(np.mean((y_true - y_pred) ** 2), rel=1e-12), (
        f"mse = mean((y_true - y_pred)²) = {np.mean((y_true - y_pred) ** 2)}, "
        f"got {mse(y_true, y_pred)}"
    )


@pytest.mark.task(1)
def test_mse_grad_matches_a_finite_difference(central_difference):
    rng = np.random.default_rng(0)
    for shape in [(7,), (5, 3)]:
        y_pred = rng.standard_normal(shape)
        y_true = rng.standard_normal(shape)
        loss = mse_loss(y_pred, y_true)
        assert isinstance(loss, float), f"mse_loss should return a float, got {type(loss)}"
        assert loss == pytest.approx(float(np.sum((y_pred - y_true) ** 2) / y_pred.size)), (
            "mse_loss is the plain mean of squared errors (the brief's convention: no ½)"
        )
        numeric = central_difference(lambda p, t=y_true: mse_loss(p, t), y_pred)
        grad = mse_grad(y_pred, y_true)
        assert grad.shape == shape, f"mse_grad must keep y_pred's shape {shape}"
        np.testing.assert_allclose(
            grad,
            numeric,
            rtol=1e-6,
            atol=1e-9,
            err_msg=f"mse_grad disagrees with the central difference of mse_loss, shape {shape}",
        )
