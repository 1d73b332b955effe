"""Task 5 · bag-of-words, idf, TF-IDF and the vectorizer (features.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest


@pytest.mark.task(5)
def test_idf_by_hand():
    from projects.p04_spam_filter import inverse_document_frequency

    counts = np.array([[1, 0, 2], [0, 0, 1], [3, 0, 0]])
    # N = 3 documents; document frequencies 2, 0, 2.
    expected = [math.log(4 / 3) + 1, math.log(4 / 1) + 1, math.log(4 / 3) + 1]
    got = inverse_document_frequency(counts)
    np.testing.assert_allclose(
        got, expected, rtol=1e-12, err_msg="idf(j) = ln((1 + N) / (1 + df(j))) + 1"
    )


@pytest.mark.task(5)
@pytest.mark.filterwarnings("error")
def test_tfidf_row_by_hand_and_empty_rows():
    from projects.p04_spam_filter import tfidf

    counts = np.array([[1.0, 0.0, 2.0], [0.0, 0.0, 0.0]])
    idf = np.array([1.5, 2.0, 1.25])
    # Row 0: tf = (1, 0, 1 + ln 2), times idf, then divided by its length.
    row = np.array([1.0 * 1.5, 0.0, (1.0 + math.log(2.0)) * 1.25])
    expected = np.vstack([row / np.sqrt(np.sum(row**2)), np.zeros(3)])
    got = tfidf(counts, idf)
    assert got.shape == (2, 3), f"tfidf keeps the counts' shape (2, 3), got {got.shape}"
    np.testing.assert_allclose(
        got,
        expected,
        rtol=1e-12,
        atol=1e-15,
        err_msg="tfidf = (1 + ln count) · idf, rows scaled to length 1; "
        "an all-zero row stays zero (no NaN)",
    )


@pytest.mark.task(5)
def test_bag_of_words_matches_a_direct_count():
    from projects.p04_spam_filter import Vocabulary, bag_of_words

    rng = np.random.default_rng(6)
    words = [f"w{i}" for i in range(8)]
    vocab = Vocabulary(words[:6])  # w6 and w7 are out of vocabulary
    docs = [list(rng.choice(words, size=rng.integers(0, 12))) for _ in range(20)]
    got = bag_of_words(docs, vocab)
    expected = np.array([[doc.count(t) for t in words[:6]] for doc in docs])
    assert np.array_equal(got, expected), "counts[i, j] must count vocab.tokens[j] in doc i"


@pytest.mark.task(5)
def test_vectorizer_is_fitted_on_its_texts_only_and_reproducible():
    from projects.p04_spam_filter import TfidfVectorizer
    from shared.datasets import load_sms_spam

    texts, _ = load_sms_spam()
    train, other = texts[:1200], texts[1200:1500]
    first = TfidfVectorizer(min_count=2).fit(train)
    second = TfidfVectorizer(min_count=2).fit(train)
    assert first.vocab.tokens == second.vocab.tokens, "two fits must give the same vocabulary"
    X1, X2 = first.transform(other), second.transform(other)
    assert X1.shape == (300, len(first.vocab)), (
        f"300 texts and {len(first.vocab)} tokens give features of shape "
        f"(300, {len(first.vocab)}), got {X1.shape}"
    )
    assert np.array_equal(X1, X2), "two fits must give identical features"
    assert np.all(np.isfinite(X1)), (
        f"features must be finite, got {np.sum(~np.isfinite(X1))} NaN or inf entries "
        "(an empty text must give a zero row, not 0 / 0)"
    )
    norms = np.linalg.norm(X1.astype(np.float64), axis=1)
    assert np.all((np.abs(norms - 1.0) < 1e-5) | (norms == 0.0)), (
        "TF-IDF rows must have length 1 (or 0 for a message with no known token)"
    )
    unseen = first.transform(["zqxjv wbfkp"])
    assert np.all(unseen == 0.0), "words never seen in training must be ignored"


@pytest.mark.task(5)
def test_vectorizer_transform_before_fit_is_an_error():
    from projects.p04_spam_filter import TfidfVectorizer

    with pytest.raises(ValueError, match="fit"):
        TfidfVectorizer().transform(["hello"])
