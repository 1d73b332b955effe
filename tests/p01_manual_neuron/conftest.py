"""Fixtures of the P01 suite: truth tables and Iris rows written out by hand.

Nothing here calls course code, so the references stay independent of the learner's
implementation.
"""

from __future__ import annotations

import numpy as np
import pytest

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
GATE_OUTPUTS = {
    "AND": [0, 0, 0, 1],
    "OR": [0, 1, 1, 1],
    "NAND": [1, 1, 1, 0],
    "NOR": [1, 0, 0, 0],
    "XOR": [0, 1, 1, 0],
}


@pytest.fixture
def gates() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Gate name -> (X (4, 2) float64, y (4,) int64), rows (0,0), (0,1), (1,0), (1,1)."""
    return {
        name: (CORNERS.copy(), np.array(out, dtype=np.int64)) for name, out in GATE_OUTPUTS.items()
    }
