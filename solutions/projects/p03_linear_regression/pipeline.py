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
        ### BEGIN SOLUTION t6
        X = self.imputer.transform(X)
        if self.log_columns:
            cols = list(self.log_columns)
            if np.any(X[:, cols] < 0):
                raise ValueError(
                    f"TabularFeatures: log columns {cols} must be ≥ 0 for log(1 + x), got "
                    "negative values"
                )
            X[:, cols] = np.log1p(X[:, cols])
        return X
        ### END SOLUTION

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
        ### BEGIN SOLUTION t6
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != len(self.names):
            raise ValueError(
                f"TabularFeatures.fit: expected X of shape (N, {len(self.names)}), got {X.shape}"
            )
        self._check_category(X, category)
        self.imputer.fit(X)
        Z = self.scaler.fit_transform(self._numeric(X))
        self.poly_scaler.fit(polynomial_features(Z, self.degree))
        if category is not None:
            one_hot(category, self.categories)  # refuses unknown categories now
        return self
        ### END SOLUTION

    def transform(self, X: np.ndarray, category: np.ndarray | None = None) -> np.ndarray:
        """The design features with the training statistics: X: (N, D) -> (N, F) float64,
        F = len(feature_names). Numeric terms are standardized; indicators stay 0/1."""
        ### BEGIN SOLUTION t6
        X = np.asarray(X, dtype=np.float64)
        self._check_category(X, category)
        Z = self.scaler.transform(self._numeric(X))
        blocks = [self.poly_scaler.transform(polynomial_features(Z, self.degree))]
        if category is not None:
            blocks.append(one_hot(category, self.categories, drop_first=True))
        return np.hstack(blocks)
        ### END SOLUTION

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
    ### BEGIN SOLUTION t6
    theta = fit_ridge(F_train, y_train, l2)
    y_pred = predict(F_test, theta)
    return RegressionReport(
        theta=theta,
        feature_names=list(feature_names),
        r2_train=r2(y_train, predict(F_train, theta)),
        r2_test=r2(y_test, y_pred),
        rmse_test=float(np.sqrt(mse(y_test, y_pred))),
        mae_test=mae(y_test, y_pred),
        y_test=np.asarray(y_test, dtype=np.float64),
        y_pred=y_pred,
    )
    ### END SOLUTION
