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
    ### BEGIN SOLUTION t3
    if isinstance(obj, Tensor | np.ndarray):
        arrays = {SINGLE_KEY: _to_array(obj, SINGLE_KEY)}
    elif isinstance(obj, dict):
        bad = [key for key in obj if not isinstance(key, str)]
        if bad:
            raise TypeError(f"save: keys must be strings, got {bad[0]!r}")
        arrays = {key: _to_array(value, key) for key, value in obj.items()}
    else:
        raise TypeError(f"save: expected a dict of tensors or a tensor, got {type(obj).__name__}")
    path = Path(f)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as handle:
        np.savez(handle, **arrays)
    os.replace(partial, path)
    ### END SOLUTION


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
    ### BEGIN SOLUTION t3
    check_device(map_location, "load")
    path = Path(f)
    if not path.is_file():
        raise FileNotFoundError(f"load: no checkpoint file at {path}")
    try:
        with np.load(path, allow_pickle=False) as archive:
            if not isinstance(archive, np.lib.npyio.NpzFile):
                raise ValueError("a single .npy array, not an .npz archive")
            out = {key: archive[key] for key in archive.files}
    except ValueError as exc:
        if "pickle" in str(exc).lower():
            raise ValueError(
                f"load: {path} holds pickled objects; refused (allow_pickle=False)"
            ) from None
        raise ValueError(f"load: {path} is not a readable .npz checkpoint ({exc})") from None
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(f"load: {path} is corrupt or truncated ({exc})") from None
    if set(out) == {SINGLE_KEY}:
        return Tensor(out[SINGLE_KEY])
    return out
    ### END SOLUTION
