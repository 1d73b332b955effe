"""Task 8 · imbalance tools (imbalance.py): pos_weight, oversampling, operating point."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.task(8)
def test_balanced_pos_weight_and_errors():
    from projects.p06_fraud_mlp import balanced_pos_weight

    y = np.array([0, 0, 1, 0, 0, 0, 1, 0])
    assert balanced_pos_weight(y) == pytest.approx(3.0), (
        f"balanced_pos_weight of 6 negatives and 2 positives: n_neg / n_pos = 3.0; got "
        f"{balanced_pos_weight(y)!r}"
    )
    weighted_pos = balanced_pos_weight(y) * y.sum()
    assert weighted_pos == pytest.approx((y == 0).sum()), "both classes then weigh the same"
    with pytest.raises(ValueError, match=r"\b0\b.*\b5\b|\b5\b.*\b0\b"):  # the class counts
        balanced_pos_weight(np.zeros(5, dtype=np.int64))
    with pytest.raises(ValueError, match=r"2"):  # names the invalid label
        balanced_pos_weight(np.array([0, 1, 2]))


@pytest.mark.task(8)
@pytest.mark.points(2)
def test_oversampling_keeps_rows_intact_and_is_seeded():
    from projects.p06_fraud_mlp import oversample_positives

    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3)).astype(np.float32)
    X[:, 0] = np.arange(200)  # a row id to trace every output row back
    y = (rng.random(200) < 0.1).astype(np.int64)
    Xo, yo = oversample_positives(X, y, 4, seed=1)
    assert Xo.dtype == np.float32 and Xo.shape == (200 + 3 * y.sum(), 3), (
        f"oversample_positives(X, y, 4) of 200 float32 rows with {y.sum()} positives: "
        f"expected float32 of shape {(200 + 3 * y.sum(), 3)}, got {Xo.dtype} of shape "
        f"{Xo.shape}"
    )
    ids = Xo[:, 0].astype(np.int64)
    counts = np.bincount(ids, minlength=200)
    np.testing.assert_array_equal(
        counts,
        np.where(y == 1, 4, 1),
        err_msg=("every positive must appear exactly 4 times and every negative once"),
    )
    np.testing.assert_array_equal(
        Xo, X[ids], err_msg="rows must be copied whole, features with labels"
    )
    np.testing.assert_array_equal(
        yo, y[ids], err_msg="every output label must be the label of the row it was copied from"
    )
    again = oversample_positives(X, y, 4, seed=1)
    assert np.array_equal(again[0], Xo), "the same seed gives the same order"
    assert not np.array_equal(ids[:50], np.sort(ids)[:50]), "the rows must be shuffled"
    for bad in (0, 2.5, True):
        with pytest.raises(ValueError, match=r"(?i)factor"):
            oversample_positives(X, y, bad)
    with pytest.raises(ValueError, match=r"\(10\b"):  # names X's shape
        oversample_positives(X[:10], y, 2)


@pytest.mark.task(8)
def test_oversampling_and_weighting_give_the_same_summed_loss():
    from projects.p06_fraud_mlp import oversample_positives
    from shared.functional import binary_cross_entropy_with_logits
    from shared.tensor import Tensor

    rng = np.random.default_rng(2)
    z = rng.normal(size=60)
    y = (rng.random(60) < 0.2).astype(np.int64)
    zo, yo = oversample_positives(z[:, None], y, 5, seed=0)
    weighted = binary_cross_entropy_with_logits(Tensor(z), target=y.astype(float), pos_weight=5.0)
    repeated = binary_cross_entropy_with_logits(Tensor(zo[:, 0]), target=yo.astype(float))
    assert float(weighted.data) * len(z) == pytest.approx(float(repeated.data) * len(zo)), (
        "summed over the rows, pos_weight = k and k copies of each positive are the same loss"
    )


@pytest.mark.task(8)
@pytest.mark.points(2)
def test_operating_point_is_chosen_on_validation_and_measured_on_test():
    from projects.p06_fraud_mlp import operating_point

    y_val = np.array([1, 1, 0, 1, 0, 0])
    s_val = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.1])
    # Precision ≥ 0.75 holds at t = 0.9, 0.8 and 0.6 (3 of 4); the best recall is at 0.6.
    y_test = np.array([1, 0, 1, 0, 0])
    s_test = np.array([0.95, 0.65, 0.55, 0.62, 0.2])
    op = operating_point(y_val, s_val, y_test, s_test, 0.75)
    assert op["threshold"] == pytest.approx(0.6) and op["val_recall"] == pytest.approx(1.0), (
        f"precision >= 0.75 on validation holds at 0.9, 0.8 and 0.6; the best recall (1.0) "
        f"is at threshold 0.6; got threshold {op['threshold']!r}, val_recall "
        f"{op['val_recall']!r}"
    )
    # On test, scores ≥ 0.6 flag rows 0, 1 and 3: one fraud of three; recall 1 of 2.
    assert op["test_flagged"] == 3, (
        f"threshold 0.6 flags test rows 0, 1 and 3: expected test_flagged 3, got "
        f"{op['test_flagged']!r}"
    )
    assert op["test_precision"] == pytest.approx(1 / 3), (
        f"one fraud among the 3 flagged test rows: expected test_precision 1/3, got "
        f"{op['test_precision']!r}"
    )
    assert op["test_recall"] == pytest.approx(0.5), (
        f"1 of the 2 test frauds flagged: expected test_recall 0.5, got {op['test_recall']!r}"
    )


@pytest.mark.task(8)
def test_operating_point_when_the_precision_is_out_of_reach():
    from projects.p06_fraud_mlp import operating_point

    y_val = np.array([0, 1, 1])
    s_val = np.array([0.9, 0.5, 0.1])
    op = operating_point(y_val, s_val, np.array([1, 0]), np.array([0.99, 0.1]), 0.95)
    assert op["threshold"] == np.inf and op["test_flagged"] == 0, (
        f"no validation threshold reaches precision 0.95: expected threshold inf and "
        f"nothing flagged on test; got threshold {op['threshold']!r}, test_flagged "
        f"{op['test_flagged']!r}"
    )
    assert op["test_precision"] == 0.0 and op["test_recall"] == 0.0, (
        f"nothing flagged: test_precision and test_recall are 0.0; got "
        f"{op['test_precision']!r} and {op['test_recall']!r}"
    )
