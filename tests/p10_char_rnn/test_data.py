"""Tasks 1-2 · vocabulary, batching, the bigram baseline and the units of a loss."""

from __future__ import annotations

import math

import numpy as np
import pytest


@pytest.mark.task(1)
def test_vocabulary_sorts_characters_and_decodes_every_id():
    from projects.p10_char_rnn import Vocabulary

    vocab = Vocabulary(["ab\n", "ba c"])
    assert vocab.chars == ["\n", " ", "a", "b", "c"], (
        f"sorted distinct characters, got {vocab.chars}"
    )
    text = "cab \nab"
    assert vocab.decode(vocab.encode(text)) == text, "decode(encode(text)) == text"
    assert vocab.encode(text).dtype == np.int64, "encode returns int64 ids"


@pytest.mark.task(1)
def test_unknown_characters_and_ids_are_named():
    from projects.p10_char_rnn import Vocabulary

    vocab = Vocabulary("abc")
    with pytest.raises(ValueError, match="'Q'"):
        vocab.encode("abQc")
    with pytest.raises(ValueError, match="'\\\\n'"):
        vocab.encode("a\nb")
    with pytest.raises(ValueError, match="9"):
        vocab.decode([0, 9])


@pytest.mark.task(1)
def test_batchify_drops_the_remainder_and_keeps_rows_contiguous():
    from projects.p10_char_rnn import batchify

    data = batchify(np.arange(50), 4)
    assert data.shape == (4, 12), f"50 ids in 4 rows: (4, 12), got {data.shape}"
    np.testing.assert_array_equal(data.ravel(), np.arange(48), err_msg="rows are contiguous cuts")
    with pytest.raises(ValueError, match="0"):
        batchify(np.arange(10), 0)
    with pytest.raises(ValueError, match="20"):
        batchify(np.arange(10), 20)


@pytest.mark.task(1)
@pytest.mark.parametrize("seq_len", [1, 3, 5, 8])
def test_windows_cover_every_target_once_in_order(seq_len):
    from projects.p10_char_rnn import batchify, windows

    data = batchify(np.arange(2 * 9), 2)  # (2, 9)
    xs, ys = zip(*windows(data, seq_len), strict=True)
    assert all(x.shape == y.shape and x.shape[0] == 2 for x, y in zip(xs, ys, strict=True)), (
        "x and y (B, t)"
    )
    assert all(x.shape[1] == seq_len for x in xs[:-1]), (
        f"every window but the last has {seq_len} steps"
    )
    np.testing.assert_array_equal(
        np.concatenate(xs, axis=1), data[:, :-1], err_msg="inputs in order"
    )
    np.testing.assert_array_equal(
        np.concatenate(ys, axis=1), data[:, 1:], err_msg="targets in order"
    )
    with pytest.raises(ValueError, match="seq_len"):
        list(windows(data, 0))


@pytest.mark.task(1)
def test_corpora_splits_are_fixed_and_disjoint():
    from projects.p10_char_rnn import Vocabulary, names_corpus

    train, val = names_corpus(seed=0)
    vocab = Vocabulary(train)
    assert len(vocab) == 27, f"a-z and the newline: 27 characters, got {len(vocab)}"
    assert len(vocab.encode(val)) == len(val), "every validation character is in the vocabulary"
    again, _ = names_corpus(seed=0)
    assert train == again, "the split is fixed by the seed"
    n_train, n_val = train.count("\n"), val.count("\n")
    assert n_train + n_val == 32033 and abs(n_val - 3203) <= 1, "10 % of the 32,033 names held out"


@pytest.mark.task(2)
def test_bigram_counts_against_a_loop_and_the_smoothed_probabilities(rng):
    from projects.p10_char_rnn import BigramModel

    ids = rng.integers(0, 5, size=300)
    model = BigramModel(6, alpha=0.5).fit(ids)
    counts = np.zeros((6, 6), dtype=np.int64)
    for a, b in zip(ids[:-1], ids[1:], strict=True):
        counts[a, b] += 1
    np.testing.assert_array_equal(model.counts, counts, err_msg="N[a, b] by a loop")
    probs = (counts + 0.5) / (counts.sum(axis=1, keepdims=True) + 0.5 * 6)
    np.testing.assert_allclose(
        np.exp(model.log_probs), probs, rtol=1e-12, err_msg="add-alpha smoothing"
    )
    np.testing.assert_allclose(
        np.exp(model.log_probs[5]), 1 / 6, err_msg="an unseen row is uniform"
    )
    test = rng.integers(0, 6, size=50)
    expected = -np.mean([np.log(probs[a, b]) for a, b in zip(test[:-1], test[1:], strict=True)])
    assert math.isclose(model.loss(test), expected, rel_tol=1e-12), "mean NLL of the pairs"


@pytest.mark.task(2)
def test_units_of_a_loss():
    from projects.p10_char_rnn import bits_per_char, perplexity

    assert math.isclose(bits_per_char(math.log(2)), 1.0), "ln 2 nats = 1 bit"
    assert math.isclose(bits_per_char(2.0), 2.0 / math.log(2)), "bits = nats / ln 2"
    assert math.isclose(perplexity(math.log(27)), 27.0), "perplexity of a uniform 27-way guess"
    assert math.isclose(perplexity(1.3), math.exp(1.3)), "perplexity = exp(nats/char)"


@pytest.mark.task(2)
def test_bigram_baseline_on_the_names_is_about_2_45():
    from projects.p10_char_rnn import BigramModel, Vocabulary, names_corpus

    train, val = names_corpus(seed=0)
    vocab = Vocabulary(train + val)
    model = BigramModel(len(vocab)).fit(vocab.encode(train))
    loss = model.loss(vocab.encode(val))
    assert 2.40 < loss < 2.50, (
        f"the add-one bigram on the names scores about 2.45 nats/char, got {loss:.4f}"
    )
