"""Data handling on NumPy arrays: splits, mini-batches, standardization (P03), stratified
splits (P04); Dataset and DataLoader, the pixel statistics of images (P08); subsets (P11).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import numpy as np

# ======================== P03 · Task 2 · Splits, mini-batches and standardization
#
# Rows are samples everywhere: an array of shape (N, ...) holds N samples. Randomness
# comes from np.random.default_rng(seed), so a seed (an int, or a Generator that the
# caller keeps drawing from) makes every split and every batch order reproducible.


def _index(a: np.ndarray | list, rows: np.ndarray) -> np.ndarray | list:
    """``a[rows]`` for an array; a list (e.g. of texts) is indexed item by item and stays
    a list."""
    if isinstance(a, list):
        return [a[i] for i in rows]
    return a[rows]


def train_test_split(
    *arrays: np.ndarray | list,
    test_fraction: float = 0.2,
    seed: int | np.random.Generator | None = 0,
) -> list[np.ndarray | list]:
    """Shuffle the samples once and cut them into a training part and a test part.

    Every array is split with the same permutation, so rows stay aligned (features with
    their targets). The test part holds ceil(test_fraction · N) samples.

    Inputs:
        arrays: one or more arrays (or lists) of the same length N along axis 0.
        test_fraction: the share of samples held out, strictly between 0 and 1.
        seed: seed or Generator for the shuffle; the same seed gives the same split.
    Returns:
        [a_train, a_test, b_train, b_test, ...]: a train/test pair per input, in input
        order. Arrays come back as arrays, lists as lists.
    Raises:
        ValueError: no arrays, lengths that differ, a fraction outside (0, 1), or a split
        that would leave either part empty.
    """
    ### BEGIN SOLUTION p03.t2
    if not arrays:
        raise ValueError("train_test_split: expected at least one array to split, got none")
    arrays = tuple(a if isinstance(a, list) else np.asarray(a) for a in arrays)
    for a in arrays:
        if not isinstance(a, list) and a.ndim == 0:
            raise ValueError("train_test_split: expected arrays with a sample axis, got a scalar")
    lengths = [len(a) for a in arrays]
    if len(set(lengths)) != 1:
        raise ValueError(
            f"train_test_split: all arrays must have the same number of samples, got lengths "
            f"{lengths}"
        )
    if isinstance(test_fraction, bool) or not 0.0 < float(test_fraction) < 1.0:
        raise ValueError(
            f"train_test_split: test_fraction must be strictly between 0 and 1, got "
            f"{test_fraction!r}"
        )
    n = lengths[0]
    n_test = int(np.ceil(float(test_fraction) * n))
    if n_test < 1 or n - n_test < 1:
        raise ValueError(
            f"train_test_split: {n} samples with test_fraction={test_fraction} leave "
            f"{n - n_test} for training and {n_test} for testing; both must be at least 1"
        )
    order = np.random.default_rng(seed).permutation(n)
    test_rows, train_rows = order[:n_test], order[n_test:]
    out: list[np.ndarray | list] = []
    for a in arrays:
        out.extend([_index(a, train_rows), _index(a, test_rows)])
    return out
    ### END SOLUTION


def iterate_minibatches(
    X: np.ndarray,
    y: np.ndarray,
    batch_size: int,
    *,
    shuffle: bool = True,
    seed: int | np.random.Generator | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Mini-batches (Xb, yb) covering every sample exactly once: one pass, one epoch.

    With shuffle=True the order is a fresh permutation drawn from
    np.random.default_rng(seed): pass an int for a reproducible order, or one Generator
    reused across epochs for a different (but reproducible) order each epoch. With
    shuffle=False the samples come in their stored order. The last batch holds the
    N mod batch_size leftovers when N is not a multiple of batch_size.

    Inputs:
        X: (N, ...) samples; y: (N, ...) targets; batch_size: a positive int.
    Returns:
        an iterator of (Xb, yb) with Xb: (B, ...), yb: (B, ...), B ≤ batch_size.
    Raises:
        ValueError (at the call, before any batch): X and y of different lengths, or a
        batch_size that is not a positive int.
    """
    ### BEGIN SOLUTION p03.t2
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise ValueError(
            f"iterate_minibatches: X and y must have the same number of samples, got shapes "
            f"{X.shape} and {y.shape}"
        )
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)):
        raise ValueError(
            f"iterate_minibatches: batch_size must be a positive int, got {batch_size!r}"
        )
    if batch_size < 1:
        raise ValueError(f"iterate_minibatches: batch_size must be ≥ 1, got {batch_size}")
    n = len(X)
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    # A generator expression, not a generator function: the checks above run at the
    # call, not at the first next().
    return (
        (X[order[i : i + batch_size]], y[order[i : i + batch_size]])
        for i in range(0, n, batch_size)
    )
    ### END SOLUTION


class Standardizer:
    """Per-column standardization z = (x - mean) / std, learned on training data only.

    Fit on the training set, then transform training, validation and test sets with the
    same statistics; fitting on all data would leak the test set into preprocessing.
    std is the population standard deviation (ddof = 0).

    Attributes (after fit):
        mean_: (D,) column means (shape () for 1-D input).
        scale_: (D,) column standard deviations, all > 0.
    """

    def __init__(self) -> None:
        self.mean_: np.ndarray | None = None
        self.scale_: np.ndarray | None = None

    def fit(self, X: np.ndarray) -> Standardizer:
        """Learn mean_ and scale_ from X: (N, D) (or (N,) for a single column).

        Raises ValueError when X is empty, holds NaN or infinity (the message names the
        columns: impute first), or has a column with zero variance (named: drop it).
        Returns self, so that ``Standardizer().fit(X_train)`` reads naturally.
        """
        ### BEGIN SOLUTION p03.t2
        X = np.asarray(X, dtype=np.float64)
        if X.ndim not in (1, 2) or X.shape[0] == 0:
            raise ValueError(
                f"Standardizer.fit: expected a non-empty (N, D) or (N,) array, got shape {X.shape}"
            )
        cols = X.reshape(len(X), -1)
        bad = np.flatnonzero(~np.isfinite(cols).all(axis=0))
        if bad.size:
            raise ValueError(
                f"Standardizer.fit: NaN or infinity in column(s) {bad.tolist()}; impute "
                "missing values first (for example with the training median)"
            )
        # A column is constant when its largest and smallest values agree; testing std == 0
        # instead would miss a constant column whose computed std is a rounding residue.
        constant = np.flatnonzero(cols.max(axis=0) == cols.min(axis=0))
        if constant.size:
            raise ValueError(
                f"Standardizer.fit: column(s) {constant.tolist()} have zero variance (every "
                "value is the same), so they cannot be scaled to unit variance; drop them"
            )
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0)
        return self
        ### END SOLUTION

    def _check_fitted(self, X: np.ndarray, name: str) -> np.ndarray:
        """X as float64 after checking that fit ran, that X matches its columns and that it
        holds no NaN or infinity (ValueError otherwise, naming the problem)."""
        ### BEGIN SOLUTION p03.t2
        if self.mean_ is None or self.scale_ is None:
            raise ValueError(f"Standardizer.{name} called before fit: call fit(X_train) first")
        X = np.asarray(X, dtype=np.float64)
        if X.ndim == 0 or X.shape[1:] != np.shape(self.mean_):
            raise ValueError(
                f"Standardizer.{name}: fitted on samples of shape {np.shape(self.mean_)}, got "
                f"an array of shape {X.shape}"
            )
        if not np.isfinite(X).all():
            raise ValueError(f"Standardizer.{name}: X contains NaN or infinity; impute first")
        return X
        ### END SOLUTION

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Z = (X - mean_) / scale_ with the statistics from fit; X: (N, D) -> Z: (N, D)."""
        ### BEGIN SOLUTION p03.t2
        X = self._check_fitted(X, "transform")
        return (X - self.mean_) / self.scale_
        ### END SOLUTION

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then transform(X)."""
        return self.fit(X).transform(X)

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """X = Z · scale_ + mean_, undoing transform; Z: (N, D) -> X: (N, D)."""
        ### BEGIN SOLUTION p03.t2
        Z = self._check_fitted(Z, "inverse_transform")
        return Z * self.scale_ + self.mean_
        ### END SOLUTION


# ======================== P04 · Task 3 · Stratified split
#
# A plain shuffle can, by chance, put too few of a rare class into the test part (with
# 13 % spam, a 20 % test part of 1,115 messages holds 149 spam on average but anything
# from about 125 to 175). Splitting each class separately fixes every class's share.


def stratified_split(
    y: np.ndarray,
    test_fraction: float = 0.2,
    seed: int | np.random.Generator | None = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Indices of a train/test split that keeps each class's share in both parts.

    Each class c with n_c samples is shuffled on its own and ceil(test_fraction · n_c) of
    them go to the test part (the same rounding as ``train_test_split``), the rest to the
    training part. Classes are visited in sorted order and draw from one
    ``np.random.default_rng(seed)``, so the same labels and seed give the same split.

    Inputs:
        y: (N,) class labels (any values np.unique can sort, e.g. 0/1 or 1/2/3).
        test_fraction: the share of every class held out, strictly between 0 and 1.
        seed: seed or Generator for the shuffles.
    Returns:
        (train_idx, test_idx): int64 index arrays in increasing order; disjoint, and
        together they hold every index 0..N-1 exactly once. Use them as ``X[train_idx]``.
    Raises:
        ValueError: y not 1-D or empty, a fraction outside (0, 1), or a class too small to
        appear in both parts.
    """
    ### BEGIN SOLUTION p04.t3
    y = np.asarray(y)
    if y.ndim != 1 or y.size == 0:
        raise ValueError(
            f"stratified_split: expected a non-empty 1-D array of labels (N,), got shape {y.shape}"
        )
    if isinstance(test_fraction, bool) or not 0.0 < float(test_fraction) < 1.0:
        raise ValueError(
            f"stratified_split: test_fraction must be strictly between 0 and 1, got "
            f"{test_fraction!r}"
        )
    rng = np.random.default_rng(seed)
    train_parts, test_parts = [], []
    for c in np.unique(y):
        members = rng.permutation(np.flatnonzero(y == c))
        n_test = int(np.ceil(float(test_fraction) * members.size))
        if members.size - n_test < 1:
            raise ValueError(
                f"stratified_split: class {c!r} has {members.size} sample(s); with "
                f"test_fraction={test_fraction} none would be left for training"
            )
        test_parts.append(members[:n_test])
        train_parts.append(members[n_test:])
    train_idx = np.sort(np.concatenate(train_parts)).astype(np.int64)
    test_idx = np.sort(np.concatenate(test_parts)).astype(np.int64)
    return train_idx, test_idx
    ### END SOLUTION


# ======================== P08 · Task 3 · Dataset and DataLoader
#
# A Dataset answers two questions, how many samples (len) and which is sample i
# (dataset[i]); a DataLoader turns it into mini-batches, reshuffled every epoch. Batches
# come out as tuples of NumPy arrays (one per field: images, labels): the training loop
# wraps what needs a gradient in a Tensor itself, and labels stay integer arrays.


class Dataset:
    """Base class of map-style datasets: ``len(ds)`` samples, ``ds[i]`` the i-th one.

    A subclass implements ``__len__`` and ``__getitem__(i)`` for 0 <= i < len(ds),
    returning one sample: an array, or a tuple of arrays (features, label).
    """

    def __len__(self) -> int:
        raise NotImplementedError(f"{type(self).__name__} must define __len__")

    def __getitem__(self, index: int) -> object:
        raise NotImplementedError(f"{type(self).__name__} must define __getitem__")


class TensorDataset(Dataset):
    """Samples stored as rows of arrays of equal length: sample i is
    ``(arrays[0][i], arrays[1][i], ...)``.

    Inputs: one or more arrays (or Tensors: their data), shapes (N, ...), same N.
    Attributes: ``arrays``, the tuple of NumPy arrays (not copied).
    Raises ValueError when there is no array, an array is 0-d, or the lengths differ
    (the message lists every shape).
    """

    def __init__(self, *arrays: np.ndarray) -> None:
        ### BEGIN SOLUTION p08.t3
        if not arrays:
            raise ValueError("TensorDataset: expected at least one array, got none")
        # A Tensor is stored through its data; anything else becomes an array.
        arrays = tuple(np.asarray(getattr(a, "data", a)) for a in arrays)
        shapes = [a.shape for a in arrays]
        if any(len(s) == 0 for s in shapes) or len({s[0] for s in shapes}) != 1:
            raise ValueError(
                f"TensorDataset: every array needs the same number of samples along axis 0, "
                f"got shapes {shapes}"
            )
        self.arrays = arrays
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION p08.t3
        return len(self.arrays[0])
        ### END SOLUTION

    def __getitem__(self, index: int) -> tuple[np.ndarray, ...]:
        ### BEGIN SOLUTION p08.t3
        return tuple(a[index] for a in self.arrays)
        ### END SOLUTION


def _check_flag(value: object, name: str) -> bool:
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"DataLoader: {name} must be True or False, got {value!r}")
    return bool(value)


class DataLoader:
    """Mini-batches of a Dataset, one pass per ``iter()`` (an epoch).

    Inputs:
        dataset: a Dataset (anything with ``__len__`` and ``__getitem__``).
        batch_size: samples per batch, a positive int.
        shuffle: draw a new order every epoch (else the stored order).
        drop_last: leave out the final batch when it is smaller than batch_size.
        seed: seed (int or Generator) of the shuffles: the same seed gives the same
            sequence of epoch orders, and each epoch's order differs from the last.
    Yields:
        for a dataset whose items are tuples, a tuple of arrays (B, ...), one per field
        (B <= batch_size); for a dataset whose items are single arrays (not tuples), one
        array (B, ...). A ``TensorDataset`` always yields a tuple, also when it holds a
        single array (``TensorDataset(X)`` gives ``(xb,)``), since its items are tuples.
    ``len(loader)`` is the number of batches per epoch: ceil(N / B), or floor(N / B) with
    drop_last. A TensorDataset is batched by indexing its arrays with the batch's indices
    (one fancy-indexing copy per array and batch); any other dataset by stacking its
    samples one by one.
    Raises ValueError for a dataset without len/getitem (the message says "dataset") or a
    bad batch_size (not a positive int), TypeError for flags that are not booleans.

    Randomness: the loader keeps one generator, ``np.random.default_rng(seed)``, for its
    whole life, and ``iter(loader)`` draws that epoch's order at once (the next
    ``permutation(N)`` of that generator with shuffle, ``arange(N)`` without), not at the
    first ``next()``. Batches are NumPy arrays, never Tensors; a TensorDataset's
    ``__getitem__`` is never called.
    """

    def __init__(
        self,
        dataset: Dataset,
        batch_size: int = 1,
        shuffle: bool = False,
        drop_last: bool = False,
        seed: int | np.random.Generator | None = 0,
    ) -> None:
        ### BEGIN SOLUTION p08.t3
        if not (hasattr(dataset, "__len__") and hasattr(dataset, "__getitem__")):
            raise ValueError(
                f"DataLoader: expected a Dataset (with __len__ and __getitem__), got "
                f"{type(dataset).__name__}"
            )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int | np.integer):
            raise ValueError(f"DataLoader: batch_size must be a positive int, got {batch_size!r}")
        if batch_size < 1:
            raise ValueError(f"DataLoader: batch_size must be >= 1, got {batch_size}")
        self.dataset = dataset
        self.batch_size = int(batch_size)
        self.shuffle = _check_flag(shuffle, "shuffle")
        self.drop_last = _check_flag(drop_last, "drop_last")
        # One Generator for the loader's life: each epoch draws the next permutation.
        self._rng = np.random.default_rng(seed)
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION p08.t3
        n = len(self.dataset)
        return n // self.batch_size if self.drop_last else -(-n // self.batch_size)
        ### END SOLUTION

    def __iter__(self) -> Iterator[tuple[np.ndarray, ...] | np.ndarray]:
        ### BEGIN SOLUTION p08.t3
        n = len(self.dataset)
        # Drawn now, not at the first next(): the epoch's order is fixed by iter().
        order = self._rng.permutation(n) if self.shuffle else np.arange(n)
        stop = n - n % self.batch_size if self.drop_last else n
        starts = range(0, stop, self.batch_size)
        if isinstance(self.dataset, TensorDataset):
            arrays = self.dataset.arrays
            return (tuple(a[order[i : i + self.batch_size]] for a in arrays) for i in starts)
        return (self._stack(order[i : i + self.batch_size]) for i in starts)
        ### END SOLUTION

    def _stack(self, indices: np.ndarray) -> tuple[np.ndarray, ...] | np.ndarray:
        """The samples at ``indices`` of a generic dataset, stacked field by field."""
        ### BEGIN SOLUTION p08.t3
        items = [self.dataset[int(i)] for i in indices]
        if isinstance(items[0], tuple):
            return tuple(np.stack(field) for field in zip(*items, strict=True))
        return np.stack(items)
        ### END SOLUTION


# ======================== P08 · image datasets: first images, statistics (given code)


def load_splits(
    load: Callable[[str], tuple[np.ndarray, np.ndarray]],
    n_train: int | None = None,
    n_test: int | None = None,
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """((train images, labels), (test images, labels)) from ``load("train")`` and
    ``load("test")`` (a ``shared.datasets`` loader), keeping the first ``n_train`` /
    ``n_test`` samples of each split (None: all): a quick run on a few images. ValueError
    naming the argument when one is not a positive int or None."""
    for name, n in (("n_train", n_train), ("n_test", n_test)):
        if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
            raise ValueError(f"load_splits: {name} must be a positive int or None, got {n!r}")
    train_images, y_train = load("train")
    test_images, y_test = load("test")
    return (train_images[:n_train], y_train[:n_train]), (test_images[:n_test], y_test[:n_test])


def pixel_statistics(images: np.ndarray) -> tuple[float, float]:
    """Mean and standard deviation of the pixel intensities (grey level / 255) over all
    images (N, H, W) uint8, from the histogram of the 256 grey levels: exact in float64,
    and one pass over bytes instead of several over 47 million floats. P08 and P09
    standardise their inputs with the training images' two numbers."""
    flat = np.asarray(images, dtype=np.uint8).reshape(-1)
    counts = np.zeros(256, dtype=np.int64)
    for start in range(0, flat.size, 1 << 22):  # bincount widens to int64: in chunks
        counts += np.bincount(flat[start : start + (1 << 22)], minlength=256)
    levels = np.arange(256) / 255.0
    n = counts.sum()
    mean = float(counts @ levels / n)
    return mean, float(np.sqrt(counts @ (levels - mean) ** 2 / n))


# ======================== P11 · subsets (given code)


class Subset(Dataset):
    """The samples of ``dataset`` at ``indices``, in that order (a view: nothing copied).

    Inputs: dataset; indices, a sequence of ints in [0, len(dataset)).
    """

    def __init__(self, dataset: Dataset, indices: np.ndarray | list[int]) -> None:
        self.dataset = dataset
        self.indices = np.asarray(indices, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, index: int) -> object:
        return self.dataset[int(self.indices[index])]


def random_split(
    dataset: Dataset,
    lengths: list[int] | list[float],
    seed: int | np.random.Generator | None = 0,
) -> list[Subset]:
    """Split ``dataset`` into non-overlapping random Subsets of the given lengths.

    ``lengths`` are counts summing to ``len(dataset)``, or fractions summing to 1 (the
    counts are then floor(fraction * N), the remainder given one by one to the first
    subsets, as PyTorch does). ``seed`` fixes the permutation. ValueError naming the
    lengths and the dataset's size when they do not add up.
    """
    n = len(dataset)
    lengths = list(lengths)
    if lengths and all(isinstance(x, float) for x in lengths) and math.isclose(sum(lengths), 1):
        counts = [math.floor(n * frac) for frac in lengths]
        for i in range(n - sum(counts)):
            counts[i % len(counts)] += 1
    else:
        counts = [int(x) for x in lengths]
    if any(c < 0 for c in counts) or sum(counts) != n:
        raise ValueError(
            f"random_split: lengths {lengths} must add up to the dataset's {n} samples "
            "(or be fractions that add up to 1)"
        )
    order = np.random.default_rng(seed).permutation(n)
    bounds = np.cumsum([0, *counts])
    return [Subset(dataset, order[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
