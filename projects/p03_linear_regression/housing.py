"""The California housing pipeline: split, featurize on the training rows, fit, score.

The data (Pace & Barry 1997, in Géron's version) has two traps for a linear model:

- 207 missing ``total_bedrooms``: filled with the training median (MedianImputer);
- the text column ``ocean_proximity``: one-hot in the fixed order OCEAN_CATEGORIES with
  "<1H OCEAN" (the most common) as the dropped reference level.

The four count columns (rooms, bedrooms, population, households per block group) are
heavy-tailed, so they enter as log(1 + x). The target, median_house_value in USD, is
capped at 500,001 in the source (965 rows): every district worth more is recorded as
500,001. A linear model cannot bend at that ceiling, so it under-predicts most capped
rows (their residuals line up on the diagonal 500,001 - ŷ in the residual plot) and
predicts above the ceiling for others, a value that can never be observed.
"""

from __future__ import annotations

from shared.data import train_test_split
from shared.datasets import CaliforniaHousing, load_california_housing

from .pipeline import RegressionReport, TabularFeatures, fit_and_report

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

# The fixed category order: a one-hot column means the same thing in every split.
OCEAN_CATEGORIES = ("<1H OCEAN", "INLAND", "ISLAND", "NEAR BAY", "NEAR OCEAN")
# total_rooms, total_bedrooms, population, households (indices into the 8 numeric columns)
HOUSING_LOG_COLUMNS = (3, 4, 5, 6)
HOUSE_VALUE_CAP = 500_001.0


def housing_features(data: CaliforniaHousing, degree: int = 2) -> TabularFeatures:
    """An unfitted TabularFeatures for the housing table: logs of the count columns,
    polynomial terms of the given degree, ocean_proximity one-hot."""
    return TabularFeatures(
        data.feature_names,
        log_columns=HOUSING_LOG_COLUMNS,
        degree=degree,
        categories=OCEAN_CATEGORIES,
    )


def evaluate_housing(
    data: CaliforniaHousing | None = None,
    *,
    degree: int = 2,
    l2: float = 1.0,
    test_fraction: float = 0.2,
    seed: int = 42,
) -> RegressionReport:
    """Held-out evaluation of ridge regression on California housing.

    Splits the rows with train_test_split(X, ocean_proximity, y, test_fraction, seed),
    fits housing_features(degree) on the training rows only, transforms both parts, and
    returns fit_and_report(..., l2=l2). ``data`` defaults to load_california_housing().
    """
    raise NotImplementedError('P03 Task 6 · evaluate_housing (projects/p03_linear_regression/housing.py) — see projects/p03_linear_regression/README.md#task-6')
