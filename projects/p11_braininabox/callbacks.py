"""Task 6 · Callbacks: extending the training loop without editing it.

The Trainer calls every callback at three moments: ``on_train_begin(trainer)``,
``on_epoch_end(trainer, epoch, logs)`` after each epoch (``logs`` holds that epoch's
numbers: ``"loss"``, ``"lr"``, and ``"val_loss"`` / ``"val_accuracy"`` with a validation
loader) and ``on_train_end(trainer)``. A callback may read and change the trainer: set
``trainer.stop_training = True`` to stop after this epoch, save ``trainer.model``'s state.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from .serialization import save

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


class Callback:
    """Base class: every hook does nothing; override the ones you need."""

    def on_train_begin(self, trainer: Any) -> None:
        pass

    def on_epoch_end(self, trainer: Any, epoch: int, logs: dict[str, float]) -> None:
        pass

    def on_train_end(self, trainer: Any) -> None:
        pass


def _check_mode(mode: str, where: str) -> str:
    if mode not in ("min", "max"):
        raise ValueError(f"{where}: mode must be 'min' or 'max', got {mode!r}")
    return mode


def monitored(logs: dict[str, float], monitor: str, where: str) -> float:
    """Given helper: ``logs[monitor]``; ValueError naming the key and the keys there are
    when the epoch's logs do not have it (e.g. "val_loss" without a validation loader)."""
    if monitor not in logs:
        raise ValueError(f"{where}: monitor {monitor!r} is not in the logs; have {sorted(logs)}")
    return float(logs[monitor])


class _Monitor(Callback):
    """Given: the best value of one logged number so far, and whether a value beats it.

    ``improved(value)`` is True when value < best - min_delta (mode "min") or
    value > best + min_delta (mode "max"); the first value always improves on the
    starting best of +inf (or -inf)."""

    def __init__(self, monitor: str, mode: str, min_delta: float) -> None:
        self.monitor = monitor
        self.mode = _check_mode(mode, type(self).__name__)
        if not min_delta >= 0:
            raise ValueError(f"{type(self).__name__}: min_delta must be >= 0, got {min_delta!r}")
        self.min_delta = float(min_delta)
        self.best = np.inf if mode == "min" else -np.inf
        self.best_epoch: int | None = None

    def improved(self, value: float) -> bool:
        if self.mode == "min":
            return value < self.best - self.min_delta
        return value > self.best + self.min_delta


class EarlyStopping(_Monitor):
    """Stop when ``monitor`` has not improved for ``patience`` epochs in a row.

    Inputs: monitor ("val_loss"), patience (int >= 1, default 3), min_delta (>= 0),
    mode ("min" or "max"), restore_best (True: at the end of training, whether it
    stopped early or not, load the weights of the best epoch back into the model when
    one was recorded).
    Attributes: ``best``, ``best_epoch``, ``wait`` (epochs since the last improvement),
    ``stopped_epoch`` (the epoch after which it stopped training, or None).
    On each epoch end: an improvement records best, best_epoch (and, with restore_best,
    a copy of the model's state_dict) and resets wait to 0; otherwise wait grows by one,
    and when it reaches patience, ``trainer.stop_training`` is set and stopped_epoch
    recorded. ValueError naming the key when the logs lack ``monitor``.
    Each ``fit`` is watched afresh (the given ``on_train_begin``).
    """

    def __init__(
        self,
        monitor: str = "val_loss",
        patience: int = 3,
        min_delta: float = 0.0,
        mode: str = "min",
        restore_best: bool = True,
    ) -> None:
        super().__init__(monitor, mode, min_delta)
        if isinstance(patience, bool) or not isinstance(patience, int) or patience < 1:
            raise ValueError(f"EarlyStopping: patience must be an int >= 1, got {patience!r}")
        self.patience = patience
        self.restore_best = restore_best
        self.wait = 0
        self.stopped_epoch: int | None = None
        self.best_state: dict[str, np.ndarray] | None = None

    def on_train_begin(self, trainer: Any) -> None:
        """Given: forget the previous ``fit`` (best, best_epoch, wait, stopped_epoch, the
        kept weights), so a second ``fit`` neither stops at once nor restores old weights."""
        self.best = np.inf if self.mode == "min" else -np.inf
        self.best_epoch = None
        self.wait = 0
        self.stopped_epoch = None
        self.best_state = None

    def on_epoch_end(self, trainer: Any, epoch: int, logs: dict[str, float]) -> None:
        raise NotImplementedError('P11 Task 6 · EarlyStopping.on_epoch_end (projects/p11_braininabox/callbacks.py) — see projects/p11_braininabox/README.md#task-6')

    def on_train_end(self, trainer: Any) -> None:
        raise NotImplementedError('P11 Task 6 · EarlyStopping.on_train_end (projects/p11_braininabox/callbacks.py) — see projects/p11_braininabox/README.md#task-6')


class ModelCheckpoint(_Monitor):
    """Save the model's state_dict to ``path`` (with ``save``) each time ``monitor``
    improves, so the file always holds the best weights seen so far.

    Inputs: path; monitor ("val_loss"); mode ("min"/"max"); min_delta (0).
    Attributes: ``best``, ``best_epoch``, ``saved`` (the epochs at which it wrote the file).
    ``best`` is kept across ``fit`` calls: the file holds the best of them all.
    """

    def __init__(
        self,
        path: str | os.PathLike,
        monitor: str = "val_loss",
        mode: str = "min",
        min_delta: float = 0.0,
    ) -> None:
        super().__init__(monitor, mode, min_delta)
        self.path = path
        self.saved: list[int] = []

    def on_epoch_end(self, trainer: Any, epoch: int, logs: dict[str, float]) -> None:
        raise NotImplementedError('P11 Task 6 · ModelCheckpoint.on_epoch_end (projects/p11_braininabox/callbacks.py) — see projects/p11_braininabox/README.md#task-6')


class LRSchedulerCallback(Callback):
    """Step a learning-rate scheduler at the end of every epoch."""

    def __init__(self, scheduler: Any) -> None:
        self.scheduler = scheduler

    def on_epoch_end(self, trainer: Any, epoch: int, logs: dict[str, float]) -> None:
        raise NotImplementedError('P11 Task 6 · LRSchedulerCallback.on_epoch_end (projects/p11_braininabox/callbacks.py) — see projects/p11_braininabox/README.md#task-6')
