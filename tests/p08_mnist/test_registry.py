"""Tasks 1-2 · the generic op test on P08's ops: softmax, log_softmax, cross_entropy.

The same checks every registered op of the course passes (``m2m.opchecks.checks``; see
``tests/p05_autograd/test_registry.py``), one test case per op (see conftest.py):
forward against the registry entry's independent NumPy reference in float64 and float32,
on contiguous and non-contiguous inputs; backward against the central-difference
gradient in float64 (max relative error 1e-6); shapes, axes and labels drawn by
hypothesis; and the autograd pitfalls. Cross-entropy's labels are drawn by its entry's
``sample_params`` to match each sampled batch.
"""

from __future__ import annotations

import pytest

EXAMPLES = 12  # hypothesis examples per op and test


def _opcheck():
    from m2m.opchecks import checks as opcheck

    return opcheck


@pytest.mark.task(1)
@pytest.mark.points(0.5)
def test_softmax_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(1)
@pytest.mark.points(1.5)  # a wrong gradient costs most of the op's share
def test_softmax_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(1)
@pytest.mark.points(0.5)
def test_softmax_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(1)
@pytest.mark.points(0.5)
def test_softmax_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(2)
@pytest.mark.points(0.5)
def test_loss_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(2)
@pytest.mark.points(1.5)  # a wrong gradient costs most of the op's share
def test_loss_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(2)
@pytest.mark.points(0.5)
def test_loss_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(2)
@pytest.mark.points(0.5)
def test_loss_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(2)
@pytest.mark.points(1)
def test_registry_contract_and_every_p08_op_runs(rng):
    _opcheck().check_registry("p08", rng, tasks=(1, 2))
