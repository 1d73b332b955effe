"""How an assignment's tests are spread over the processes of one autograde run."""

from __future__ import annotations

import json

import pytest

from m2m.nbgrader.plan import plan_shards, units, write_plan


def t(nodeid: str, seconds: float, *shared: str) -> dict:
    return {"nodeid": nodeid, "seconds": seconds, "shared": list(shared)}


def test_tests_sharing_a_wide_fixture_form_one_unit():
    tests = [
        t("a.py::train", 4.0, "run"),
        t("a.py::quick", 0.1),
        t("b.py::uses_run", 0.2, "run"),
        t("b.py::uses_table", 0.3, "b.py::table"),
        t("b.py::also_table", 0.3, "b.py::table", "run"),
    ]
    got = units(tests)
    # "run" joins train, uses_run and (through also_table) the table users.
    assert [ids for _, ids in got] == [
        ["a.py::train", "b.py::uses_run", "b.py::uses_table", "b.py::also_table"],
        ["a.py::quick"],
    ]
    assert got[0][0] == pytest.approx(4.8)


def test_longest_unit_first_to_the_least_loaded_process_in_suite_order():
    tests = [
        t("x::a", 1.0),
        t("x::b", 5.0, "big"),
        t("x::c", 2.0),
        t("x::d", 1.5),
        t("x::e", 0.0, "big"),
        t("x::f", 2.5),
    ]
    shards = plan_shards(tests, jobs=2)
    # Units, longest first: {b, e} 5.01 (a test that measured 0 counts 0.01), f 2.5,
    # c 2.0, d 1.5, a 1.0. Loads: 5.01 | 2.5 -> 4.5 -> 6.0, then a to the first: 6.01.
    assert [s["tests"] for s in shards] == [["x::a", "x::b", "x::e"], ["x::c", "x::d", "x::f"]]
    assert [s["seconds"] for s in shards] == [pytest.approx(6.01), pytest.approx(6.0)]
    assert plan_shards(tests, jobs=2) == shards, "the same input gives the same plan"


def test_fewer_units_than_processes_and_bad_jobs():
    assert [s["tests"] for s in plan_shards([t("x::a", 1.0)], jobs=4)] == [["x::a"]]
    assert plan_shards([], jobs=2) == []
    with pytest.raises(ValueError, match="jobs must be at least 1, got 0"):
        plan_shards([t("x::a", 1.0)], jobs=0)


def test_write_plan_is_what_the_helper_reads(tmp_path):
    shards = plan_shards([t("x::a", 1.0), t("x::b", 1.0)], jobs=2)
    path = tmp_path / "tests_hidden" / "m2m_plan.json"
    write_plan(path, shards)
    assert json.loads(path.read_text()) == {"shards": shards}
