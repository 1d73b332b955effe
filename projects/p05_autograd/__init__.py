"""P05 · The Autograd Engine: a scalar ``Value`` engine, then the course's ``Tensor`` core.

Public names of the project package: the scalar engine (``Value``), the two-moons data
(``make_moons``, ``signed_labels``), the two MLPs and their trainers (``ValueMLP``,
``train_value_mlp``, ``TensorMLP``, ``train_tensor_mlp``, ...) and the graph drawing
(``to_dot``). The Tensor core itself lives in ``shared.tensor`` and ``shared.functional``.
"""

from .graph import dot_label, to_dot
from .moons import make_moons, signed_labels
from .nn_tensor import TensorMLP, margin_loss_tensor, predict_tensor, train_tensor_mlp
from .nn_value import (
    ACTIVATIONS,
    Neuron,
    ValueMLP,
    batch_schedule,
    margin_loss,
    predict_value,
    train_value_mlp,
)
from .value import Value

__all__ = [
    "ACTIVATIONS",
    "Neuron",
    "TensorMLP",
    "Value",
    "ValueMLP",
    "batch_schedule",
    "dot_label",
    "make_moons",
    "margin_loss",
    "margin_loss_tensor",
    "predict_tensor",
    "predict_value",
    "signed_labels",
    "to_dot",
    "train_tensor_mlp",
    "train_value_mlp",
]
