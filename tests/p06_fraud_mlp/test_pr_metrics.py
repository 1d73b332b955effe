"""Task 6 · precision-recall curve, average precision, recall at precision
(shared/metrics.py), against hand-computed cases and brute-force references."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
brute_pr = oracles.brute_pr
ap_by_positives = oracles.ap_by_positives


@pytest.mark.task(6)
def test_pr_curve_by_hand_with_ties():
    from shared.metrics import precision_recall_curve

    y = np.array([1, 0, 1, 1, 0, 0])
    scores = np.array([0.9, 0.7, 0.7, 0.5, 0.5, 0.1])
    precision, recall, thresholds = precision_recall_curve(y, scores)
    # t = 0.9: 1 of 1; t = 0.7: 2 of 3 (the tie crosses together); t = 0.5: 3 of 5; t = 0.1: 3 of 6.
    np.testing.assert_allclose(
        thresholds, [0.9, 0.7, 0.5, 0.1], err_msg="thresholds: the distinct scores, highest first"
    )
    np.testing.assert_allclose(precision, [1.0, 2 / 3, 3 / 5, 1 / 2], err_msg="precision")
    np.testing.assert_allclose(recall, [1 / 3, 2 / 3, 1.0, 1.0], err_msg="recall")
    assert precision.dtype == recall.dtype == np.float64, (
        f"precision and recall must be float64 arrays; got {precision.dtype} and {recall.dtype}"
    )


@pytest.mark.task(6)
def test_pr_curve_against_brute_force(brute_pr):
    from shared.metrics import precision_recall_curve

    rng = np.random.default_rng(0)
    y = (rng.random(400) < 0.1).astype(np.int64)
    scores = np.round(rng.random(400) + 0.5 * y, 2)  # many ties
    got = precision_recall_curve(y, scores)
    for name, a, b in zip(
        ("precision", "recall", "thresholds"), got, brute_pr(y, scores), strict=True
    ):
        np.testing.assert_allclose(a, b, rtol=1e-12, err_msg=name)


@pytest.mark.task(6)
@pytest.mark.points(2)
def test_average_precision_two_routes_and_ties(ap_by_positives):
    from shared.metrics import average_precision

    # A tie mixing classes: both rows flagged together at t = 0.5, precision 1/2 there.
    assert average_precision(np.array([1, 0]), np.array([0.5, 0.5])) == pytest.approx(0.5), (
        f"a tie of one positive and one negative is flagged together at precision 1/2: AP "
        f"0.5; got {average_precision(np.array([1, 0]), np.array([0.5, 0.5]))!r}"
    )
    # Hand case with a tie: ranks (0.9: +), (0.8, 0.8: +, -), (0.3: +).
    y = np.array([1, 1, 0, 1])
    s = np.array([0.9, 0.8, 0.8, 0.3])
    # Steps: R 1/3 at P 1; R 2/3 at P 2/3; R 1 at P 3/4.
    expected = (1 + 2 / 3 + 3 / 4) / 3
    assert average_precision(y, s) == pytest.approx(expected), (
        f"AP of y = [1, 1, 0, 1], s = [0.9, 0.8, 0.8, 0.3]: (1 + 2/3 + 3/4) / 3 = "
        f"{expected:.6f}; got {average_precision(y, s)!r}"
    )
    rng = np.random.default_rng(1)
    for _ in range(5):
        y = (rng.random(300) < 0.05).astype(np.int64)
        y[0] = 1
        s = np.round(rng.normal(size=300) + 1.5 * y, 1)
        assert average_precision(y, s) == pytest.approx(ap_by_positives(y, s), rel=1e-12), (
            "AP must equal the mean over the positives of the precision at their threshold"
        )


@pytest.mark.task(6)
def test_average_precision_extremes_and_not_trapezoid():
    from shared.metrics import average_precision

    y = np.array([0, 1, 0, 1, 1, 0])
    perfect = np.array([0.1, 0.9, 0.2, 0.8, 0.7, 0.3])
    assert average_precision(y, perfect) == pytest.approx(1.0), (
        f"a perfect ranking has AP 1.0; got {average_precision(y, perfect)!r}"
    )
    # Worst ranking: positives at ranks 4, 5, 6 of 6: AP = (1/4 + 2/5 + 3/6) / 3.
    assert average_precision(y, -perfect) == pytest.approx((1 / 4 + 2 / 5 + 1 / 2) / 3), (
        "use the step sum Σ (R_n - R_n-1) P_n, not the trapezoid rule"
    )
    with pytest.raises(ValueError, match=r"(?i)y_true|positive"):
        average_precision(np.zeros(4, dtype=np.int64), np.arange(4.0))


@pytest.mark.task(6)
@pytest.mark.points(2)
def test_recall_at_precision_by_hand_and_brute_force(brute_pr):
    from shared.metrics import recall_at_precision

    y = np.array([1, 1, 0, 1, 0, 1, 0, 0])
    s = np.array([0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3])
    # Precision at each threshold: 1, 1, 2/3, 3/4, 3/5, 4/6, 4/7, 4/8.
    assert recall_at_precision(y, s, 1.0) == (0.5, 0.9), "precision 1 holds down to t = 0.9"
    assert recall_at_precision(y, s, 0.75) == (0.75, 0.7), (
        f"precision >= 0.75 holds down to t = 0.7 with recall 3/4: expected (0.75, 0.7), "
        f"got {recall_at_precision(y, s, 0.75)}"
    )
    assert recall_at_precision(y, s, 0.6) == (1.0, 0.5), (
        f"precision >= 0.6 holds down to t = 0.5 with recall 1: expected (1.0, 0.5), got "
        f"{recall_at_precision(y, s, 0.6)}"
    )
    rng = np.random.default_rng(2)
    y = (rng.random(500) < 0.08).astype(np.int64)
    s = np.round(rng.random(500) + 0.7 * y, 2)
    precision, recall, thresholds = brute_pr(y, s)
    for target in (0.5, 0.8, 0.9):
        ok = np.flatnonzero(precision >= target)
        best = ok[np.argmax(recall[ok])]
        assert recall_at_precision(y, s, target) == (
            pytest.approx(recall[best]),
            pytest.approx(thresholds[best]),
        ), f"min_precision={target}"


@pytest.mark.task(6)
def test_recall_at_precision_unreachable_and_errors():
    from shared.metrics import recall_at_precision

    y = np.array([0, 1, 0, 1])
    s = np.array([0.9, 0.8, 0.7, 0.1])  # the top score is a negative: precision ≤ 2/3
    r, t = recall_at_precision(y, s, 0.9)
    assert r == 0.0 and t == np.inf, (
        f"no threshold reaches 90 % precision, so the answer is (0.0, inf), got {(r, t)}"
    )
    for bad in (0.0, 1.5, -0.2):
        with pytest.raises(ValueError, match="min_precision"):
            recall_at_precision(y, s, bad)
    with pytest.raises(ValueError, match=r"2"):  # names the invalid label
        recall_at_precision(np.array([0, 2]), np.array([0.1, 0.2]), 0.5)
