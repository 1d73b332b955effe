"""Task 7 · the transaction generator (transactions.py): the fraud score, the feature
encoding, and the generated table's documented properties."""

from __future__ import annotations

import math

import numpy as np
import pytest


def _raw(rows):
    """A raw dict from a list of (category, log_amount_z, hour, distance, v1, v24,
    card_present, foreign) tuples; the amount is exp(mean_c + z · std_c) exactly."""
    from projects.p06_fraud_mlp.transactions import AMOUNT_LOG_MEAN, AMOUNT_LOG_STD

    cols = list(zip(*rows, strict=True))
    category = np.array(cols[0], dtype=np.int64)
    z = np.array(cols[1], dtype=np.float64)
    return {
        "category": category,
        "amount": np.exp(AMOUNT_LOG_MEAN[category] + z * AMOUNT_LOG_STD[category]),
        "hour": np.array(cols[2], dtype=np.int64),
        "distance": np.array(cols[3], dtype=np.float64),
        "velocity_1h": np.array(cols[4], dtype=np.int64),
        "velocity_24h": np.array(cols[5], dtype=np.int64),
        "card_present": np.array(cols[6], dtype=np.int64),
        "foreign": np.array(cols[7], dtype=np.int64),
    }


@pytest.mark.task(7)
@pytest.mark.points(2)
def test_fraud_logit_on_hand_cases():
    from projects.p06_fraud_mlp import fraud_logit

    raw = _raw(
        [
            (0, 0.0, 14, 5.0, 0, 3, 1, 0),  # ordinary grocery payment
            (3, 0.0, 2, 200.0, 0, 3, 0, 0),  # online, far, at night: pattern 1
            (3, 3.0, 14, 5.0, 3, 9, 0, 1),  # burst, z = 3, foreign online, 9 in 24 h
            (0, -2.5, 5, 100.0, 2, 5, 1, 1),  # card present: no pattern 1 or 4; z = 2.5
            (3, 0.0, 6, 300.0, 0, 6, 0, 0),  # 6:00 is no longer night
        ]
    )
    expected = [
        -7.5 - 1.0,
        -7.5 + 11.0,
        -7.5 + 10.5 + 2.0 * (3.0 - 2.0) + 3.0 + 0.25 * 4,
        -7.5 + 2.0 * 0.5 - 1.0,
        -7.5 + 0.25 * 1,
    ]
    got = fraud_logit(raw)
    assert got.shape == (5,) and got.dtype == np.float64, (
        f"fraud_logit of 5 rows must return (5,) float64 logits; got {got.shape} {got.dtype}"
    )
    for i, (g, e) in enumerate(zip(got, expected, strict=True)):
        assert g == pytest.approx(e, abs=1e-9), (
            f"row {i}: fraud_logit gave {g:.4f}, the documented patterns give {e:.4f}"
        )


@pytest.mark.task(7)
@pytest.mark.points(2)
def test_encode_features_columns():
    from projects.p06_fraud_mlp import FEATURE_NAMES, encode_features

    raw = {
        "category": np.array([5, 0]),
        "amount": np.array([99.0, 0.0]),
        "hour": np.array([6, 0]),
        "distance": np.array([math.e - 1.0, 0.0]),
        "velocity_1h": np.array([2, 0]),
        "velocity_24h": np.array([7, 1]),
        "card_present": np.array([0, 1]),
        "foreign": np.array([1, 0]),
    }
    X = encode_features(raw)
    assert X.shape == (2, 16) and X.dtype == np.float64, f"expected (2, 16) float64, got {X.shape}"
    row = dict(zip(FEATURE_NAMES, X[0], strict=True))
    assert row["log_amount"] == pytest.approx(math.log(100.0)), "log_amount = log(1 + amount)"
    assert row["hour_sin"] == pytest.approx(1.0) and row["hour_cos"] == pytest.approx(
        0.0, abs=1e-12
    ), (
        f"hour 6 lies a quarter round the circle: (sin, cos) = (1, 0); got "
        f"({row['hour_sin']:.4f}, {row['hour_cos']:.4f})"
    )
    assert row["log_distance"] == pytest.approx(1.0), "log_distance = log(1 + km)"
    assert (row["velocity_1h"], row["velocity_24h"], row["card_present"], row["foreign"]) == (
        2.0,
        7.0,
        0.0,
        1.0,
    ), (
        f"velocities and flags pass through as numbers: expected (2, 7, 0, 1), got "
        f"{(row['velocity_1h'], row['velocity_24h'], row['card_present'], row['foreign'])}"
    )
    np.testing.assert_array_equal(X[0, 8:], np.eye(8)[5], err_msg="one-hot of category 5")
    np.testing.assert_array_equal(X[1, 8:], np.eye(8)[0], err_msg="one-hot of category 0")
    assert X[1, 1] == pytest.approx(0.0) and X[1, 2] == pytest.approx(1.0), "hour 0: (0, 1)"


@pytest.mark.task(7)
def test_hours_wrap_around_the_circle():
    from projects.p06_fraud_mlp import encode_features

    raw = _raw(
        [(0, 0.0, 23, 1.0, 0, 0, 1, 0), (0, 0.0, 0, 1.0, 0, 0, 1, 0), (0, 0.0, 12, 1.0, 0, 0, 1, 0)]
    )
    X = encode_features(raw)
    near = np.linalg.norm(X[0, 1:3] - X[1, 1:3])
    far = np.linalg.norm(X[1, 1:3] - X[2, 1:3])
    assert near < 0.3 and far == pytest.approx(2.0), (
        "23:00 and 00:00 must be neighbours on the hour circle; 00:00 and 12:00 opposite"
    )


@pytest.mark.task(7)
def test_bad_raw_columns_are_refused():
    from projects.p06_fraud_mlp import encode_features, fraud_logit

    raw = _raw([(0, 0.0, 1, 1.0, 0, 0, 1, 0), (1, 0.0, 2, 1.0, 0, 0, 1, 0)])
    missing = {k: v for k, v in raw.items() if k != "hour"}
    for fn in (fraud_logit, encode_features):
        with pytest.raises(ValueError, match="hour"):
            fn(missing)
        ragged = {**raw, "distance": np.ones(3)}
        with pytest.raises(ValueError, match=r"\(3,\)"):  # names the ragged column's shape
            fn(ragged)
    with pytest.raises(ValueError, match="category"):
        encode_features({**raw, "category": np.array([0, 8])})


@pytest.mark.task(7)
@pytest.mark.points(2)
def test_generated_table_is_seeded_and_shows_the_planted_patterns():
    from projects.p06_fraud_mlp import generate_transactions

    a = generate_transactions(100_000, seed=3)
    b = generate_transactions(100_000, seed=3)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y), "the same seed, the same table"
    assert a.y.dtype == np.int64 and set(np.unique(a.y)) <= {0, 1}, (
        f"labels must be int64 0/1; got dtype {a.y.dtype}, values {np.unique(a.y)[:5].tolist()}"
    )
    np.testing.assert_array_equal(a.X[:, 8:].sum(axis=1), 1.0, err_msg="one category per row")
    r = a.raw
    cnp = r["card_present"] == 0
    far_night = (r["distance"] > 80) & (r["hour"] < 6)
    rate = lambda mask: float(a.y[mask].mean())  # noqa: E731
    assert rate(cnp & far_night) > 0.8, "pattern 1 (not present, far, night) is mostly fraud"
    assert rate(cnp & (r["velocity_1h"] >= 3)) > 0.8, "pattern 2 (a burst) is mostly fraud"
    # The interaction: each ingredient alone barely moves the rate.
    assert rate(cnp & (r["distance"] > 80) & (r["hour"] >= 6)) < 0.2, (
        f"far in the day (hour >= 6) without the card is not the night pattern: fraud rate "
        f"must stay below 0.2, got {rate(cnp & (r['distance'] > 80) & (r['hour'] >= 6)):.3f}"
    )
    assert rate(~cnp & far_night) < 0.05, (
        f"far at night with the card present is not pattern 1: fraud rate must stay below "
        f"0.05, got {rate(~cnp & far_night):.3f}"
    )
    plain = ~cnp & (r["velocity_1h"] < 3) & (r["foreign"] == 0)
    assert rate(plain) < 0.005, "card-present payments without a pattern are rarely fraud"


@pytest.mark.task(7)
def test_label_noise_flips_labels():
    from projects.p06_fraud_mlp import generate_transactions

    clean = generate_transactions(50_000, seed=1, label_noise=0.0)
    noisy = generate_transactions(50_000, seed=1, label_noise=0.01)
    flipped = np.mean(clean.y != noisy.y)
    assert 0.007 < flipped < 0.013, f"label_noise=0.01 flipped {flipped:.4f} of the labels"
    assert np.array_equal(clean.X, noisy.X), "label noise leaves the features alone"
