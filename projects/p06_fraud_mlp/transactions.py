"""A seeded generator of synthetic card transactions with planted fraud patterns.

No real fraud table can be shipped with a clear licence, so the project makes one. Every
row is one card payment; about 1 % are fraudulent. The *raw* columns are drawn by the
given ``sample_raw``:

- ``category`` (int 0-7): the merchant category, ``CATEGORIES[c]``, drawn with the
  probabilities ``CATEGORY_SHARES``;
- ``amount`` (float, currency units): log-normal per category,
  log(amount) ~ N(``AMOUNT_LOG_MEAN[c]``, ``AMOUNT_LOG_STD[c]``²);
- ``hour`` (int 0-23): hour of day, most payments in the afternoon, few at night;
- ``distance`` (float, km from the card holder's home): log-normal per category
  (``DISTANCE_LOG_MEAN``, ``DISTANCE_LOG_STD``), farther for online shops and travel;
- ``velocity_1h`` and ``velocity_24h`` (int): payments of the same card in the last hour
  and the last 24 h (the 24 h count includes the 1 h count);
- ``card_present`` (0/1): chip or swipe, rare for online shops;
- ``foreign`` (0/1): the merchant is abroad, likelier far from home.

Fraud follows a latent log-odds score ``fraud_logit(raw)`` (Task 7), a sum of documented
patterns, most of them *interactions* that no linear score of the features can express:

1. card not present, far from home (> 80 km) and at night (hours 0-5): +11.0
   (a stolen card number used from elsewhere while the owner sleeps);
2. a burst: 3 or more payments in the last hour, card not present: +10.5
   (testing a stolen number, then spending it);
3. an unusual amount for the category: +2.0 per standard deviation beyond 2, in either
   direction, |z| = |log(amount) - AMOUNT_LOG_MEAN[c]| / AMOUNT_LOG_STD[c]
   (tiny "card testing" payments and large cash-outs both count);
4. foreign and card not present: +3.0;
5. small main effects: +0.25 per payment in the last 24 h beyond 5; -1.0 when the card is
   present;

on top of a base of ``BASE_LOGIT``. The label is drawn as Bernoulli(σ(logit)), so even the
best possible model makes mistakes, and then a fraction ``label_noise`` of all labels is
flipped (chargebacks that were never filed, disputes that were not fraud).

The model sees the encoded features of ``encode_features`` (Task 7), ``FEATURE_NAMES``:
log amount, the hour as a point on the 24-hour circle (sin, cos), log distance, the two
velocities, the two flags, and the category one-hot (8 columns): 16 columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "AMOUNT_LOG_MEAN",
    "AMOUNT_LOG_STD",
    "BASE_LOGIT",
    "CATEGORIES",
    "CATEGORY_SHARES",
    "FEATURE_NAMES",
    "RAW_COLUMNS",
    "Transactions",
    "encode_features",
    "fraud_logit",
    "generate_transactions",
    "sample_raw",
]

CATEGORIES = (
    "grocery",
    "restaurant",
    "fuel",
    "online_retail",
    "travel",
    "electronics",
    "entertainment",
    "pharmacy",
)
CATEGORY_SHARES = np.array([0.26, 0.17, 0.11, 0.20, 0.04, 0.06, 0.09, 0.07])
#: Mean and standard deviation of log(amount) per category (median amount = e^mean).
AMOUNT_LOG_MEAN = np.array([3.4, 3.3, 3.8, 3.9, 5.6, 5.0, 3.6, 3.0])
AMOUNT_LOG_STD = np.array([0.7, 0.6, 0.4, 1.0, 0.8, 0.9, 0.7, 0.6])
#: Probability that the card is physically present, per category.
CARD_PRESENT_RATE = np.array([0.95, 0.90, 0.97, 0.04, 0.35, 0.60, 0.70, 0.95])

#: Mean and standard deviation of log(distance in km) per category (online shops and
#: travel are often far from home).
DISTANCE_LOG_MEAN = np.array([1.5, 1.8, 2.0, 3.0, 4.5, 2.2, 2.0, 1.4])
DISTANCE_LOG_STD = np.array([1.1, 1.2, 1.2, 1.8, 1.6, 1.4, 1.3, 1.0])

#: The log-odds of fraud of a transaction that matches no pattern.
BASE_LOGIT = -7.5

RAW_COLUMNS = (
    "category",
    "amount",
    "hour",
    "distance",
    "velocity_1h",
    "velocity_24h",
    "card_present",
    "foreign",
)

FEATURE_NAMES = (
    "log_amount",
    "hour_sin",
    "hour_cos",
    "log_distance",
    "velocity_1h",
    "velocity_24h",
    "card_present",
    "foreign",
) + tuple(f"category={name}" for name in CATEGORIES)


def sample_raw(n: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Draw the raw columns of ``n`` transactions (given code; see the module docstring).

    Inputs: n ≥ 1; rng, the Generator every draw comes from.
    Returns: a dict of (n,) arrays keyed by ``RAW_COLUMNS``: category, hour, velocities and
        flags as int64, amount and distance as float64.
    """
    category = rng.choice(len(CATEGORIES), size=n, p=CATEGORY_SHARES)
    log_amount = AMOUNT_LOG_MEAN[category] + AMOUNT_LOG_STD[category] * rng.standard_normal(n)
    # A day-time peak around 14:00 plus a flat share at any hour.
    daytime = np.rint(rng.normal(14.0, 4.0, size=n)) % 24
    anytime = rng.integers(0, 24, size=n)
    hour = np.where(rng.random(n) < 0.7, daytime, anytime).astype(np.int64)
    log_distance = rng.normal(DISTANCE_LOG_MEAN[category], DISTANCE_LOG_STD[category])
    distance = np.exp(log_distance)
    velocity_1h = rng.poisson(0.5, size=n)
    velocity_24h = velocity_1h + rng.poisson(3.0, size=n)
    card_present = (rng.random(n) < CARD_PRESENT_RATE[category]).astype(np.int64)
    p_foreign = 0.02 + 0.6 / (1.0 + np.exp(-(log_distance - 6.0)))
    foreign = (rng.random(n) < p_foreign).astype(np.int64)
    return {
        "category": category.astype(np.int64),
        "amount": np.round(np.exp(log_amount), 2),
        "hour": hour,
        "distance": distance,
        "velocity_1h": velocity_1h.astype(np.int64),
        "velocity_24h": velocity_24h.astype(np.int64),
        "card_present": card_present,
        "foreign": foreign,
    }


def _check_raw(raw: dict[str, np.ndarray], name: str) -> int:
    """The common length of the raw columns; ValueError naming a missing or ragged one."""
    missing = [c for c in RAW_COLUMNS if c not in raw]
    if missing:
        raise ValueError(f"{name}: raw columns {missing} are missing; expected {RAW_COLUMNS}")
    lengths = {c: np.shape(raw[c]) for c in RAW_COLUMNS}
    if len(set(lengths.values())) != 1 or len(next(iter(lengths.values()))) != 1:
        raise ValueError(f"{name}: every raw column must have one shape (N,), got {lengths}")
    return int(np.shape(raw["amount"])[0])


def fraud_logit(raw: dict[str, np.ndarray]) -> np.ndarray:
    """The latent log-odds of fraud: ``BASE_LOGIT`` plus the five patterns of the module
    docstring, vectorized over all rows.

    Inputs: raw, a dict of (N,) arrays with the keys of ``RAW_COLUMNS``.
    Returns: (N,) float64 logits.
    Raises: ValueError when a column is missing or the columns differ in shape (naming
        each column's shape).
    """
    raise NotImplementedError('P06 Task 7 · fraud_logit (projects/p06_fraud_mlp/transactions.py) — see projects/p06_fraud_mlp/README.md#task-7')


def encode_features(raw: dict[str, np.ndarray]) -> np.ndarray:
    """The model's inputs: the 16 columns of ``FEATURE_NAMES``, in that order.

    log_amount = log(1 + amount); hour_sin, hour_cos = sin and cos of 2π·hour/24 (23:00
    and 00:00 are neighbours on the circle, not 23 apart); log_distance =
    log(1 + distance); the two velocities and the two flags as numbers; then the category
    one-hot (column 8 + c is 1 for category c, the others 0).

    Inputs: raw, a dict of (N,) arrays with the keys of ``RAW_COLUMNS``.
    Returns: X, (N, 16) float64.
    Raises: ValueError when a column is missing, the shapes differ (naming each column's
        shape), or a category lies outside 0-7.
    """
    raise NotImplementedError('P06 Task 7 · encode_features (projects/p06_fraud_mlp/transactions.py) — see projects/p06_fraud_mlp/README.md#task-7')


@dataclass
class Transactions:
    """A generated table: ``X`` (N, 16) float64 encoded features (``FEATURE_NAMES``),
    ``y`` (N,) int64 labels (1 = fraud), ``raw`` (the columns of ``sample_raw``) and
    ``logit`` (N,) the latent log-odds each label was drawn from."""

    X: np.ndarray
    y: np.ndarray
    raw: dict[str, np.ndarray]
    logit: np.ndarray
    feature_names: tuple[str, ...] = FEATURE_NAMES


def generate_transactions(n: int = 100_000, *, seed: int = 0, label_noise: float = 0.001):
    """``n`` synthetic transactions, about 1 % fraud (given code, built on Task 7).

    Draws the raw columns, computes ``fraud_logit``, draws each label from
    Bernoulli(σ(logit)), flips a fraction ``label_noise`` of the labels (chosen at random),
    and encodes the features. One ``np.random.default_rng(seed)`` drives every draw: the
    same seed gives the same table.

    Inputs: n ≥ 1; seed; label_noise in [0, 0.5).
    Returns: a ``Transactions``.
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"generate_transactions: n must be a positive int, got {n!r}")
    if not 0.0 <= label_noise < 0.5:
        raise ValueError(
            f"generate_transactions: label_noise must lie in [0, 0.5), got {label_noise!r}"
        )
    rng = np.random.default_rng(seed)
    raw = sample_raw(int(n), rng)
    logit = fraud_logit(raw)
    probability = 1.0 / (1.0 + np.exp(-logit))
    y = rng.random(int(n)) < probability
    flip = rng.random(int(n)) < label_noise
    y = (y ^ flip).astype(np.int64)
    return Transactions(X=encode_features(raw), y=y, raw=raw, logit=logit)
