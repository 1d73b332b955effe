"""The whole filter on the SMS Spam Collection, from raw texts to held-out metrics.

Given code: it only wires together what the tasks build.

1. Split the 5,574 messages, stratified by label: 20 % test, then 20 % of the rest for
   validation, the remainder (64 %) for training. One seeded Generator draws both splits.
2. Fit the TF-IDF vectorizer (vocabulary and idf) on the training messages only, and
   transform all three parts with it.
3. Train logistic regression on the training part.
4. Choose the decision threshold on the validation part (maximum F1).
5. Report precision, recall, F1, accuracy and ROC-AUC on the test part, which played no
   role in any choice above.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from shared.data import stratified_split
from shared.datasets import load_sms_spam

from .evaluation import binary_report, choose_threshold, top_words
from .features import TfidfVectorizer
from .logistic import LogisticRegression

# The reference settings; README.md explains how they were chosen.
DEFAULTS = {
    "test_fraction": 0.2,
    "val_fraction": 0.2,
    "min_count": 2,
    "l2": 1e-4,
    "lr": 20.0,
    "epochs": 250,
}


@dataclass
class SpamFilterRun:
    """Everything one run produced: the fitted parts, the held-out scores, the metrics.

    Index arrays point into the full collection (``load_sms_spam()`` order). Scores are
    probabilities P(spam | message). ``test_metrics`` and ``val_metrics`` are the dicts of
    ``binary_report`` at the chosen threshold.
    """

    vectorizer: TfidfVectorizer
    model: LogisticRegression
    threshold: float
    train_idx: np.ndarray
    val_idx: np.ndarray
    test_idx: np.ndarray
    y_val: np.ndarray
    val_scores: np.ndarray
    y_test: np.ndarray
    test_scores: np.ndarray
    val_metrics: dict[str, float]
    test_metrics: dict[str, float]
    spam_words: list[tuple[str, float]]
    ham_words: list[tuple[str, float]]
    train_seconds: float
    settings: dict[str, float] = field(default_factory=dict)


def run_spam_filter(seed: int = 0, top_k: int = 15, **settings: float) -> SpamFilterRun:
    """Split, vectorize, train, choose the threshold and evaluate; see the module docstring.

    Inputs: seed for the splits; top_k words to list per class; keyword overrides of
        ``DEFAULTS`` (test_fraction, val_fraction, min_count, l2, lr, epochs).
    Returns: a SpamFilterRun.
    """
    unknown = set(settings) - set(DEFAULTS)
    if unknown:
        raise ValueError(
            f"run_spam_filter: unknown settings {sorted(unknown)}; known: {sorted(DEFAULTS)}"
        )
    cfg = {**DEFAULTS, **settings}
    texts, labels = load_sms_spam()

    rng = np.random.default_rng(seed)
    rest_idx, test_idx = stratified_split(labels, cfg["test_fraction"], rng)
    train_pos, val_pos = stratified_split(labels[rest_idx], cfg["val_fraction"], rng)
    train_idx, val_idx = rest_idx[train_pos], rest_idx[val_pos]

    def pick(idx: np.ndarray) -> list[str]:
        return [texts[i] for i in idx]

    vectorizer = TfidfVectorizer(min_count=int(cfg["min_count"]))
    X_train = vectorizer.fit_transform(pick(train_idx))
    X_val = vectorizer.transform(pick(val_idx))
    X_test = vectorizer.transform(pick(test_idx))

    model = LogisticRegression(l2=cfg["l2"], lr=cfg["lr"], epochs=int(cfg["epochs"]))
    start = time.perf_counter()
    model.fit(X_train, labels[train_idx])
    train_seconds = time.perf_counter() - start

    y_val, y_test = labels[val_idx], labels[test_idx]
    val_scores = model.predict_proba(X_val)
    test_scores = model.predict_proba(X_test)
    threshold = choose_threshold(y_val, val_scores)
    spam_words, ham_words = top_words(model.coef_, vectorizer.vocab, k=top_k)

    return SpamFilterRun(
        vectorizer=vectorizer,
        model=model,
        threshold=threshold,
        train_idx=train_idx,
        val_idx=val_idx,
        test_idx=test_idx,
        y_val=y_val,
        val_scores=val_scores,
        y_test=y_test,
        test_scores=test_scores,
        val_metrics=binary_report(y_val, val_scores, threshold),
        test_metrics=binary_report(y_test, test_scores, threshold),
        spam_words=spam_words,
        ham_words=ham_words,
        train_seconds=train_seconds,
        settings=cfg,
    )
