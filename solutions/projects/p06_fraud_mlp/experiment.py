"""The comparison on one dataset: logistic baseline vs MLP, same loop, same features.

Given code: it wires together what the tasks build.

1. Data: a split into training, validation and test parts, stratified by label, and
   features standardized with statistics of the training part only
   (``transactions_dataset``, ``thyroid_dataset``).
2. Train the baseline (``make_logistic``) and the MLP (``make_mlp``) with
   ``train_classifier``: the same loss, the same ``pos_weight``, the same epochs.
3. Score validation and test in eval mode; report test average precision, and the
   operating point for 90 % precision chosen on validation (``operating_point``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from shared.data import Standardizer, stratified_split
from shared.datasets import load_thyroid
from shared.init import get_rng
from shared.metrics import average_precision
from shared.nn import Module

from .imbalance import balanced_pos_weight, operating_point, oversample_positives
from .models import make_logistic, make_mlp
from .training import predict_scores, train_classifier
from .transactions import FEATURE_NAMES, generate_transactions

__all__ = [
    "SETTINGS",
    "Dataset",
    "DatasetRun",
    "ModelRun",
    "describe",
    "imbalance_study",
    "run_dataset",
    "thyroid_dataset",
    "transactions_dataset",
]

THYROID_FEATURES = (
    "age",
    "sex",
    "on_thyroxine",
    "query_on_thyroxine",
    "on_antithyroid_medication",
    "sick",
    "pregnant",
    "thyroid_surgery",
    "I131_treatment",
    "query_hypothyroid",
    "query_hyperthyroid",
    "lithium",
    "goitre",
    "tumor",
    "hypopituitary",
    "psych",
    "TSH",
    "T3",
    "TT4",
    "T4U",
    "FTI",
)


@dataclass
class Dataset:
    """Standardized features and 0/1 labels of the three parts (rows are samples)."""

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    feature_names: tuple[str, ...]


def _standardized(name, parts, feature_names) -> Dataset:
    (X_train, y_train), (X_val, y_val), (X_test, y_test) = parts
    scaler = Standardizer().fit(X_train)
    return Dataset(
        name,
        scaler.transform(X_train),
        y_train,
        scaler.transform(X_val),
        y_val,
        scaler.transform(X_test),
        y_test,
        tuple(feature_names),
    )


def transactions_dataset(n: int = 100_000, *, seed: int = 0) -> Dataset:
    """``generate_transactions(n, seed=seed)`` split 60/20/20 % (train/val/test),
    stratified, with one Generator seeded by ``seed``."""
    data = generate_transactions(n, seed=seed)
    rng = np.random.default_rng(seed)
    rest, test = stratified_split(data.y, 0.2, rng)
    train_pos, val_pos = stratified_split(data.y[rest], 0.25, rng)
    train, val = rest[train_pos], rest[val_pos]
    parts = [(data.X[i], data.y[i]) for i in (train, val, test)]
    return _standardized("transactions", parts, FEATURE_NAMES)


def thyroid_dataset(*, seed: int = 0) -> Dataset:
    """UCI ann-thyroid, abnormal (classes 1 and 2) = 1 vs normal (3) = 0. The shipped
    training file is split 80/20 % into train and validation (stratified); the shipped
    test file (3,428 patients) is the test part."""
    X, cls = load_thyroid("train")
    X_test, cls_test = load_thyroid("test")
    y, y_test = (cls != 3).astype(np.int64), (cls_test != 3).astype(np.int64)
    train, val = stratified_split(y, 0.2, seed)
    parts = [(X[train], y[train]), (X[val], y[val]), (X_test, y_test)]
    return _standardized("thyroid", parts, THYROID_FEATURES)


#: The reference settings per dataset (README.md, "What good looks like").
SETTINGS: dict[str, dict] = {
    "transactions": {
        "hidden": (32, 16),
        "epochs": 20,
        "batch_size": 512,
        "lr": 3e-3,
        "weight_decay": 0.0,
        "pos_weight": 5.0,
    },
    "thyroid": {
        "hidden": (32, 16),
        "epochs": 100,
        "batch_size": 256,
        "lr": 3e-3,
        "weight_decay": 0.0,
        "pos_weight": "balanced",
    },
}


@dataclass
class ModelRun:
    """One trained model and what it scored."""

    name: str
    model: Module
    history: list[float]
    val_scores: np.ndarray
    test_scores: np.ndarray
    test_ap: float
    operating: dict[str, float]
    train_seconds: float


@dataclass
class DatasetRun:
    """Baseline and MLP on one dataset, with the settings they shared."""

    data: Dataset
    baseline: ModelRun
    mlp: ModelRun
    pos_weight: float | None
    settings: dict = field(default_factory=dict)


def _fit(name: str, model: Module, data: Dataset, cfg: dict, pos_weight, seed: int) -> ModelRun:
    start = time.perf_counter()
    history = train_classifier(
        model,
        data.X_train,
        data.y_train,
        epochs=int(cfg["epochs"]),
        batch_size=int(cfg["batch_size"]),
        lr=float(cfg["lr"]),
        weight_decay=float(cfg["weight_decay"]),
        pos_weight=pos_weight,
        seed=seed,
    )
    seconds = time.perf_counter() - start
    val_scores = predict_scores(model, data.X_val)
    test_scores = predict_scores(model, data.X_test)
    return ModelRun(
        name=name,
        model=model,
        history=history,
        val_scores=val_scores,
        test_scores=test_scores,
        test_ap=average_precision(data.y_test, test_scores),
        operating=operating_point(
            data.y_val, val_scores, data.y_test, test_scores, float(cfg["min_precision"])
        ),
        train_seconds=seconds,
    )


def run_dataset(data: Dataset, *, seed: int = 0, **settings) -> DatasetRun:
    """Train and evaluate the baseline and the MLP on ``data``.

    Inputs: data; seed (initial weights and batch order); keyword overrides of
        ``SETTINGS[data.name]``: hidden, epochs, batch_size, lr, weight_decay, pos_weight
        ("balanced" for n_neg / n_pos, None, or a number), min_precision (0.9).
    Returns: a DatasetRun.
    """
    defaults = {**SETTINGS.get(data.name, SETTINGS["thyroid"]), "min_precision": 0.9}
    unknown = set(settings) - set(defaults)
    if unknown:
        raise ValueError(
            f"run_dataset: unknown settings {sorted(unknown)}; known: {sorted(defaults)}"
        )
    cfg = {**defaults, **settings}
    weight = cfg["pos_weight"]
    pos_weight = balanced_pos_weight(data.y_train) if weight == "balanced" else weight
    d = data.X_train.shape[1]
    rng = get_rng(seed)
    baseline = _fit("logistic", make_logistic(d, rng=rng), data, cfg, pos_weight, seed)
    mlp_model = make_mlp(d, tuple(cfg["hidden"]), rng=rng)
    mlp = _fit("MLP", mlp_model, data, cfg, pos_weight, seed)
    return DatasetRun(data, baseline, mlp, pos_weight, cfg)


def describe(run: DatasetRun) -> Sequence[str]:
    """Lines of a small report of one DatasetRun (used by the demo)."""
    lines = []
    for model in (run.baseline, run.mlp):
        op = model.operating
        lines.append(
            f"  {model.name:<9} test AP {model.test_ap:.4f}   at 90 % val precision: threshold "
            f"{op['threshold']:+.3f}, test precision {op['test_precision']:.3f}, "
            f"recall {op['test_recall']:.3f}   ({model.train_seconds:.1f} s)"
        )
    return lines


def imbalance_study(data: Dataset, *, seed: int = 0, oversample: int = 5) -> dict[str, ModelRun]:
    """The MLP of ``SETTINGS[data.name]`` trained three ways on the same data: plain loss,
    ``pos_weight = n_neg / n_pos``, and every positive repeated ``oversample`` times with
    a plain loss. Returns name -> ModelRun (test AP and the 90 % operating point)."""
    cfg = {**SETTINGS.get(data.name, SETTINGS["thyroid"]), "min_precision": 0.9}
    d = data.X_train.shape[1]
    runs = {}
    variants = (
        ("unweighted", None, 1),
        ("pos_weight = n_neg/n_pos", balanced_pos_weight(data.y_train), 1),
        (f"oversampled x{oversample}", None, oversample),
    )
    for name, pos_weight, factor in variants:
        X, y = data.X_train, data.y_train
        if factor > 1:
            X, y = oversample_positives(X, y, factor, seed=seed)
        part = Dataset(
            data.name, X, y, data.X_val, data.y_val, data.X_test, data.y_test, data.feature_names
        )
        model = make_mlp(d, tuple(cfg["hidden"]), rng=get_rng(seed))
        runs[name] = _fit(name, model, part, cfg, pos_weight, seed)
    return runs
