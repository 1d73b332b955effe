"""The data the perceptron is tried on: logic gates and two species of Iris."""

from __future__ import annotations

import operator
from collections.abc import Sequence

import numpy as np

from shared.datasets import load_iris

from .perceptron import FitResult, Perceptron

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

GATES = ("AND", "OR", "NAND", "NOR", "XOR")
IRIS_FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")


def truth_table(gate: str) -> tuple[np.ndarray, np.ndarray]:
    """The four input pairs of a two-input logic gate and its output for each.

    Inputs: gate, one of ``GATES`` in any letter case.
    Returns: X (4, 2) float64, the rows (0, 0), (0, 1), (1, 0), (1, 1) in that order;
    y (4,) int64, the gate's output for each row.
    Raises ValueError, listing the valid names, for any other gate.
    """
    raise NotImplementedError('P01 Task 5 · truth_table (projects/p01_manual_neuron/experiments.py) — see projects/p01_manual_neuron/README.md#task-5')


def learn_gate(gate: str, max_epochs: int = 100) -> tuple[Perceptron, FitResult]:
    """Train a fresh 2-input perceptron (lr = 1) on a gate's truth table, in table order.

    Returns: the trained Perceptron and its FitResult.
    """
    raise NotImplementedError('P01 Task 5 · learn_gate (projects/p01_manual_neuron/experiments.py) — see projects/p01_manual_neuron/README.md#task-5')


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
    raise NotImplementedError('P01 Task 5 · setosa_vs_versicolor (projects/p01_manual_neuron/experiments.py) — see projects/p01_manual_neuron/README.md#task-5')
