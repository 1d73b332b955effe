"""Task 2 · cross_entropy (shared/functional/losses.py): the value against an independent
reference, the fused gradient, stability at huge logits, dtypes and errors."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
cross_entropy64 = oracles.cross_entropy64


@pytest.mark.task(2)
@pytest.mark.filterwarnings("error")
def test_cross_entropy_value_and_gradient_at_logits_of_1e4():
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, -1e4], [0.0, 0.0, -1e4]])
    y = np.array([2, 1, 0])
    t = Tensor(z, requires_grad=True)
    loss = cross_entropy(t, target=y)
    # Per sample: 1e4, 0, log 2 (two tied logits, the third negligible).
    expected = (1e4 + 0.0 + np.log(2.0)) / 3
    assert loss.item() == pytest.approx(expected, rel=1e-12), (
        f"cross_entropy returned {loss.item()}, expected (1e4 + 0 + ln 2) / 3"
    )
    loss.backward()
    assert np.all(np.isfinite(t.grad)), "the gradient at logits ±1e4 must be finite"
    expected_grad = np.array([[1.0, 0.0, -1.0], [0.0, 0.0, 0.0], [-0.5, 0.5, 0.0]]) / 3
    np.testing.assert_allclose(
        t.grad,
        expected_grad,
        atol=1e-15,
        err_msg="the gradient at logits ±1e4 is (softmax - onehot) / N, exactly",
    )


@pytest.mark.task(2)
def test_cross_entropy_matches_the_negative_log_likelihood(cross_entropy64):
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    rng = np.random.default_rng(5)
    for n, c in ((1, 2), (7, 10), (32, 3)):
        z = rng.normal(0.0, 3.0, size=(n, c))
        y = rng.integers(0, c, size=n)
        got = cross_entropy(Tensor(z), target=y)
        assert got.shape == (), f"the loss must be a scalar (shape ()), got {got.shape}"
        assert got.item() == pytest.approx(cross_entropy64(z, y), rel=1e-12), (
            f"cross_entropy of ({n}, {c}) logits: expected {cross_entropy64(z, y)!r}, got "
            f"{got.item()!r}"
        )
        # Labels given as a Tensor or as a list work too.
        assert cross_entropy(Tensor(z), target=Tensor(y)).item() == pytest.approx(got.item()), (
            f"labels given as a Tensor must give the same loss {got.item()!r}; got "
            f"{cross_entropy(Tensor(z), target=Tensor(y)).item()!r}"
        )


@pytest.mark.task(2)
def test_uniform_logits_cost_log_c():
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    loss = cross_entropy(Tensor(np.zeros((4, 10))), target=np.array([0, 3, 9, 9]))
    assert loss.item() == pytest.approx(np.log(10.0), rel=1e-12), (
        "a model that scores every class equally pays ln C per sample"
    )


@pytest.mark.task(2)
def test_gradient_is_computed_in_the_forward_pass():
    """The fused backward reuses what the forward pass computed: after the forward pass
    the logits' array may change (a parameter update) without changing the gradient."""
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    z = np.array([[2.0, -1.0, 0.5], [0.0, 1.0, 3.0]])
    y = np.array([0, 2])
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    expected = (p - np.eye(3)[y]) / 2
    t = Tensor(z.copy(), requires_grad=True)
    loss = cross_entropy(t, target=y)
    t.data[...] = 100.0  # overwrite the saved input in place
    loss.backward()
    np.testing.assert_allclose(
        t.grad,
        expected,
        rtol=1e-12,
        err_msg="compute (softmax - onehot) / N in the forward pass and save it; backward "
        "only scales it by the upstream gradient",
    )


@pytest.mark.task(2)
def test_upstream_gradient_scales_the_fused_gradient():
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    z = np.random.default_rng(8).normal(size=(3, 4))
    y = np.array([1, 0, 3])
    a = Tensor(z, requires_grad=True)
    cross_entropy(a, target=y).backward()
    b = Tensor(z, requires_grad=True)
    (cross_entropy(b, target=y) * 2.5).backward()
    np.testing.assert_allclose(
        b.grad,
        2.5 * a.grad,
        rtol=1e-12,
        err_msg="backward of 2.5 * loss must give 2.5 times the gradient of loss",
    )


@pytest.mark.task(2)
@pytest.mark.filterwarnings("error")
def test_float32_logits_give_a_float32_loss_and_gradient():
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    z = np.array([[1e4, -1e4], [3.0, 1.0]], dtype=np.float32)
    t = Tensor(z, requires_grad=True)
    loss = cross_entropy(t, target=np.array([1, 0]))
    assert loss.dtype == np.float32, f"float32 logits gave a {loss.dtype} loss"
    assert np.isfinite(loss.item()), (
        f"float32 logits ±1e4 must give a finite loss; got {loss.item()!r}"
    )
    loss.backward()
    assert t.grad.dtype == np.float32, f"the gradient must be float32, got {t.grad.dtype}"


@pytest.mark.task(2)
def test_cross_entropy_errors_name_what_is_wrong():
    from shared.functional import cross_entropy
    from shared.tensor import Tensor

    z = Tensor(np.zeros((3, 4)))
    with pytest.raises(TypeError, match="integer"):
        cross_entropy(z, target=np.array([0.0, 1.0, 2.0]))
    with pytest.raises(ValueError, match=r"\b4\b") as info:
        cross_entropy(z, target=np.array([0, 4, 1]))
    message = str(info.value)
    names_c = any(text in message for text in ("[0, 3]", "C = 4", "4 classes", "C=4"))
    assert names_c, f"name the bad label and the number of classes C = 4: {message!r}"
    with pytest.raises(ValueError, match="out of range|range"):
        cross_entropy(z, target=np.array([0, -1, 1]))
    with pytest.raises(ValueError, match=r"\(3, 4\).*\(2,\)|\(2,\).*\(3, 4\)"):
        cross_entropy(z, target=np.array([0, 1]))
    with pytest.raises(ValueError, match=r"\(N, C\)"):
        cross_entropy(Tensor(np.zeros(4)), target=np.array([0]))
