"""From a raw table to a held-out score: preprocessing fitted on training rows only.

TabularFeatures chains the steps a real table needs before least squares:

    numeric columns ─ impute NaN with the training median
                    ─ log(1 + x) of heavy-tailed, non-negative count columns
                    ─ standardize ─ polynomial terms ─ standardize again
    a category      ─ one-hot in a fixed order, the first category dropped (reference level)

Every statistic (medians, means, standard deviations) is learned in ``fit`` from the
training rows and reused unchanged by ``transform`` on validation and test rows, so the
test set never influences the model, not even through its preprocessing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shared.data import Standardizer
from shared.metrics import mae, mse, r2

from .closed_form import predict
from .features import MedianImputer, one_hot, polynomial_feature_names, polynomial_features
from .ridge import fit_ridge

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


class TabularFeatures:
    """Fitted preprocessing for a numeric block and at most one categorical column.

    Arguments:
        names: the D names of the numeric columns, in order;
        log_columns: indices (into the numeric block) transformed by log(1 + x);
        degree: polynomial degree applied to the standardized numeric block (1 = none);
        categories: the fixed category order of the categorical column, or None when
            there is no categorical column; categories[0] is the dropped reference level;
        category_names: display names of the categories (default: str of each).
    Fitted parts: ``imputer``, ``scaler`` (after the logs), ``poly_scaler`` (after the
    polynomial terms).
    """

    def __init__(
        self,
        names: Sequence[str],
        *,
        log_columns: Sequence[int] = (),
        degree: int = 1,
        categories: Sequence | None = None,
        category_names: Sequence[str] | None = None,
    ) -> None:
        self.names = tuple(names)
        self.log_columns = tuple(log_columns)
        self.degree = degree
        self.categories = None if categories is None else tuple(categories)
        self.category_names = (
            None
            if self.categories is None
            else tuple(category_names or (str(c) for c in self.categories))
        )
        self.imputer = MedianImputer()
        self.scaler = Standardizer()
        self.poly_scaler = Standardizer()

    @property
    def feature_names(self) -> list[str]:
        """Names of the transform columns: the polynomial terms (a log column is shown as
        log(name)), then one indicator per non-reference category, named by the category."""
        shown = [f"log({n})" if i in self.log_columns else n for i, n in enumerate(self.names)]
        dummies = [] if self.category_names is None else list(self.category_names[1:])
        return polynomial_feature_names(shown, self.degree) + dummies

    def _numeric(self, X: np.ndarray) -> np.ndarray:
        """Imputed numeric block with the log columns transformed; X: (N, D) -> (N, D).

        Median imputation first, then log(1 + x) of the ``log_columns``; raises ValueError
        when a log column holds a negative value (after imputation).
        """
        raise NotImplementedError('P03 Task 6 · TabularFeatures._numeric (projects/p03_linear_regression/pipeline.py) — see projects/p03_linear_regression/README.md#task-6')

    def _check_category(self, X: np.ndarray, category: np.ndarray | None) -> None:
        if (self.categories is None) != (category is None):
            raise ValueError(
                "TabularFeatures: pass the categorical column exactly when categories were "
                f"given (categories={self.categories}, got "
                f"{'none' if category is None else 'a column'})"
            )
        if category is not None and len(category) != len(X):
            raise ValueError(
                f"TabularFeatures: X has {len(X)} rows but the categorical "
                f"column has {len(category)}"
            )

    def fit(self, X: np.ndarray, category: np.ndarray | None = None) -> TabularFeatures:
        """Learn every statistic from the training rows. X: (N, D); category: (N,)."""
        raise NotImplementedError('P03 Task 6 · TabularFeatures.fit (projects/p03_linear_regression/pipeline.py) — see projects/p03_linear_regression/README.md#task-6')

    def transform(self, X: np.ndarray, category: np.ndarray | None = None) -> np.ndarray:
        """The design features with the training statistics: X: (N, D) -> (N, F) float64,
        F = len(feature_names). Numeric terms are standardized; indicators stay 0/1."""
        raise NotImplementedError('P03 Task 6 · TabularFeatures.transform (projects/p03_linear_regression/pipeline.py) — see projects/p03_linear_regression/README.md#task-6')

    def fit_transform(self, X: np.ndarray, category: np.ndarray | None = None) -> np.ndarray:
        """fit, then transform, on the same (training) rows."""
        return self.fit(X, category).transform(X, category)


@dataclass(frozen=True)
class RegressionReport:
    """A fitted model and its scores on the training and the held-out rows.

    theta: (F + 1,) parameters, intercept first; feature_names: F names;
    r2_train, r2_test: R²; rmse_test, mae_test: in the target's units;
    y_test, y_pred: (N_test,) held-out targets and predictions (for the plots).
    """

    theta: np.ndarray
    feature_names: list[str]
    r2_train: float
    r2_test: float
    rmse_test: float
    mae_test: float
    y_test: np.ndarray
    y_pred: np.ndarray


def fit_and_report(
    F_train: np.ndarray,
    y_train: np.ndarray,
    F_test: np.ndarray,
    y_test: np.ndarray,
    *,
    l2: float = 0.0,
    feature_names: Sequence[str] = (),
) -> RegressionReport:
    """Fit ridge (λ = l2; 0 is plain least squares) on the training features, then score
    on both parts. F_train: (N, F), y_train: (N,), F_test: (M, F), y_test: (M,)."""
    raise NotImplementedError('P03 Task 6 · fit_and_report (projects/p03_linear_regression/pipeline.py) — see projects/p03_linear_regression/README.md#task-6')
