"""Task 3 · Dataset, TensorDataset and DataLoader (shared/data.py)."""

from __future__ import annotations

import numpy as np
import pytest


def _loader(n=23, batch_size=5, **kwargs):
    from shared.data import DataLoader, TensorDataset

    X = np.arange(n * 3, dtype=np.float32).reshape(n, 3)
    y = np.arange(n, dtype=np.int64)
    return DataLoader(TensorDataset(X, y), batch_size=batch_size, **kwargs), X, y


def _epoch_order(loader):
    return np.concatenate([yb for _, yb in loader]).tolist()


@pytest.mark.task(3)
def test_tensor_dataset_length_items_and_shape_check():
    from shared.data import Dataset, TensorDataset

    X = np.arange(12.0).reshape(4, 3)
    y = np.array([3, 1, 0, 2])
    ds = TensorDataset(X, y)
    assert isinstance(ds, Dataset), (
        f"TensorDataset must subclass Dataset; its bases are {type(ds).__mro__[1:]}"
    )
    assert len(ds) == 4, f"len(TensorDataset) must be the number of rows, got {len(ds)}"
    xi, yi = ds[2]
    np.testing.assert_array_equal(xi, X[2], err_msg="ds[2] must return row 2 of X first")
    assert yi == 0, f"ds[2] must return label y[2] = 0 second; got {yi!r}"
    with pytest.raises(ValueError, match=r"\(4, 3\).*\(3,\)"):
        TensorDataset(X, y[:3])
    with pytest.raises(ValueError, match=r"(?i)array"):  # "no array"
        TensorDataset()


@pytest.mark.task(3)
@pytest.mark.parametrize("drop_last", [False, True])
@pytest.mark.parametrize("n, batch_size", [(23, 5), (20, 5), (3, 8), (1, 1)])
def test_every_sample_exactly_once_and_len_counts_the_batches(n, batch_size, drop_last):
    loader, X, y = _loader(n, batch_size, shuffle=True, drop_last=drop_last, seed=3)
    full, rest = divmod(n, batch_size)
    expected_len = full if drop_last or rest == 0 else full + 1
    assert len(loader) == expected_len, (
        f"{n} samples, batch_size={batch_size}, drop_last={drop_last}: expected "
        f"{expected_len} batches, len(loader) gave {len(loader)}"
    )
    batches = list(loader)
    assert len(batches) == expected_len, "iterating must yield len(loader) batches"
    sizes = [len(yb) for _, yb in batches]
    want = [batch_size] * full + ([] if drop_last or rest == 0 else [rest])
    assert sizes == want, f"batch sizes {sizes}, expected {want}"
    seen = np.concatenate([yb for _, yb in batches]) if batches else np.array([], int)
    assert len(set(seen.tolist())) == len(seen), "a sample appeared twice in one epoch"
    assert len(seen) == (full * batch_size if drop_last else n), (
        "without drop_last every sample appears once; with it, exactly the N mod B "
        "leftovers are dropped"
    )
    for xb, yb in batches:
        assert xb.shape == (len(yb), 3) and xb.dtype == np.float32, (
            f"a batch of {len(yb)} samples must hold X rows of shape ({len(yb)}, 3) float32; "
            f"got {xb.shape} {xb.dtype}"
        )
        assert yb.dtype == np.int64, f"labels keep their int64 dtype in a batch; got {yb.dtype}"
        np.testing.assert_array_equal(xb, X[yb], err_msg="rows and labels must stay aligned")


@pytest.mark.task(3)
def test_shuffle_is_reproducible_and_new_each_epoch():
    a, _, _ = _loader(40, 8, shuffle=True, seed=7)
    b, _, _ = _loader(40, 8, shuffle=True, seed=7)
    c, _, _ = _loader(40, 8, shuffle=True, seed=8)
    epochs_a = [_epoch_order(a) for _ in range(3)]
    epochs_b = [_epoch_order(b) for _ in range(3)]
    assert epochs_a == epochs_b, "the same seed must give the same order, epoch by epoch"
    assert epochs_a[0] != epochs_a[1] != epochs_a[2], "each epoch must draw a new order"
    assert epochs_a[0] != list(range(40)), "shuffle=True must not keep the stored order"
    assert _epoch_order(c) != epochs_a[0], "another seed must give another order"


@pytest.mark.task(3)
def test_without_shuffle_the_stored_order_every_epoch():
    loader, _, _ = _loader(11, 4)  # shuffle=False is the default
    assert _epoch_order(loader) == list(range(11)), (
        f"shuffle=False must yield the stored order 0..10; got {_epoch_order(loader)}"
    )
    assert _epoch_order(loader) == list(range(11)), (
        f"shuffle=False must yield the stored order again in the next epoch; got "
        f"{_epoch_order(loader)}"
    )


@pytest.mark.task(3)
def test_an_array_dataset_is_batched_by_indexing_not_item_by_item():
    from shared.data import DataLoader, TensorDataset

    class NoItems(TensorDataset):
        def __getitem__(self, index):
            raise AssertionError(
                "DataLoader fetched a TensorDataset sample by sample; index its arrays with "
                "the batch's indices instead (one fancy-indexing copy per batch)"
            )

    X = np.arange(30.0).reshape(10, 3)
    y = np.arange(10)
    batches = list(DataLoader(NoItems(X, y), batch_size=4, shuffle=True, seed=0))
    assert sorted(np.concatenate([b[1] for b in batches]).tolist()) == list(range(10)), (
        f"every sample once: expected labels 0..9, got "
        f"{sorted(np.concatenate([b[1] for b in batches]).tolist())}"
    )


@pytest.mark.task(3)
def test_a_generic_dataset_is_stacked_field_by_field():
    from shared.data import DataLoader, Dataset

    class Squares(Dataset):
        def __len__(self):
            return 7

        def __getitem__(self, i):
            return np.full((2, 2), float(i)), i * i

    batches = list(DataLoader(Squares(), batch_size=3))
    assert [b[0].shape for b in batches] == [(3, 2, 2), (3, 2, 2), (1, 2, 2)], (
        f"7 samples of shape (2, 2) in batches of 3: expected batch shapes (3, 2, 2), "
        f"(3, 2, 2), (1, 2, 2); got {[b[0].shape for b in batches]}"
    )
    np.testing.assert_array_equal(
        batches[1][1], [9, 16, 25], err_msg="the second batch's labels are i * i for i = 3, 4, 5"
    )
    np.testing.assert_array_equal(
        batches[2][0][0],
        np.full((2, 2), 6.0),
        err_msg="the last batch holds sample 6: a (2, 2) array of 6.0",
    )

    class Plain(Dataset):
        def __len__(self):
            return 3

        def __getitem__(self, i):
            return np.array([i, -i])

    (only,) = list(DataLoader(Plain(), batch_size=5))
    np.testing.assert_array_equal(
        only,
        [[0, 0], [1, -1], [2, -2]],
        err_msg="a dataset returning one array per sample gives one stacked array per batch",
    )


@pytest.mark.task(3)
def test_bad_arguments_are_refused():
    from shared.data import DataLoader, TensorDataset

    ds = TensorDataset(np.zeros((4, 2)))
    for bad in (0, -3, 2.5, True, "8"):
        with pytest.raises(ValueError, match="batch_size"):
            DataLoader(ds, batch_size=bad)
    with pytest.raises(TypeError, match="shuffle"):
        DataLoader(ds, batch_size=2, shuffle="yes")
    with pytest.raises(TypeError, match="drop_last"):
        DataLoader(ds, batch_size=2, drop_last=1)
    with pytest.raises(ValueError, match="(?i)dataset"):
        DataLoader(42, batch_size=2)
