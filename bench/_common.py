"""What every benchmark script shares: the BLAS thread pin, the choice of tree and PyTorch.

Each script imports this module before NumPy and calls ``pin_blas_threads()`` first,
because the BLAS thread pool is sized when NumPy is imported.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def pin_blas_threads(argv: list[str] | None = None) -> None:
    """Set the BLAS thread variables to the value of ``--threads N`` when ``argv`` (by
    default the command line) holds one; leave them alone otherwise."""
    argv = sys.argv if argv is None else argv
    if "--threads" in argv[:-1]:
        threads = argv[argv.index("--threads") + 1]
        for variable in BLAS_THREAD_VARIABLES:
            os.environ[variable] = threads


def activate(impl: str) -> None:
    """Answer ``import shared`` from the chosen tree, through the course's one switch."""
    sys.path.insert(0, str(ROOT))
    from m2m.impl import activate as activate_tree

    activate_tree(impl, ROOT)


def torch_available(threads: int | None) -> bool:
    """Whether PyTorch is installed (pinned to ``threads`` when given); says so either way."""
    try:
        import torch
    except ImportError:
        print("PyTorch is not installed: the torch columns are skipped (pip install '.[bench]')")
        return False
    if threads:
        torch.set_num_threads(threads)
    print(f"PyTorch {torch.__version__} (CPU, {torch.get_num_threads()} thread(s))")
    return True
