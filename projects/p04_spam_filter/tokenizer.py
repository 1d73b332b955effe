"""From a raw SMS to a list of tokens.

The rules, applied to the lower-cased text from left to right (the first rule that
matches at a position wins; anything no rule matches, such as punctuation and spaces, is
skipped):

1. a web address (``http://…``, ``https://…``, ``www.…``, or a bare domain ending in
   ``.com``, ``.net``, ``.org``, ``.biz`` or ``.co.uk``)  -> the token ``<url>``;
2. a run of 7 or more digits (a phone number)            -> the token ``<phone>``;
3. a currency sign ``£``, ``$`` or ``€``                   -> kept as its own token;
4. a word: letters, with inner apostrophes (``don't``)   -> kept as written;
5. a shorter number (a price, a 5-digit short code, a time) -> kept as written.

Why the special tokens: every spam message advertises its own number or site, so each
individual number is rare (it would fall under the vocabulary's minimum count and be
lost), while "this message contains a phone number" is one of the strongest spam signals
in the collection. Pooling them into ``<phone>`` and ``<url>`` keeps that signal. The
currency sign is kept for the same reason: "£" appears in hundreds of prize messages.

Letters include accented ones (``ü``, often used for "you" in this corpus); typographic
apostrophes (’ and the stray Windows-1252 byte 0x92) count as ``'``.
"""

from __future__ import annotations

import re

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

URL_TOKEN = "<url>"
PHONE_TOKEN = "<phone>"

# One pattern with a named group per rule, in priority order. [^\W\d_] is "a letter":
# a word character that is neither a digit nor the underscore, in any alphabet.
TOKEN_PATTERN = re.compile(
    r"""
    (?P<url>(?:https?://|www\.)\S+ | \b[\w.-]+\.(?:com|net|org|biz|co\.uk)\b\S*)
  | (?P<phone>\d{7,})
  | (?P<currency>[£$€])
  | (?P<word>[^\W\d_]+(?:'[^\W\d_]+)*)
  | (?P<number>\d+)
    """,
    re.VERBOSE,
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u0092": "'"})


def tokenize(text: str) -> list[str]:
    """Split one message into lower-case tokens by the rules in this module's docstring.

    Inputs: text: one message (str).
    Returns: the tokens in reading order (list of str; empty for a message with no
        letters, digits or currency signs).
    Raises: TypeError when text is not a str (for example a list of messages).

    >>> tokenize("WINNER!! Call 09061701461 to claim your £900 prize, don't wait")
    ['winner', 'call', '<phone>', 'to', 'claim', 'your', '£', '900', 'prize', "don't", 'wait']
    """
    raise NotImplementedError('P04 Task 4 · tokenize (projects/p04_spam_filter/tokenizer.py) — see projects/p04_spam_filter/README.md#task-4')
