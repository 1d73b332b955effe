"""The op package's public face, the registry walk over its modules, and the table of
shape kinds the generic op checks draw from (``m2m/opchecks/kinds.py``)."""

from __future__ import annotations

import pkgutil
import sys
import types

import pytest

from m2m.opchecks import checks as opcheck
from m2m.opchecks import kinds as opkinds
from m2m.opchecks import specs as opspecs

# The public face of ``shared.functional`` before it became a package: code written
# against it (``F.cross_entropy``, ``F.REGISTRY``, ``F.unbroadcast``) keeps working.
PUBLIC = {
    "NOT_OPS",
    "REGISTRY",
    "add",
    "binary_cross_entropy_with_logits",
    "cross_entropy",
    "div",
    "exp",
    "getitem",
    "linear",
    "log",
    "log_softmax",
    "matmul",
    "max",
    "mean",
    "mul",
    "neg",
    "pow",
    "register",
    "relu",
    "reshape",
    "sigmoid",
    "softmax",
    "sub",
    "sum",
    "tanh",
    "transpose",
    "unbroadcast",
}


def test_the_package_keeps_the_public_face():
    import shared.functional as F

    # Later projects add ops (P09: conv2d, pooling, batch_norm, flatten): a superset.
    assert set(F.__all__) >= PUBLIC
    assert all(callable(getattr(F, name)) for name in PUBLIC - {"NOT_OPS", "REGISTRY"})
    assert set(F.REGISTRY) >= PUBLIC - set(F.NOT_OPS)


def test_no_op_module_is_named_after_an_op():
    """``shared.functional.softmax`` is the function; a module of that name could not be
    imported as ``import shared.functional.softmax``."""
    import shared.functional as F

    modules = {info.name for info in pkgutil.iter_modules(F.__path__)}
    assert {"elementwise", "reductions", "shapes", "dense", "multiclass"} <= modules
    assert not modules & set(F.__all__), sorted(modules & set(F.__all__))


def test_every_class_is_defined_next_to_its_alias():
    import shared.functional as F

    for name, cls in F.REGISTRY.items():
        assert getattr(F, name).__module__ == cls.__module__, (
            f"{name}: the alias lives in {getattr(F, name).__module__}, the class in "
            f"{cls.__module__}"
        )


def test_the_registry_walk_finds_an_unregistered_op_in_any_module(monkeypatch):
    """check_registry looks in every module of the package, not only in __init__."""
    import shared.functional as F
    from shared.tensor import Function

    module = types.ModuleType("shared.functional._probe")

    class Forgotten(Function):
        @staticmethod
        def forward(ctx, a):
            return a

        @staticmethod
        def backward(ctx, grad):
            return (grad,)

    Forgotten.__module__ = module.__name__
    module.Forgotten = Forgotten
    monkeypatch.setitem(sys.modules, module.__name__, module)
    real = pkgutil.iter_modules

    def with_probe(path=None, prefix=""):
        yield from real(path, prefix)
        if path == F.__path__:
            yield pkgutil.ModuleInfo(None, "_probe", False)

    monkeypatch.setattr(pkgutil, "iter_modules", with_probe)
    with pytest.raises(AssertionError, match=r"not registered: \['shared\.functional\._probe"):
        opcheck.check_registry("p05", tasks=[3])


def test_every_kind_of_the_specs_has_a_strategy():
    kinds = {spec.kind for spec in opspecs.SPECS.values()}
    assert kinds <= set(opkinds.KINDS), sorted(kinds - set(opkinds.KINDS))
    assert opspecs.KINDS is opkinds.KINDS


def test_an_unknown_kind_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown kind 'images'"):
        opspecs._spec(
            "probe_op",
            owner="p99",
            task=1,
            kind="images",
            reference=lambda a: a,
            domains=("real",),
            cases=(opspecs.Case(((2,),)),),
        )
    assert "probe_op" not in opspecs.SPECS


def test_a_kind_is_defined_once():
    with pytest.raises(ValueError, match="'loss' is defined twice"):
        opkinds.kind("loss")(lambda draw, spec: (((1,),), {}))


@pytest.mark.parametrize("name", sorted(opspecs.SPECS))
def test_each_strategy_draws_one_shape_per_input(name):
    """Every op's kind draws shapes its reference accepts: one per array input."""
    import numpy as np
    from hypothesis import given, settings
    from hypothesis import strategies as st

    spec = opspecs.SPECS[name]

    @settings(max_examples=5)
    @given(data=st.data())
    def draw(data):
        shapes, params = opcheck._draw_case(data, spec)
        assert len(shapes) == len(spec.domains), (name, shapes)
        assert all(isinstance(s, tuple) for s in shapes) and isinstance(params, dict)
        rng = np.random.default_rng(0)
        arrays = [opspecs.DOMAINS[d](rng, s) for d, s in zip(spec.domains, shapes, strict=True)]
        merged = opcheck._params(spec, shapes, params, rng)
        spec.reference(*arrays, **merged)  # raises when the shapes do not fit the op

    draw()


def test_a_kind_added_to_the_table_is_used(monkeypatch):
    """One function in one place: a new kind is drawn without touching opcheck."""
    import numpy as np
    from hypothesis import given, settings
    from hypothesis import strategies as st

    monkeypatch.setitem(opkinds._KINDS, "images", lambda draw, spec: (((2, 1, 3, 3),), {}))
    spec = opspecs.OpSpec(
        "probe", "p99", 1, "images", np.tanh, ("real",), (opspecs.Case(((1, 1, 2, 2),)),)
    )

    @settings(max_examples=1)
    @given(data=st.data())
    def draw(data):
        assert opcheck._draw_case(data, spec) == (((2, 1, 3, 3),), {})

    draw()
