"""Task 5 · experiments: truth tables, gates, Iris setosa vs versicolor."""

from __future__ import annotations

import numpy as np
import pytest

from projects.p01_manual_neuron import (
    FitResult,
    Perceptron,
    learn_gate,
    novikoff_bound,
    setosa_vs_versicolor,
    truth_table,
)


@pytest.mark.task(5)
def test_truth_tables_of_every_gate(gates):
    for name, (X_ref, y_ref) in gates.items():
        for spelling in (name, name.lower(), name.capitalize()):
            X, y = truth_table(spelling)
            assert X.shape == (4, 2) and X.dtype == np.float64, f"{spelling}: X (4, 2) float64"
            assert y.shape == (4,) and y.dtype == np.int64, f"{spelling}: y (4,) int64"
            np.testing.assert_array_equal(X, X_ref, err_msg=f"{spelling}: rows in table order")
            np.testing.assert_array_equal(y, y_ref, err_msg=f"{spelling}: outputs")


@pytest.mark.task(5)
def test_truth_table_rejects_unknown_gates():
    with pytest.raises(ValueError, match=r"(?s)XNOR.*AND.*OR.*NAND.*NOR.*XOR"):
        truth_table("XNOR")


@pytest.mark.task(5)
def test_learn_gate_results():
    for name in ("AND", "OR", "NAND"):
        neuron, result = learn_gate(name)
        assert isinstance(neuron, Perceptron) and isinstance(result, FitResult), (
            f"learn_gate({name!r}) must return (Perceptron, FitResult), "
            f"got ({type(neuron).__name__}, {type(result).__name__})"
        )
        assert result.converged, f"{name} is linearly separable: {result}"
    _, xor = learn_gate("XOR")
    assert (xor.converged, xor.reason) == (False, "cycle"), f"XOR: {xor}"
    _, short = learn_gate("and", max_epochs=2)
    assert short.reason == "max_epochs" and short.epochs == 2, "max_epochs is passed to fit"


@pytest.mark.task(5)
def test_setosa_vs_versicolor_rows():
    X, y = setosa_vs_versicolor()
    assert X.shape == (100, 2) and X.dtype == np.float64, f"X must be (100, 2), got {X.shape}"
    assert y.shape == (100,) and y.dtype == np.int64, (
        f"y must be (100,) int64 labels, got shape {y.shape} and dtype {y.dtype}"
    )
    assert np.sum(y == 0) == 50 and np.sum(y == 1) == 50, "50 setosa (0) and 50 versicolor (1)"
    # First setosa row of the data file: 5.1, 3.5, 1.4, 0.2; first versicolor: 7.0, 3.2, 4.7, 1.4
    np.testing.assert_allclose(
        X[0], [5.1, 1.4], err_msg="default features: sepal length, petal length"
    )
    first_versicolor = X[y == 1][0]
    np.testing.assert_allclose(
        first_versicolor,
        [7.0, 4.7],
        err_msg="first versicolor (label 1) row: sepal length 7.0, petal length 4.7",
    )
    X4, _ = setosa_vs_versicolor(features=(3, 1))
    np.testing.assert_allclose(
        X4[0], [0.2, 3.5], err_msg="features=(3, 1): petal width, sepal width, in that order"
    )


@pytest.mark.task(5)
def test_setosa_vs_versicolor_rejects_bad_features():
    for bad in ((0, 4), (2, 2), (), (-1, 0), (0.0, 2.0)):
        with pytest.raises(ValueError, match=r"(?i)feature"):
            setosa_vs_versicolor(features=bad)


@pytest.mark.task(5)
@pytest.mark.points(2)
def test_perceptron_separates_setosa_from_versicolor():
    X, y = setosa_vs_versicolor()
    neuron = Perceptron(n_features=2)
    result = neuron.fit(X, y, max_epochs=1000)
    assert result.converged, f"setosa and versicolor are linearly separable: {result}"
    accuracy = np.mean(neuron.predict(X) == y)
    assert accuracy == 1.0, f"training accuracy must be 100 %, got {accuracy:.2%}"
    bound = novikoff_bound(X, y, neuron.w, neuron.b)
    assert result.updates <= bound, (
        f"{result.updates} updates exceed the bound {bound:.1f} from the learned weights"
    )
