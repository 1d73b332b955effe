"""Task 6 · preprocessing fitted on training rows, the housing and Auto MPG pipelines,
and the demo's figures."""

from __future__ import annotations

import numpy as np
import pytest

from projects.p03_linear_regression import (
    OCEAN_CATEGORIES,
    TabularFeatures,
    evaluate_auto_mpg,
    evaluate_housing,
    fit_and_report,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FIGURES = (
    "learning_curves.png",
    "predicted_vs_actual.png",
    "residuals.png",
    "ridge_path.png",
    "polynomial_degree.png",
)


def _toy_table():
    X = np.array([[1.0, 0.0], [2.0, 3.0], [np.nan, 8.0], [4.0, 15.0], [6.0, np.nan], [9.0, 24.0]])
    cats = np.array(["x", "y", "z", "x", "y", "x"])
    return X, cats


@pytest.mark.task(6)
def test_tabular_features_by_hand():
    X, cats = _toy_table()
    feats = TabularFeatures(["a", "b"], log_columns=[1], degree=1, categories=["x", "y", "z"])
    F = feats.fit(X, cats).transform(X, cats)
    # by hand: medians a = 4, b = 8; then b -> log(1 + b); then standardize each column
    a = np.array([1.0, 2.0, 4.0, 4.0, 6.0, 9.0])
    b = np.log1p(np.array([0.0, 3.0, 8.0, 15.0, 8.0, 24.0]))
    expected = np.column_stack(
        [
            (a - a.mean()) / a.std(),
            (b - b.mean()) / b.std(),
            cats == "y",
            cats == "z",
        ]
    ).astype(float)
    np.testing.assert_allclose(
        F,
        expected,
        rtol=1e-10,
        atol=1e-12,
        err_msg="impute (median) -> log1p -> standardize; then the "
        "indicators of the non-reference categories, as 0/1",
    )
    assert feats.feature_names == ["a", "log(b)", "y", "z"], (
        "feature names: numeric columns (log-transformed ones as log(name)), then the "
        f"non-reference categories; expected ['a', 'log(b)', 'y', 'z'], got {feats.feature_names}"
    )


@pytest.mark.task(6)
@pytest.mark.points(2)
def test_statistics_come_from_the_training_rows_only():
    X, cats = _toy_table()
    feats = TabularFeatures(["a", "b"], degree=2, categories=["x", "y", "z"]).fit(X, cats)
    before = feats.transform(X, cats)
    X_test = np.array([[np.nan, 100.0], [1000.0, np.nan]])
    filled = np.array([[4.0, 100.0], [1000.0, 8.0]])  # the TRAINING medians
    cats_test = np.array(["z", "x"])
    np.testing.assert_allclose(
        feats.transform(X_test, cats_test),
        feats.transform(filled, cats_test),
        err_msg="a missing test value must become the training median",
    )
    np.testing.assert_allclose(
        feats.transform(X, cats), before, err_msg="transforming other rows must not refit anything"
    )
    assert feats.transform(X_test, cats_test).shape == (2, 5 + 2), "a, b, a², ab, b², y, z"
    with pytest.raises(ValueError, match=r"\['w'\]"):
        feats.transform(X[:1], np.array(["w"]))  # a category never seen: refused by name


@pytest.mark.task(6)
def test_fit_and_report_scores(linear_problem):
    X, y, _ = linear_problem
    report = fit_and_report(X[:150], y[:150], X[150:], y[150:], feature_names=["a", "b", "c"])
    A = np.column_stack([np.ones(150), X[:150]])
    theta = np.linalg.pinv(A) @ y[:150]
    y_pred = theta[0] + X[150:] @ theta[1:]
    resid = y[150:] - y_pred
    np.testing.assert_allclose(
        report.theta, theta, rtol=1e-9, err_msg="theta is the least-squares fit on the train part"
    )
    np.testing.assert_allclose(
        report.y_pred, y_pred, rtol=1e-9, err_msg="y_pred is the prediction on the test part"
    )
    assert report.rmse_test == pytest.approx(np.sqrt(np.mean(resid**2))), (
        f"rmse_test = sqrt(mean(residual²)) = {np.sqrt(np.mean(resid**2)):.6g}, "
        f"got {report.rmse_test:.6g}"
    )
    assert report.mae_test == pytest.approx(np.mean(np.abs(resid))), (
        f"mae_test = mean(|residual|) = {np.mean(np.abs(resid)):.6g}, got {report.mae_test:.6g}"
    )
    ss_tot = np.sum((y[150:] - y[150:].mean()) ** 2)
    assert report.r2_test == pytest.approx(1 - resid @ resid / ss_tot), (
        f"r2_test = 1 - SS_res / SS_tot = {1 - resid @ resid / ss_tot:.6g}, "
        f"got {report.r2_test:.6g}"
    )
    assert report.feature_names == ["a", "b", "c"], (
        f"the report keeps the given feature_names ['a', 'b', 'c'], got {report.feature_names}"
    )


@pytest.mark.task(6)
def test_housing_report_is_consistent(housing_report):
    report = housing_report()
    n_test = int(np.ceil(0.2 * 20640))
    assert report.y_test.shape == report.y_pred.shape == (n_test,), "20% of 20,640 rows held out"
    resid = report.y_test - report.y_pred
    assert report.rmse_test == pytest.approx(np.sqrt(np.mean(resid**2))), (
        f"rmse_test must be the RMSE of y_test - y_pred = {np.sqrt(np.mean(resid**2)):.6g}, "
        f"got {report.rmse_test:.6g}"
    )
    assert 0.69 <= report.r2_train < 0.8, f"training R² {report.r2_train:.4f} is implausible"
    names = report.feature_names
    assert names[-4:] == list(OCEAN_CATEGORIES[1:]), (
        "ocean_proximity enters one-hot in the fixed order, '<1H OCEAN' dropped as reference"
    )
    assert len(report.theta) == len(names) + 1 == 1 + 44 + 4, (
        "degree 2 on 8 numeric columns gives 8 + 36 = 44 terms, plus 4 indicators"
    )
    assert np.all(np.isfinite(report.y_pred)), "the 207 missing total_bedrooms must be imputed"


@pytest.mark.task(6)
def test_plain_linear_housing_model_floor():
    report = evaluate_housing(degree=1, l2=0.0)
    assert report.r2_test >= 0.63, (
        f"held-out R² of the degree-1 least-squares housing model is {report.r2_test:.4f}; "
        "the reference reaches 0.661 and the floor is 0.63"
    )
    assert len(report.theta) == 1 + 8 + 4, (
        "degree 1: intercept + 8 numeric columns + 4 ocean indicators = 13 parameters, "
        f"got {len(report.theta)}"
    )


@pytest.mark.task(6)
def test_auto_mpg_pipeline_floor():
    report = evaluate_auto_mpg()
    assert report.r2_test >= 0.72, (
        f"held-out R² on Auto MPG is {report.r2_test:.4f}; the reference reaches 0.783 and "
        "the floor is 0.72"
    )
    assert report.feature_names[-2:] == ["Europe", "Japan"], (
        "origin is a category: one-hot with USA as the reference level"
    )
    assert report.y_test.shape == (80,) and np.all(np.isfinite(report.y_pred)), (
        "Auto MPG holds out 80 cars with finite predictions; got y_test of shape "
        f"{report.y_test.shape} and {np.sum(~np.isfinite(report.y_pred))} non-finite predictions"
    )


@pytest.mark.task(6)
def test_demo_saves_valid_figures_and_reports_its_numbers(demo_run):
    metrics, folder = demo_run()
    for name in FIGURES:
        path = folder / name
        assert path.is_file(), f"the demo should save {name} under out_dir"
        head = path.read_bytes()[:8]
        assert head == PNG_MAGIC, f"{name} is not a PNG file"
        assert path.stat().st_size > 5_000, f"{name} looks empty"
    for key in ("housing_r2_test", "housing_linear_r2_test", "auto_mpg_r2_test"):
        assert key in metrics, f"main() should return {key}"
    assert metrics["housing_r2_test"] >= 0.69, (
        f"the demo's housing model should reach a held-out R² of 0.69, "
        f"got {metrics['housing_r2_test']:.4f}"
    )
    assert metrics["gd_batch_final_mse"] < 1.01 * metrics["gd_closed_form_mse"], (
        "batch GD's final training loss should be within 1% of the closed-form optimum"
    )
