"""Novikoff's theorem as a property: on data separable with margin gamma, the perceptron
from zero weights makes at most (R / gamma)^2 updates.

Each example draws a random unit separator u = (u_w, u_b) of the augmented space, samples
points in the cube [-1, 1]^D, drops those closer than gamma to the hyperplane u·(x, 1) = 0
and labels the rest by the side they fall on.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from projects.p01_manual_neuron import Perceptron, novikoff_bound


def _separable(seed: int, n: int, d: int, gamma: float):
    rng = np.random.default_rng(seed)
    u = rng.normal(size=d + 1)
    u /= np.linalg.norm(u)
    kept: list[np.ndarray] = []
    while sum(len(k) for k in kept) < n:
        x = rng.uniform(-1.0, 1.0, size=(4 * n, d))
        z = x @ u[:d] + u[d]
        kept.append(x[np.abs(z) >= gamma])
    X = np.concatenate(kept)[:n]
    y = (X @ u[:d] + u[d] > 0).astype(np.int64)
    return X, y, u


def _radius_and_margin(X: np.ndarray, y: np.ndarray, u: np.ndarray) -> tuple[float, float]:
    Xt = np.hstack([X, np.ones((len(X), 1))])  # augmented samples (x, 1)
    R = float(np.sqrt((Xt**2).sum(axis=1).max()))
    gamma = float(((2 * y - 1) * (Xt @ u)).min())  # u is a unit vector
    return R, gamma


separable_cases = st.tuples(
    st.integers(0, 2**32 - 1),  # seed
    st.integers(1, 40),  # n samples
    st.integers(1, 4),  # d features
    st.sampled_from([0.05, 0.1, 0.2, 0.3]),  # gamma
)


@pytest.mark.task(3)
@pytest.mark.points(2)
@settings(max_examples=60)
@given(separable_cases)
def test_updates_never_exceed_novikoff_bound(case):
    X, y, u = _separable(*case)
    R, gamma = _radius_and_margin(X, y, u)
    assert gamma >= case[3] - 1e-12, (  # the generator's promise
        f"test data generator: the samples' margin {gamma} is below the requested {case[3]}"
    )
    neuron = Perceptron(n_features=X.shape[1])
    result = neuron.fit(X, y, max_epochs=20_000)
    assert result.converged, f"separable data must converge; got {result}"
    # The bound can hold with equality (one sample, one update), hence the rounding slack.
    assert result.updates <= (R / gamma) ** 2 * (1 + 1e-9), (
        f"{result.updates} updates exceed Novikoff's bound (R/gamma)^2 = {(R / gamma) ** 2:.1f}; "
        "start from zero weights and update only on mistakes"
    )
    np.testing.assert_array_equal(
        neuron.predict(X), y, err_msg="a converged perceptron classifies every sample"
    )


@pytest.mark.task(4)
@settings(max_examples=40)
@given(separable_cases)
def test_bound_from_the_learned_weights_holds(case):
    X, y, _ = _separable(*case)
    neuron = Perceptron(n_features=X.shape[1])
    result = neuron.fit(X, y, max_epochs=20_000)
    if result.updates == 0:  # every label 1: the zero weights were already right
        return
    bound = novikoff_bound(X, y, neuron.w, neuron.b)
    assert result.updates <= bound * (1 + 1e-9), (
        f"the learned weights separate the data, so their (R/gamma)^2 = {bound:.1f} must bound "
        f"the {result.updates} updates that produced them"
    )
