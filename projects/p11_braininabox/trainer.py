"""Task 5 · The Trainer: the training loop written once.

Every training script of the course repeats the same loop: for each epoch, for each
batch, zero the gradients, compute the loss, backpropagate, step; then evaluate. The
Trainer holds that loop, and callbacks (``callbacks.py``) extend it: early stopping,
checkpoints, learning-rate schedules.

    trainer = Trainer(model, optim.Adam(model.parameters()), nn.CrossEntropyLoss())
    history = trainer.fit(train_loader, val_loader, epochs=10)
    trainer.evaluate(test_loader)        # {"loss": ..., "accuracy": ...}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from shared.tensor import Tensor, no_grad

from .callbacks import Callback

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def progress_bar(iterable: Iterable[Any], enabled: bool, description: str) -> Iterable[Any]:
    """Given helper: ``iterable`` wrapped in a tqdm bar, or as it is when disabled (or
    when tqdm is not installed: the library itself depends on NumPy only)."""
    if not enabled:
        return iterable
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return iterable
    return tqdm(iterable, desc=description, leave=False)


def batch_accuracy(outputs: Tensor, target: Any) -> float | None:
    """Given helper: the number of correct argmax predictions in a batch, or None when
    the outputs are not class scores (N, C >= 2) with integer labels (N,)."""
    labels = np.asarray(getattr(target, "data", target))
    scores = outputs.data
    if scores.ndim != 2 or scores.shape[1] < 2 or labels.ndim != 1 or labels.dtype.kind not in "iu":
        return None
    return float(np.sum(np.argmax(scores, axis=1) == labels))


class Trainer:
    """Fit, evaluate and predict with one model, optimizer and loss.

    Inputs: model (a Module); optimizer; loss_fn, called as ``loss_fn(model(x), y)``
    and returning a scalar Tensor; callbacks (a sequence of Callback); progress (show a
    tqdm bar per epoch).
    Attributes: ``history``, a dict of lists, one entry per epoch: "loss" (mean training
    loss per sample), "lr" (the optimizer's rate during the epoch), and with a validation
    loader "val_loss" and, for classifiers, "val_accuracy"; ``stop_training`` (a callback
    sets it to end ``fit`` after the current epoch); ``epoch`` (epochs completed).
    Batches are ``(x, y)`` pairs (Tensors or arrays) from any iterable, a DataLoader say.
    """

    def __init__(
        self,
        model: Any,
        optimizer: Any,
        loss_fn: Any,
        callbacks: Sequence[Callback] = (),
        progress: bool = True,
    ) -> None:
        if not callable(loss_fn):
            raise TypeError(f"Trainer: loss_fn must be callable, got {loss_fn!r}")
        for cb in callbacks:
            if not isinstance(cb, Callback):
                raise TypeError(f"Trainer: callbacks must be Callback objects, got {cb!r}")
        self.model = model
        self.optimizer = optimizer
        self.loss_fn = loss_fn
        self.callbacks = list(callbacks)
        self.progress = progress
        self.history: dict[str, list[float]] = {}
        self.stop_training = False
        self.epoch = 0

    def fit(
        self, train_loader: Iterable[Any], val_loader: Iterable[Any] | None = None, epochs: int = 1
    ) -> dict[str, list[float]]:
        """Train for up to ``epochs`` epochs; returns ``history``.

        Each epoch: the model in train mode; for every batch, zero the gradients,
        loss = loss_fn(model(x), y), backward, optimizer step; then ``logs`` = {"loss":
        sample-weighted mean of the batch losses, "lr": the optimizer's rate, and, given
        ``val_loader``, "val_loss" / "val_accuracy" from ``evaluate``}; every value is
        appended to ``history``; then every callback's ``on_epoch_end(self, epoch, logs)``;
        training stops early once ``stop_training`` is set. ``on_train_begin`` and
        ``on_train_end`` run before the first and after the last epoch.
        Across calls: ``stop_training`` is set to False first; ``epoch`` passed to the
        callbacks counts from 0 within this call, while ``self.epoch`` (incremented after
        each epoch's history, before its callbacks) counts every epoch of every call;
        ``history`` is never cleared (a second call appends). "lr" is ``optimizer.lr``
        read before the epoch's first batch.
        ValueError when ``epochs`` is not an int >= 1.
        """
        raise NotImplementedError('P11 Task 5 · Trainer.fit (projects/p11_braininabox/trainer.py) — see projects/p11_braininabox/README.md#task-5')

    def evaluate(self, loader: Iterable[Any]) -> dict[str, float]:
        """Mean loss over the loader's samples (each batch weighted by its size), and for
        class scores with integer labels the accuracy (``batch_accuracy``): {"loss": ...,
        "accuracy": ...}. The "accuracy" key is left out (never None) when any batch is
        not class scores with integer labels, or the loader is empty. Runs in eval mode
        without recording a graph, and puts the model back in the mode it was in."""
        raise NotImplementedError('P11 Task 5 · Trainer.evaluate (projects/p11_braininabox/trainer.py) — see projects/p11_braininabox/README.md#task-5')

    def predict(self, data: Any, batch_size: int = 256) -> np.ndarray:
        """The model's outputs for ``data``: a Tensor or array of inputs (N, ...), run in
        batches, or a loader of ``(x, y)`` batches. Eval mode, no graph; (N, ...) array."""
        was_training = self.model.training
        self.model.eval()
        try:
            with no_grad():
                if isinstance(data, Tensor | np.ndarray):
                    array = np.asarray(data.data if isinstance(data, Tensor) else data)
                    parts = [
                        self.model(Tensor(array[i : i + batch_size])).data
                        for i in range(0, len(array), batch_size)
                    ]
                else:
                    parts = [self.model(batch[0]).data for batch in data]
        finally:
            self.model.train(was_training)
        return np.concatenate(parts)
