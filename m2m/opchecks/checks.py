"""The generic op checks: every op of the course, checked the same way.

Course tooling, never stubbed. A project that registers ops (P05, P06, P08, ...) runs these
checks on its own ops from its test suite in a few lines::

    # tests/pNN_name/conftest.py
    def pytest_generate_tests(metafunc):
        if "op_name" in metafunc.fixturenames:
            from m2m.opchecks import checks as opcheck

            opcheck.parametrize(metafunc, owner="pNN", fallback={1: ("softmax",)})

    # tests/pNN_name/test_registry.py
    @pytest.mark.task(1)
    def test_forward(op_name, rng):
        from m2m.opchecks import checks as opcheck

        opcheck.check_forward(op_name, rng)

Each check reads only what the grader's entry for the op (``m2m.opchecks.specs.SPECS``) declares;
the op itself is found by name in ``shared.functional.REGISTRY``:

- ``check_forward``: the fixed cases against the entry's independent NumPy reference, in
  float64 and float32 (the dtype must be kept), on contiguous and non-contiguous inputs
  (transposed and strided views);
- ``check_backward``: ``out.backward(W)`` for a random upstream gradient W, compared with
  the central-difference gradient of ``sum(reference(inputs) * W)`` by the grader's own
  ``m2m.opchecks.numgrad`` (never the learner's ``shared.gradcheck``) in float64, max relative
  error <= ``TOL``; the same on non-contiguous inputs and in float32;
- ``check_hypothesis``: shapes and parameters drawn by hypothesis by the strategy of the
  entry's kind in ``m2m.opchecks.kinds.KINDS`` (broadcast pairs, batched and 1-D matmuls, axes
  and keepdims, reshapes, permutations, slices and integer arrays, a softmax axis, a batch
  of scores with its labels), forward and gradient check for each;
- ``check_pitfalls``: an input used twice, gradients accumulating over two backward calls,
  ``retain_graph`` and the freed graph, a constant operand, ``no_grad`` recording nothing,
  inputs and upstream gradient left unchanged;
- ``check_registry``: the registry's contract (every op registered, every entry complete)
  and a first run of each op of one owner.

Non-differentiable keyword inputs that must agree with the sampled arrays (class labels of
a batch) come from the entry's ``sample_params(rng, shapes)`` and are merged over the
case's own parameters.

The course code (``shared``) and hypothesis are imported inside the functions, so that a
test module using this one collects even when the learner's tree is broken: the test
then fails with the import error.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from m2m.opchecks.kinds import KINDS, Drawn
from m2m.opchecks.numgrad import assert_gradient
from m2m.opchecks.specs import DOMAINS, SPECS, OpSpec

__all__ = [
    "EXAMPLES",
    "TOL",
    "check_backward",
    "check_forward",
    "check_hypothesis",
    "check_pitfalls",
    "check_registry",
    "ops",
    "parametrize",
]

TOL = 1e-6  # the bar: max relative error of every gradient, float64
EXAMPLES = 12  # hypothesis examples per op and test
DEFAULT_SEED = 20240605


# ---------------------------------------------------------------- which ops


def ops(
    owner: str, task: int | None = None, fallback: Mapping[int, Iterable[str]] | None = None
) -> list[str]:
    """Names of the registered ops of ``owner`` (and ``task``, when given), in registration
    order.

    When ``shared.functional`` cannot be imported (a broken learner file), the names of
    ``fallback`` (task -> names) are returned instead, so the tests are still collected
    under their usual names and each one fails with the import error.
    """
    # The grader's own table, never the learner's module: collection does not depend on
    # the learner's code at all (``fallback`` is kept for older suites and not needed).
    return [
        name
        for name, spec in SPECS.items()
        if spec.owner == owner and (task is None or spec.task == task)
    ]


def parametrize(
    metafunc: Any,
    owner: str,
    fallback: Mapping[int, Iterable[str]] | None = None,
    argname: str = "op_name",
) -> None:
    """For ``pytest_generate_tests``: one case per op of ``owner`` whose task is the test's
    ``@pytest.mark.task(K)``. Does nothing for a test that does not ask for ``argname``.

    Only the registry's names are read at collection, never an op's code, so an unfinished
    stub fails its own test cases instead of breaking the collection.
    """
    import pytest

    if argname not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("task")
    task = marker.args[0] if marker and marker.args else None
    names = ops(owner, task, fallback)
    if not names:
        raise pytest.UsageError(
            f"{metafunc.definition.nodeid}: no registered {owner.upper()} op of task {task}"
        )
    metafunc.parametrize(argname, names)


# ---------------------------------------------------------------- helpers


def _rng(rng: np.random.Generator | None) -> np.random.Generator:
    return np.random.default_rng(DEFAULT_SEED) if rng is None else rng


def _spec(name: str) -> OpSpec:
    from shared.functional import REGISTRY

    if name not in SPECS:
        raise AssertionError(f"{name!r} is not an op of the course (m2m/opchecks/specs.py)")
    if name not in REGISTRY:
        raise AssertionError(
            f"{name!r} is not in shared.functional.REGISTRY; register the op with "
            f"@register({name!r})"
        )
    return SPECS[name]


def _call(name: str, *inputs: Any, **params: Any) -> Any:
    import shared.functional as F

    return getattr(F, name)(*inputs, **params)


def _sample(spec: Any, shapes: Iterable[tuple[int, ...]], rng: np.random.Generator) -> list:
    return [DOMAINS[d](rng, tuple(s)) for d, s in zip(spec.domains, shapes, strict=True)]


def _params(spec: Any, shapes: Iterable[tuple[int, ...]], params: Mapping, rng) -> dict:
    """The case's parameters, with the entry's sampled ones (labels, ...) merged over them."""
    merged = dict(params)
    if spec.sample_params is not None:
        merged.update(spec.sample_params(rng, tuple(tuple(s) for s in shapes)))
    return merged


def _upstream(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """A random upstream gradient, entries of size 0.5 to 1.5 with random signs."""
    return np.asarray(rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.5, 1.5, size=shape))


def _describe(name: str, shapes: Iterable[tuple[int, ...]], params: Mapping) -> str:
    text = ", ".join(str(tuple(s)) for s in shapes)
    listed = ", ".join(f"{k}={_short(v)}" for k, v in params.items())
    return f"{name}({text}{', ' if listed else ''}{listed})"


def _short(value: Any) -> str:
    if isinstance(value, np.ndarray) and value.size > 8:
        return f"<array of shape {value.shape}, dtype {value.dtype}>"
    return repr(value)


def _forward_check(spec: Any, arrays: list, params: Mapping, where: str) -> Any:
    from shared.tensor import Tensor

    expected = np.asarray(spec.reference(*arrays, **params))
    out = _call(spec.name, *[Tensor(a) for a in arrays], **params)
    assert isinstance(out, Tensor), f"{where} must return a Tensor, got {type(out).__name__}"
    assert isinstance(out.data, np.ndarray), f"{where}: .data must be an ndarray"
    assert out.shape == expected.shape, (
        f"{where} returned shape {out.shape}; NumPy gives {expected.shape}"
    )
    assert out.dtype == np.float64, f"{where} on float64 inputs returned {out.dtype}"
    np.testing.assert_allclose(
        out.data, expected, rtol=1e-10, atol=1e-12, err_msg=f"{where}: wrong values"
    )
    return out


def _gradients(spec: Any, arrays: list, params: Mapping, upstream, *, requires=None):
    """Input gradients of ``op(arrays)`` for the upstream gradient, via backward."""
    from shared.tensor import Tensor

    requires = requires or [True] * len(arrays)
    tensors = [Tensor(a, requires_grad=r) for a, r in zip(arrays, requires, strict=True)]
    out = _call(spec.name, *tensors, **params)
    out.backward(upstream)
    return [t.grad for t in tensors], out


def _gradcheck_all(spec: Any, arrays: list, params: Mapping, rng, where: str) -> float:
    """backward vs the numerical gradient of sum(reference * W), every input (the grader's
    own central differences, never the learner's gradcheck)."""
    upstream = _upstream(rng, np.shape(spec.reference(*arrays, **params)))
    grads, _ = _gradients(spec, arrays, params, upstream)
    worst = 0.0
    for i, (x, g) in enumerate(zip(arrays, grads, strict=True)):
        assert g is not None, f"{where}: backward left input {i}'s .grad at None"
        assert g.shape == x.shape, (
            f"{where}: the gradient of input {i} has shape {g.shape}, the input {x.shape} "
            "(did you unbroadcast?)"
        )
        assert g.dtype == np.float64, f"{where}: input {i}'s float64 gradient is {g.dtype}"

        def f(xi, i=i):
            args = list(arrays)
            args[i] = xi
            return np.sum(np.asarray(spec.reference(*args, **params)) * upstream)

        worst = max(
            worst, assert_gradient(f, x, g, tol=TOL, what=f"{where}: the gradient of input {i}")
        )
    return worst


def _noncontiguous(x: np.ndarray, how: str) -> np.ndarray:
    """The same values as x in a non-contiguous array: transposed or strided."""
    if how == "transposed":
        return np.asfortranarray(x) if x.ndim >= 2 else x
    big = np.zeros((*x.shape[:-1], 2 * x.shape[-1]), dtype=x.dtype)
    big[..., ::2] = x
    return big[..., ::2]


# ---------------------------------------------------------------- hypothesis: shapes by kind


def _draw_case(data: Any, spec: Any) -> Drawn:
    """Shapes and parameters for ``spec``, drawn by the strategy of its kind (``KINDS``)."""
    strategy = KINDS.get(spec.kind)
    if strategy is None:
        raise AssertionError(
            f"the generic test does not know the kind {spec.kind!r} of {spec.name!r}; "
            f"known kinds: {sorted(KINDS)} (m2m/opchecks/kinds.py)"
        )
    return strategy(data.draw, spec)


# ---------------------------------------------------------------- the checks


def _fixed_cases(name: str, rng: np.random.Generator):
    """``(spec, arrays, params, where)`` for each fixed case of op ``name``, drawn from ``rng``."""
    spec = _spec(name)
    for case in spec.cases:
        arrays = _sample(spec, case.shapes, rng)
        params = _params(spec, case.shapes, case.params, rng)
        yield spec, arrays, params, _describe(name, case.shapes, params)


def check_forward(name: str, rng: np.random.Generator | None = None) -> None:
    """Every fixed case of op ``name``: values vs the reference (float64), dtype kept in
    float32, the same values on transposed and strided inputs, no graph without grads."""
    from shared.tensor import Tensor

    for spec, arrays, params, where in _fixed_cases(name, _rng(rng)):
        out = _forward_check(spec, arrays, params, where)
        assert not out.requires_grad, f"{where}: no input requires grad, so neither may the output"
        # float32 in, float32 out
        out32 = _call(name, *[Tensor(a.astype(np.float32)) for a in arrays], **params)
        assert out32.dtype == np.float32, (
            f"{where} on float32 inputs returned {out32.dtype}; the op must keep float32"
        )
        np.testing.assert_allclose(
            out32.data, out.data, rtol=2e-5, atol=2e-6, err_msg=f"{where} in float32"
        )
        for how in ("transposed", "strided"):
            views = [_noncontiguous(a, how) if a.ndim else a for a in arrays]
            got = _call(name, *[Tensor(v) for v in views], **params)
            np.testing.assert_allclose(
                got.data, out.data, rtol=1e-12, atol=0, err_msg=f"{where} on {how} inputs"
            )


def check_backward(name: str, rng: np.random.Generator | None = None) -> None:
    """Every fixed case of op ``name``: backward vs the numerical gradient (float64, max
    relative error <= TOL), the same gradients on non-contiguous inputs, float32 kept."""
    from shared.tensor import Tensor

    rng = _rng(rng)
    for spec, arrays, params, where in _fixed_cases(name, rng):
        _gradcheck_all(spec, arrays, params, rng, where)
        upstream = _upstream(rng, np.shape(spec.reference(*arrays, **params)))
        expected, _ = _gradients(spec, arrays, params, upstream)
        for how in ("transposed", "strided"):
            views = [_noncontiguous(a, how) if a.ndim else a for a in arrays]
            got, _ = _gradients(spec, views, params, upstream)
            for i, (g, e) in enumerate(zip(got, expected, strict=True)):
                np.testing.assert_allclose(
                    g,
                    e,
                    rtol=1e-12,
                    atol=1e-15,
                    err_msg=f"{where}: gradient of input {i} on {how} inputs",
                )
        # float32: the gradient keeps the parameter's dtype
        t32 = [Tensor(a.astype(np.float32), requires_grad=True) for a in arrays]
        _call(name, *t32, **params).backward(upstream.astype(np.float32))
        for i, t in enumerate(t32):
            assert t.grad is not None and t.grad.dtype == np.float32, (
                f"{where}: the gradient of a float32 input must be float32, got "
                f"{None if t.grad is None else t.grad.dtype}"
            )
            np.testing.assert_allclose(
                t.grad, expected[i], rtol=1e-4, atol=1e-5, err_msg=f"{where}: float32 gradient"
            )


@dataclass
class _Pitfall:
    """One fixed case of an op, with its single-backward gradients, shared by the checks."""

    name: str
    spec: Any
    arrays: list
    params: dict
    upstream: np.ndarray
    single: list
    where: str


def _no_input_changed(p: _Pitfall, originals: list, upstream_copy: np.ndarray) -> None:
    """The inputs and the upstream gradient are as they were before forward and backward."""
    for a, o in zip(p.arrays, originals, strict=True):
        np.testing.assert_array_equal(a, o, err_msg=f"{p.where} changed its input in place")
    np.testing.assert_array_equal(
        p.upstream, upstream_copy, err_msg=f"{p.where}: backward changed the upstream gradient"
    )


def _gradients_accumulate(p: _Pitfall) -> None:
    """Two backward calls through two graphs: the leaves' gradients add up."""
    from shared.tensor import Tensor

    tensors = [Tensor(a, requires_grad=True) for a in p.arrays]
    for _ in range(2):
        _call(p.name, *tensors, **p.params).backward(p.upstream)
    for i, (t, g) in enumerate(zip(tensors, p.single, strict=True)):
        np.testing.assert_allclose(
            t.grad,
            2 * g,
            rtol=1e-12,
            err_msg=f"{p.where}: input {i} after two backward calls "
            "must hold the sum of both gradients",
        )


def _retain_graph_then_freed(p: _Pitfall) -> None:
    """One graph, backward twice with retain_graph; a third time it has been freed."""
    import pytest

    from shared.tensor import Tensor

    tensors = [Tensor(a, requires_grad=True) for a in p.arrays]
    out = _call(p.name, *tensors, **p.params)
    out.backward(p.upstream, retain_graph=True)
    out.backward(p.upstream)
    for i, (t, g) in enumerate(zip(tensors, p.single, strict=True)):
        np.testing.assert_allclose(
            t.grad, 2 * g, rtol=1e-12, err_msg=f"{p.where}: retain_graph=True, input {i}"
        )
    with pytest.raises(RuntimeError, match="freed"):
        out.backward(p.upstream)


def _constant_and_no_grad(p: _Pitfall) -> None:
    """A constant operand gets no gradient; under no_grad nothing is recorded."""
    from shared.tensor import Tensor, no_grad

    if len(p.arrays) == 2:
        got, _ = _gradients(p.spec, p.arrays, p.params, p.upstream, requires=[True, False])
        assert got[1] is None, f"{p.where}: an input without requires_grad got a gradient"
        np.testing.assert_allclose(
            got[0], p.single[0], rtol=1e-12, err_msg=f"{p.where}: constant b"
        )
    tensors = [Tensor(a, requires_grad=True) for a in p.arrays]
    with no_grad():
        out = _call(p.name, *tensors, **p.params)
    assert not out.requires_grad and out.is_leaf, f"{p.where} under no_grad() recorded a graph"


def _same_tensor_twice(p: _Pitfall, rng: np.random.Generator) -> None:
    """An input used twice, op(a, a): both uses' gradients add up."""
    from shared.tensor import Tensor

    if len(p.arrays) != 2 or p.spec.kind not in ("broadcast", "matmul"):
        return
    domain = next((d for d in p.spec.domains if d != "real"), "real")
    x = DOMAINS[domain](rng, (3, 3))
    w = _upstream(rng, np.shape(p.spec.reference(x, x)))
    t = Tensor(x, requires_grad=True)
    _call(p.name, t, t).backward(w)
    assert t.grad is not None, f"{p.name}(a, a), the same tensor twice: no gradient"
    assert_gradient(
        lambda z: np.sum(p.spec.reference(z, z) * w),
        x,
        t.grad,
        tol=TOL,
        # div(a, a) is 1 everywhere: its true gradient is 0, and central differences
        # return rounding noise of about eps * |f| / h (1e-11 here), not a gradient.
        # A wrong backward is off by the size of the gradients, about 1.
        floor=1e-3,
        what=f"{p.name}(a, a), the same tensor twice: the gradient",
    )


def check_pitfalls(name: str, rng: np.random.Generator | None = None) -> None:
    """The classic autograd bugs, on the second fixed case of op ``name``: inputs or the
    upstream gradient changed in place, gradients not accumulating over two backward calls,
    ``retain_graph`` ignored or a freed graph run again, a gradient for a constant input, a
    graph recorded under ``no_grad``, and (binary ops) ``op(a, a)`` missing a use."""
    rng = _rng(rng)
    spec = _spec(name)
    case = spec.cases[min(1, len(spec.cases) - 1)]
    arrays = _sample(spec, case.shapes, rng)
    params = _params(spec, case.shapes, case.params, rng)
    where = _describe(name, case.shapes, params)
    upstream = _upstream(rng, np.shape(spec.reference(*arrays, **params)))
    originals, upstream_copy = [a.copy() for a in arrays], upstream.copy()
    single, _ = _gradients(spec, arrays, params, upstream)
    p = _Pitfall(name, spec, arrays, params, upstream, single, where)
    _no_input_changed(p, originals, upstream_copy)
    _gradients_accumulate(p)
    _retain_graph_then_freed(p)
    _constant_and_no_grad(p)
    _same_tensor_twice(p, rng)


def check_hypothesis(name: str, examples: int = EXAMPLES) -> None:
    """Shapes and parameters drawn by hypothesis for the kind of op ``name``: forward vs
    the reference and the gradient check, ``examples`` draws (derandomized by the course's
    hypothesis profile)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    spec = _spec(name)
    # One fixed case first: an unfinished op fails here at once, without hypothesis
    # searching for (and shrinking) failing examples.
    case = spec.cases[0]
    first_rng = np.random.default_rng(0)
    first = _sample(spec, case.shapes, first_rng)
    params = _params(spec, case.shapes, case.params, first_rng)
    _forward_check(spec, first, params, _describe(name, case.shapes, params))

    @settings(max_examples=examples)
    @given(data=st.data(), seed=st.integers(0, 2**16))
    def check(data, seed):
        rng = np.random.default_rng(seed)
        shapes, drawn = _draw_case(data, spec)
        arrays = _sample(spec, shapes, rng)
        params = _params(spec, shapes, drawn, rng)
        where = _describe(name, shapes, params)
        _forward_check(spec, arrays, params, where)
        _gradcheck_all(spec, arrays, params, rng, where)

    check()


def _defined_ops(package: Any, base: type) -> list[type]:
    """The ``base`` subclasses defined in ``package`` and in each of its modules (a
    package's op modules are imported here, so a module the package forgot to import is
    walked too)."""
    import importlib
    import pkgutil

    modules = [package]
    for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
        modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return [
        obj
        for module in modules
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, base)
        and obj is not base
        and obj.__module__ == module.__name__
    ]


def check_registry(
    owner: str, rng: np.random.Generator | None = None, tasks: Iterable[int] | None = None
) -> None:
    """The registry's contract, then a first run of the ops of ``owner``.

    Contract: every Function subclass defined in ``shared.functional`` (the package and
    each of its op modules) is registered, the
    public op aliases (``__all__`` minus ``NOT_OPS``) are exactly the registry's names, and
    every entry is complete (name, alias, reference, kind, cases, domains, owner, task).
    Then the first case of every op of ``owner`` (of ``tasks`` when given) runs forward,
    against its reference, and backward, filling every input's gradient.
    """
    import shared.functional as F
    from shared.tensor import Function, Tensor

    rng = _rng(rng)
    defined = _defined_ops(F, Function)  # imports every op module: read the registry after
    registered = set(F.REGISTRY.values())
    unregistered = sorted(f"{c.__module__}.{c.__name__}" for c in defined if c not in registered)
    assert not unregistered, (
        f"ops defined in shared.functional but not registered: {unregistered}; decorate "
        "each with @register(...) so the generic test checks it"
    )
    public_ops = set(F.__all__) - set(F.NOT_OPS)
    assert public_ops == set(F.REGISTRY), (
        f"every public op alias must be a registry name and the reverse: aliases without "
        f"an entry {sorted(public_ops - set(F.REGISTRY))}, entries without an alias "
        f"{sorted(set(F.REGISTRY) - public_ops)}"
    )
    wanted = None if tasks is None else set(tasks)
    mine = [
        name
        for name, spec in SPECS.items()
        if spec.owner == owner and (wanted is None or spec.task in wanted)
    ]
    missing = [name for name in mine if name not in F.REGISTRY]
    assert not missing, (
        f"ops of this project missing from shared.functional.REGISTRY: {missing}; register "
        "each with @register(name)"
    )
    for name in mine:
        spec = SPECS[name]
        cls = F.REGISTRY[name]
        assert cls.name == name, f"{name}: registered class {cls.__name__} has name {cls.name!r}"
        assert callable(getattr(F, name, None)), f"{name}: no functional alias {name}()"
        # and it runs: the first case of every op, forward and backward
        case = spec.cases[0]
        arrays = _sample(spec, case.shapes, rng)
        params = _params(spec, case.shapes, case.params, rng)
        tensors = [Tensor(a, requires_grad=True) for a in arrays]
        out = getattr(F, name)(*tensors, **params)
        np.testing.assert_allclose(
            out.data,
            spec.reference(*arrays, **params),
            rtol=1e-10,
            atol=1e-12,
            err_msg=f"{name}: first registered case",
        )
        out.backward(np.ones(out.shape))
        assert all(t.grad is not None for t in tensors), f"{name}: backward filled no gradient"
