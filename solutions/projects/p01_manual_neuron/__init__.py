"""P01 · The Manual Neuron: a perceptron from scratch, what it can learn and what it cannot.

Public names: the neuron (``Perceptron``, ``FitResult``), the input checks
(``as_samples``, ``as_labels``), the geometry of separability (``radius``, ``margin``,
``novikoff_bound``, ``decision_boundary``) and the experiments (``truth_table``,
``learn_gate``, ``setosa_vs_versicolor``). The activations live in ``shared.activations``.
"""

from .experiments import GATES, IRIS_FEATURES, learn_gate, setosa_vs_versicolor, truth_table
from .geometry import decision_boundary, margin, novikoff_bound, radius
from .perceptron import FitResult, Perceptron
from .validation import as_labels, as_samples

__all__ = [
    "GATES",
    "IRIS_FEATURES",
    "FitResult",
    "Perceptron",
    "as_labels",
    "as_samples",
    "decision_boundary",
    "learn_gate",
    "margin",
    "novikoff_bound",
    "radius",
    "setosa_vs_versicolor",
    "truth_table",
]
