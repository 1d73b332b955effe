"""Task 3 · stratified train/test split (shared/data.py)."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.task(3)
def test_stratified_split_is_deterministic_and_seeded():
    from shared.data import stratified_split

    y = np.random.default_rng(1).integers(0, 2, size=300)
    a_train, a_test = stratified_split(y, 0.25, seed=7)
    b_train, b_test = stratified_split(y, 0.25, seed=7)
    assert np.array_equal(a_train, b_train) and np.array_equal(a_test, b_test), (
        "the same labels and seed must give the same split"
    )
    c_train, c_test = stratified_split(y, 0.25, seed=8)
    assert not np.array_equal(a_test, c_test), "a different seed should give a different split"
    for idx in (a_train, a_test):
        assert np.issubdtype(idx.dtype, np.integer), "indices must be integers"
        assert np.all(np.diff(idx) > 0), "indices must come in increasing order"


@pytest.mark.task(3)
def test_every_class_keeps_its_share():
    from shared.data import stratified_split

    rng = np.random.default_rng(2)
    sizes = {1: 7, 2: 13, 3: 30}
    y = rng.permutation(np.concatenate([np.full(n, c) for c, n in sizes.items()]))
    train_idx, test_idx = stratified_split(y, test_fraction=0.25, seed=0)
    assert np.array_equal(np.sort(np.r_[train_idx, test_idx]), np.arange(len(y))), (
        "train and test together must hold every index exactly once"
    )
    for c, n in sizes.items():
        n_test = int(np.sum(y[test_idx] == c))
        assert abs(n_test - 0.25 * n) < 1, (
            f"class {c} has {n} samples; the test part should hold 25 % of them "
            f"({0.25 * n}, rounded), got {n_test}"
        )
        assert np.sum(y[train_idx] == c) >= 1, f"class {c} vanished from the training part"


@pytest.mark.task(3)
def test_stratified_split_rejects_bad_input():
    from shared.data import stratified_split

    y = np.array([0, 0, 0, 1, 1, 1])
    for fraction in (0.0, 1.0, 1.5, -0.2):
        with pytest.raises(ValueError, match="test_fraction"):
            stratified_split(y, test_fraction=fraction)
    with pytest.raises(ValueError, match=r"(?i)class"):
        stratified_split(np.array([0, 0, 0, 0, 1]), test_fraction=0.2)  # a lone positive
    with pytest.raises(ValueError, match=r"(?i)\(2, 3\)|1-d"):
        stratified_split(y.reshape(2, 3))
