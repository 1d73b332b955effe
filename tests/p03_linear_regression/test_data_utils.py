"""Task 2 · splits, mini-batches and standardization (shared/data.py)."""

from __future__ import annotations

import numpy as np
import pytest

from shared.data import Standardizer, iterate_minibatches, train_test_split


@pytest.mark.task(2)
def test_split_is_deterministic_and_keeps_lists():
    X = np.arange(100.0).reshape(50, 2)
    first = train_test_split(X, test_fraction=0.2, seed=7)
    again = train_test_split(X, test_fraction=0.2, seed=7)
    other = train_test_split(X, test_fraction=0.2, seed=8)
    np.testing.assert_array_equal(first[1], again[1], err_msg="same seed, same split")
    assert not np.array_equal(first[1], other[1]), "another seed should give another split"
    assert not np.array_equal(first[0], X[:40]), "the split must shuffle before cutting"
    texts = [f"t{i}" for i in range(9)]
    ids = np.arange(9)
    t_tr, t_te, i_tr, i_te = train_test_split(texts, ids, test_fraction=0.25, seed=0)
    assert len(t_te) == 3, "the test part holds ceil(0.25 · 9) = 3 samples"
    assert isinstance(t_tr, list) and isinstance(t_te, list), "a list input comes back as lists"
    assert [int(s[1:]) for s in t_tr] == i_tr.tolist(), "outputs come in input order, aligned"
    assert [int(s[1:]) for s in t_te] == i_te.tolist(), (
        f"the test parts must stay aligned: texts {t_te} against ids {i_te.tolist()}"
    )
    assert set(i_tr.tolist()).isdisjoint(i_te.tolist()), (
        "no sample may be in both parts, got "
        f"{sorted(set(i_tr.tolist()) & set(i_te.tolist()))} in train and test"
    )


@pytest.mark.task(2)
def test_split_refuses_bad_input():
    for fraction in (0.0, 1.0, -0.1, 1.5):
        with pytest.raises(ValueError, match="test_fraction"):
            train_test_split(np.arange(10), test_fraction=fraction)
    with pytest.raises(ValueError, match=r"(?s)10.*9|9.*10"):
        train_test_split(np.arange(10), np.arange(9))
    with pytest.raises(ValueError, match=r"(?i)arrays?\b|none|at least one"):
        train_test_split()
    with pytest.raises(ValueError, match=r"(?i)empty|test_fraction|at least (1|one)"):
        train_test_split(np.arange(1), test_fraction=0.5)  # one sample cannot be split


@pytest.mark.task(2)
def test_minibatch_order_size_and_reproducibility():
    X = np.arange(14.0).reshape(7, 2)
    y = np.arange(7)
    batches = list(iterate_minibatches(X, y, 3, shuffle=False))
    assert [b[1].tolist() for b in batches] == [[0, 1, 2], [3, 4, 5], [6]], (
        "7 samples in batches of 3 without shuffling: y batches [[0, 1, 2], [3, 4, 5], [6]], "
        f"got {[b[1].tolist() for b in batches]}"
    )
    for Xb, yb in batches:
        np.testing.assert_array_equal(Xb[:, 0] / 2, yb, err_msg="Xb rows must match yb")
    for batch_size in (1, 4, 7, 64):
        sizes, seen = [], []
        for Xb, yb in iterate_minibatches(X, y, batch_size, seed=batch_size):
            sizes.append(len(yb))
            seen.extend(yb.tolist())
            np.testing.assert_array_equal(
                Xb[:, 0] / 2, yb, err_msg=f"batch_size={batch_size}: Xb rows must match yb"
            )
        assert sorted(seen) == list(range(7)), f"batch_size={batch_size}: not one full pass"
        assert all(n == batch_size for n in sizes[:-1]) and 1 <= sizes[-1] <= batch_size, (
            f"batch_size={batch_size}: every batch but the last must be full and the last "
            f"hold 1 to {batch_size} samples, got sizes {sizes}"
        )
    X = np.arange(40.0)[:, None]
    y = np.arange(40)

    def order(seed):
        return np.concatenate([yb for _, yb in iterate_minibatches(X, y, 8, seed=seed)])

    np.testing.assert_array_equal(order(5), order(5), err_msg="an int seed fixes the order")
    assert not np.array_equal(order(5), y), "shuffle=True must change the order"
    rng = np.random.default_rng(0)
    epoch1, epoch2 = order(rng), order(rng)
    assert not np.array_equal(epoch1, epoch2), (
        "a Generator reused across epochs should give a new order each epoch"
    )
    assert sorted(epoch2.tolist()) == list(range(40)), (
        "the second epoch with a reused Generator must still visit each of the 40 samples "
        f"once, got {len(epoch2)} samples, {len(set(epoch2.tolist()))} distinct"
    )


@pytest.mark.task(2)
def test_minibatch_errors_are_raised_at_the_call():
    X, y = np.zeros((5, 2)), np.zeros(4)
    with pytest.raises(ValueError, match=r"(?s)5.*4|4.*5"):
        iterate_minibatches(X, y, 2)  # no next(): the check must not wait for iteration
    with pytest.raises(ValueError, match=r"batch_size"):
        iterate_minibatches(np.zeros((5, 2)), np.zeros(5), 0)
    with pytest.raises(ValueError, match=r"batch_size|2\.5"):
        iterate_minibatches(np.zeros((5, 2)), np.zeros(5), 2.5)


@pytest.mark.task(2)
def test_standardizer_learns_training_statistics():
    X_train = np.array([[0.0, 1.0], [2.0, 1.0], [4.0, 4.0]])
    scaler = Standardizer().fit(X_train)
    np.testing.assert_allclose(
        scaler.mean_, [2.0, 2.0], err_msg="mean_ holds the training column means"
    )
    # population std: column 0 -> sqrt(8/3), column 1 -> sqrt(6/3)
    np.testing.assert_allclose(
        scaler.scale_,
        [np.sqrt(8 / 3), np.sqrt(2.0)],
        err_msg="scale_ is the population standard deviation (ddof=0)",
    )
    X_new = np.array([[2.0, 2.0 + np.sqrt(2.0)]])
    np.testing.assert_allclose(
        scaler.transform(X_new),
        [[0.0, 1.0]],
        err_msg="new data must be scaled with the training statistics",
    )
    np.testing.assert_allclose(
        Standardizer().fit_transform(X_train),
        scaler.transform(X_train),
        err_msg="fit_transform(X) must equal fit(X).transform(X)",
    )
    rng = np.random.default_rng(2)
    X = rng.normal(50.0, 20.0, size=(100, 4))
    scaler = Standardizer().fit(X[:70])
    Z = scaler.transform(X[70:])
    np.testing.assert_allclose(
        scaler.inverse_transform(Z),
        X[70:],
        rtol=1e-12,
        err_msg="inverse_transform(transform(X)) must give X back",
    )
    y = rng.normal(size=30)
    z = Standardizer().fit(y).transform(y)
    assert z.shape == (30,), "a 1-D array (a target) stays 1-D"
    np.testing.assert_allclose(
        [z.mean(), z.std()],
        [0.0, 1.0],
        atol=1e-12,
        err_msg="a standardized 1-D target has mean 0 and standard deviation 1",
    )


@pytest.mark.task(2)
def test_standardizer_refusals_name_the_problem():
    X = np.array([[1.0, 5.0, 2.0, 0.3], [2.0, 5.0, 3.0, 0.3], [3.0, 5.0, 4.0, 0.3]])
    with pytest.raises(ValueError, match=r"1, 3") as info:
        Standardizer().fit(X)
    assert "variance" in str(info.value), "say why the columns are refused: zero variance"
    X = np.array([[1.0, 2.0, 3.0], [2.0, np.nan, 4.0], [3.0, 1.0, 5.0]])
    with pytest.raises(ValueError, match=r"\[1\]"):
        Standardizer().fit(X)
    scaler = Standardizer().fit(np.nan_to_num(X))
    with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
        scaler.transform(X)
    with pytest.raises(ValueError, match="fit"):
        Standardizer().transform(np.ones((2, 2)))
    with pytest.raises(ValueError, match="fit"):
        Standardizer().inverse_transform(np.ones((2, 2)))
    scaler = Standardizer().fit(np.array([[1.0, 2.0], [3.0, 5.0]]))
    with pytest.raises(ValueError, match=r"\b3\b"):
        scaler.transform(np.ones((2, 3)))
