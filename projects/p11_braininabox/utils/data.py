"""``braininabox.utils.data``: Dataset, TensorDataset, DataLoader, random_split.

Given code over ``shared.data``. The differences from the core's loader are PyTorch's:
batches come out as Tensors (float arrays keep their dtype, labels stay int64), and the
shuffles are drawn from the global generator unless ``generator`` is given, so
``manual_seed`` fixes them. In-process loading only: ``num_workers`` is accepted and
changes nothing (the batches are the same); samplers and ``collate_fn`` are refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

import shared.data as _core
from shared.data import Dataset, Subset, TensorDataset
from shared.init import get_rng
from shared.tensor import Tensor

__all__ = ["DataLoader", "Dataset", "Subset", "TensorDataset", "random_split"]


def _seed(generator: Any) -> Any:
    """A seed for the loader's shuffles: the generator given, else one drawn from the
    global generator (so manual_seed decides it)."""
    if generator is not None:
        return generator
    return int(get_rng().integers(2**63))


def _as_tensor(batch: Any) -> Any:
    if isinstance(batch, tuple | list):
        return tuple(_as_tensor(b) for b in batch)
    return batch if isinstance(batch, Tensor) else Tensor(np.asarray(batch))


class DataLoader(_core.DataLoader):
    """``DataLoader(dataset, batch_size=1, shuffle=False, drop_last=False, generator=None)``
    yielding tuples of Tensors."""

    def __init__(
        self,
        dataset: Dataset,
        batch_size: int = 1,
        shuffle: bool = False,
        sampler: Any = None,
        batch_sampler: Any = None,
        num_workers: int = 0,
        collate_fn: Any = None,
        pin_memory: bool = False,
        drop_last: bool = False,
        timeout: float = 0,
        worker_init_fn: Any = None,
        generator: Any = None,
        **options: Any,
    ) -> None:
        for name, value in (
            ("sampler", sampler),
            ("batch_sampler", batch_sampler),
            ("collate_fn", collate_fn),
            ("worker_init_fn", worker_init_fn),
        ):
            if value is not None:
                raise NotImplementedError(f"DataLoader: {name}= is not supported")
        super().__init__(dataset, batch_size, shuffle, drop_last, seed=_seed(generator))

    def __iter__(self) -> Iterator[Any]:
        for batch in super().__iter__():
            yield _as_tensor(batch)


def random_split(dataset: Dataset, lengths: list[Any], generator: Any = None) -> list[Subset]:
    """Non-overlapping random subsets of the given lengths (counts or fractions)."""
    return _core.random_split(dataset, lengths, seed=_seed(generator))
