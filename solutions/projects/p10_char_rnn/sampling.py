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
    ### BEGIN SOLUTION t7
    z = np.asarray(logits, dtype=np.float64).reshape(-1)
    if not temperature >= 0:
        raise ValueError(f"next_char_probs: temperature must be >= 0, got {temperature!r}")
    if top_k is not None and (isinstance(top_k, bool) or top_k < 1):
        raise ValueError(f"next_char_probs: top_k must be an int >= 1, got {top_k!r}")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError(f"next_char_probs: top_p must lie in (0, 1], got {top_p!r}")
    if temperature == 0:
        probs = np.zeros_like(z)
        probs[np.argmax(z)] = 1.0
        return probs
    scaled = z / temperature
    probs = np.exp(scaled - scaled.max())
    probs /= probs.sum()
    order = np.argsort(-probs, kind="stable")  # most likely first, the lower id on ties
    if top_k is not None:
        probs[order[int(top_k) :]] = 0.0
        probs /= probs.sum()
    if top_p is not None:
        # top-p reads the distribution left by top-k; the relative 1e-12 absorbs rounding
        mass = np.cumsum(probs[order])
        probs[order[int(np.searchsorted(mass, top_p * (1 - 1e-12))) + 1 :]] = 0.0
    return probs / probs.sum()
    ### END SOLUTION


def sample_index(probs: Any, rng: np.random.Generator) -> int:
    """Draw one index i with probability probs[i], using exactly one ``rng.random()``.

    Inverse CDF on the unnormalised cumulative sums C = cumsum(probs), total = C[-1]:
    u = rng.random() * total, and i = np.searchsorted(C, u, side="right"), the first i
    with C[i] > u (so an entry of probability 0 is never drawn), capped at V - 1 against
    rounding. ValueError when probs has a negative entry or sums to 0.
    """
    ### BEGIN SOLUTION t7
    p = np.asarray(probs, dtype=np.float64).reshape(-1)
    if np.any(p < 0) or not p.sum() > 0:
        raise ValueError("sample_index: probs must be non-negative with a positive sum")
    cumulative = np.cumsum(p)
    u = rng.random() * cumulative[-1]
    return int(min(np.searchsorted(cumulative, u, side="right"), len(p) - 1))
    ### END SOLUTION


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
    ### BEGIN SOLUTION t7
    if not prompt:
        raise ValueError("generate: the prompt must hold at least one character")
    rng = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    out: list[int] = []
    with no_grad():
        logits, state = model(vocab.encode(prompt)[None, :], None)
        for _ in range(length):
            probs = next_char_probs(logits.data[0, -1], temperature, top_k, top_p)
            out.append(sample_index(probs, rng))
            logits, state = model(np.array([[out[-1]]]), state)
    return vocab.decode(out)
    ### END SOLUTION
