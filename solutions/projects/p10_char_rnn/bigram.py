"""The baseline every number is compared with (Task 2): a smoothed bigram model, and the
units a language model is measured in.

A bigram model predicts the next character from the current one alone, by counting:

    P(b | a) = (N[a, b] + α) / (Σ_b' N[a, b'] + α V)

N[a, b] is how often b follows a in the training text and α > 0 ("add-α" smoothing) gives
every pair a small share, so an unseen pair costs a finite loss. It is the simplest
model that looks one character back (not the best one: the unsmoothed counts fit the
training text best, and the right α for new text is a matter of held-out data); a
recurrent network, which can look further back, is worth its cost only if it beats it.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["BigramModel", "bits_per_char", "perplexity"]


def bits_per_char(nats: float) -> float:
    """A loss in nats per character in bits per character: nats / ln 2."""
    ### BEGIN SOLUTION t2
    return float(nats) / math.log(2.0)
    ### END SOLUTION


def perplexity(nats: float) -> float:
    """exp(nats per character): the number of equally likely characters the model is as
    unsure as (V for a uniform guess, 1 for a certain one)."""
    ### BEGIN SOLUTION t2
    return math.exp(float(nats))
    ### END SOLUTION


class BigramModel:
    """Counts of character pairs with add-α smoothing.

    Inputs: vocab_size V, alpha α > 0 (default 1). After ``fit``: ``counts`` (V, V) int64,
    counts[a, b] = number of positions t with ids[t] = a and ids[t + 1] = b, and
    ``log_probs`` (V, V) float64, row a = log P(· | a).
    """

    def __init__(self, vocab_size: int, alpha: float = 1.0) -> None:
        if isinstance(vocab_size, bool) or not isinstance(vocab_size, int) or vocab_size < 1:
            raise ValueError(f"BigramModel: vocab_size must be a positive int, got {vocab_size!r}")
        if not (isinstance(alpha, int | float) and alpha > 0):
            raise ValueError(f"BigramModel: alpha must be a number > 0, got {alpha!r}")
        self.vocab_size = vocab_size
        self.alpha = float(alpha)
        self.counts = np.zeros((vocab_size, vocab_size), dtype=np.int64)
        self.log_probs = np.full((vocab_size, vocab_size), -math.log(vocab_size))

    def fit(self, ids: np.ndarray) -> BigramModel:
        """Count the pairs of consecutive ids (a 1-D stream) and compute ``log_probs``.
        Returns self. ValueError for ids outside [0, V) or a stream shorter than 2."""
        ### BEGIN SOLUTION t2
        ids = np.asarray(ids, dtype=np.int64)
        V = self.vocab_size
        if ids.ndim != 1 or len(ids) < 2:
            raise ValueError(f"fit: expected a 1-D stream of at least 2 ids, got {ids.shape}")
        if ids.min() < 0 or ids.max() >= V:
            raise ValueError(f"fit: ids must lie in [0, {V}), found {ids.min()}..{ids.max()}")
        pairs = ids[:-1] * V + ids[1:]
        self.counts = np.bincount(pairs, minlength=V * V).reshape(V, V)
        smoothed = self.counts + self.alpha
        self.log_probs = np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
        return self
        ### END SOLUTION

    def loss(self, ids: np.ndarray) -> float:
        """Mean negative log-likelihood, in nats per character, of every id of the stream
        after the first given the one before it: -mean_t log P(ids[t+1] | ids[t])."""
        ### BEGIN SOLUTION t2
        ids = np.asarray(ids, dtype=np.int64)
        if ids.ndim != 1 or len(ids) < 2:
            raise ValueError(f"loss: expected a 1-D stream of at least 2 ids, got {ids.shape}")
        return float(-self.log_probs[ids[:-1], ids[1:]].mean())
        ### END SOLUTION
