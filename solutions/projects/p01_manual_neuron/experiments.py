"""The data the perceptron is tried on: logic gates and two species of Iris."""

from __future__ import annotations

import operator
from collections.abc import Sequence

import numpy as np

from shared.datasets import load_iris

from .perceptron import FitResult, Perceptron

GATES = ("AND", "OR", "NAND", "NOR", "XOR")
IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")


def truth_table(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """The four input pairs of a two-input logic gate and its output for each.

    Inputs: gate, one of ``GATES`` in any letter case.
    Returns: X (4, 2) float64, the rows (0, 0), (0, 1), (1, 0), (1, 1) in that order;
    y (4,) int64, the gate's output for each row.
    Raises ValueError, listing the valid names, for any other gate.
    """
    ### BEGIN SOLUTION t5
    if not isinstance(gate, str) or gate.upper() not in GATES:
        raise ValueError(
            f"truth_table: unknown gate {gate!r}; expected one of "
            f"{', '.join(GATES)} (any letter case)"
        )
    a = np.array([0, 0, 1, 1], dtype=np.int64)
    c = np.array([0, 1, 0, 1], dtype=np.int64)
    outputs = {
        "AND": a & c,
        "OR": a | c,
        "NAND": 1 - (a & c),
        "NOR": 1 - (a | c),
        "XOR": a ^ c,
    }
    X = np.stack([a, c], axis=1).astype(np.float64)
    return X, outputs[gate.upper()].astype(np.int64)
    ### END SOLUTION


def learn_gate(gate: str, max_epochs: int = 100) -> tuple[Perceptron, FitResult]:
    """Train a fresh 2-input perceptron (lr = 1) on a gate's truth table, in table order.

    Returns: the trained Perceptron and its FitResult.
    """
    ### BEGIN SOLUTION t5
    X, y = truth_table(gate)
    neuron = Perceptron(n_features=2)
    result = neuron.fit(X, y, max_epochs=max_epochs)
    return neuron, result
    ### END SOLUTION


def setosa_vs_versicolor(features: Sequence[int] = (0, 2)) -> tuple[np.ndarray, np.ndarray]:
    """The 100 Iris flowers of the first two species, as a binary problem.

    Inputs: features, distinct column indices into ``IRIS_FEATURES`` (0 sepal length,
    1 sepal width, 2 petal length, 3 petal width); the default is sepal length and
    petal length, in cm.
    Returns: X (100, len(features)) float64; y (100,) int64 with setosa = 0 and
    versicolor = 1, in the order of the data file (the 50 setosa first).
    Raises ValueError (mentioning "features") for an empty list, a repeated index, a
    non-integer index (2.0 included) or one outside 0..3.
    """
    ### BEGIN SOLUTION t5
    try:
        cols = [operator.index(f) for f in features]  # ints only: 2.0 is not an index
    except TypeError:
        cols = []
    if not cols or len(set(cols)) != len(cols) or not all(0 <= c < 4 for c in cols):
        names = ", ".join(f"{i} = {name}" for i, name in enumerate(IRIS_FEATURES))
        raise ValueError(
            f"setosa_vs_versicolor: features must be distinct column indices "
            f"in 0..3 ({names}), got {features!r}"
        )
    X, y, _ = load_iris()
    keep = y < 2  # class 0 is setosa, 1 versicolor, 2 virginica
    return X[keep][:, cols], y[keep].astype(np.int64)
    ### END SOLUTION
