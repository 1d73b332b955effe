"""P06 · Fraud Detection MLP: layers, optimizers and class imbalance on rare positives.

Public names: the transaction generator (``generate_transactions``, ``sample_raw``,
``fraud_logit``, ``encode_features``, ``Transactions``, ``FEATURE_NAMES``), the
imbalance tools (``balanced_pos_weight``, ``oversample_positives``, ``operating_point``),
the models and their loop (``make_mlp``, ``make_logistic``, ``train_classifier``,
``predict_scores``) and the experiment (``run_dataset``, ``transactions_dataset``,
``thyroid_dataset``, ``imbalance_study``). The layers, initialisation, optimizers, the
weighted loss and the PR metrics live in ``shared.nn``, ``shared.init``, ``shared.optim``,
``shared.functional`` and ``shared.metrics``.
"""

from .experiment import (
    SETTINGS,
    Dataset,
    DatasetRun,
    ModelRun,
    imbalance_study,
    run_dataset,
    thyroid_dataset,
    transactions_dataset,
)
from .imbalance import balanced_pos_weight, operating_point, oversample_positives
from .models import make_logistic, make_mlp
from .training import predict_scores, train_classifier
from .transactions import (
    CATEGORIES,
    FEATURE_NAMES,
    RAW_COLUMNS,
    Transactions,
    encode_features,
    fraud_logit,
    generate_transactions,
    sample_raw,
)

__all__ = [
    "CATEGORIES",
    "FEATURE_NAMES",
    "RAW_COLUMNS",
    "SETTINGS",
    "Dataset",
    "DatasetRun",
    "ModelRun",
    "Transactions",
    "balanced_pos_weight",
    "encode_features",
    "fraud_logit",
    "generate_transactions",
    "imbalance_study",
    "make_logistic",
    "make_mlp",
    "operating_point",
    "oversample_positives",
    "predict_scores",
    "run_dataset",
    "sample_raw",
    "thyroid_dataset",
    "train_classifier",
    "transactions_dataset",
]
