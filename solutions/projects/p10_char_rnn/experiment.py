"""The experiments of the demo and of the slow tests: a character model trained on a
corpus, compared with the bigram baseline. Given code (it only calls the tasks).

``run_char_model`` trains by truncated BPTT (Adam, gradient clipping): it loops over the
steps of ``tbptt_steps`` (Task 6) and does the bookkeeping around them here: the log of
losses and gradient norms, the step and wall-clock budgets, the validation loss every
``eval_every`` steps and at the end. It returns a ``CharRun``.
``NAMES`` and ``SHAKESPEARE`` hold the reference settings.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from shared.optim import Adam

from .bigram import BigramModel
from .model import CharRNN
from .training import TrainLog, evaluate, tbptt_steps
from .vocab import Vocabulary, batchify, names_corpus, shakespeare_corpus

__all__ = ["NAMES", "SHAKESPEARE", "CharRun", "run_char_model", "run_names", "run_shakespeare"]

#: Reference settings on the names list (about a minute here).
NAMES: dict[str, Any] = {
    "cell": "lstm",
    "embed_dim": 32,
    "hidden_size": 128,
    "batch_size": 32,
    "seq_len": 32,
    "lr": 5e-3,
    "clip": 1.0,
    "epochs": 4,
    "eval_every": 200,
    "max_seconds": None,
}

#: Reference settings on Tiny Shakespeare (the bar: validation <= 1.8 within 10 minutes).
SHAKESPEARE: dict[str, Any] = {
    "cell": "lstm",
    "embed_dim": 64,
    "hidden_size": 256,
    "batch_size": 32,
    "seq_len": 64,
    "lr": 3e-3,
    "clip": 1.0,
    "epochs": 20,
    "eval_every": 500,
    "max_seconds": 540.0,
}


@dataclass
class CharRun:
    """A trained model with its data and measurements."""

    vocab: Vocabulary
    model: CharRNN
    log: TrainLog
    val_curve: list[tuple[int, float]]  # (step, validation nats/char)
    val_loss: float
    bigram_val_loss: float
    bigram_train_loss: float
    settings: dict[str, Any]
    val_text: str = field(repr=False, default="")


def run_char_model(
    train_text: str,
    val_text: str,
    *,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    **overrides: Any,
) -> CharRun:
    """Train a CharRNN on ``train_text``, validating on ``val_text``; settings default to
    ``NAMES`` and are replaced by ``overrides`` (``max_steps`` caps the total steps,
    ``max_seconds`` the training time)."""
    cfg = {**NAMES, "max_steps": None, **overrides}
    vocab = Vocabulary(train_text + val_text)
    train_ids, val_ids = vocab.encode(train_text), vocab.encode(val_text)
    bigram = BigramModel(len(vocab)).fit(train_ids)
    model = CharRNN(len(vocab), cfg["embed_dim"], cfg["hidden_size"], cell=cfg["cell"], rng=seed)
    train = batchify(train_ids, cfg["batch_size"])
    val = batchify(val_ids, min(64, len(val_ids) // 2))
    log, curve = _train(model, train, val, cfg, progress)
    val_loss = evaluate(model, val)
    if not curve or curve[-1][0] != len(log.losses):
        curve.append((len(log.losses), val_loss))
    return CharRun(
        vocab,
        model,
        log,
        curve,
        val_loss,
        bigram.loss(val_ids),
        bigram.loss(train_ids),
        cfg,
        val_text,
    )


def _train(
    model: CharRNN,
    train: np.ndarray,
    val: np.ndarray,
    cfg: dict[str, Any],
    progress: Callable[[str], None] | None,
) -> tuple[TrainLog, list[tuple[int, float]]]:
    """Up to ``cfg["epochs"]`` passes of ``tbptt_steps`` over ``train`` with Adam, within
    the step and time budgets (checked before every step); the validation loss every
    ``eval_every`` steps. Returns the log and the validation curve (step, nats/char)."""
    optimizer = Adam(model.parameters(), lr=cfg["lr"])
    log, curve = TrainLog(), []
    start = time.perf_counter()
    deadline = None if cfg["max_seconds"] is None else start + cfg["max_seconds"]

    def spent() -> bool:
        steps_spent = cfg["max_steps"] is not None and len(log.losses) >= cfg["max_steps"]
        return steps_spent or (deadline is not None and time.perf_counter() > deadline)

    for _ in range(cfg["epochs"]):
        if spent():
            break
        for loss, norm in tbptt_steps(model, optimizer, train, cfg["seq_len"], clip=cfg["clip"]):
            log.record(loss, norm)
            if len(log.losses) % cfg["eval_every"] == 0:
                curve.append((len(log.losses), evaluate(model, val)))
                _report(progress, log, curve[-1][1])
            if spent():
                break
    log.seconds = time.perf_counter() - start
    return log, curve


def _report(progress: Callable[[str], None] | None, log: TrainLog, val_loss: float) -> None:
    if progress:
        recent = float(np.mean(log.losses[-50:]))
        progress(f"  step {len(log.losses):6d}  train {recent:.3f}  val {val_loss:.3f}")


def run_names(seed: int = 0, **overrides: Any) -> CharRun:
    """The names experiment with the ``NAMES`` settings (seeded split and weights)."""
    train, val = names_corpus(seed=0)
    return run_char_model(train, val, seed=seed, **overrides)


def run_shakespeare(seed: int = 0, **overrides: Any) -> CharRun:
    """The Tiny Shakespeare experiment with the ``SHAKESPEARE`` settings."""
    train, val = shakespeare_corpus()
    return run_char_model(train, val, seed=seed, **{**SHAKESPEARE, **overrides})
