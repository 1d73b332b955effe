"""Keep graded code out of the grader, and say so when it tries.

An answer runs in the process that judges it, so no single check can stop code that
wants to rewrite its own results. The grading engine's child layers three guards, all
installed before any learner module is imported, and turns every attempt into an
*alarm*: a line the parent reads, the submission flagged for review, and the tests the
attempt touched scored 0.

1. **Refusals** (PEP 578 audit hooks, :class:`Guard`). What no answer needs is refused
   when learner code asks for it: searching live objects (``gc.get_objects``,
   ``get_referrers``, ``get_referents``), reaching frames (``sys._getframe`` and the
   ``inspect``/``traceback`` functions that hand frames back, ``tb_frame``, ``gi_frame``,
   ``cr_frame``, ``ag_frame``, ``sys._current_frames``), tracing (``sys.settrace``,
   ``sys.setprofile``), raw memory (``ctypes``), building code at run time (``exec``,
   ``eval``, ``compile``, new functions or code objects), other processes (``subprocess``,
   ``os.system``, ``fork``, ``exec*``, ``spawn*``), adding audit hooks, and opening the
   course's test files or the grader's own files. A refused call raises
   :class:`GraderIntegrityError` and the attempt is reported even if the answer catches
   the error. "Learner code" is a frame running one of the answer's own lines (the
   spans the grader recorded when it put the answers back; every line of ``shared/`` and
   ``projects/`` when a tree is graded as it stands), so given code that needs one of
   these for its own ends is never refused; for frames the rule looks past the standard
   library functions that
   only hand a frame back (``inspect.currentframe``, ``traceback.walk_stack``, ...), and
   for processes, memory and files past the whole standard library, so NumPy,
   matplotlib or ``collections.namedtuple`` calling these for their own ends is not
   refused.
2. **A fingerprint** of the grader's state (:class:`Fingerprint`): every function, class
   and module bound in pytest, pluggy, the engine, ``builtins``, NumPy's top level and
   ``numpy.testing``, the test modules and the course's fixture files, and every
   attribute of every class defined there, pytest's plugins and hook implementations,
   and the engine plugin's own attributes. It is recorded when the session starts and
   after collection, and checked at a checkpoint the plugin passes after every test
   (opening ``<checkpoint>/<outcome>``): the guard writes a "checked" line on its own
   keyed channel, and the parent accepts a result only when such a line with the same
   outcome follows it. A difference means the grader itself was changed, and no later
   result of that process is trusted.
3. **An authenticated record** (in :mod:`m2m.runtime.engine`): each event line carries a
   sequence number and a keyed hash chained to the line before, with a key the parent
   hands the child on a pipe; the parent flags a line it cannot verify, a result for a
   test that is not running, and a second result for one test.

Standard library only: ``m2m nbgrader build`` copies this file beside the engine.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import sysconfig
import types

#: Events whose caller is looked at. The rest of the audit stream (imports, opens of
#: ordinary files, ...) passes through a set lookup and nothing more.
FRAME_EVENTS = frozenset({"sys._getframe", "sys._current_frames"})
FRAME_ATTRIBUTES = frozenset({"tb_frame", "gi_frame", "cr_frame", "ag_frame"})
SEARCH_EVENTS = frozenset({"gc.get_objects", "gc.get_referrers", "gc.get_referents"})
TRACE_EVENTS = frozenset({"sys.settrace", "sys.setprofile", "sys.addaudithook"})
CODE_EVENTS = frozenset({"exec", "compile", "function.__new__", "code.__new__"})
PROCESS_EVENTS = frozenset(
    {
        "subprocess.Popen",
        "os.system",
        "os.exec",
        "os.posix_spawn",
        "os.spawn",
        "os.fork",
        "os.forkpty",
        "pty.spawn",
        "os.startfile",
    }
)
FILE_EVENTS = frozenset(
    {"open", "os.truncate", "os.remove", "os.rename", "os.chmod", "os.link", "os.symlink"}
)
WATCHED = (
    FRAME_EVENTS
    | SEARCH_EVENTS
    | TRACE_EVENTS
    | CODE_EVENTS
    | PROCESS_EVENTS
    | FILE_EVENTS
    | {"object.__getattr__", "object.__setattr__", "object.__delattr__"}
)

#: Standard library functions that hand their caller a frame: a frame event they raise is
#: charged to whoever called them.
FRAME_HANDERS = {
    "inspect.py": None,  # every function of inspect
    "traceback.py": {"walk_stack", "walk_tb", "extract_stack", "format_stack", "print_stack"},
    os.path.join("logging", "__init__.py"): {"<lambda>"},  # logging.currentframe
}


# What the guard calls, bound here and copied with the module's globals when a guard is
# installed: rebinding ``sys._getframe`` or ``os.write`` later does not reach that copy.
_getframe = sys._getframe
_realpath = os.path.realpath
_write = os.write
_mac = hmac.new
_sha256 = hashlib.sha256
_dumps = json.dumps


class GraderIntegrityError(RuntimeError):
    """Graded code asked for something no answer needs (see the module's docstring)."""


def _stdlib_dirs() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    found = {os.path.realpath(paths[k]) + os.sep for k in ("stdlib", "platstdlib") if k in paths}
    return tuple(sorted(found))


class Guard:
    """The audit hook of one grading process.

    ``learner_dirs``: folders whose code is the learner's. ``private``: files and folders
    that nothing may open once the guard is armed (the grader's own records).
    ``protected``: folders learner code may not open (the tests, the grader's code);
    ``readable``: files inside ``private`` that may still be read (pytest's settings).
    ``channel``: ``(fd, key)``, where each refusal is written as one JSON line with a
    sequence number and a keyed hash chained to the line before (see
    :func:`read_channel`); ``current()`` names the test running (None: none).

    Once installed, nothing reachable from a module can switch the guard off: the
    instance is referenced only by the interpreter's hook list, and its methods run on a
    private copy of this module's globals, made at installation, so patching this module,
    the class, ``sys._getframe`` or ``os.write`` afterwards changes nothing.
    """

    def __init__(
        self,
        learner_dirs,
        private=(),
        protected=(),
        channel=None,
        current=None,
        readable=(),
        checkpoint=None,
        plugin=None,
        tests=(),
        learner_lines=None,
    ) -> None:
        self.learner = tuple(os.path.realpath(d) + os.sep for d in learner_dirs)
        # Path -> spans of the learner's own lines; None: every line under learner_dirs.
        self.lines = (
            None
            if learner_lines is None
            else {os.path.realpath(k): [tuple(s) for s in v] for k, v in learner_lines.items()}
        )
        self.private = tuple(os.path.realpath(p) for p in private)
        self.readable = frozenset(os.path.realpath(p) for p in readable)
        self.protected = tuple(os.path.realpath(p) for p in protected)
        self.channel = channel
        self.current = current or (lambda: None)
        self.stdlib = _stdlib_dirs()
        self.armed = False
        self.attempts: list[str] = []
        self._busy = False
        self._seq = 0
        self._previous = ""
        self._learner_cache: dict[str, bool] = {}
        self._stdlib_cache: dict[str, bool] = {}
        # The checkpoint: opening "<checkpoint>/extend" records the grader's state (the
        # modules loaded so far, the engine's plugin), "<checkpoint>/<outcome>" checks it
        # and writes a "checked" line. The fingerprint lives here, out of every reach.
        self.checkpoint = str(checkpoint) if checkpoint is not None else None
        self.plugin = plugin  # (the engine's plugin, its attributes that may change)
        self.tests = tuple(os.path.realpath(t) + os.sep for t in tests)
        self.fingerprint = Fingerprint()
        self.checking = False  # True once the first test was checked: no more recording

    def install(self) -> None:
        """Seal the methods (see the class docstring), add the hook and arm it. The hook
        cannot be removed."""
        private = dict(globals())
        for name, value in vars(Guard).items():
            func = value.__func__ if isinstance(value, staticmethod) else value
            if isinstance(func, types.FunctionType) and name not in ("__init__", "install"):
                sealed = types.FunctionType(
                    func.__code__, private, func.__name__, func.__defaults__, func.__closure__
                )
                bound = sealed if isinstance(value, staticmethod) else sealed.__get__(self)
                setattr(self, name, bound)
        slow = self._hook

        # The hook the interpreter calls for every audited event (millions of id() calls in
        # an autograd test): only locals, so the common case costs one set lookup.
        def hook(event, args, watched=WATCHED, frames=FRAME_ATTRIBUTES, slow=slow):
            if event in watched and (event != "object.__getattr__" or args[1] in frames):
                slow(event, args)

        sys.addaudithook(hook)
        self.armed = True

    def report(self, reason: str) -> None:
        """Write one refusal to the channel (and keep it in ``attempts``)."""
        self.attempts.append(reason)
        try:
            nodeid = self.current()
        except Exception:  # noqa: BLE001 (whatever was done to the plugin, report)
            nodeid = None
        self._send({"event": "alarm", "nodeid": nodeid, "reason": reason})

    def _send(self, event: dict) -> None:
        """One line on the channel: JSON with a sequence number, a tab, the chained MAC."""
        if self.channel is None:
            return
        fd, key = self.channel
        body = _dumps(dict(event, seq=self._seq))
        self._seq += 1
        self._previous = _mac(key.encode(), (self._previous + body).encode(), _sha256).hexdigest()
        try:
            _write(fd, f"{body}\t{self._previous}\n".encode())
        except OSError:
            pass

    # -- deciding who asked
    def is_learner(self, filename: str) -> bool:
        known = self._learner_cache.get(filename)
        if known is None:
            real = _realpath(filename) if os.path.isabs(filename) else filename
            known = real.startswith(self.learner)
            self._learner_cache[filename] = known
        return known

    def _is_stdlib(self, filename: str) -> bool:
        known = self._stdlib_cache.get(filename)
        if known is None:
            real = _realpath(filename)
            known = filename.startswith("<frozen ") or (
                real.startswith(self.stdlib)
                and "site-packages" not in real
                and "dist-packages" not in real
            )
            self._stdlib_cache[filename] = known
        return known

    @staticmethod
    def _hands_frames(frame) -> bool:
        filename, name = frame.f_code.co_filename, frame.f_code.co_name
        for suffix, names in FRAME_HANDERS.items():
            if filename.endswith(os.sep + suffix) and (names is None or name in names):
                return True
        return False

    def _frame_caller(self, frame):
        """The frame charged with a frame event: past the functions that hand frames on."""
        while frame is not None and self._hands_frames(frame):
            frame = frame.f_back
        return frame

    def _outside_stdlib(self, frame):
        """The nearest frame outside the standard library (whoever really asked)."""
        while frame is not None and self._is_stdlib(frame.f_code.co_filename):
            frame = frame.f_back
        return frame

    def _learner_asked(self, frame) -> bool:
        if frame is None or not self.is_learner(frame.f_code.co_filename):
            return False
        if self.lines is None:
            return True
        spans = self.lines.get(_realpath(frame.f_code.co_filename))
        line = frame.f_lineno
        return bool(spans) and any(lo <= line <= hi for lo, hi in spans)

    # -- the hook
    def _hook(self, event: str, args: tuple) -> None:
        # The fast path: tracers (hypothesis explaining a failure) read frame.f_code
        # millions of times, and each read is an audit event.
        if event not in WATCHED or self._busy or not self.armed:
            return
        if event == "object.__getattr__" and args[1] not in FRAME_ATTRIBUTES:
            return
        self._busy = True
        try:
            caller = _getframe(2)  # past the hook that called this
            reason = self._check(event, args, caller)
            if reason:
                reason += self._where(caller)
                self.report(reason)
        finally:
            self._busy = False
        if reason:
            raise GraderIntegrityError(f"refused by the grader: {reason}")

    def _checkpoint(self, tag: str) -> None:
        fingerprint = self.fingerprint
        if tag == "extend" and not self.checking:
            fingerprint.add_loaded()
            for name, module in list(sys.modules.items()):
                where = getattr(module, "__file__", None)
                if where and _realpath(where).startswith(self.tests):
                    fingerprint.add_module(name, module)
            if self.plugin is not None:
                plugin, volatile = self.plugin
                fingerprint.add_instance("the engine's plugin", plugin, volatile)
                fingerprint.add_class(f"{type(plugin).__name__}", type(plugin))
                config = getattr(plugin, "config", None)
                if config is not None:
                    fingerprint.add_plugins(config.pluginmanager)
            return
        self.checking = True
        try:
            nodeid = self.current()
        except Exception:  # noqa: BLE001
            nodeid = None
        self._send(
            {"event": "checked", "nodeid": nodeid, "outcome": tag, "changes": fingerprint.changes()}
        )

    def _where(self, frame) -> str:
        """`` at FILE:LINE`` of the nearest learner frame (what a reviewer opens first)."""
        while frame is not None and not self._learner_asked(frame):
            frame = frame.f_back
        if frame is None:
            return ""
        path = frame.f_code.co_filename
        for root in self.learner:
            parent = os.path.dirname(root.rstrip(os.sep)) + os.sep
            if path.startswith(parent):
                path = path[len(parent) :]
                break
        return f" at {path}:{frame.f_lineno}"

    def _check(self, event: str, args: tuple, caller) -> str | None:
        if (
            event == "open"
            and self.checkpoint is not None
            and isinstance(args[0], str)
            and args[0].startswith(self.checkpoint + "/")
        ):
            self._checkpoint(args[0][len(self.checkpoint) + 1 :])
            return None
        if event in FILE_EVENTS:
            return self._check_file(event, args, caller)
        if event == "object.__getattr__":
            if len(args) > 1 and args[1] in FRAME_ATTRIBUTES:
                if self._learner_asked(self._frame_caller(caller)):
                    return f"reading {args[1]} (frames belong to the grader)"
            return None
        if event in ("object.__setattr__", "object.__delattr__"):
            target = args[0] if args else None
            if isinstance(target, types.FunctionType) and self._learner_asked(caller):
                return f"changing a function's {args[1]}"
            return None
        if event in FRAME_EVENTS:
            if self._learner_asked(self._frame_caller(caller)):
                return f"{event} (frames belong to the grader)"
            return None
        if event in CODE_EVENTS:
            # Importing a module executes its code from importlib's frames, which are not
            # the learner's; only code the answer itself executes or builds is refused.
            if self._learner_asked(caller):
                return f"{event} (answers may not run or build code at run time)"
            return None
        if self._learner_asked(self._outside_stdlib(caller)):
            if event in SEARCH_EVENTS:
                return f"{event} (searching the process's live objects)"
            if event in TRACE_EVENTS:
                return f"{event} (tracing the process)"
            return f"{event} (answers may not start or replace processes)"
        return None

    def _check_file(self, event: str, args: tuple, caller) -> str | None:
        path = args[0] if args else None
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if not isinstance(path, str):
            return None  # a file descriptor: nothing new is opened
        real = _realpath(path)
        if real.startswith(("/proc/", "/dev/fd/")) and "/fd" in real:
            if self._learner_asked(self._outside_stdlib(caller)):
                return f"{event} {path} (another handle on the grader's files)"
            return None
        reading = event == "open" and len(args) > 1 and args[1] in ("r", "rb", None)
        for private in self.private:
            if reading and real in self.readable:
                break
            if real == private or real.startswith(private + os.sep):
                return f"{event} {path} (the grader's own record)"
        for protected in self.protected:
            if real == protected or real.startswith(protected + os.sep):
                if self._learner_asked(self._outside_stdlib(caller)):
                    return f"{event} {path} (the tests and the grader are not the answer's)"
        return None


# --------------------------------------------------------------------------- the fingerprint

#: Modules whose bindings and classes are the grader's. Test modules and fixture files are
#: added by the engine once they are collected.
GUARDED_PREFIXES = ("_pytest", "pytest", "pluggy", "m2m", "m2m_runtime", "numpy.testing")
GUARDED_EXACT = ("builtins", "numpy", "__main__")
#: Bindings that pytest itself changes around every test.
VOLATILE = {
    "_pytest.assertion.util": {"_reprcompare", "_assertion_pass", "_config"},
}


def guarded(name: str) -> bool:
    return name in GUARDED_EXACT or any(
        name == p or name.startswith(p + ".") or name.startswith(p + "_") for p in GUARDED_PREFIXES
    )


#: Class attributes pytest adds to its own node classes while it runs.
CLASS_FLAGS = frozenset({"_pytest_diamond_inheritance_warning_shown"})


def _own_names(space) -> int:
    """How many attributes a class dict holds, less the flags pytest sets while it runs."""
    return len(space) - sum(name in space for name in CLASS_FLAGS)


def _watched(value) -> bool:
    return isinstance(value, (types.FunctionType, type, types.ModuleType, types.MethodType)) or (
        callable(value) and not isinstance(value, (int, float, str, bytes))
    )


class Fingerprint:
    """What the grader's code is bound to, compared after every test."""

    def __init__(self) -> None:
        self._entries: list[tuple[str, object, str, object]] = []  # (where, mapping, key, value)
        self._sizes: list[tuple[str, object, int]] = []  # class dicts must not grow
        self._seen: set[int] = set()
        self._instances: list[tuple[str, dict, frozenset]] = []  # (where, dict, allowed keys)
        self._probes: list = []  # functions returning a change or None

    def add_module(self, name: str, module: types.ModuleType) -> None:
        if id(module) in self._seen or not isinstance(module, types.ModuleType):
            return
        self._seen.add(id(module))
        space = vars(module)
        skip = VOLATILE.get(name, ())
        for key, value in list(space.items()):
            if key in skip or not _watched(value):
                continue
            self._entries.append((name, space, key, value))
            if isinstance(value, type) and getattr(value, "__module__", None) == module.__name__:
                self.add_class(f"{name}.{key}", value)

    def add_class(self, where: str, cls: type) -> None:
        if id(cls) in self._seen:
            return
        self._seen.add(id(cls))
        space = cls.__dict__
        self._sizes.append((where, space, _own_names(space)))
        for key, value in list(space.items()):
            if key not in ("__dict__", "__weakref__", "__doc__"):
                self._entries.append((where, space, key, value))

    def add_instance(self, where: str, obj: object, volatile=()) -> None:
        """``obj``'s own attributes: none may be added, and those not in ``volatile`` keep
        their values (an instance attribute would shadow a method of its class)."""
        space = vars(obj)
        if id(space) in self._seen:
            return
        self._seen.add(id(space))
        self._instances.append((where, space, frozenset(space) | frozenset(volatile)))
        for key, value in list(space.items()):
            if key not in volatile:
                self._entries.append((where, space, key, value))

    def add_plugins(self, manager) -> None:
        """pytest's plugins and the implementations of every hook: none may be added,
        removed or reordered."""
        plugins = tuple(manager.get_plugins())
        hooks = {
            name: tuple(impl.function for impl in caller.get_hookimpls())
            for name, caller in vars(manager.hook).items()
            if hasattr(caller, "get_hookimpls")
        }

        def now():
            current = tuple(manager.get_plugins())
            if len(current) != len(plugins) or any(p not in plugins for p in current):
                return "a pytest plugin was registered or removed"
            for name, impls in hooks.items():
                caller = getattr(manager.hook, name, None)
                if caller is None or tuple(i.function for i in caller.get_hookimpls()) != impls:
                    return f"the implementations of pytest's {name} hook were changed"
            return None

        self._probes = [p for p in self._probes if getattr(p, "manager", None) is not manager]
        now.manager = manager  # recorded again once collection loaded the conftest files
        self._probes.append(now)

    def add_loaded(self, extra=()) -> None:
        """Every guarded module loaded now, and ``extra`` modules."""
        for name, module in list(sys.modules.items()):
            if module is not None and guarded(name):
                self.add_module(name, module)
        for module in extra:
            self.add_module(getattr(module, "__name__", "?"), module)

    def changes(self, limit: int = 3) -> list[str]:
        """What differs from when each binding was recorded (at most ``limit`` items)."""
        missing = object()
        found: list[str] = []
        for where, space, key, value in self._entries:
            if space.get(key, missing) is not value:
                found.append(f"{where}.{key} was replaced")
                if len(found) >= limit:
                    return found
        for probe in self._probes:
            change = probe()
            if change:
                found.append(change)
        for where, space, allowed in self._instances:
            extra = [key for key in space if key not in allowed]
            if extra:
                found.append(f"{where} was given attributes {', '.join(map(str, extra[:3]))}")
        for where, space, size in self._sizes:
            if _own_names(space) != size:
                found.append(f"attributes were added to or removed from {where}")
                if len(found) >= limit:
                    return found
        return found
