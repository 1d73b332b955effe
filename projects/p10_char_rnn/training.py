"""Truncated backpropagation through time (Task 6): train on windows of T characters,
carrying the hidden state across windows but not the gradient.

Each window's loss is backpropagated through its own T steps only; the state it started
from is a constant (``detach_state``), so memory and time per step stay fixed however long
the text, while the values of the state still carry information from far back.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

import shared.functional as F
from shared.nn import Module, clip_grad_norm_
from shared.optim import Optimizer
from shared.tensor import no_grad

from .model import detach_state
from .vocab import windows

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["TrainLog", "evaluate", "train_tbptt"]


@dataclass
class TrainLog:
    """What ``train_tbptt`` measured: one entry per optimizer step."""

    losses: list[float] = field(default_factory=list)  # nats/char of each window
    grad_norms: list[float] = field(default_factory=list)  # total norm before clipping
    seconds: float = 0.0


def _window_loss(model: Module, x: np.ndarray, y: np.ndarray, state):
    logits, state = model(x, state)
    n, t, v = logits.shape
    return F.cross_entropy(logits.reshape(n * t, v), y.reshape(-1)), state


def train_tbptt(
    model: Module,
    optimizer: Optimizer,
    data: np.ndarray,
    seq_len: int,
    *,
    clip: float | None = 1.0,
    max_steps: int | None = None,
    deadline: float | None = None,
    log: TrainLog | None = None,
    callback: Callable[[int, TrainLog], None] | None = None,
) -> TrainLog:
    """One pass over the windows of ``data`` (B, L) (``vocab.windows``), one optimizer step
    per window, the state carried from window to window and detached.

    Each step: logits, state = model(x, state) from the previous window's *detached* final
    state (None for the first); mean cross-entropy over the B T targets; zero the
    gradients, backward, ``clip_grad_norm_`` with max norm ``clip`` (None: measure the
    norm, clip nothing), optimizer step. Appends each window's loss and pre-clip gradient
    norm to ``log`` (a new TrainLog when None) and returns it. Stops early after
    ``max_steps`` steps of this call or when ``time.perf_counter()`` passes ``deadline``
    (checked before each step). ``callback(step, log)`` runs after every step, ``step``
    being the 0-based index of the window within this call (0, 1, 2, ... each call, not
    ``len(log.losses)``, which also counts the steps of earlier calls sharing ``log``).
    """
    raise NotImplementedError('P10 Task 6 · train_tbptt (projects/p10_char_rnn/training.py) — see projects/p10_char_rnn/README.md#task-6')


def evaluate(model: Module, data: np.ndarray, seq_len: int = 128) -> float:
    """Mean loss in nats per character over every target of ``data`` (B, L), reading the
    windows in order with the state carried, under ``no_grad``. Each window's mean loss is
    weighted by its number of targets, so a short last window counts for what it holds."""
    raise NotImplementedError('P10 Task 6 · evaluate (projects/p10_char_rnn/training.py) — see projects/p10_char_rnn/README.md#task-6')
