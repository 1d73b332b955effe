"""P08 · MNIST Classifier: softmax, cross-entropy and a DataLoader, then an MLP on MNIST.

Public names: the input features (``flatten_pixels``), the model (``build_mlp``), the
training loop (``train_epoch``, ``predict_logits``, ``evaluate``, ``fit``, ``cosine_lr``,
``EpochStats``, written in ``shared/training.py`` and re-exported here), the analysis
(``confident_mistakes``, ``most_confused``, ``weight_images``) and the experiment
(``run_mnist``, ``MnistRun``). Softmax and cross-entropy live in ``shared.functional``,
the Dataset and DataLoader in ``shared.data``, accuracy and the multi-class confusion
matrix in ``shared.metrics``.
"""

from shared.training import EpochStats, cosine_lr, evaluate, fit, predict_logits, train_epoch

from .analysis import confident_mistakes, most_confused, weight_images
from .experiment import DEFAULTS, MnistRun, run_mnist
from .features import flatten_pixels
from .model import build_mlp

__all__ = [
    "DEFAULTS",
    "EpochStats",
    "MnistRun",
    "build_mlp",
    "confident_mistakes",
    "cosine_lr",
    "evaluate",
    "fit",
    "flatten_pixels",
    "most_confused",
    "predict_logits",
    "run_mnist",
    "train_epoch",
    "weight_images",
]
