"""P10 · Character-Level RNN: a language model that reads and writes one character at a time.

Public names: the data (``Vocabulary``, ``batchify``, ``windows``, ``names_corpus``,
``shakespeare_corpus``), the baseline and units (``BigramModel``, ``bits_per_char``,
``perplexity``), the model and its training (``CharRNN``, ``detach_state``,
``tbptt_steps``, ``train_tbptt``, ``evaluate``, ``TrainLog``), sampling (``next_char_probs``,
``sample_index``, ``generate``) and the experiments (``run_char_model``, ``run_names``,
``run_shakespeare``). Embedding, the recurrent layers and gradient clipping live in
``shared.nn``; the embedding, stacking and fused LSTM ops in ``shared.functional``.
"""

from .bigram import BigramModel, bits_per_char, perplexity
from .experiment import NAMES, SHAKESPEARE, CharRun, run_char_model, run_names, run_shakespeare
from .model import CharRNN, detach_state
from .sampling import generate, next_char_probs, sample_index
from .training import TrainLog, evaluate, tbptt_steps, train_tbptt
from .vocab import Vocabulary, batchify, names_corpus, shakespeare_corpus, windows

__all__ = [
    "NAMES",
    "SHAKESPEARE",
    "BigramModel",
    "CharRNN",
    "CharRun",
    "TrainLog",
    "Vocabulary",
    "batchify",
    "bits_per_char",
    "detach_state",
    "evaluate",
    "generate",
    "names_corpus",
    "next_char_probs",
    "perplexity",
    "run_char_model",
    "run_names",
    "run_shakespeare",
    "sample_index",
    "shakespeare_corpus",
    "tbptt_steps",
    "train_tbptt",
    "windows",
]
