"""Task 5 · the weighted binary cross-entropy op (shared/functional/losses.py).

References are float64 NumPy written another way (σ spelled out, or duplicated rows);
gradients are compared with ``shared.gradcheck`` in float64 (max relative error 1e-6)."""

from __future__ import annotations

import numpy as np
import pytest

from m2m.testing import hidden_support

# The oracles of these tests: hidden_oracles.py, beside this file, ships with the hidden
# tests only (never with the public ones).
oracles = hidden_support(__file__, "oracles")
weighted_bce = oracles.weighted_bce

TOL = 1e-6


def _bce(z, y, pos_weight=None, requires_grad=True):
    from shared.functional import binary_cross_entropy_with_logits
    from shared.tensor import Tensor

    zt = Tensor(np.array(z, dtype=np.float64), requires_grad=requires_grad)
    return zt, binary_cross_entropy_with_logits(zt, target=np.asarray(y), pos_weight=pos_weight)


@pytest.mark.task(5)
@pytest.mark.parametrize("pos_weight", [None, 1.0, 0.5, 7.0])
def test_values_match_the_spelled_out_formula(weighted_bce, pos_weight):
    rng = np.random.default_rng(0)
    z = rng.normal(0.0, 3.0, size=40)
    y = (rng.random(40) < 0.3).astype(np.float64)
    _, loss = _bce(z, y, pos_weight)
    expected = weighted_bce(z, y, 1.0 if pos_weight is None else pos_weight)
    assert loss.shape == (), f"the loss is a scalar, got shape {loss.shape}"
    assert float(loss.data) == pytest.approx(expected, rel=1e-12), (
        f"pos_weight={pos_weight}: loss {float(loss.data)}, expected {expected}"
    )


@pytest.mark.task(5)
@pytest.mark.parametrize("pos_weight", [None, 2.5])
def test_gradient_passes_gradcheck(pos_weight, weighted_bce):
    from m2m.opchecks.numgrad import assert_gradient

    rng = np.random.default_rng(1)
    z = rng.normal(0.0, 2.0, size=(6, 3))  # any shape: the mean runs over every element
    y = rng.random((6, 3))  # soft targets in [0, 1] are allowed
    zt, loss = _bce(z, y, pos_weight)
    loss.backward()
    w = 1.0 if pos_weight is None else pos_weight
    error = assert_gradient(lambda zz: weighted_bce(zz, y, w), z.copy(), zt.grad, tol=TOL)
    assert error <= TOL, (
        f"gradient check of the loss: max relative error {error:.2e}, allowed {TOL:.0e}"
    )


@pytest.mark.task(5)
def test_upstream_gradient_scales_the_result():
    from shared.functional import binary_cross_entropy_with_logits
    from shared.tensor import Tensor

    z = Tensor(np.array([0.5, -1.0, 2.0]), requires_grad=True)
    loss = binary_cross_entropy_with_logits(z, target=np.array([1.0, 0.0, 1.0]))
    (loss * 3.0).backward()
    s = 1 / (1 + np.exp(-z.data))
    np.testing.assert_allclose(
        z.grad,
        3.0 * (s - [1.0, 0.0, 1.0]) / 3,
        rtol=1e-12,
        err_msg="backward of 3 * loss: dL/dz = 3 (sigmoid(z) - y) / N",
    )


@pytest.mark.task(5)
def test_pos_weight_one_is_the_unweighted_loss():
    rng = np.random.default_rng(2)
    z = rng.normal(size=25)
    y = (rng.random(25) < 0.5).astype(np.float64)
    z1, plain = _bce(z, y, None)
    z2, weighted = _bce(z, y, 1.0)
    plain.backward()
    weighted.backward()
    assert float(plain.data) == pytest.approx(float(weighted.data), rel=1e-14), (
        f"pos_weight=1.0 must give the unweighted loss {float(plain.data)!r}; got "
        f"{float(weighted.data)!r}"
    )
    np.testing.assert_allclose(
        z1.grad,
        z2.grad,
        rtol=1e-14,
        err_msg="pos_weight=1.0 must give the unweighted loss's gradient",
    )


@pytest.mark.task(5)
@pytest.mark.points(2)
def test_pos_weight_k_equals_repeating_every_positive_k_times():
    rng = np.random.default_rng(3)
    z = rng.normal(size=30)
    y = (rng.random(30) < 0.3).astype(np.float64)
    k = 4
    rows = np.repeat(np.arange(30), np.where(y == 1, k, 1))
    zw, weighted = _bce(z, y, float(k))
    zd, duplicated = _bce(z[rows], y[rows], None)
    # Both are means: over N rows and over N' = N + (k - 1) n_pos rows. The sums agree.
    n, n_dup = len(z), len(rows)
    assert float(weighted.data) * n == pytest.approx(float(duplicated.data) * n_dup, rel=1e-12), (
        "N · loss(pos_weight=k) must equal N' · loss(each positive repeated k times)"
    )
    weighted.backward()
    duplicated.backward()
    summed = np.bincount(rows, weights=zd.grad, minlength=n)  # gradient of each original row
    np.testing.assert_allclose(
        zw.grad * n,
        summed * n_dup,
        rtol=1e-10,
        err_msg=(
            "N · dL/dz(pos_weight=k) must equal N' times the summed gradient of each row's k "
            "copies in the repeated data"
        ),
    )


@pytest.mark.task(5)
@pytest.mark.filterwarnings("error")
def test_finite_and_exact_at_huge_logits():
    z, loss = _bce([1e4, -1e4, 1e4, -1e4], [0.0, 1.0, 1.0, 0.0], 2.0)
    # Wrong and confident: 1e4 and 2 · 1e4; right and confident: 0 and 0.
    assert float(loss.data) == 7500.0, (
        f"loss at logits ±1e4 is {float(loss.data)}; expected (1e4 + 2e4 + 0 + 0) / 4 = 7500 "
        "exactly (compute log σ(z) as -softplus(-z), never log(0))"
    )
    loss.backward()
    np.testing.assert_array_equal(
        z.grad,
        [0.25, -0.5, 0.0, 0.0],
        err_msg="dL/dz at logits ±1e4: (pw y (σ - 1) + (1 - y) σ) / N = [0.25, -0.5, 0, 0]",
    )


@pytest.mark.task(5)
def test_float32_stays_float32_and_no_grad_records_nothing():
    from shared.functional import binary_cross_entropy_with_logits
    from shared.tensor import Tensor, no_grad

    z = Tensor(np.array([0.3, -0.2], dtype=np.float32), requires_grad=True)
    y = np.array([1.0, 0.0])
    loss = binary_cross_entropy_with_logits(z, target=y)
    assert loss.dtype == np.float32, f"float32 logits give a float32 loss, got {loss.dtype}"
    loss.backward()
    assert z.grad.dtype == np.float32, (
        f"float32 logits must get a float32 gradient; got {z.grad.dtype}"
    )
    with no_grad():
        again = binary_cross_entropy_with_logits(z, target=Tensor(y))
    assert not again.requires_grad, (
        "under no_grad the loss must record no graph: requires_grad must be False, got True"
    )
    assert np.array_equal(y, [1.0, 0.0]), "the target must be left unchanged"


@pytest.mark.task(5)
def test_bad_inputs_are_refused():
    from shared.functional import binary_cross_entropy_with_logits
    from shared.tensor import Tensor

    z = Tensor(np.zeros(3), requires_grad=True)
    with pytest.raises(ValueError, match=r"\(3,\)"):
        binary_cross_entropy_with_logits(z, target=np.zeros((3, 1)))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        binary_cross_entropy_with_logits(z, target=np.array([0.0, 2.0, 1.0]))
    with pytest.raises(ValueError, match=r"(?i)target"):
        binary_cross_entropy_with_logits(z, target=np.array([0.0, np.nan, 1.0]))
    with pytest.raises(ValueError, match=r"(?i)logit"):
        binary_cross_entropy_with_logits(Tensor(np.array([np.nan, 0, 0])), target=np.zeros(3))
    with pytest.raises(ValueError, match="pos_weight"):
        binary_cross_entropy_with_logits(z, target=np.zeros(3), pos_weight=0.0)
    with pytest.raises(ValueError, match=r"(?i)empty|at least one|\(0,\)"):
        binary_cross_entropy_with_logits(Tensor(np.zeros(0)), target=np.zeros(0))


@pytest.mark.task(5)
def test_registry_entry_and_its_cases():
    """The op is registered under its alias's name, and each of the grader's cases for it
    passes the forward and gradient checks with sampled targets."""
    import shared.functional as F
    from m2m.opchecks.numgrad import assert_gradient
    from m2m.opchecks.specs import DOMAINS, SPECS
    from shared.tensor import Tensor

    assert "binary_cross_entropy_with_logits" in F.REGISTRY, (
        "register the op: @register('binary_cross_entropy_with_logits')"
    )
    assert "binary_cross_entropy_with_logits" in F.__all__, (
        f"binary_cross_entropy_with_logits must be listed in shared.functional.__all__; "
        f"__all__ = {F.__all__}"
    )
    spec = SPECS["binary_cross_entropy_with_logits"]
    rng = np.random.default_rng(4)
    for case in spec.cases:
        params = {**case.params, **spec.sample_params(rng, case.shapes)}
        assert params["target"].shape == case.shapes[0], (
            f"the grader's sampled target must have the logits' shape {case.shapes[0]}; got "
            f"{params['target'].shape}"
        )
        assert set(np.unique(params["target"])) <= {0.0, 1.0}, (
            f"the grader's sampled targets must be 0/1; got values "
            f"{sorted(set(np.unique(params['target'])))}"
        )
        z = DOMAINS[spec.domains[0]](rng, case.shapes[0])
        zt = Tensor(z.copy(), requires_grad=True)
        out = F.binary_cross_entropy_with_logits(zt, **params)
        expected = spec.reference(z, **params)
        np.testing.assert_allclose(
            out.data,
            expected,
            rtol=1e-12,
            err_msg=f"forward of the grader's case with logits of shape {case.shapes[0]}",
        )
        out.backward()
        assert_gradient(lambda zz, p=params: float(spec.reference(zz, **p)), z, zt.grad, tol=TOL)
