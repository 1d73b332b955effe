"""The training loop of Task 5 lives in ``shared/training.py``, beside the rest of the
shared core, since P09 trains its network with it too. This module re-exports its names,
so ``from projects.p08_mnist.training import fit`` keeps working.
"""

from shared.training import EpochStats, cosine_lr, evaluate, fit, predict_logits, train_epoch

__all__ = ["EpochStats", "cosine_lr", "evaluate", "fit", "predict_logits", "train_epoch"]
