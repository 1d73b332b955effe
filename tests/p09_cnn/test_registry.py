"""Tasks 1-3 · the generic op test on P09's ops: conv2d, max_pool2d, avg_pool2d,
batch_norm, flatten.

The same checks every registered op of the course passes (``m2m.opchecks.checks``; see
``tests/p05_autograd/test_registry.py``), one test case per op (see conftest.py):
forward against the registry entry's independent NumPy reference (explicit loops over
the output pixels) in float64 and float32, on contiguous and non-contiguous inputs;
backward against the central-difference gradient in float64 (max relative error 1e-6);
images, kernels, strides, paddings and dilations drawn by hypothesis; and the autograd
pitfalls.
"""

from __future__ import annotations

import pytest

EXAMPLES = 12  # hypothesis examples per op and test


def _opcheck():
    from m2m.opchecks import checks as opcheck

    return opcheck


@pytest.mark.task(1)
@pytest.mark.points(0.5)
def test_conv_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(1)
@pytest.mark.points(2)  # a wrong gradient costs most of the op's share
def test_conv_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(1)
@pytest.mark.points(0.5)
def test_conv_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(1)
@pytest.mark.points(1)
def test_conv_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(2)
@pytest.mark.points(0.5)
def test_pool_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(2)
@pytest.mark.points(1.5)
def test_pool_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(2)
@pytest.mark.points(0.5)
def test_pool_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(2)
@pytest.mark.points(0.5)
def test_pool_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_norm_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(1.5)
def test_norm_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_norm_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_norm_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(3)
@pytest.mark.points(1)
def test_registry_contract_and_every_p09_op_runs(rng):
    _opcheck().check_registry("p09", rng, tasks=(1, 2, 3))
