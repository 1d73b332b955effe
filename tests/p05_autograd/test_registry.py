"""Tasks 3-5 · the generic test: every registered op, checked the same way.

For each op of ``shared.functional.REGISTRY`` that P05 owns (one test case per op, see
conftest.py), the course's generic op checks (``m2m.opchecks.checks``) use only what its registry
entry declares:

- forward: the fixed cases against the entry's independent NumPy reference, in float64
  and in float32 (the dtype must be kept), on contiguous and non-contiguous inputs
  (transposed and strided views);
- backward: ``out.backward(W)`` for a random upstream gradient W, compared with the
  central-difference gradient of ``sum(reference(inputs) * W)`` by ``m2m.opchecks.numgrad``
  in float64, max relative error <= 1e-6; the same on non-contiguous inputs;
- shapes drawn by hypothesis for the entry's kind (broadcast pairs, batched and 1-D
  matmuls, axes and keepdims, reshapes, permutations, slices and integer arrays);
- the pitfalls: an input used twice, gradients accumulating over two backward calls,
  ``retain_graph`` and the freed graph, a constant operand, ``no_grad`` recording nothing,
  inputs and upstream gradient left unchanged.

Plus the registry's own contract: every op in the modules of ``shared/functional/`` is
registered, and every registered op is complete.
"""

from __future__ import annotations

import pytest

EXAMPLES = 12  # hypothesis examples per op and test


def _opcheck():
    from m2m.opchecks import checks as opcheck

    return opcheck


# ---------------------------------------------------------------- the tests, per task


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_elementwise_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(1.5)  # a wrong gradient costs most of the op's share
def test_elementwise_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_elementwise_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(3)
@pytest.mark.points(0.5)
def test_elementwise_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(4)
@pytest.mark.points(0.5)
def test_matmul_reduction_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(4)
@pytest.mark.points(1.5)  # a wrong gradient costs most of the op's share
def test_matmul_reduction_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(4)
@pytest.mark.points(0.5)
def test_matmul_reduction_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(4)
@pytest.mark.points(0.5)
def test_matmul_reduction_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


@pytest.mark.task(5)
@pytest.mark.points(0.5)
def test_shape_op_forward(op_name, rng):
    _opcheck().check_forward(op_name, rng)


@pytest.mark.task(5)
@pytest.mark.points(1.5)  # a wrong gradient costs most of the op's share
def test_shape_op_backward_gradcheck(op_name, rng):
    _opcheck().check_backward(op_name, rng)


@pytest.mark.task(5)
@pytest.mark.points(0.5)
def test_shape_op_pitfalls(op_name, rng):
    _opcheck().check_pitfalls(op_name, rng)


@pytest.mark.task(5)
@pytest.mark.points(0.5)
def test_shape_op_hypothesis_shapes(op_name):
    _opcheck().check_hypothesis(op_name, EXAMPLES)


# ---------------------------------------------------------------- the registry's contract


@pytest.mark.task(5)
@pytest.mark.points(2)
def test_every_op_is_registered_and_every_entry_is_complete(rng):
    _opcheck().check_registry("p05", rng)
