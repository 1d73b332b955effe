"""Characters as integers (Task 1): the vocabulary, the corpora and their fixed splits, and
the layout of a long stream of ids into (batch, time) windows for truncated BPTT.

A character model reads and writes integers: ``Vocabulary`` maps each distinct character
to its index in sorted order and back. A corpus is one long stream of ids; it is cut into
``B`` contiguous streams, one per row of the batch (``batchify``), and read T steps at a
time (``windows``). Row b of window k + 1 continues exactly where row b of window k
stopped, which is what lets the hidden state be carried from one window to the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from shared.datasets import load_names, load_tiny_shakespeare

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

__all__ = [
    "Vocabulary",
    "batchify",
    "names_corpus",
    "shakespeare_corpus",
    "windows",
]

#: The fraction of each corpus kept for validation.
VAL_FRACTION = 0.1


class Vocabulary:
    """The distinct characters of a text, sorted; a character's id is its position.

    ``Vocabulary("hello")`` has the characters ``["e", "h", "l", "o"]``: ``encode("he")``
    is ``[1, 0]``. ``len(vocab)`` is the number of characters V.
    """

    def __init__(self, text: Iterable[str]) -> None:
        self.chars: list[str] = sorted(set("".join(text)))
        if not self.chars:
            raise ValueError("Vocabulary: expected a non-empty text, got no characters")
        self.index = {ch: i for i, ch in enumerate(self.chars)}

    def __len__(self) -> int:
        return len(self.chars)

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} characters: {''.join(self.chars)!r})"

    def encode(self, text: str) -> np.ndarray:
        """``text`` -> (len(text),) int64 ids. ValueError naming the first character that
        is not in the vocabulary (with ``repr``, so a newline or a space is visible)."""
        raise NotImplementedError('P10 Task 1 · Vocabulary.encode (projects/p10_char_rnn/vocab.py) — see projects/p10_char_rnn/README.md#task-1')

    def decode(self, ids: Iterable[int]) -> str:
        """Ids (any iterable of ints in [0, V)) -> the text. ValueError naming an id
        outside [0, V)."""
        raise NotImplementedError('P10 Task 1 · Vocabulary.decode (projects/p10_char_rnn/vocab.py) — see projects/p10_char_rnn/README.md#task-1')


def batchify(ids: np.ndarray, batch_size: int) -> np.ndarray:
    """Cut a stream of ids into ``batch_size`` contiguous rows: (L,) -> (B, L // B).

    Row b is ``ids[b * n : (b + 1) * n]`` with n = L // B; the last L mod B ids are
    dropped. ValueError naming the offending value when batch_size is not a positive int
    or the stream is shorter than batch_size.
    """
    raise NotImplementedError('P10 Task 1 · batchify (projects/p10_char_rnn/vocab.py) — see projects/p10_char_rnn/README.md#task-1')


def windows(data: np.ndarray, seq_len: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The (input, target) windows of batched streams ``data`` (B, L), in order.

    Window k is ``x = data[:, s : s + T]`` and ``y = data[:, s + 1 : s + T + 1]`` with
    s = k T: the target is the input shifted by one character. The last window may be
    shorter (at least one step); every column but the last is an input once. ValueError
    naming ``seq_len`` when it is not a positive int, or naming data's shape when it is
    not 2-D with at least 2 columns. A plain generator: the arguments are checked on the
    first ``next()``, not when ``windows(...)`` is called (raising at the call is fine too;
    the tests consume the windows, ``list(windows(...))``, before expecting the error).
    """
    raise NotImplementedError('P10 Task 1 · windows (projects/p10_char_rnn/vocab.py) — see projects/p10_char_rnn/README.md#task-1')


def names_corpus(seed: int = 0) -> tuple[str, str]:
    """The names list as (train, validation) texts, one name per line. Given.

    The 32,033 names are shuffled with ``np.random.default_rng(seed)`` and the last 10 %
    are held out; each text is the names joined by newlines, with a final newline, so the
    newline ends every name (and starts the next one).
    """
    names = load_names()
    order = np.random.default_rng(seed).permutation(len(names))
    n_val = int(round(VAL_FRACTION * len(names)))
    train = [names[i] for i in order[:-n_val]]
    val = [names[i] for i in order[-n_val:]]
    return "\n".join(train) + "\n", "\n".join(val) + "\n"


def shakespeare_corpus() -> tuple[str, str]:
    """Tiny Shakespeare as (train, validation): the first 90 % of the characters and the
    last 10 % (a contiguous cut, so no line of the validation text was seen). Given."""
    text = load_tiny_shakespeare()
    cut = int(round((1 - VAL_FRACTION) * len(text)))
    return text[:cut], text[cut:]
