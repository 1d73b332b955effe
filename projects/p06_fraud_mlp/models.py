"""The two models compared on every dataset: a multilayer perceptron and its baseline.

The baseline is logistic regression written as a network: one ``Linear(d, 1)`` whose
output is the logit. It is trained by the same loop, with the same loss, on the same
features, so any difference in average precision comes from the hidden layers alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.init import RNGLike, get_rng
from shared.nn import Dropout, Linear, Module, ReLU, Sequential

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["make_logistic", "make_mlp"]


def make_logistic(n_features: int, *, rng: RNGLike = None) -> Sequential:
    """Logistic regression as a network: ``Sequential(Linear(n_features, 1))``, Xavier
    initialised (no ReLU follows). Input (N, n_features) -> logits (N, 1)."""
    return Sequential(Linear(n_features, 1, init="xavier_uniform", rng=get_rng(rng)))


def make_mlp(
    n_features: int,
    hidden: Sequence[int] = (32, 16),
    *,
    dropout: float = 0.0,
    rng: RNGLike = None,
) -> Sequential:
    """An MLP for binary scores: for each width h in ``hidden``, Linear
    (``init="he_uniform"``) then ReLU (then Dropout(p) when ``dropout`` > 0); a final
    Linear(·, 1) with ``init="xavier_uniform"`` (no ReLU follows it) gives the logit.

    ``make_mlp(16, (32, 16))`` is
    ``Sequential(Linear(16, 32), ReLU(), Linear(32, 16), ReLU(), Linear(16, 1))``.

    Inputs: n_features ≥ 1; hidden, the widths (at least one); dropout in [0, 1); rng, the
        Generator (or seed) every layer draws from, in order: ``get_rng(rng)`` once, then
        the same Generator is handed to every Linear and Dropout as they are built (so
        with ``rng=None`` they all use the global generator of ``manual_seed``).
    Returns: a Sequential mapping (N, n_features) to (N, 1) logits.
    Raises: ValueError for an empty ``hidden`` (that would be the baseline).
    """
    raise NotImplementedError('P06 Task 9 · make_mlp (projects/p06_fraud_mlp/models.py) — see projects/p06_fraud_mlp/README.md#task-9')
