"""The grading engine: run graded tests in a child pytest that may misbehave, and account
for every test. ``m2m grade`` and the nbgrader grading helper both run their tests here,
so a submission scores the same in both.

Standard library only, part of the grading runtime (:mod:`m2m.runtime`) that ``m2m nbgrader
build`` copies into every assignment, where the tooling (``m2m``) may not be installed. The
child process is this same file (``python engine.py --child CONFIG``); it needs pytest,
nothing else.

What the engine guarantees, in both uses:

- **Limits.** The child runs in its own process group, with an address-space limit
  (``memory_mb``), a file-size limit (``file_mb``) and no core files. Each test has its
  own time limit (``Limits.tests``, derived from the reference's measured time by
  :mod:`m2m.timings`): an alarm inside the child fails the test when it runs out, and a
  watchdog outside stops the child when the alarm did not help (code that ignores or
  swallows it). The whole run has a budget (``Limits.budget``): when it is spent the child
  is stopped and every test that has not run is reported as not run, with the reason.
- **Crashes.** The child streams one JSON line per event (collection, test start, test
  result), so the parent knows what ran even when the child dies. A child that dies
  (``os._exit``, a signal, the watchdog) charges the test that was running and the
  remaining tests run in a fresh child; a module whose import kills the process is
  excluded and its tests are charged instead.
- **One record.** Every test ends as one :class:`TestRecord` (node id, task, points,
  public, outcome, message, stub, seconds).
- **One profile.** Hypothesis runs derandomized with no deadline, loaded the moment
  hypothesis is first imported.
- **Stubs.** A test that failed on an unfilled stub says ``not implemented yet: <stub>``.

With ``sandboxed=True`` (the nbgrader helper) the child also runs with ``-I`` (no
``PYTHONPATH``, no user site), ``--noconftest``, ``-c /dev/null`` and the folder under test
at the *end* of ``sys.path``, so a planted ``conftest.py``, ``pytest.ini``, ``numpy.py`` or
``pytest.py`` cannot change the outcome; the course's own conftest files are loaded
explicitly as plugins (``fixture_files``).
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.abc
import importlib.util
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


def _load_beside(name: str):
    """The runtime module ``name`` (``naming``, ``guard``) from the file beside this one: the
    grading child runs this file as a script, where there is no package to import from."""
    path = Path(__file__).resolve().parent / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"m2m_runtime_{name}_child", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"the grader's {name}.py is missing beside {__file__}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# The one-line message of an unfilled stub (``STUB_MESSAGE``; ``m2m release`` writes it).
try:  # imported from a package: m2m.runtime, or the copy in an nbgrader assignment
    from .naming import STUB_MESSAGE
except ImportError:  # the grading child, run as a script
    STUB_MESSAGE = _load_beside("naming").STUB_MESSAGE

DEFAULT_MEMORY_MB = 4096  # address-space limit of the child
DEFAULT_FILE_MB = 2048  # the largest file the child may write
DEFAULT_TEST_LIMIT = 60.0  # seconds for a test without a limit of its own
DEFAULT_COLLECT_LIMIT = 60.0  # seconds to import the test files without any event
WATCHDOG_GRACE = 5.0  # seconds past a test's limit before the child is stopped from outside
POLL_SECONDS = 0.05
POSIX = os.name == "posix"
OUTCOMES = ("passed", "failed", "error", "skipped", "not run")


# ------------------------------------------------------------------------------- records


@dataclass
class TestRecord:
    """The outcome of one graded test: what every report, score and cell is made from.

    ``outcome`` is ``passed``, ``failed``, ``error``, ``skipped`` or ``not run``;
    ``message`` says why in one line; ``stub`` is the stub text when the test failed on
    an unfilled stub; ``seconds`` is the time of setup, call and teardown; ``shared``
    names the fixtures wider than one test that it uses (see the plugin).
    """

    __test__ = False  # not a pytest test class, whatever imports it

    nodeid: str
    task: int | None = None
    points: float = 1
    public: bool = False
    outcome: str = "not run"
    message: str = ""
    stub: str | None = None
    seconds: float = 0.0
    shared: list[str] = field(default_factory=list)

    # Read like a mapping too (``rec["outcome"]``): reports and JSON are built from keys.
    def __getitem__(self, key: str):
        if key not in _FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default=None):
        return getattr(self, key) if key in _FIELDS else default

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TestRecord:
        return cls(**{k: v for k, v in data.items() if k in _FIELDS})

    @property
    def name(self) -> str:
        """The test as a learner reads it: file name and test name, no folders."""
        return self.nodeid.rsplit("/", 1)[-1]

    @property
    def earned(self) -> float:
        return float(self.points) if self.outcome == "passed" else 0.0


_FIELDS = {f.name for f in fields(TestRecord)}


@dataclass
class Limits:
    """Time and resource limits of one run.

    ``tests`` maps node ids to seconds; a test not in it gets ``default``. ``budget`` is
    the most seconds the whole run may take (None: no budget). ``collect`` is how long
    importing the test files may go without any event.
    """

    tests: dict[str, float] = field(default_factory=dict)
    default: float = DEFAULT_TEST_LIMIT
    budget: float | None = None
    collect: float = DEFAULT_COLLECT_LIMIT
    memory_mb: int = DEFAULT_MEMORY_MB
    file_mb: int = DEFAULT_FILE_MB

    def for_test(self, nodeid: str) -> float:
        return float(self.tests.get(nodeid, self.default))


@dataclass
class RunResult:
    tests: dict[str, TestRecord] = field(default_factory=dict)  # node id -> record
    collect_errors: list[dict] = field(default_factory=list)  # {"nodeid", "message"}
    output: str = ""  # the tail of the last child's output
    restarts: int = 0
    returncode: int = 0
    budget_spent: bool = False
    budget: float | None = None  # the budget the run had, in seconds
    seconds: float = 0.0  # how long the run took
    # Attempts to reach into the grader: {"nodeid", "reason"}, in the order they were seen
    # (see m2m/runtime/guard.py). Any of them means the submission needs review.
    alarms: list[dict] = field(default_factory=list)

    @property
    def review(self) -> list[str]:
        """One line per distinct attempt, for the report."""
        return list(dict.fromkeys(a["reason"] for a in self.alarms))


def stub_message(exc: BaseException | None) -> str | None:
    """The stub text if ``exc`` (or an exception it chains to) is an unfilled stub."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, NotImplementedError) and exc.args:
            text = str(exc.args[0])
            if STUB_MESSAGE.match(text):
                return text
        exc = exc.__cause__ or exc.__context__
    return None


def fmt_seconds(seconds: float) -> str:
    return f"{seconds:.3g}" if seconds < 10 else f"{seconds:.0f}"


# --------------------------------------------------------------------------- the parent


def run(
    cwd: Path,
    targets: list[str],
    *,
    env: dict[str, str],
    workdir: Path,
    limits: Limits | None = None,
    pytest_args: list[str] = (),
    sandboxed: bool = False,
    fixture_files: list[str] = (),
    collect_only: bool = False,
    expected: list[str] | None = None,
    learner_lines: dict[str, list] | None = None,
) -> RunResult:
    """Run pytest on ``targets`` (paths or node ids) in ``cwd``; never raises for what the
    tested code does.

    ``expected`` lists node ids that must each end with a record: one that was never
    collected (its file failed to import, the budget ran out first) is reported with
    the reason. Every record still ``not run`` at the end says why it did not run.
    ``learner_lines`` (path relative to ``cwd`` -> spans of lines) says which code is the
    answer's own (see m2m/runtime/guard.py); None: all of ``shared/`` and ``projects/``.
    """
    limits = limits or Limits()
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    settings = {
        "root": str(Path(cwd).resolve()),
        "limits": limits.tests,
        "default_limit": limits.default,
        "memory_mb": limits.memory_mb,
        "file_mb": limits.file_mb,
        "sandboxed": sandboxed,
        "fixture_files": list(fixture_files),
        "learner_lines": learner_lines,
    }
    attempts = _Attempts(targets, limits, collect_only)
    for attempt in range(10_000):
        state, child = _start_child(attempt, settings, attempts, pytest_args, env, workdir)
        if not attempts.absorb(state, child):
            break
    result = attempts.result
    result.seconds = round(time.monotonic() - attempts.start, 3)
    if not collect_only:
        _account_for_every_test(result, expected, attempts.stop_reason)
    return result


def _start_child(attempt, settings, attempts, pytest_args, env, workdir):
    """Start the ``attempt``-th child on what is still pending and watch it to its end."""
    events = workdir / f"events-{attempt}.jsonl"
    config = dict(
        settings,
        events=str(events),
        alarms=str(workdir / f"alarms-{attempt}.jsonl"),
        args=[
            *attempts.pending,
            *pytest_args,
            *[f"--ignore={f}" for f in attempts.ignored],
            *(["--collect-only"] if attempts.collect_only else []),
        ],
    )
    config_path = workdir / f"child-{attempt}.json"
    config_path.write_text(json.dumps(config), encoding="utf-8")
    cwd, sandboxed = Path(settings["root"]), settings["sandboxed"]
    child = _Child(config_path, cwd, env, workdir / f"output-{attempt}.log", sandboxed)
    return child.watch(events, attempts.limits, attempts.deadline), child


class _Attempts:
    """What the children of one run found so far, and whether another must start: a child
    that died charges the test it was running (or the file it was importing), and the
    tests it never reached run in the next one."""

    def __init__(self, targets: list[str], limits: Limits, collect_only: bool) -> None:
        self.limits, self.collect_only = limits, collect_only
        self.result = RunResult(budget=limits.budget)
        self.start = time.monotonic()
        self.deadline = self.start + limits.budget if limits.budget else None
        self.collected = False
        self.ignored: list[str] = []
        self.pending = list(targets)
        self.stop_reason = ""

    def absorb(self, state: _State, child: _Child) -> bool:
        """Take in one child's records; True when another child must run."""
        result = self.result
        result.returncode, result.output = child.returncode, child.tail()
        result.collect_errors += state.collect_errors
        result.alarms += state.alarms
        if state.collected and not self.collected:
            self.collected = True
            result.tests.update(state.tests)
        result.tests.update(state.results)
        if state.finished and not (not self.collected and state.collecting):
            return False
        if self.collect_only and self.collected:
            return False
        if state.stopped == "budget":
            self._budget_spent(state)
            return False
        return self._after_death(state, _death_reason(child.returncode, state, self.limits))

    def _charge(self, nodeid: str, outcome: str, message: str, since: float) -> None:
        rec = self.result.tests.get(nodeid) or TestRecord(nodeid)
        rec.outcome, rec.message = outcome, message
        rec.seconds = round(time.monotonic() - since, 3)
        self.result.tests[nodeid] = rec

    def _budget_spent(self, state: _State) -> None:
        self.stop_reason = f"the grade's time budget of {fmt_seconds(self.limits.budget)} s ran out"
        self.result.budget_spent = True
        if state.running is not None:
            message = f"stopped: {self.stop_reason} while this test ran"
            self._charge(state.running, "error", message, state.running_since)
        elif state.collecting is not None and not self.collected:
            self.result.collect_errors.append(
                {"nodeid": state.collecting, "message": f"not imported: {self.stop_reason}"}
            )

    def _after_death(self, state: _State, why: str) -> bool:
        if state.running is not None:
            self._charge(state.running, "error", why, state.running_since)
        elif state.collecting is not None and not self.collected:
            # The file is left out of the next child: --ignore for a folder given as a
            # target, and its node ids dropped (pytest collects an explicit one anyway).
            self.ignored.append(state.collecting)
            self.result.collect_errors.append({"nodeid": state.collecting, "message": why})
            self.pending = [t for t in self.pending if t.split("::", 1)[0] != state.collecting]
            return bool(self.pending)
        else:
            self.stop_reason = f"the test process ended before running it ({why})"
            return False
        self.pending = [n for n, r in self.result.tests.items() if r.outcome == "not run"]
        if not self.pending or not self.collected:
            return False
        self.result.restarts += 1
        return True


REVIEW = "needs review"  # how a test lost to an attempt on the grader is marked


def _distrust(rec: TestRecord, reason: str) -> TestRecord:
    rec.outcome = "failed"
    rec.stub = None
    rec.message = f"{REVIEW}: {reason}"
    return rec


def _account_for_every_test(result: RunResult, expected: list[str] | None, stop: str) -> None:
    errors = {e["nodeid"]: e["message"] for e in result.collect_errors}
    for nodeid in expected or ():
        if nodeid not in result.tests:
            file = nodeid.split("::", 1)[0]
            if file in errors:
                why = f"could not import the test file: {errors[file]}"
            else:
                why = stop or "the test was not collected"
            result.tests[nodeid] = TestRecord(nodeid, outcome="not run", message=f"not run: {why}")
    for rec in result.tests.values():
        if rec.outcome == "not run" and not rec.message:
            rec.message = f"not run: {stop or 'the grading run stopped before this test'}"


class _State:
    """What a child's events said so far."""

    def __init__(self) -> None:
        self.tests: dict[str, TestRecord] = {}  # from the "collected" event
        self.results: dict[str, TestRecord] = {}
        self.collect_errors: list[dict] = []
        self.collecting: str | None = None
        self.running: str | None = None
        self.running_since = time.monotonic()
        self.last_event = time.monotonic()
        self.collected = False
        self.finished = False
        self.stopped = ""  # "test", "collect" or "budget": why the watchdog stopped it
        self.alarms: list[dict] = []
        self._pending: dict[str, str] = {}  # test -> reason, for a result still to come
        self.checked: dict[str, str] = {}  # test -> outcome, as the guard checked it
        self.reported: dict[str, str] = {}  # test -> outcome, as the record said
        # Set once the grader's own state was changed or its record forged: no later
        # result of this child is trusted.
        self.distrust: str | None = None

    def alarm(self, nodeid: str | None, reason: str, *, taints: bool) -> None:
        self.alarms.append({"nodeid": nodeid, "reason": reason})
        if nodeid is not None and nodeid in self.results:
            _distrust(self.results[nodeid], reason)
        if taints or nodeid is None:
            self.distrust = self.distrust or reason
        elif nodeid is not None and nodeid not in self.results:
            self._pending.setdefault(nodeid, reason)

    def settle(self) -> None:
        """Once the child is gone: a result stands only if the guard checked the grader
        after it, with the same outcome (see m2m/runtime/guard.py)."""
        for nodeid, rec in self.results.items():
            checked = self.checked.get(nodeid)
            if checked is None:
                self.alarm(nodeid, f"no check of the grader followed {rec.name}", taints=False)
            elif checked != self.reported[nodeid]:
                self.alarm(
                    nodeid,
                    f"{rec.name} was reported {self.reported[nodeid]} but checked {checked}",
                    taints=False,
                )

    def feed(self, event: dict) -> None:
        now = time.monotonic()
        self.last_event = now
        kind = event.get("event")
        if kind == "alarm":
            self.alarm(event.get("nodeid"), str(event.get("reason")), taints=event.get("taints"))
        elif kind == "checked":
            self.checked[event.get("nodeid")] = event.get("outcome")
            if event.get("changes"):
                changes = "; ".join(map(str, event["changes"]))
                self.alarm(
                    event.get("nodeid"), f"the grader's code was changed: {changes}", taints=True
                )
        elif kind == "forged":
            self.alarm(self.running, event["reason"], taints=True)
        elif kind == "collect":
            self.collecting = event["nodeid"]
        elif kind == "collect_error":
            self.collect_errors.append({"nodeid": event["nodeid"], "message": event["message"]})
        elif kind == "collected":
            self.collecting, self.collected = None, True
            self.tests = {t["nodeid"]: TestRecord.from_dict(t) for t in event["tests"]}
        elif kind == "start":
            self.running, self.running_since = event["nodeid"], now
        elif kind == "result":
            rec = TestRecord.from_dict(event["test"])
            if rec.nodeid != self.running or rec.nodeid in self.results:
                self.alarm(
                    rec.nodeid,
                    f"a second or unexpected result for {rec.name} (the record was forged)",
                    taints=True,
                )
            self.results[rec.nodeid] = rec
            self.reported[rec.nodeid] = rec.outcome
            reason = self.distrust or self._pending.pop(rec.nodeid, None)
            if reason:
                _distrust(rec, reason)
            self.running = None
        elif kind == "finished":
            self.finished = True
            unreported = [n for n in self.tests if n not in self.results]
            if self.collected and unreported:
                self.alarm(
                    None,
                    f"{len(unreported)} test(s) ran without a result reaching the grader",
                    taints=True,
                )


class _Child:
    """One child pytest under the engine's watch."""

    def __init__(self, config: Path, cwd: Path, env: dict, log: Path, sandboxed: bool):
        self.log = log
        # -P: the engine's own folder is not put on sys.path (m2m/ holds a projects.py);
        # -I (sandboxed) also drops PYTHONPATH and the user's site-packages.
        flags = ["-I", "-B"] if sandboxed else ["-P", "-B"]
        # The key of the child's record travels on a pipe that the child reads and closes
        # before any tested code runs: a process that did not get it cannot write a line
        # the parent accepts.
        self.key, self.guard_key = secrets.token_hex(16), secrets.token_hex(16)
        with open(log, "wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, *flags, str(Path(__file__).resolve()), "--child", str(config)],
                cwd=cwd,
                env=env,
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=subprocess.STDOUT,  # one stream: nothing reaches the caller's stderr
                start_new_session=POSIX,  # its own process group, stopped as a whole
            )
        try:
            self.proc.stdin.write(f"{self.key}\n{self.guard_key}\n".encode())
            self.proc.stdin.close()
        except OSError:  # the child died at once; watch() reports it
            pass
        self.returncode = 0

    def watch(self, events: Path, limits: Limits, deadline: float | None) -> _State:
        state = _State()
        reader = _EventReader(events, self.key)
        alarms = _EventReader(
            events.with_name(events.name.replace("events", "alarms")), self.guard_key
        )
        while True:
            done = self.proc.poll() is not None
            for event in alarms.read() + reader.read():
                state.feed(event)
            if done:
                break
            now = time.monotonic()
            if deadline is not None and now > deadline:
                state.stopped = "budget"
            elif state.running is not None:
                if now - state.running_since > limits.for_test(state.running) + WATCHDOG_GRACE:
                    state.stopped = "test"
            elif not state.collected and now - state.last_event > limits.collect:
                state.stopped = "collect"
            if state.stopped:
                break
            time.sleep(POLL_SECONDS)
        self._kill_group()  # also anything the tests left running in the group
        for event in alarms.read() + reader.read():
            state.feed(event)
        reader.close()
        alarms.close()
        state.settle()
        self.returncode = self.proc.returncode
        return state

    def _kill_group(self) -> None:
        try:
            if POSIX:
                os.killpg(self.proc.pid, signal.SIGKILL)
            elif self.proc.poll() is None:
                self.proc.kill()
        except OSError:
            pass
        self.proc.wait()

    def tail(self, limit: int = 4000) -> str:
        try:
            with open(self.log, "rb") as fh:
                fh.seek(max(0, self.log.stat().st_size - limit))
                return fh.read().decode("utf-8", "replace")
        except OSError:
            return ""


def _mac(key: str, previous: str, body: str) -> str:
    return hmac.new(key.encode(), (previous + body).encode(), hashlib.sha256).hexdigest()


class _EventReader:
    """Reads the JSON lines a child appends, as they come; a line cut short by a crash
    ends the stream.

    With ``key``, each line is ``JSON<TAB>MAC``, the MAC chained to the previous accepted
    line: a line that does not verify (written by anything but the child's record) is
    dropped and reported as a ``forged`` event.
    """

    def __init__(self, path: Path, key: str | None = None):
        self.path, self.fh, self.buffer, self.broken = path, None, b"", False
        self.key, self.previous, self.seq = key, "", 0

    def read(self) -> list[dict]:
        if self.fh is None:
            try:
                self.fh = open(self.path, "rb")  # noqa: SIM115 (closed by close())
            except OSError:
                return []
        self.buffer += self.fh.read()
        *lines, self.buffer = self.buffer.split(b"\n")
        events = []
        for line in lines:
            if self.broken:
                break
            body, _, mac = line.decode("utf-8", "replace").rpartition("\t")
            if not body:  # a line without a MAC
                body, mac = mac, ""
            if self.key is not None:
                if not mac or not hmac.compare_digest(mac, _mac(self.key, self.previous, body)):
                    events.append(
                        {
                            "event": "forged",
                            "reason": "the test record holds a line the grader did not write",
                        }
                    )
                    continue
                self.previous = mac
            try:
                event = json.loads(body)
            except ValueError:
                self.broken = True
                continue
            if self.key is not None and event.get("seq") != self.seq:
                events.append({"event": "forged", "reason": "the test record is out of order"})
            self.seq += 1
            events.append(event)
        return events

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()


def read_events(path: Path) -> list[dict]:
    """Every event of a finished child's stream."""
    reader = _EventReader(Path(path))
    try:
        return reader.read()
    finally:
        reader.close()


def _death_reason(returncode: int, state: _State, limits: Limits) -> str:
    during = "during this test" if state.running is not None else "while importing this file"
    if state.stopped == "test":
        limit = limits.for_test(state.running)
        return f"timed out after {fmt_seconds(limit)} s (the test process had to be stopped)"
    if state.stopped == "collect":
        return (
            f"timed out after {fmt_seconds(limits.collect)} s while importing this file "
            "(the test process had to be stopped)"
        )
    if returncode is not None and returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        if name == "SIGKILL":
            return "killed (SIGKILL): memory limit exceeded or killed from outside"
        return f"the test process crashed ({name})"
    return f"the test process exited (status {returncode}) {during}"


# ---------------------------------------------------------------------------- the child


class TimeLimitExceeded(BaseException):  # noqa: N818 (reads as the event it is)
    """A test ran past its limit. A BaseException, so ``except Exception`` in the code
    under test does not swallow it (hypothesis does not retry it either)."""


class _AfterImport(importlib.abc.MetaPathFinder):
    """Calls ``then()`` right after the module ``name`` is first imported, before anything
    uses it. Importing hypothesis takes over half a second, and most grading processes
    run no hypothesis test; a profile loaded at that moment still reaches every
    ``@settings`` and ``@given`` written after the import."""

    def __init__(self, name: str, then) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # find the real module, once
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _ThenLoader(spec.loader, self.then)
        return spec


class _ThenLoader(importlib.abc.Loader):
    """Wraps one module's loader (which may serve many modules: pytest's assertion
    rewriter does) to run ``then()`` after that module is executed."""

    def __init__(self, loader, then) -> None:
        self._loader, self._then = loader, then

    def __getattr__(self, attr):  # get_resource_reader, is_package, ...
        return getattr(self._loader, attr)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        # The module keeps its own loader, as if nothing had been in between.
        module.__loader__ = module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        self._then()


def when_imported(name: str, then) -> None:
    """Run ``then()`` once ``name`` is imported (now, if it already is)."""
    if name in sys.modules:
        then()
    elif not any(isinstance(f, _AfterImport) and f.name == name for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport(name, then))


def load_hypothesis_profile(name: str = "m2m") -> None:
    """The course's hypothesis profile: derandomized, no deadline, no example database."""
    try:
        from hypothesis import HealthCheck, Phase, settings
    except ImportError:  # hypothesis is a test extra; suites that need it import it
        return
    settings.register_profile(
        "m2m",
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
        # No "explain" phase: it traces every line of a failing test (a slow tracer under
        # the grader's audit hook) to annotate a report the grade does not show.
        phases=[p for p in Phase if p.name != "explain"],
    )
    settings.load_profile(name)


MARKERS = (
    "points(n): points the test is worth when graded (default 1)",
    "task(n): the task of the project's brief that the test grades",
    "public: shipped to learners in an assignment bundle",
    "slow: takes minutes; left out of `make test`, run by `make test-slow` (CI runs both)",
    "nbgrader: runs the real nbgrader CLI (needs the instructor extra)",
)
_TOOL_MODULES = ("_pytest", "pytest", "hypothesis", "m2m")


def _marker_value(item, name: str, default):
    marker = item.get_closest_marker(name)
    if marker is None or not marker.args:
        return default
    return marker.args[0]


def _shared_fixtures(item) -> list[str]:
    """The course's fixtures wider than one test (module or session scope) that ``item``
    uses, as ``name`` or ``file::name`` for module scope. Tests that share one compute it
    once in a process, so a grader that spreads tests over processes keeps them together.
    """
    info = getattr(item, "_fixtureinfo", None)
    shared = []
    for name, defs in sorted(getattr(info, "name2fixturedefs", {}).items()):
        if not defs:
            continue
        fixture = defs[-1]  # the definition this test sees
        module = getattr(fixture.func, "__module__", "") or ""
        if fixture.scope == "function" or module.startswith(_TOOL_MODULES):
            continue
        if fixture.scope in ("module", "class"):
            shared.append(f"{item.nodeid.split('::', 1)[0]}::{name}")
        else:
            shared.append(name)
    return shared


def record_of(item) -> TestRecord:
    return TestRecord(
        nodeid=item.nodeid,
        task=_marker_value(item, "task", None),
        points=_marker_value(item, "points", 1),
        public=item.get_closest_marker("public") is not None,
        shared=_shared_fixtures(item),
    )


def last_line(text: str, limit: int = 300) -> str:
    """The last non-blank line of ``text``, stripped and cut to ``limit`` characters.

    The last line on purpose: a pytest report ends with the error itself
    (``E   AssertionError: ...`` or ``path:12: ValueError``), after the code around it.
    """
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return (lines[-1] if lines else "")[:limit]


def describe(exc: BaseException) -> str:
    """One line for a report; the common failures of hostile code named plainly."""
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if type(exc).__name__ == "TimeLimitExceeded":
        return first
    if isinstance(exc, MemoryError):
        return f"memory limit exceeded ({type(exc).__name__})"
    timeout = re.search(r"Timeout \(?>([0-9.]+)s", first)  # pytest-timeout's message
    if timeout:
        return f"timed out after {float(timeout.group(1)):g} s"
    if isinstance(exc, SystemExit):
        return f"the code called sys.exit({exc.code!r})"
    return f"{type(exc).__name__}: {first}"[:300]


#: The plugin's attributes that change while tests run (the guard checks the rest).
PLUGIN_STATE = ("_deadline", "_limit", "_previous", "_seq", "current", "stream", "config")


class EnginePlugin:
    """The pytest side of the engine: test records, the event stream, per-test time
    limits, stub messages, the hypothesis profile and the course's markers. Make one with
    :func:`make_plugin`, which adds the wrapper hooks (they need pytest).

    Registered by the engine's child, and by the course's pytest plugin for
    ``--m2m-report`` (then without time limits: pytest-timeout governs those runs).
    """

    m2m_engine_plugin = True  # lets the course plugin see that one is registered

    def __init__(
        self,
        events: str | None,
        limits: dict[str, float] | None = None,
        default_limit: float | None = None,
        root: Path | None = None,
        key: str | None = None,
        checkpoint: str | None = None,
    ) -> None:
        self.stream = open(events, "a", encoding="utf-8") if events else None  # noqa: SIM115
        self.limits = limits or {}
        self.default_limit = default_limit
        self.root = root  # sandboxed: kept at the end of sys.path
        self.records: dict[str, TestRecord] = {}
        self.config = None
        self._deadline: float | None = None
        self._limit = 0.0
        # The record's key (None: an unkeyed stream, as for --m2m-report) and chain.
        self._key, self._previous, self._seq = key, "", 0
        # Where the guard listens (m2m/runtime/guard.py): opening "<checkpoint>/<tag>" makes it
        # record (tag "extend") or check (tag: the outcome) the grader's state.
        self.checkpoint = checkpoint
        self.current: str | None = None  # the test running now

    def emit(self, event: dict) -> None:
        if self.stream is None:
            return
        event = dict(event, seq=self._seq)
        self._seq += 1
        body = json.dumps(event)
        if self._key is not None:
            self._previous = _mac(self._key, self._previous, body)
            body = f"{body}\t{self._previous}"
        self.stream.write(body + "\n")
        self.stream.flush()

    def alarm(self, reason: str, *, taints: bool = False) -> None:
        """Report an attempt on the grader during the current test (or collection)."""
        self.emit({"event": "alarm", "nodeid": self.current, "reason": reason, "taints": taints})

    def check(self, tag: str) -> None:
        """Ask the guard to record the grader's state or to check it (see ``checkpoint``).
        The parent accepts a result only after the guard's check of it."""
        if self.checkpoint is None:
            return
        try:
            with open(f"{self.checkpoint}/{tag}", "rb"):
                pass
        except OSError:  # the checkpoint is never a file: the guard saw the open
            pass

    # -- configuration
    def pytest_configure(self, config) -> None:
        self.config = config
        for line in MARKERS:
            config.addinivalue_line("markers", line)
        when_imported("hypothesis", load_hypothesis_profile)

    def pytest_sessionstart(self, session) -> None:
        if self.root is not None:  # after every plugin's configure, whatever it did
            assignment_last(self.root)
        self.check("extend")

    # -- collection
    def pytest_collectstart(self, collector) -> None:
        import pytest

        if isinstance(collector, pytest.Module):
            self.emit({"event": "collect", "nodeid": collector.nodeid})

    def pytest_collectreport(self, report) -> None:
        # Recorded so the grader can say which file failed to import instead of "0 tests".
        if report.failed:
            self.emit(
                {
                    "event": "collect_error",
                    "nodeid": report.nodeid,
                    "message": last_line(str(report.longrepr)),
                }
            )

    def pytest_collection_finish(self, session) -> None:
        for item in session.items:
            self.records[item.nodeid] = record_of(item)
        self.check("extend")  # the test modules and fixture files, now imported
        self.emit({"event": "collected", "tests": [r.to_dict() for r in self.records.values()]})

    # -- running
    def pytest_runtest_logstart(self, nodeid: str, location) -> None:
        self.current = nodeid
        self.emit({"event": "start", "nodeid": nodeid})
        limit = self.limits.get(nodeid, self.default_limit)
        self._limit = float(limit) if limit else 0.0
        self._deadline = time.monotonic() + self._limit if limit else None

    def _arm(self) -> None:
        if self._deadline is None or not POSIX:
            return
        remaining = max(self._deadline - time.monotonic(), 0.001)
        limit = self._limit

        def expire(signum, frame):
            raise TimeLimitExceeded(f"timed out after {fmt_seconds(limit)} s")

        signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, remaining)

    def _disarm(self) -> None:
        if self._deadline is not None and POSIX:
            signal.setitimer(signal.ITIMER_REAL, 0)

    def record_report(self, item, call, report) -> None:
        """Fold one phase's report into the test's record; after teardown, have the guard
        check the grader and send the record."""
        rec = self.records.setdefault(item.nodeid, record_of(item))
        if type(rec) is not TestRecord:  # noqa: E721 (a subclass is a forgery)
            rec = self.records[item.nodeid] = record_of(item)
            self.alarm("a test record was replaced", taints=True)
        rec.seconds = round(rec.seconds + float(report.duration), 4)
        if report.when == "setup" and rec.outcome == "not run":
            rec.outcome = "passed"
        if report.failed:
            rec.outcome = "failed" if report.when == "call" else "error"
            _explain_failure(rec, call, report)
        elif report.skipped and rec.outcome == "passed":
            rec.outcome = "skipped"
            rec.message = last_line(str(report.longrepr))
        if report.when == "teardown":
            self.check(rec.outcome)
            self.emit({"event": "result", "test": rec.to_dict()})
            self.current = None

    def pytest_sessionfinish(self, session, exitstatus) -> None:
        self.emit({"event": "finished", "exitstatus": int(exitstatus)})
        if self.stream is not None:
            self.stream.close()
            self.stream = None


def _explain_failure(rec: TestRecord, call, report) -> None:
    """The one-line message of a failed phase: the stub's pointer for an unfilled stub (the
    learner needs that, not a traceback into the stub), else the error."""
    exc = call.excinfo.value if call.excinfo else None
    stub = stub_message(exc)
    if stub:
        rec.stub = stub
        rec.message = f"not implemented yet: {stub}"
        report.longrepr = rec.message
    elif exc is not None:
        rec.message = describe(exc)
        if isinstance(exc, TimeLimitExceeded):
            report.longrepr = rec.message
    else:
        rec.message = last_line(str(report.longrepr))


def _hookwrappers() -> None:
    """Add the plugin's wrapper hooks (needs pytest, so done once pytest is imported)."""
    import pytest

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(self, collector):
        # A module that calls sys.exit() while it is imported would end the whole session;
        # it fails its own file's collection instead, like any other import error.
        try:
            return (yield)
        except SystemExit as exc:
            return pytest.CollectReport(
                collector.nodeid,
                "failed",
                f"the code called sys.exit({exc.code!r}) while this file was imported",
                [],
            )

    def phase(self, item):
        self._arm()
        try:
            return (yield)
        finally:
            self._disarm()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item):
        return (yield from phase(self, item))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):
        return (yield from phase(self, item))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item, nextitem):
        return (yield from phase(self, item))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        self.record_report(item, call, report)
        return report

    EnginePlugin.pytest_make_collect_report = pytest_make_collect_report
    EnginePlugin.pytest_runtest_setup = pytest_runtest_setup
    EnginePlugin.pytest_runtest_call = pytest_runtest_call
    EnginePlugin.pytest_runtest_teardown = pytest_runtest_teardown
    EnginePlugin.pytest_runtest_makereport = pytest_runtest_makereport


def make_plugin(*args, **kwargs) -> EnginePlugin:
    """An :class:`EnginePlugin` (pytest must be importable)."""
    if not getattr(EnginePlugin, "_wrapped", False):
        _hookwrappers()
        EnginePlugin._wrapped = True
    return EnginePlugin(*args, **kwargs)


def assignment_last(root: Path) -> None:
    """Move ``root`` to the end of ``sys.path``: installed packages answer first."""
    entries = {str(root), str(Path(root).resolve())}
    sys.path[:] = [p for p in sys.path if p not in entries] + [str(root)]


def _apply_limits(memory_mb: int, file_mb: int) -> None:
    """The child limits itself before any tested code runs (no preexec_fn: that is not
    safe in a parent with threads, such as a Jupyter kernel)."""
    try:
        import resource
    except ImportError:  # not on POSIX: the time limits still apply
        return
    wanted = [(resource.RLIMIT_CORE, 0)]
    if memory_mb:
        wanted.append((resource.RLIMIT_AS, memory_mb * 1024 * 1024))
    if file_mb:
        wanted.append((resource.RLIMIT_FSIZE, file_mb * 1024 * 1024))
    for which, value in wanted:
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass


def _load_fixture_files(root: Path, files: list[str]) -> list[object]:
    """The course's ``conftest.py`` files, imported as plugins: ``--noconftest`` keeps
    pytest from picking up any ``conftest.py`` by itself, so one planted in a submission
    is never loaded."""
    modules = []
    for i, rel in enumerate(files):
        path = root / rel
        if not path.is_file():
            continue
        spec = importlib.util.spec_from_file_location(f"m2m_fixtures_{i}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def _read_keys() -> tuple[str | None, str | None]:
    """The keys of the record and of the guard's channel, sent by the parent on standard
    input, which is then closed."""
    try:
        keys = [sys.stdin.readline().strip() or None for _ in range(2)]
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        return None, None
    return keys[0], keys[1]


def _arm_guard(config: dict, key: str | None, plugin: EnginePlugin, *readable: Path) -> None:
    """Refusals and the fingerprint, before any tested module is imported. The folder of
    the record and the configuration is closed to everything but ``readable``."""
    guard_module = _load_beside("guard")
    root = Path(config["root"]).resolve()
    here = Path(__file__).resolve()
    # The runtime's folder; inside the m2m package, the whole package.
    grader_files = [here.parent] + (
        [here.parent.parent] if here.parent.parent.name == "m2m" else []
    )
    channel = None
    if key is not None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
        channel = (os.open(config["alarms"], flags, 0o600), key)
    lines = config.get("learner_lines")
    guard = guard_module.Guard(
        learner_dirs=[root / "shared", root / "projects"],
        learner_lines=None if lines is None else {str(root / k): v for k, v in lines.items()},
        private=[Path(config["events"]).parent],
        readable=readable,
        protected=[root / "tests", root / "tests_hidden", *grader_files],
        channel=channel,
        current=lambda: plugin.current,
        checkpoint=Path(config["events"]).parent / "checkpoint",
        plugin=(plugin, PLUGIN_STATE),
        tests=[root / "tests", root / "tests_hidden"],
    )
    try:  # NumPy's bindings are fingerprinted before any answer can change them
        import numpy  # noqa: F401
        import numpy.testing  # noqa: F401
    except ImportError:
        pass
    plugin.checkpoint = guard.checkpoint
    guard.install()


def _child(config_path: str) -> int:
    """Child entry point: ``engine.py --child CONFIG.json``."""
    key, guard_key = _read_keys()
    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    _apply_limits(int(config["memory_mb"]), int(config["file_mb"]))
    sys.dont_write_bytecode = True
    # pytest is imported before the folder under test is on sys.path: a planted
    # pytest.py cannot answer.
    import pytest  # noqa: F401

    root = Path(config["root"]).resolve()
    args = list(config["args"])
    args += [
        "-q",
        "--no-header",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:timeout",  # the engine's alarm is the per-test limit; two alarms would clash
        "-o",
        "console_output_style=classic",
        "--continue-on-collection-errors",
    ]
    plugin = make_plugin(
        config["events"],
        {k: float(v) for k, v in config["limits"].items()},
        float(config["default_limit"]),
        root if config["sandboxed"] else None,
        key=key,
    )
    plugins: list[object] = [plugin]
    if config["sandboxed"]:
        assignment_last(root)
        for package in ("shared", "projects"):
            spec = importlib.util.find_spec(package)
            where = Path(next(iter(spec.submodule_search_locations or []), "")) if spec else None
            if where is not None and where.resolve().parent != root:
                print(f"ERROR: '{package}' resolves to {where}, not to {root}")
                return 3
        # An empty configuration of our own: no ini file of the graded folder is read.
        # (pytest 9 refuses ``-c /dev/null``: a config file must have an ini-like suffix.)
        empty_ini = Path(config["events"]).parent / "m2m-empty.ini"
        empty_ini.write_text("[pytest]\n", encoding="utf-8")
        args += [
            "--noconftest",
            "-c",
            str(empty_ini),
            f"--rootdir={root}",
            "--import-mode=importlib",
            "--tb=short",
        ]
        _arm_guard(config, guard_key, plugin, empty_ini)
        plugins += _load_fixture_files(root, list(config["fixture_files"]))
    else:
        args += ["--tb=no", "--show-capture=no"]
        _arm_guard(config, guard_key, plugin)
    os.chdir(root)
    return int(pytest.main(args, plugins=plugins))


if __name__ == "__main__" and len(sys.argv) > 2 and sys.argv[1] == "--child":
    sys.exit(_child(sys.argv[2]))
