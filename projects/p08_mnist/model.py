"""The classifier: a multilayer perceptron 784-128-64-10 with ReLU hidden layers.

    x (N, 784) -> Linear(784, 128) -> ReLU -> Linear(128, 64) -> ReLU -> Linear(64, 10)
      -> logits (N, 10)

The network ends in raw scores (logits), not probabilities: ``cross_entropy`` applies the
softmax itself, inside one stable, fused operation. 109,386 parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared.init import RNGLike, get_rng
from shared.nn import Linear, ReLU, Sequential

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

N_INPUTS = 28 * 28
N_CLASSES = 10
HIDDEN = (128, 64)


def build_mlp(
    hidden: Sequence[int] = HIDDEN,
    n_inputs: int = N_INPUTS,
    n_classes: int = N_CLASSES,
    rng: RNGLike = 0,
) -> Sequential:
    """``Sequential(Linear(n_inputs, h1), ReLU(), Linear(h1, h2), ReLU(), ...,
    Linear(h_last, n_classes))``: a ReLU after every hidden layer, none after the last.

    Inputs: hidden, the widths of the hidden layers (at least one); n_inputs; n_classes;
    rng, a seed or Generator turned into ONE generator (``get_rng(rng)``) that every Linear
    draws from in turn (He-uniform weights, zero biases), so the layers get different
    weights and the same seed builds the same network.
    Returns: the model; forward maps (N, n_inputs) to logits (N, n_classes).
    Raises ValueError when hidden is empty.
    """
    raise NotImplementedError('P08 Task 5 · build_mlp (projects/p08_mnist/model.py) — see projects/p08_mnist/README.md#task-5')
