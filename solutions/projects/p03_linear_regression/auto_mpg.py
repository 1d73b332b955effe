"""The Auto MPG pipeline: fuel economy of 398 cars (1970-1982) from their specs.

Two traps again: 6 cars have no horsepower (filled with the training median), and
``origin`` is a category stored as a number (1 = USA, 2 = Europe, 3 = Japan). Used as a
number it would claim that Japan is "Europe plus one unit"; it enters one-hot instead,
USA being the reference level.
"""

from __future__ import annotations

from shared.data import train_test_split
from shared.datasets import AutoMPG, load_auto_mpg

from .pipeline import RegressionReport, TabularFeatures, fit_and_report

ORIGIN_CODES = (1.0, 2.0, 3.0)
ORIGIN_NAMES = ("USA", "Europe", "Japan")
ORIGIN_COLUMN = 6  # index of origin among the 7 columns of AutoMPG.X


def auto_mpg_features(data: AutoMPG, degree: int = 1) -> TabularFeatures:
    """An unfitted TabularFeatures for the 6 numeric Auto MPG columns plus origin."""
    numeric = [n for i, n in enumerate(data.feature_names) if i != ORIGIN_COLUMN]
    return TabularFeatures(
        numeric, degree=degree, categories=ORIGIN_CODES, category_names=ORIGIN_NAMES
    )


def evaluate_auto_mpg(
    data: AutoMPG | None = None,
    *,
    degree: int = 1,
    l2: float = 0.0,
    test_fraction: float = 0.2,
    seed: int = 42,
) -> RegressionReport:
    """Held-out evaluation of (ridge) regression of mpg on Auto MPG.

    Splits X and y with train_test_split(test_fraction, seed), separates the origin
    column from the 6 numeric ones, fits auto_mpg_features(degree) on the training rows,
    and returns fit_and_report(..., l2=l2). ``data`` defaults to load_auto_mpg().
    """
    ### BEGIN SOLUTION t6
    if data is None:
        data = load_auto_mpg()
    X_tr, X_te, y_tr, y_te = train_test_split(
        data.X, data.y, test_fraction=test_fraction, seed=seed
    )
    numeric = [i for i in range(data.X.shape[1]) if i != ORIGIN_COLUMN]
    features = auto_mpg_features(data, degree).fit(X_tr[:, numeric], X_tr[:, ORIGIN_COLUMN])
    report = fit_and_report(
        features.transform(X_tr[:, numeric], X_tr[:, ORIGIN_COLUMN]),
        y_tr,
        features.transform(X_te[:, numeric], X_te[:, ORIGIN_COLUMN]),
        y_te,
        l2=l2,
        feature_names=features.feature_names,
    )
    return report
    ### END SOLUTION
