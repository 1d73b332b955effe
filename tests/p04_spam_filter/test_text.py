"""Task 4 · tokenizer and vocabulary (tokenizer.py, vocabulary.py)."""

from __future__ import annotations

from collections import Counter

import pytest


@pytest.mark.task(4)
def test_tokenize_special_tokens_and_letters():
    from projects.p04_spam_filter import tokenize

    cases = {
        # Web addresses in their three spellings become one token each.
        "Go to https://example.org/win?id=3 NOW": ["go", "to", "<url>", "now"],
        "Visit www.getzed.co.uk today": ["visit", "<url>", "today"],
        "see ringtones.com for more": ["see", "<url>", "for", "more"],
        # 7+ digits are a phone number; shorter numbers stay as they are.
        "call 0800 1234567 or 07781482378": ["call", "0800", "<phone>", "or", "<phone>"],
        "08452810075over18's": ["<phone>", "over", "18", "s"],
        # Currency signs are tokens of their own.
        "$5 or £10 or €2": ["$", "5", "or", "£", "10", "or", "€", "2"],
        # Typographic apostrophes count as ' and accented letters are letters.
        "I\u2019ll call Ü later": ["i'll", "call", "ü", "later"],
        "&lt;#&gt; lol": ["lt", "gt", "lol"],
    }
    for text, expected in cases.items():
        got = tokenize(text)
        assert got == expected, f"tokenize({text!r}) returned {got}, expected {expected}"
    with pytest.raises(TypeError, match="str"):
        tokenize(["two", "messages"])


@pytest.mark.task(4)
def test_vocabulary_on_the_real_messages_is_reproducible():
    from projects.p04_spam_filter import Vocabulary, tokenize
    from shared.datasets import load_sms_spam

    texts, _ = load_sms_spam()
    docs = [tokenize(t) for t in texts[:1500]]
    vocab = Vocabulary.build(docs, min_count=3)
    counts = Counter(token for doc in docs for token in doc)
    expected = sorted((t for t, n in counts.items() if n >= 3), key=lambda t: (-counts[t], t))
    assert vocab.tokens == expected, (
        "the vocabulary must hold every token seen at least min_count times, ordered by "
        "count (descending) and then alphabetically"
    )
    assert vocab.counts == [counts[t] for t in expected], "counts must match the tokens"
    again = Vocabulary.build(list(reversed(docs)), min_count=3)
    assert again.tokens == vocab.tokens, "the order must not depend on the order of the documents"


@pytest.mark.task(4)
def test_vocabulary_rejects_bad_settings():
    from projects.p04_spam_filter import Vocabulary

    with pytest.raises(ValueError, match="min_count"):
        Vocabulary.build([["a"]], min_count=0)
    with pytest.raises(ValueError, match="max_size"):
        Vocabulary.build([["a"]], max_size=0)
    with pytest.raises(TypeError, match=r"(?i)\bstr\b|string|token"):
        Vocabulary.build(["a plain string is not a token list"])
