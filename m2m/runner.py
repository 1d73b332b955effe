"""Run graded tests in a child process that may misbehave, and still account for every test.

The child is pytest with the course plugin streaming JSON-lines events. It runs under
resource limits (address space, file size) in its own process group, with a per-test
timeout inside pytest and a watchdog outside it. When the child dies — ``os._exit``,
a signal, a hang the in-process timeout cannot interrupt — the test that was running is
charged with the failure and the remaining tests run in a fresh child. A module whose
import kills the process is excluded and its tests are charged instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from m2m.pytest_plugin import read_events

DEFAULT_TEST_TIMEOUT = 60  # seconds per test, enforced inside pytest
DEFAULT_MEMORY_MB = 4096  # address-space limit of the child
WATCHDOG_GRACE = 5  # seconds past 1.5 x the per-test timeout before the child is killed


@dataclass
class RunResult:
    tests: dict[str, dict] = field(default_factory=dict)  # nodeid -> record
    collect_errors: list[dict] = field(default_factory=list)
    output: str = ""
    restarts: int = 0
    returncode: int = 0


def _limits(memory_mb: int):
    def apply() -> None:  # runs in the child between fork and exec
        import resource

        if memory_mb:
            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        two_gb = 2 * 1024**3
        resource.setrlimit(resource.RLIMIT_FSIZE, (two_gb, two_gb))

    return apply


def _tail(path: Path, limit: int = 4000) -> str:
    if not path.is_file():
        return ""
    with open(path, "rb") as fh:
        fh.seek(max(0, path.stat().st_size - limit))
        return fh.read().decode("utf-8", "replace")


def run_tests(
    cwd: Path,
    targets: list[str],
    env: dict[str, str],
    workdir: Path,
    *,
    extra_args: list[str] = (),
    timeout: int = DEFAULT_TEST_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    total_timeout: int = 1800,
    collect_only: bool = False,
) -> RunResult:
    """Run pytest on ``targets`` (paths or node ids) in ``cwd``; never raises for what the
    tested code does."""
    result = RunResult()
    collected: dict[str, dict] | None = None
    ignored: list[str] = []
    deadline = time.monotonic() + total_timeout
    pending = list(targets)
    for attempt in range(10_000):
        events_path = workdir / f"events-{attempt}.jsonl"
        log_path = workdir / f"output-{attempt}.log"
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            *pending,
            "-p",
            "m2m.pytest_plugin",
            f"--m2m-report={events_path}",
            "-q",
            "--no-header",
            "--tb=no",
            "--show-capture=no",
            "-p",
            "no:cacheprovider",
            f"--timeout={timeout}",
            "--timeout-method=signal",
            "-o",
            "console_output_style=classic",
            "--continue-on-collection-errors",
            *[f"--ignore={f}" for f in ignored],
            *extra_args,
        ]
        if collect_only:
            cmd.append("--collect-only")
        killed_by_watchdog = False
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                cmd,
                cwd=cwd,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                preexec_fn=_limits(memory_mb),
            )
            last_start = time.monotonic()
            seen_lines = 0
            while proc.poll() is None:
                time.sleep(0.05)
                lines = _count_lines(events_path)
                if lines != seen_lines:
                    seen_lines, last_start = lines, time.monotonic()
                now = time.monotonic()
                if now - last_start > 1.5 * timeout + WATCHDOG_GRACE or now > deadline:
                    killed_by_watchdog = True
                    _kill_group(proc)
                    break
            proc.wait()
        _kill_group(proc)  # anything the tests left running in the group
        result.returncode = proc.returncode
        result.output = _tail(log_path)
        events = read_events(events_path)
        started: str | None = None
        collecting: str | None = None
        finished = False
        for ev in events:
            kind = ev.get("event")
            if kind == "collect":
                collecting = ev["nodeid"]
            elif kind == "collect_error":
                result.collect_errors.append({"nodeid": ev["nodeid"], "message": ev["message"]})
            elif kind == "collected":
                collecting = None
                if collected is None:
                    collected = {t["nodeid"]: t for t in ev["tests"]}
                    result.tests.update(collected)
            elif kind == "start":
                started = ev["nodeid"]
            elif kind == "result":
                result.tests[ev["test"]["nodeid"]] = ev["test"]
                started = None
            elif kind == "finished":
                finished = True
        aborted_collection = collected is None and collecting is not None
        if (finished and not aborted_collection) or (collect_only and collected is not None):
            break
        during = "during this test" if started is not None else "while importing this file"
        why = _death_reason(proc.returncode, killed_by_watchdog, timeout, during)
        if started is not None:
            rec = dict(
                result.tests.get(
                    started,
                    {"nodeid": started, "task": None, "points": 1, "public": False, "stub": None},
                )
            )
            rec.update(outcome="error", message=why)
            result.tests[started] = rec
        elif collecting is not None and collected is None:
            ignored.append(collecting)
            result.collect_errors.append({"nodeid": collecting, "message": why})
            continue
        else:
            break
        if time.monotonic() > deadline or collected is None:
            break
        pending = [n for n, r in result.tests.items() if r["outcome"] == "not run"]
        result.restarts += 1
        if not pending:
            break
    return result


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as fh:
            return fh.read().count(b"\n")
    except OSError:
        return 0


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if proc.poll() is None:
        proc.wait()


def _death_reason(returncode: int, watchdog: bool, timeout: int, during: str) -> str:
    if watchdog:
        return f"timed out after {timeout} s (the test process had to be stopped)"
    if returncode < 0:
        sig = signal.Signals(-returncode).name
        if sig == "SIGKILL":
            return "killed (SIGKILL): memory limit exceeded or killed from outside"
        return f"the test process crashed ({sig})"
    return f"the test process exited (status {returncode}) {during}"
