"""Task 7 · temperature, top-k, top-p and reproducible sampling."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.task(7)
def test_temperature_sharpens_and_flattens():
    from projects.p10_char_rnn import next_char_probs

    z = np.array([1.0, 2.0, 0.0])
    np.testing.assert_allclose(
        next_char_probs(z), np.exp(z) / np.exp(z).sum(), rtol=1e-12, err_msg="T=1 is softmax"
    )
    cold = next_char_probs(z, temperature=0.5)
    np.testing.assert_allclose(
        cold, np.exp(2 * z) / np.exp(2 * z).sum(), rtol=1e-12, err_msg="T=0.5 is softmax(2z)"
    )
    np.testing.assert_allclose(
        next_char_probs(z, temperature=1e4), 1 / 3, atol=1e-3, err_msg="large T: uniform"
    )
    np.testing.assert_array_equal(
        next_char_probs(z, temperature=0.0), [0, 1, 0], err_msg="T=0: argmax"
    )
    np.testing.assert_allclose(
        next_char_probs(z, temperature=1e-3), [0, 1, 0], atol=1e-12, err_msg="T -> 0"
    )


@pytest.mark.task(7)
def test_top_k_never_keeps_more_than_the_k_most_likely(rng):
    from projects.p10_char_rnn import next_char_probs

    for _ in range(20):
        z = rng.normal(size=10)
        k = int(rng.integers(1, 10))
        p = next_char_probs(z, top_k=k)
        kept = set(np.flatnonzero(p))
        assert kept == set(np.argsort(-z)[:k]), f"top_k={k} keeps the {k} largest logits"
        assert abs(p.sum() - 1) < 1e-12, "renormalised"


@pytest.mark.task(7)
def test_top_p_keeps_the_smallest_set_with_mass_at_least_p():
    from projects.p10_char_rnn import next_char_probs

    probs = np.array([0.05, 0.4, 0.3, 0.15, 0.1])
    z = np.log(probs)
    for p, kept in [
        (0.39, {1}),
        (0.5, {1, 2}),
        (0.69, {1, 2}),
        (0.71, {1, 2, 3}),
        (1.0, {0, 1, 2, 3, 4}),
    ]:
        got = next_char_probs(z, top_p=p)
        assert set(np.flatnonzero(got)) == kept, (
            f"top_p={p} keeps {sorted(kept)}, got {np.flatnonzero(got)}"
        )
        np.testing.assert_allclose(
            got[list(kept)], probs[list(kept)] / probs[list(kept)].sum(), rtol=1e-9
        )
    got = next_char_probs(z, top_k=2, top_p=0.5)
    assert set(np.flatnonzero(got)) == {1}, (
        "top_k=2 then top_p=0.5: top-p reads the renormalised top-2 distribution "
        f"(0.571, 0.429), so only id 1 is kept, got {np.flatnonzero(got)}"
    )


@pytest.mark.task(7)
def test_bad_sampling_settings_are_named():
    from projects.p10_char_rnn import next_char_probs

    z = np.zeros(3)
    with pytest.raises(ValueError, match="-1"):
        next_char_probs(z, temperature=-1)
    with pytest.raises(ValueError, match="top_k"):
        next_char_probs(z, top_k=0)
    with pytest.raises(ValueError, match="1.5"):
        next_char_probs(z, top_p=1.5)


@pytest.mark.task(7)
@pytest.mark.points(2)
def test_sample_frequencies_match_the_distribution_chi_square():
    """Pearson's chi-square test of 20,000 draws, seed fixed, at significance 0.001 (df = 4:
    the critical value is 18.47)."""
    from projects.p10_char_rnn import sample_index

    probs = np.array([0.1, 0.2, 0.3, 0.25, 0.15])
    rng = np.random.default_rng(7)
    n = 20000
    counts = np.bincount([sample_index(probs, rng) for _ in range(n)], minlength=5)
    chi2 = float(np.sum((counts - n * probs) ** 2 / (n * probs)))
    assert chi2 < 18.47, f"chi-square {chi2:.2f} >= 18.47: frequencies {counts / n} vs {probs}"
    assert sample_index(np.array([0.0, 0.0, 1.0]), rng) == 2, "all mass on index 2"


@pytest.mark.task(7)
def test_generate_is_reproducible_and_greedy_at_temperature_zero(names_short_run):
    from projects.p10_char_rnn import generate

    run = names_short_run()
    a = generate(run.model, run.vocab, "\n", 30, temperature=0.8, rng=3)
    b = generate(run.model, run.vocab, "\n", 30, temperature=0.8, rng=np.random.default_rng(3))
    assert a == b and len(a) == 30, "the same seed gives the same 30 characters"
    greedy1 = generate(run.model, run.vocab, "\nma", 10, temperature=0, rng=1)
    greedy2 = generate(run.model, run.vocab, "\nma", 10, temperature=0, rng=2)
    assert greedy1 == greedy2, "temperature 0 is deterministic whatever the seed"
    assert set(a) <= set(run.vocab.chars), "only characters of the vocabulary"
