"""Tasks 3-4 · the generic op test on P10's ops: stack, concat, embedding, lstm_cell.

The same checks every registered op of the course passes (``m2m.opchecks.checks``): forward
against the registry entry's independent NumPy reference in float64 and float32, on
contiguous and non-contiguous inputs; backward against central differences (float64,
max relative error 1e-6); shapes drawn by hypothesis; and the autograd pitfalls.
"""

from __future__ import annotations

import pytest

EXAMPLES = 12


def _opcheck():
    from m2m.opchecks import checks as opcheck

    return opcheck


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_sequence_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_sequence_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_sequence_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_sequence_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(4)
@pytest.mark.points(1)
def test_lstm_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(4)
@pytest.mark.points(3)
def test_lstm_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(4)
@pytest.mark.points(1)
def test_lstm_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(4)
@pytest.mark.points(1)
def test_lstm_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(4)
@pytest.mark.points(1)
def test_registry_contract_and_every_p10_op_runs(rng):
    _opcheck().check_registry("p10", rng, tasks=(3, 4))
