"""The character model (Task 6): embedding -> recurrent layer -> linear read-out.

    ids (N, T) --Embedding--> (N, T, E) --LSTM/GRU/RNN--> (N, T, H) --Linear--> logits (N, T, V)

The recurrent layer's final state comes back with the logits, so the next window can
start from it (truncated backpropagation through time, ``training.py``).
"""

from __future__ import annotations

from typing import Any

from shared import nn
from shared.tensor import Tensor

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = ["CharRNN", "detach_state"]

_CELLS = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}

#: A recurrent state: h (L, N, H), or (h, c) for an LSTM.
State = Any


def detach_state(state: State) -> State:
    """The same state cut from the graph: a Tensor -> ``tensor.detach()``, a tuple (h, c)
    -> a tuple of detached tensors, None -> None. The next window's backward pass then
    stops here instead of running into the previous window."""
    raise NotImplementedError('P10 Task 6 · detach_state (projects/p10_char_rnn/model.py) — see projects/p10_char_rnn/README.md#task-6')


class CharRNN(nn.Module):
    """Embedding (V, E), a recurrent layer (``cell`` "lstm", "gru" or "rnn"; hidden size H,
    ``num_layers`` L, batch_first) and a Linear (H -> V) read-out.

    Sub-modules: ``embed``, ``rnn``, ``head``. ``rng`` seeds every initial weight.
    forward(ids (N, T) ints in [0, V), state or None) -> (logits (N, T, V), final state).
    """

    def __init__(
        self,
        vocab_size: int,
        embed_dim: int = 32,
        hidden_size: int = 128,
        num_layers: int = 1,
        cell: str = "lstm",
        *,
        rng: Any = 0,
    ) -> None:
        super().__init__()
        if cell not in _CELLS:
            raise ValueError(f"CharRNN: cell must be one of {sorted(_CELLS)}, got {cell!r}")
        from shared.init import get_rng

        generator = get_rng(rng)
        self.vocab_size, self.cell = vocab_size, cell
        self.embed = nn.Embedding(vocab_size, embed_dim, rng=generator)
        self.rnn = _CELLS[cell](embed_dim, hidden_size, num_layers, batch_first=True, rng=generator)
        self.head = nn.Linear(hidden_size, vocab_size, init="xavier_uniform", rng=generator)

    def forward(self, ids: Any, state: State = None) -> tuple[Tensor, State]:
        raise NotImplementedError('P10 Task 6 · CharRNN.forward (projects/p10_char_rnn/model.py) — see projects/p10_char_rnn/README.md#task-6')
