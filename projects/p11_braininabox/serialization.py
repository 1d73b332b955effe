"""Task 3 · Saving and loading in a safe format.

PyTorch's ``torch.save`` pickles: loading a checkpoint from someone else can run any code
they put in it. BrainInABox saves only arrays, in NumPy's ``.npz`` format (a zip of
``.npy`` files, each a header and raw numbers), and loads with ``allow_pickle=False``, so
a file can hold numbers and nothing else: loading one never runs code.

    bb.save(model.state_dict(), "mlp.npz")
    model.load_state_dict(bb.load("mlp.npz"))
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from shared.tensor import Tensor, check_device

# ── your helpers ──────────────────────────────────────────────────────────────────────
# Imports and helper functions of your own may go here (or next to their use): the
# grader keeps them. Given code outside the stubs is graded as originally written.
# ── end of your helpers ───────────────────────────────────────────────────────────────

#: The key under which a single saved tensor or array is stored.
SINGLE_KEY = "__tensor__"


def _to_array(value: Any, key: str) -> np.ndarray:
    """Given helper: ``value`` (a Tensor, array or number) as a NumPy array of numbers;
    TypeError naming ``key`` for anything else (strings, objects, nested dicts)."""
    array = np.asarray(value.data if isinstance(value, Tensor) else value)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"save: entry {key!r} is a {type(value).__name__} (dtype {array.dtype}); only "
            "tensors, arrays and numbers can be saved"
        )
    return array


def save(obj: Any, f: str | os.PathLike) -> None:
    """Write ``obj`` to the file ``f`` (the exact path given; ``.npz`` is the convention).

    ``obj`` is a dict mapping string keys to Tensors, arrays or numbers (a state dict), or
    a single Tensor or array (stored under ``SINGLE_KEY``). Arrays are written as they
    are: same dtype, same bits. The file is written to a temporary name beside ``f`` and
    then renamed, so a crash never leaves half a checkpoint at ``f``.
    TypeError for anything else (the message names the offending key and type).
    """
    raise NotImplementedError('P11 Task 3 · save (projects/p11_braininabox/serialization.py) — see projects/p11_braininabox/README.md#task-3')


def load(
    f: str | os.PathLike, map_location: Any = None, weights_only: bool | None = None
) -> dict[str, np.ndarray] | Tensor:
    """Read a file written by ``save``: a dict of NumPy arrays (or the single Tensor).

    Loads with ``allow_pickle=False``. Errors, each naming the file: FileNotFoundError
    when it does not exist; ValueError when an entry would need pickle (an object array;
    the message also says "pickle") or when it is not a readable ``.npz`` (corrupt,
    truncated, another format; NumPy calls any file it does not recognise "pickled
    data", and the message may say so).
    ``map_location`` must be cpu (or None); ``weights_only`` is accepted and ignored
    (only weights can ever be loaded).
    """
    raise NotImplementedError('P11 Task 3 · load (projects/p11_braininabox/serialization.py) — see projects/p11_braininabox/README.md#task-3')
