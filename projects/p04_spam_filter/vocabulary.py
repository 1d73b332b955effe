"""The vocabulary: which tokens become feature columns, and in which order.

Built from the training documents only. A token seen fewer than ``min_count`` times is
dropped (too rare to learn a reliable weight for, and most such tokens are typos or
one-off numbers); ``max_size`` keeps only the most frequent ones. The order is fixed and
reproducible: by count, most frequent first, ties broken alphabetically. Column j of
every feature matrix is ``vocab.tokens[j]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


class Vocabulary:
    """An ordered list of distinct tokens and the inverse map token -> column index.

    Attributes:
        tokens: list of V distinct str, column order.
        counts: list of V int, how often each token occurred in the documents it was
            built from (empty when the vocabulary was made from a plain token list).
        index: dict str -> int, ``index[tokens[j]] == j``.
    """

    def __init__(self, tokens: Sequence[str], counts: Sequence[int] | None = None) -> None:
        self.tokens = list(tokens)
        self.counts = [] if counts is None else [int(c) for c in counts]
        if len(set(self.tokens)) != len(self.tokens):
            raise ValueError("Vocabulary: tokens must be distinct, got duplicates")
        if counts is not None and len(self.counts) != len(self.tokens):
            raise ValueError(
                f"Vocabulary: got {len(self.tokens)} tokens but {len(self.counts)} counts"
            )
        self.index = {token: j for j, token in enumerate(self.tokens)}

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, token: object) -> bool:
        return token in self.index

    def __repr__(self) -> str:
        head = ", ".join(repr(t) for t in self.tokens[:5])
        more = ", ..." if len(self.tokens) > 5 else ""
        return f"Vocabulary({len(self)} tokens: [{head}{more}])"

    @classmethod
    def build(
        cls,
        documents: Iterable[Sequence[str]],
        min_count: int = 2,
        max_size: int | None = None,
    ) -> Vocabulary:
        """Count every token in ``documents`` and keep the frequent ones.

        Inputs:
            documents: token lists, one per document (e.g. ``[tokenize(t) for t in texts]``).
            min_count: keep a token only if it occurs at least this many times in total
                (an int ≥ 1).
            max_size: then keep at most this many tokens (an int ≥ 1), or all when None.
        Returns: a Vocabulary ordered by count (descending), ties alphabetically, with
            ``counts`` holding those counts.
        Raises: ValueError for a min_count or max_size below 1; TypeError when a document
            is a str instead of a token list (a common slip: it would count characters).
        """
        raise NotImplementedError('P04 Task 4 · Vocabulary.build (projects/p04_spam_filter/vocabulary.py) — see projects/p04_spam_filter/README.md#task-4')
