"""Truncated backpropagation through time (Task 6): train on windows of T characters,
carrying the hidden state across windows but not the gradient.

Each window's loss is backpropagated through its own T steps only; the state it started
from is a constant (``detach_state``), so memory and time per step stay fixed however long
the text, while the values of the state still carry information from far back.
"""

from __future__ import annotations

import itertools
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

import shared.functional as F
from shared.nn import Module, clip_grad_norm_
from shared.optim import Optimizer
from shared.tensor import no_grad

from .model import detach_state
from .vocab import windows

__all__ = ["TrainLog", "evaluate", "tbptt_steps", "train_tbptt"]


@dataclass
class TrainLog:
    """What training measured: one entry per optimizer step, and the wall time."""

    losses: list[float] = field(default_factory=list)  # nats/char of each window
    grad_norms: list[float] = field(default_factory=list)  # total norm before clipping
    seconds: float = 0.0

    def record(self, loss: float, norm: float) -> None:
        """Append one step's loss and pre-clip gradient norm."""
        self.losses.append(loss)
        self.grad_norms.append(norm)


def _window_loss(model: Module, x: np.ndarray, y: np.ndarray, state):
    logits, state = model(x, state)
    n, t, v = logits.shape
    return F.cross_entropy(logits.reshape(n * t, v), y.reshape(-1)), state


def tbptt_steps(
    model: Module,
    optimizer: Optimizer,
    data: np.ndarray,
    seq_len: int,
    *,
    clip: float | None = 1.0,
) -> Iterator[tuple[float, float]]:
    """Truncated BPTT over the windows of ``data`` (B, L) (``vocab.windows``), in order:
    one optimizer step per window, the state carried from window to window and detached.

    A generator: each ``next()`` trains on the next window and yields ``(loss, norm)``,
    the window's mean loss (a float, nats/char) and the total gradient norm before
    clipping; nothing is trained before the first ``next()`` or after the last one asked
    for. The caller decides how many steps to take and what to record (``train_tbptt``
    and ``experiment.run_char_model`` count the steps, watch the clock and keep a log).

    Each step: logits, state = model(x, state) from the previous window's *detached* final
    state (None for the first window); mean cross-entropy over the B T targets; zero the
    gradients, backward, ``clip_grad_norm_`` with max norm ``clip`` (None: measure the
    norm, clip nothing), optimizer step.
    """
    ### BEGIN SOLUTION t6
    state = None
    for x, y in windows(data, seq_len):
        loss, state = _window_loss(model, x, y, detach_state(state))
        optimizer.zero_grad()
        loss.backward()
        norm = clip_grad_norm_(model.parameters(), clip if clip is not None else float("inf"))
        optimizer.step()
        yield float(loss.item()), norm
    ### END SOLUTION


def train_tbptt(
    model: Module,
    optimizer: Optimizer,
    data: np.ndarray,
    seq_len: int,
    *,
    clip: float | None = 1.0,
    max_steps: int | None = None,
    log: TrainLog | None = None,
    deadline: float | None = None,
    callback: Callable[[int, TrainLog], None] | None = None,
) -> TrainLog:
    """One pass of ``tbptt_steps`` over ``data`` (B, L), at most ``max_steps`` steps
    (None: every window). Appends each step's loss and pre-clip gradient norm to ``log``
    (a new TrainLog when None), adds the wall time to ``log.seconds`` and returns the log.
    Given code.

    ``deadline`` and ``callback`` are deprecated (a DeprecationWarning says so) and work
    for one more release: training stops before a step once ``time.perf_counter()`` has
    passed ``deadline``, and ``callback(step, log)`` runs after every step (``step``: the
    0-based index of the window within this call). Watch the clock and report progress
    in your own loop over ``tbptt_steps`` instead, as ``experiment.run_char_model`` does.
    """
    _warn_deprecated(deadline=deadline, callback=callback)
    log = TrainLog() if log is None else log
    start = time.perf_counter()
    steps = tbptt_steps(model, optimizer, data, seq_len, clip=clip)
    if deadline is None or time.perf_counter() <= deadline:
        limit = None if max_steps is None else max(0, max_steps)
        for step, (loss, norm) in enumerate(itertools.islice(steps, limit)):
            log.record(loss, norm)
            if callback is not None:
                callback(step, log)
            if deadline is not None and time.perf_counter() > deadline:
                break
    log.seconds += time.perf_counter() - start
    return log


def _warn_deprecated(**arguments: object) -> None:
    for name, value in arguments.items():
        if value is not None:
            warnings.warn(
                f"train_tbptt: {name}= is deprecated and goes away in the next release; loop "
                "over tbptt_steps(...) yourself and stop or report there (see "
                "experiment.run_char_model)",
                DeprecationWarning,
                stacklevel=3,
            )


def evaluate(model: Module, data: np.ndarray, seq_len: int = 128) -> float:
    """Mean loss in nats per character over every target of ``data`` (B, L), reading the
    windows in order with the state carried, under ``no_grad``. Each window's mean loss is
    weighted by its number of targets, so a short last window counts for what it holds."""
    ### BEGIN SOLUTION t6
    total, count, state = 0.0, 0, None
    with no_grad():
        for x, y in windows(data, seq_len):
            loss, state = _window_loss(model, x, y, state)
            total += float(loss.item()) * y.size
            count += y.size
    return total / count
    ### END SOLUTION
