"""The bars of the reference (slow: ``make test-slow``)."""

from __future__ import annotations

import pytest


@pytest.mark.slow
@pytest.mark.task(6)
def test_names_validation_loss_at_most_2_2():
    from projects.p10_char_rnn import run_names

    run = run_names(seed=0)
    assert run.val_loss <= 2.2, f"names validation {run.val_loss:.4f} nats/char (bar 2.2)"
    assert run.val_loss < run.bigram_val_loss - 0.2, "clearly better than the bigram"


@pytest.mark.slow
@pytest.mark.task(6)
def test_shakespeare_validation_loss_at_most_1_8_within_10_minutes():
    from projects.p10_char_rnn import run_shakespeare

    run = run_shakespeare(seed=0)
    assert run.log.seconds <= 600, f"trained for {run.log.seconds:.0f} s"
    assert run.val_loss <= 1.8, f"Shakespeare validation {run.val_loss:.4f} nats/char (bar 1.8)"
