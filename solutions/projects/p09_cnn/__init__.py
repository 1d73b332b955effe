"""P09 · Convolutional Networks: conv2d, pooling and BatchNorm as autograd ops and layers,
then a LeNet-style network on MNIST and Fashion-MNIST.

Public names: the model (``build_lenet``), the analysis (``layer_summary``,
``receptive_fields``, ``feature_maps``, ``conv_parameters``) and the experiment
(``run_cnn``, ``CnnRun``, ``to_images``, ``DEFAULTS``). The ops live in
``shared.functional`` (spatial.py), the layers in ``shared.nn``; training reuses the loop
P08 wrote (``shared.training.fit``).
"""

from .analysis import conv_parameters, feature_maps, layer_summary, receptive_fields
from .experiment import DEFAULTS, CnnRun, run_cnn, to_images
from .model import build_lenet

__all__ = [
    "DEFAULTS",
    "CnnRun",
    "build_lenet",
    "conv_parameters",
    "feature_maps",
    "layer_summary",
    "receptive_fields",
    "run_cnn",
    "to_images",
]
