"""P04 · The Spam Filter: text features and logistic regression on real SMS messages.

Public names: the text pipeline (``tokenize``, ``Vocabulary``, ``bag_of_words``,
``inverse_document_frequency``, ``tfidf``, ``TfidfVectorizer``), the model
(``LogisticRegression``), the decisions (``choose_threshold``, ``top_words``,
``binary_report``) and the experiment (``run_spam_filter``, ``SpamFilterRun``). The loss,
the metrics and the stratified split live in ``shared.losses``, ``shared.metrics`` and
``shared.data``.
"""

from .evaluation import binary_report, choose_threshold, top_words
from .experiment import DEFAULTS, SpamFilterRun, run_spam_filter
from .features import TfidfVectorizer, bag_of_words, inverse_document_frequency, tfidf
from .logistic import LogisticRegression
from .tokenizer import PHONE_TOKEN, URL_TOKEN, tokenize
from .vocabulary import Vocabulary

__all__ = [
    "DEFAULTS",
    "PHONE_TOKEN",
    "URL_TOKEN",
    "LogisticRegression",
    "SpamFilterRun",
    "TfidfVectorizer",
    "Vocabulary",
    "bag_of_words",
    "binary_report",
    "choose_threshold",
    "inverse_document_frequency",
    "run_spam_filter",
    "tfidf",
    "tokenize",
    "top_words",
]
