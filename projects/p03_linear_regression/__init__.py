"""P03 · Linear Regression Engine: least squares by closed forms and by gradient descent."""

from .auto_mpg import ORIGIN_CODES, ORIGIN_NAMES, auto_mpg_features, evaluate_auto_mpg
from .closed_form import (
    add_bias,
    back_substitution,
    check_xy,
    fit_lstsq,
    fit_normal_equations,
    fit_qr,
    predict,
)
from .features import MedianImputer, one_hot, polynomial_feature_names, polynomial_features
from .gradient_descent import GDResult, gradient_descent, mse_and_gradient
from .housing import HOUSE_VALUE_CAP, OCEAN_CATEGORIES, evaluate_housing, housing_features
from .pipeline import RegressionReport, TabularFeatures, fit_and_report
from .ridge import fit_ridge, ridge_path

__all__ = [
    "GDResult",
    "HOUSE_VALUE_CAP",
    "MedianImputer",
    "OCEAN_CATEGORIES",
    "ORIGIN_CODES",
    "ORIGIN_NAMES",
    "RegressionReport",
    "TabularFeatures",
    "add_bias",
    "auto_mpg_features",
    "back_substitution",
    "check_xy",
    "evaluate_auto_mpg",
    "evaluate_housing",
    "fit_and_report",
    "fit_lstsq",
    "fit_normal_equations",
    "fit_qr",
    "fit_ridge",
    "gradient_descent",
    "housing_features",
    "mse_and_gradient",
    "one_hot",
    "polynomial_feature_names",
    "polynomial_features",
    "predict",
    "ridge_path",
]
