"""Writing text (Task 7): from the model's scores to the next character.

The model gives scores z (logits) for the V characters. Sampling draws the next character
from a distribution built from them, then feeds it back in:

- temperature τ: p ∝ exp(z / τ). τ < 1 sharpens the distribution (τ -> 0 is the argmax),
  τ > 1 flattens it (τ -> ∞ is uniform);
- top-k: keep the k most likely characters, renormalise;
- top-p (nucleus): keep the smallest set of most likely characters whose total
  probability is at least p, renormalise.

Every draw comes from a ``np.random.Generator``, so a seed reproduces the text.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from shared.tensor import no_grad

from .model import CharRNN
from .vocab import Vocabulary

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["generate", "next_char_probs", "sample_index"]


def next_char_probs(
    logits: Any, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> np.ndarray:
    """The distribution to sample the next character from: logits (V,) -> probs (V,)
    float64, non-negative, summing to 1.

    In order: temperature (``temperature == 0``: all the mass on the argmax, the first
    one on ties, and top-k/top-p have nothing left to cut), then top-k (keep the k largest
    probabilities; None: all), then top-p on the distribution top-k left (keep the smallest
    set of the largest probabilities whose sum is >= p; None: all), each followed by
    renormalisation. Ranking: probabilities in decreasing order, equal ones by increasing
    id (a stable sort of -probs), so on a tie the lower id is kept. The top-p cut keeps
    ranks 0..i for the first rank i whose cumulative sum is >= p (p · (1 - 1e-12), so that
    rounding cannot push an exact p one character further). ValueError for temperature <
    0, top_k < 1, or top_p outside (0, 1], naming the argument and its value.
    """
    raise NotImplementedError('P10 Task 7 · next_char_probs (projects/p10_char_rnn/sampling.py) — see projects/p10_char_rnn/README.md#task-7')


def sample_index(probs: Any, rng: np.random.Generator) -> int:
    """Draw one index i with probability probs[i], using exactly one ``rng.random()``.

    Inverse CDF on the unnormalised cumulative sums C = cumsum(probs), total = C[-1]:
    u = rng.random() * total, and i = np.searchsorted(C, u, side="right"), the first i
    with C[i] > u (so an entry of probability 0 is never drawn), capped at V - 1 against
    rounding. ValueError when probs has a negative entry or sums to 0.
    """
    raise NotImplementedError('P10 Task 7 · sample_index (projects/p10_char_rnn/sampling.py) — see projects/p10_char_rnn/README.md#task-7')


def generate(
    model: CharRNN,
    vocab: Vocabulary,
    prompt: str,
    length: int,
    *,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    rng: np.random.Generator | int | None = 0,
) -> str:
    """``length`` new characters after ``prompt`` (which must not be empty), drawn one at
    a time with ``next_char_probs`` and ``sample_index``: the prompt is read once, then each
    sampled character is fed back with the carried state. Runs under ``no_grad``. ``rng``
    is a Generator (used as is) or anything else ``np.random.default_rng`` takes: an int
    seed, or None for a fresh, unseeded generator (not the course's global one from
    ``shared.init.get_rng``), so only a seed or a Generator reproduces the text. Returns
    the new characters only."""
    raise NotImplementedError('P10 Task 7 · generate (projects/p10_char_rnn/sampling.py) — see projects/p10_char_rnn/README.md#task-7')
