"""Demo: linear regression on California housing and Auto MPG, printed and plotted.

Run with ``python -m projects.p03_linear_regression`` (or ``m2m demo p03``). Figures go
to out/p03/ (or ``out_dir``): learning curves of the three gradient-descent variants,
predicted-vs-actual and residual plots of the housing model, the ridge coefficient path,
and the polynomial-degree sweep on Auto MPG.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from shared.data import Standardizer, train_test_split
from shared.datasets import load_auto_mpg, load_california_housing
from shared.metrics import mse
from shared.plotting import save_figure

from .auto_mpg import ORIGIN_COLUMN, auto_mpg_features, evaluate_auto_mpg
from .closed_form import fit_lstsq, predict
from .features import polynomial_features
from .gradient_descent import gradient_descent, mse_and_gradient
from .housing import HOUSE_VALUE_CAP, evaluate_housing, housing_features
from .plots import (
    plot_degree_sweep,
    plot_learning_curves,
    plot_predicted_vs_actual,
    plot_residuals,
    plot_ridge_path,
)
from .ridge import fit_ridge, ridge_path

SEED = 42
# (label, batch size, learning rate, epochs) of the three variants compared on housing.
GD_VARIANTS = (
    ("batch GD", None, None, 300),  # lr None: 1 / λ_max of the Hessian, computed below
    ("mini-batch GD (B = 32)", 32, 0.01, 30),
    ("SGD (B = 1)", 1, 0.0005, 3),
)


def _gd_comparison(data, out_dir: Path | None) -> dict[str, float]:
    """Train the three variants on standardized degree-1 housing features."""
    X_tr, _, cat_tr, _, y_tr, _ = train_test_split(
        data.X, data.ocean_proximity, data.y, test_fraction=0.2, seed=SEED
    )
    F = housing_features(data, degree=1).fit_transform(X_tr, cat_tr)
    # A standardized target keeps the loss on a unit scale: MSE ≈ 1 - R².
    z = Standardizer().fit_transform(y_tr)
    theta_star = fit_lstsq(F, z)
    optimum, _ = mse_and_gradient(F, z, theta_star)
    A = np.hstack([np.ones((len(F), 1)), F])
    lam_max = float(np.linalg.eigvalsh(2.0 / len(F) * A.T @ A)[-1])
    curves, out = {}, {}
    for label, batch, lr, epochs in GD_VARIANTS:
        lr = 1.0 / lam_max if lr is None else lr
        res = gradient_descent(F, z, lr=lr, epochs=epochs, batch_size=batch, seed=SEED)
        curves[label] = res.train_loss
        rel = float(np.linalg.norm(res.theta - theta_star) / np.linalg.norm(theta_star))
        print(
            f"  {label:<24} lr={lr:<8.4g} epochs={epochs:<4d} updates={res.steps:<6d} "
            f"final MSE={res.train_loss[-1]:.5f}  |θ-θ*|/|θ*|={rel:.2e}"
        )
        out[label] = res.train_loss[-1]
    print(f"  closed form (lstsq)                                               MSE={optimum:.5f}")
    save_figure(plot_learning_curves(curves, optimum), "p03", "learning_curves.png", out_dir)
    return {
        "gd_batch_final_mse": float(out["batch GD"]),
        "gd_closed_form_mse": float(optimum),
    }


def _degree_sweep(out_dir: Path | None, max_degree: int = 10, l2: float = 1.0) -> dict:
    """mpg from horsepower alone, polynomials of growing degree fitted on 10% of the cars
    (39 of them) and scored on the other 90%: least squares overfits, ridge does not."""
    auto = load_auto_mpg()
    keep = ~np.isnan(auto.X[:, 2])  # the sweep simply skips the 6 cars without horsepower
    hp, mpg = auto.X[keep, 2], auto.y[keep]
    hp_tr, hp_va, y_tr, y_va = train_test_split(hp, mpg, test_fraction=0.9, seed=SEED)
    scaler = Standardizer().fit(hp_tr)
    z_tr, z_va = scaler.transform(hp_tr), scaler.transform(hp_va)
    degrees = np.arange(1, max_degree + 1)
    train_err, val_err, ridge_err = [], [], []
    for d in degrees:
        poly_scaler = Standardizer().fit(polynomial_features(z_tr, int(d)))
        P_tr = poly_scaler.transform(polynomial_features(z_tr, int(d)))
        P_va = poly_scaler.transform(polynomial_features(z_va, int(d)))
        theta = fit_lstsq(P_tr, y_tr)
        train_err.append(mse(y_tr, predict(P_tr, theta)))
        val_err.append(mse(y_va, predict(P_va, theta)))
        ridge_err.append(mse(y_va, predict(P_va, fit_ridge(P_tr, y_tr, l2))))
    best = int(degrees[int(np.argmin(val_err))])
    print(
        f"  mpg ~ poly(horsepower), fitted on {len(y_tr)} cars: training MSE "
        f"{train_err[0]:.1f} (degree 1) -> {train_err[-1]:.1f} (degree {max_degree}); "
        f"validation MSE best at degree {best} ({min(val_err):.1f}), {val_err[-1]:.3g} at "
        f"degree {max_degree}; with ridge λ = {l2:g}: {ridge_err[-1]:.1f} at degree {max_degree}"
    )
    fig = plot_degree_sweep(
        degrees, np.array(train_err), np.array(val_err), ridge_mse=np.array(ridge_err), l2=l2
    )
    save_figure(fig, "p03", "polynomial_degree.png", out_dir)
    return {"auto_mpg_best_degree": best}


def main(out_dir: Path | None = None) -> dict[str, float | int | str]:
    """Fit, score and plot; returns the headline metrics."""
    data = load_california_housing()
    print("P03 · Linear Regression Engine")
    print("California housing (20,640 block groups; 80/20 split, seed 42)")
    linear = evaluate_housing(data, degree=1, l2=0.0, seed=SEED)
    print(
        f"  linear, least squares:       R² train {linear.r2_train:.4f}  "
        f"test {linear.r2_test:.4f}  RMSE {linear.rmse_test:,.0f} USD"
    )
    report = evaluate_housing(data, seed=SEED)  # degree 2, ridge λ = 1
    print(
        f"  degree 2 + ridge (λ = 1):    R² train {report.r2_train:.4f}  "
        f"test {report.r2_test:.4f}  RMSE {report.rmse_test:,.0f} USD  "
        f"MAE {report.mae_test:,.0f} USD"
    )
    capped = report.y_test >= HOUSE_VALUE_CAP
    print(
        f"  {int(capped.sum())} test rows sit at the 500,001 cap; mean residual there "
        f"{float(np.mean(report.y_test[capped] - report.y_pred[capped])):,.0f} USD"
    )
    # Plotted in thousands of USD, so that the tick labels stay short.
    y_k, pred_k = report.y_test / 1e3, report.y_pred / 1e3
    fig = plot_predicted_vs_actual(y_k, pred_k, cap=HOUSE_VALUE_CAP / 1e3, unit="(thousand USD)")
    save_figure(fig, "p03", "predicted_vs_actual.png", out_dir)
    fig = plot_residuals(y_k, pred_k, unit="(thousand USD)")
    save_figure(fig, "p03", "residuals.png", out_dir)

    print("Gradient descent on the degree-1 housing features (standardized target)")
    gd = _gd_comparison(data, out_dir)

    auto = evaluate_auto_mpg(seed=SEED)
    print(
        f"Auto MPG (398 cars; 80/20 split, seed 42), linear: R² train {auto.r2_train:.4f}  "
        f"test {auto.r2_test:.4f}  RMSE {auto.rmse_test:.2f} mpg"
    )
    # The ridge path on all 398 cars: every weight shrinks towards 0 as λ grows.
    auto_data = load_auto_mpg()
    numeric = [i for i in range(auto_data.X.shape[1]) if i != ORIGIN_COLUMN]
    feats = auto_mpg_features(auto_data)
    F = feats.fit_transform(auto_data.X[:, numeric], auto_data.X[:, ORIGIN_COLUMN])
    l2s = np.logspace(-2, 4, 40)
    save_figure(
        plot_ridge_path(l2s, ridge_path(F, auto_data.y, l2s), feats.feature_names),
        "p03",
        "ridge_path.png",
        out_dir,
    )
    sweep = _degree_sweep(out_dir)

    return {
        "housing_r2_test": round(report.r2_test, 4),
        "housing_r2_train": round(report.r2_train, 4),
        "housing_rmse_test": round(report.rmse_test, 1),
        "housing_linear_r2_test": round(linear.r2_test, 4),
        "auto_mpg_r2_test": round(auto.r2_test, 4),
        **{k: round(v, 5) for k, v in gd.items()},
        **sweep,
    }
