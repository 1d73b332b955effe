"""Solution regions: parsing, validation with file and line, rendering of stubs."""

from __future__ import annotations

import ast
import textwrap

import pytest

from m2m.release.regions import RegionError, find_regions, render

KNOWN = {"p01", "p02", "p05"}
DIRS = {"p01": "p01_first", "p02": "p02_second", "p05": "p05_autograd"}


def regions_of(src: str, path: str = "shared/mod.py"):
    return find_regions(textwrap.dedent(src), path, KNOWN)


def test_region_metadata_and_stub_line():
    src = textwrap.dedent('''
        class Tensor:
            def backward(self):
                """Reverse-mode sweep."""
                x = 1
                ### BEGIN SOLUTION p05.t3
                y = x + 1
                return y
                ### END SOLUTION
        ''')
    (region,) = find_regions(src, "shared/tensor.py", KNOWN)
    assert (region.project, region.task, region.qualname) == ("p05", 3, "Tensor.backward")
    out = render(src, [region], keep=lambda r: False, project_dirs=DIRS)
    assert (
        "        raise NotImplementedError('P05 Task 3 · Tensor.backward (shared/tensor.py) — see "
        "projects/p05_autograd/README.md#task-3')"
    ) in out.splitlines()
    assert "y = x + 1" not in out and "SOLUTION" not in out
    assert '"""Reverse-mode sweep."""' in out and "x = 1" in out
    ast.parse(out)


def test_kept_region_loses_only_its_markers():
    src = textwrap.dedent("""
        def f(x):
            ### BEGIN SOLUTION p01.t1
            return 2 * x
            ### END SOLUTION
        """)
    regions = find_regions(src, "shared/m.py", KNOWN)
    out = render(src, regions, keep=lambda r: True, project_dirs=DIRS)
    assert out == "\ndef f(x):\n    return 2 * x\n"


def test_bare_task_inside_a_project_belongs_to_that_project():
    src = "def f():\n    ### BEGIN SOLUTION t2\n    return 1\n    ### END SOLUTION\n"
    (region,) = find_regions(src, "projects/p02_second/m.py", KNOWN)
    assert (region.project, region.task) == ("p02", 2)


def test_nested_function_gets_its_qualified_name():
    src = textwrap.dedent("""
        def outer():
            def inner():
                ### BEGIN SOLUTION p01.t4
                return 1
                ### END SOLUTION
            return inner
        """)
    (region,) = find_regions(src, "shared/m.py", KNOWN)
    assert region.qualname == "outer.<locals>.inner"


@pytest.mark.parametrize(
    ("src", "path", "message"),
    [
        (
            "### BEGIN SOLUTION p01.t1\nx = 1\n### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:1: solution regions must sit inside a function body",
        ),
        (
            "class A:\n    ### BEGIN SOLUTION p01.t1\n    x = 1\n    ### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:2: solution regions must sit inside a function body",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION p01.t1\n    return 1\n",
            "shared/m.py",
            r"shared/m.py:2: BEGIN SOLUTION is never closed",
        ),
        (
            "def f():\n    return 1\n    ### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:3: END SOLUTION without a BEGIN",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION p01.t1\n    ### BEGIN SOLUTION p01.t2\n"
            "    return 1\n    ### END SOLUTION\n    ### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:3: nested BEGIN SOLUTION",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION p09.t1\n    return 1\n    ### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:2: unknown owner 'p09'",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION t1\n    return 1\n    ### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:2: a region in the shared core must name its owner",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION p01.task1\n    return 1\n    ### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:2: bad solution tag",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION\n",
            "shared/m.py",
            r"shared/m.py:2: bad solution tag",
        ),
        (
            "def f():\n    ### BEGIN SOLUTION p01.t1\n    return 1\n    ### END SOLUTION\n",
            "projects/p02_second/m.py",
            r"p02_second/m.py:2: a region inside p02 cannot be owned",
        ),
        (
            "def f():\n    #### BEGIN  SOLUTION p01.t1\n    return 1\n",
            "shared/m.py",
            r"shared/m.py:2: malformed solution marker",
        ),
        ("def f(:\n    pass\n", "shared/m.py", r"shared/m.py:1: the reference file does not"),
    ],
)
def test_malformed_regions_are_refused_with_file_and_line(src, path, message):
    with pytest.raises(RegionError, match=message):
        find_regions(src, path, KNOWN)


def test_output_that_would_not_parse_is_refused():
    # The region opens inside `try` and closes inside `except`: stubbing it leaves a `try`
    # without its `except`.
    src = textwrap.dedent("""
        def f():
            try:
                ### BEGIN SOLUTION p01.t1
                x = 1
            except ValueError:
                ### END SOLUTION
                pass
        """)
    regions = find_regions(src, "shared/m.py", KNOWN)
    with pytest.raises(RegionError, match=r"shared/m.py:\d+: the generated file would not parse"):
        render(src, regions, keep=lambda r: False, project_dirs=DIRS)
