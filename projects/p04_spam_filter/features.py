"""Documents as rows of numbers: bag-of-words counts and TF-IDF weights.

For N documents and a vocabulary of V tokens the matrices are (N, V): row i is document
i, column j is ``vocab.tokens[j]``. They are stored dense; at this size (a few thousand
messages by a few thousand tokens, float32) that is tens of megabytes and lets every
step be one vectorized NumPy expression. Tokens outside the vocabulary are ignored.

TF-IDF variant used here (the one described by Manning, Raghavan & Schütze 2008, §6.2
and §6.4, with scikit-learn's smoothing):

    tf(i, j)  = 1 + ln c(i, j) if c(i, j) > 0 else 0      sublinear term frequency
    idf(j)    = ln((1 + N) / (1 + df(j))) + 1              smoothed, fitted on training
    x(i, j)   = tf(i, j) · idf(j),  then each row scaled to unit L2 norm

c(i, j) is the count of token j in document i, df(j) the number of training documents
that contain it, and N the number of training documents.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .tokenizer import tokenize
from .vocabulary import Vocabulary

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────


def bag_of_words(
    documents: Sequence[Sequence[str]], vocab: Vocabulary, dtype: type = np.float32
) -> np.ndarray:
    """Count matrix of tokenized documents over a vocabulary.

    Inputs:
        documents: N token lists (e.g. ``[tokenize(t) for t in texts]``).
        vocab: the Vocabulary giving the V columns.
        dtype: float dtype of the result (float32 holds counts exactly up to 2**24).
    Returns: counts: (N, V) array, counts[i, j] = occurrences of vocab.tokens[j] in
        documents[i]; tokens not in the vocabulary are skipped.
    Raises: TypeError when a document is a str instead of a token list.
    """
    raise NotImplementedError('P04 Task 5 · bag_of_words (projects/p04_spam_filter/features.py) — see projects/p04_spam_filter/README.md#task-5')


def inverse_document_frequency(counts: np.ndarray) -> np.ndarray:
    """Smoothed idf of every column, from the training count matrix.

    idf(j) = ln((1 + N) / (1 + df(j))) + 1, df(j) = number of rows with counts[:, j] > 0.
    The +1 inside acts as one extra document that contains every token, so a column that
    never occurs still gets a finite weight; the +1 outside keeps a token that occurs in
    every document from being zeroed out entirely.

    Inputs: counts: (N, V) non-negative counts, N ≥ 1.
    Returns: idf: (V,) float64, every entry ≥ 1.
    Raises: ValueError for a matrix that is not 2-D, has no row, or holds negative values.
    """
    raise NotImplementedError('P04 Task 5 · inverse_document_frequency (projects/p04_spam_filter/features.py) — see projects/p04_spam_filter/README.md#task-5')


def tfidf(counts: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """TF-IDF rows of unit length: sublinear tf times idf, each row L2-normalised.

    Inputs:
        counts: (N, V) non-negative counts (from ``bag_of_words``).
        idf: (V,) weights (from ``inverse_document_frequency`` on the TRAINING counts).
    Returns: (N, V) array of counts' float dtype (float64 for integer counts). Each row
        has L2 norm 1, except a document with no vocabulary token, whose row stays all
        zeros (there is nothing to normalise, and dividing would give NaN).
    Raises: ValueError when idf does not have one entry per column.
    """
    raise NotImplementedError('P04 Task 5 · tfidf (projects/p04_spam_filter/features.py) — see projects/p04_spam_filter/README.md#task-5')


class TfidfVectorizer:
    """Texts -> TF-IDF matrix, with the vocabulary and idf learned from training texts.

    ``fit`` sees only the training messages: it tokenizes them, builds the vocabulary and
    the idf weights. ``transform`` then maps any messages (training, validation, test)
    with those fixed columns and weights, so nothing about held-out messages leaks into
    the features.

    Attributes (after fit): vocab (Vocabulary), idf ((V,) float64).
    """

    def __init__(
        self, min_count: int = 2, max_size: int | None = None, dtype: type = np.float32
    ) -> None:
        self.min_count = min_count
        self.max_size = max_size
        self.dtype = dtype
        self.vocab: Vocabulary | None = None
        self.idf: np.ndarray | None = None

    def fit(self, texts: Sequence[str]) -> TfidfVectorizer:
        """Learn the vocabulary and idf from ``texts`` (a sequence of N str); returns self."""
        raise NotImplementedError('P04 Task 5 · TfidfVectorizer.fit (projects/p04_spam_filter/features.py) — see projects/p04_spam_filter/README.md#task-5')

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """TF-IDF matrix (N, V) of ``texts`` with the fitted vocabulary and idf.

        Raises: ValueError when called before ``fit``.
        """
        raise NotImplementedError('P04 Task 5 · TfidfVectorizer.transform (projects/p04_spam_filter/features.py) — see projects/p04_spam_filter/README.md#task-5')

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        """``fit(texts)`` then ``transform(texts)``."""
        return self.fit(texts).transform(texts)
