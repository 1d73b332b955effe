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

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

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
    raise NotImplementedError('P03 Task 6 · evaluate_auto_mpg (projects/p03_linear_regression/auto_mpg.py) — see projects/p03_linear_regression/README.md#task-6')
