"""The learner's answers in a file, and the file that is graded.

A learner's copy of a course file is the generated stub file with each stub line replaced by
the learner's code. What is graded is the *pristine* stub file with only those answers put
back in, plus the file's "your helpers" block: an edit anywhere else (a given helper, a
test oracle, an import at the top, a docstring) is ignored and reported, so a grade never
depends on code that is not the learner's answer.

How answers are found. The learner's file is aligned with the pristine stub file line by
line (:class:`difflib.SequenceMatcher`). A changed block that touches a stub line is that
stub's answer; it is clipped to the body of the function that holds the stub (in the
pristine file and, found by its qualified name, in the learner's file), so an answer can
never reach into a neighbouring function. A changed block that touches no stub is an edit
outside the answers: ignored, and named in the report with its line numbers.

Where helpers may live. Inside an answer (a nested function, a local import), or in the
module's helpers block, written into every learner file that has stubs::

    # ── your helpers ─────────...
    (imports and functions of your own)
    # ── end of your helpers ──...

Standard library only, and part of the grading runtime (:mod:`m2m.runtime`) that
``m2m nbgrader build`` copies into every assignment.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import re
from dataclasses import dataclass, field

from .naming import STUB_LINE  # a generated stub line (``m2m release`` writes it)

HELPERS_BEGIN = "# ── your helpers " + "─" * 70
HELPERS_END = "# ── end of your helpers " + "─" * 63
HELPERS_HINT = (
    "# Imports and helper functions of your own may go here (or next to their use): the\n"
    "# grader keeps them. Given code outside the stubs is graded as originally written.\n"
)


def helpers_block() -> str:
    """The (empty) helpers block the generator writes into a learner file."""
    return f"{HELPERS_BEGIN[:99]}\n{HELPERS_HINT}{HELPERS_END[:99]}\n"


def add_helpers_block(text: str) -> str:
    """``text`` (a generated learner file holding stubs) with an empty helpers block after
    its leading imports (after the docstring when it has none)."""
    tree = ast.parse(text)
    after = 0  # the 1-based line after which the block goes
    for node in tree.body:
        is_doc = (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        )
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (is_doc and after == 0):
            after = node.end_lineno or node.lineno
        else:
            break
    lines = text.splitlines(keepends=True)
    block = "\n" + helpers_block() if after else helpers_block() + "\n"
    return "".join(lines[:after]) + block + "".join(lines[after:])


@dataclass
class Answer:
    """One place where the learner's text is graded: pristine lines [start, end) (0-based)
    replaced by ``lines``."""

    start: int
    end: int
    lines: list[str]
    stubs: list[int]  # indices (into the pristine lines) of the stub lines it answers


@dataclass
class Extraction:
    answers: list[Answer] = field(default_factory=list)
    helpers: list[str] | None = None  # the learner's helpers block, None when absent
    ignored: list[tuple[int, int]] = field(default_factory=list)  # learner lines, 1-based
    parsed: bool = True  # False: the learner's file is not valid Python
    missing: list[str] = field(default_factory=list)  # stub labels whose answer was not found
    additions: list[Addition] = field(default_factory=list)  # the learner's own definitions
    redefined: list[str] = field(default_factory=list)  # given names the learner defined again
    review: list[str] = field(default_factory=list)  # reach-ins: what was dropped and why


@dataclass
class Addition:
    """A definition of the learner's own outside the answers (a helper function or method,
    an import, a constant): pristine index ``at`` (0-based, helpers interior cut) is where
    its ``lines`` go; ``scope`` is the class it belongs to (None: the module)."""

    at: int
    lines: list[str]
    names: list[str]
    scope: str | None
    span: tuple[int, int]  # its learner lines (0-based, inclusive, helpers interior cut)


def stub_lines(lines: list[str]) -> list[int]:
    """0-based indices of the stub lines of a pristine file."""
    return [i for i, line in enumerate(lines) if STUB_LINE.match(line.rstrip("\r\n"))]


def function_spans(tree: ast.AST, lines: list[str]) -> list[tuple[ast.AST, str, int]]:
    """(node, qualified name, last line) of every function in ``tree``, in file order.

    The last line (1-based) extends past the final statement over trailing comment lines
    indented deeper than the ``def`` (where a stub, an END marker or an answer's comments
    may sit).
    """
    spans: list[tuple[ast.AST, str, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}{child.name}"
                last = child.end_lineno or child.lineno
                while last < len(lines):
                    nxt = lines[last]  # the line after `last`
                    indent = len(nxt) - len(nxt.lstrip())
                    if nxt.strip() and not (
                        nxt.strip().startswith("#") and indent > child.col_offset
                    ):
                        break
                    last += 1
                spans.append((child, name, last))
                visit(child, f"{name}.<locals>.")
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}{child.name}.")
            else:
                visit(child, prefix)

    visit(tree, "")
    return spans


def _function_bodies(text: str) -> dict[str, list[tuple[int, int]]]:
    """qualname -> [(first body line, last line)] (0-based, inclusive) of every function,
    in file order (see :func:`function_spans`)."""
    lines = text.splitlines()
    bodies: dict[str, list[tuple[int, int]]] = {}
    for node, name, last in function_spans(ast.parse(text), lines):
        first = node.body[0].lineno - 1 if node.body else node.lineno
        # Blank or comment lines between the signature and the first statement belong to
        # the body too.
        while first > node.lineno - 1 and not lines[first - 1].rstrip().endswith(":"):
            first -= 1
        bodies.setdefault(name, []).append((first, last - 1))
    return bodies


def _split_helpers(lines: list[str]) -> tuple[list[str], list[str] | None, int | None]:
    """``lines`` with the interior of the helpers block removed, the interior (None when
    there is no well-formed block) and the index of the block's first line."""
    begin = end = None
    for i, line in enumerate(lines):
        stripped = line.rstrip("\r\n")
        if begin is None and stripped.startswith("# ── your helpers "):
            begin = i
        elif begin is not None and stripped.startswith("# ── end of your helpers "):
            end = i
            break
    if begin is None or end is None:
        return lines, None, None
    return lines[: begin + 1] + lines[end:], lines[begin + 1 : end], begin


def extract(pristine: str, learner: str) -> Extraction:
    """Find the learner's answers in ``learner``, the learner's copy of ``pristine``."""
    result = Extraction()
    e, _, e_block = _split_helpers(pristine.splitlines(keepends=True))
    a, helpers, a_block = _split_helpers(learner.splitlines(keepends=True))
    result.helpers = helpers
    stubs = stub_lines(e)
    if not stubs:
        return result
    try:
        align = _Alignment(e, a, stubs, e_block, a_block, len(helpers or ()))
    except SyntaxError:
        result.parsed = False
        return result
    for tag, i1, i2, j1, j2 in align.matcher.get_opcodes():
        if tag != "equal":
            align.take(result, tag, i1, i2, j1, j2)
    _keep_additions(result, e, a, stubs, align.matcher, align.lineno)
    _drop_reach_ins(result, e)
    return result


class _Alignment:
    """The pristine lines ``e`` aligned with the learner's lines ``a`` (helpers interiors
    cut out of both), and the function bodies that hold each stub."""

    def __init__(self, e, a, stubs, e_block, a_block, cut) -> None:
        self.e, self.a, self.stubs = e, a, stubs
        self.stub_set = set(stubs)
        self.a_block, self.cut = a_block, cut
        self.e_bodies = _function_bodies("".join(e))
        self.a_bodies = _function_bodies("".join(a))
        self.block_lines = {e_block, e_block + 1} if e_block is not None else set()
        self.matcher = difflib.SequenceMatcher(None, e, a, autojunk=False)
        # Which function body holds each stub (by qualname and occurrence): the innermost.
        self.holder: dict[int, tuple[str, int]] = {}
        for name, spans in self.e_bodies.items():
            for k, (lo, hi) in enumerate(spans):
                for s in stubs:
                    best = self.holder.get(s)
                    if lo <= s <= hi and (best is None or lo >= self.e_bodies[best[0]][best[1]][0]):
                        self.holder[s] = (name, k)

    def lineno(self, j: int) -> int:
        """0-based index into ``a`` -> 1-based line of the learner's file."""
        return j + 1 + (self.cut if self.a_block is not None and j > self.a_block else 0)

    def take(self, result: Extraction, tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        """One changed block: an answer (clipped to its function) or an ignored edit."""
        touched = [s for s in self.stubs if i1 <= s < i2]
        if not touched and tag == "insert" and (i1 in self.stub_set or i1 - 1 in self.stub_set):
            touched = [i1 if i1 in self.stub_set else i1 - 1]
        if not touched:
            self._outside(result, i1, i2, j1, j2)
            return
        name, k = self.holder.get(touched[0], (None, 0))
        theirs = self.a_bodies.get(name, []) if name is not None else []
        if name is None or k >= len(theirs):
            result.missing.extend(_label(self.e[s]) for s in touched[: 1 if name is None else None])
            return
        lo, hi = self.e_bodies[name][k]
        alo, ahi = theirs[k]
        ci1, ci2 = (i1, i1) if tag == "insert" else (max(i1, lo), min(i2, hi + 1))
        cj1, cj2 = max(j1, alo), min(j2, ahi + 1)
        if cj1 > j1:
            result.ignored.append((self.lineno(j1), self.lineno(cj1 - 1)))
        if cj2 < j2:
            result.ignored.append((self.lineno(cj2), self.lineno(j2 - 1)))
        inside = [s for s in touched if ci1 <= s < ci2 or tag == "insert"]
        result.answers.append(Answer(ci1, ci2, self.a[cj1:cj2] if cj2 > cj1 else [], inside))

    def _outside(self, result: Extraction, i1: int, i2: int, j1: int, j2: int) -> None:
        e = self.e
        if j2 == j1 and all(i in self.block_lines or not e[i].strip() for i in range(i1, i2)):
            return  # the helpers block (or blank lines around it) removed: no edit
        if j2 > j1:
            result.ignored.append((self.lineno(j1), self.lineno(j2 - 1)))
        elif i2 > i1:  # pristine lines the learner deleted
            result.ignored.append((self.lineno(max(j1 - 1, 0)), self.lineno(j1)))


# ---------------------------------------------------------------------------- additions

_BUILTINS = frozenset(dir(builtins))
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _bound(node: ast.stmt) -> list[str] | None:
    """The names a definition-like statement binds, None for any other statement (only
    definitions, imports and assignments to plain names can be a learner's addition)."""
    if isinstance(node, _DEFINITIONS):
        return [node.name]
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        if any(alias.name == "*" for alias in node.names):
            return None
        return [(alias.asname or alias.name).split(".")[0] for alias in node.names]
    if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
        return [t.id for t in node.targets]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return None


def _names_in(body: list[ast.stmt]) -> set[str]:
    """Every name bound at this level of ``body`` (into if/try/with/for blocks, not into
    functions or classes)."""
    names: set[str] = set()
    for node in body:
        bound = _bound(node)
        if bound:
            names.update(bound)
        if isinstance(node, _DEFINITIONS):
            continue
        for target in ast.walk(node) if not isinstance(node, _DEFINITIONS) else ():
            if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                names.add(target.id)
        for field_name in ("body", "orelse", "finalbody", "handlers"):
            inner = getattr(node, field_name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.AST):
                names |= _names_in([n for n in inner if isinstance(n, ast.stmt)])
            for handler in inner or ():
                if isinstance(handler, ast.ExceptHandler):
                    names |= _names_in(handler.body)
    return names


def _start(node: ast.stmt) -> int:
    """The first line (1-based) of ``node``, its decorators included."""
    decorators = getattr(node, "decorator_list", None) or []
    return min([node.lineno, *(d.lineno for d in decorators)])


def _keep_additions(result: Extraction, e: list[str], a: list[str], stubs, matcher, lineno):
    """Find the learner's own definitions outside the answers and keep each that shadows
    nothing given: a new name at module level, or in a class that holds a stub. A
    definition of a given name is reported as redefined and ignored."""
    try:
        e_tree, a_tree = ast.parse("".join(e)), ast.parse("".join(a))
    except SyntaxError:
        return
    e_classes = {n.name: n for n in e_tree.body if isinstance(n, ast.ClassDef)}
    with_stub = {
        name
        for name, node in e_classes.items()
        if any(node.lineno - 1 <= s < (node.end_lineno or node.lineno) for s in stubs)
    }
    # The next line the alignment found unchanged, for a learner line (0-based): where an
    # addition goes in the pristine file.
    equal = [(i1, j1, j2) for tag, i1, _i2, j1, j2 in matcher.get_opcodes() if tag == "equal"]
    anchor = lambda j_end: next(  # noqa: E731
        (i1 + max(0, j_end - j1) for i1, j1, j2 in equal if j2 > j_end), len(e)
    )
    _consider(result, a, a_tree.body, e_tree.body, None, anchor)
    for node in a_tree.body:
        if isinstance(node, ast.ClassDef) and node.name in with_stub:
            _consider(result, a, node.body, e_classes[node.name].body, node.name, anchor)
    if result.additions:
        _unignore(result, a, lineno)


def _consider(result: Extraction, a, nodes, given_body, scope: str | None, anchor) -> None:
    """The learner's statements ``nodes`` at one level (the module, or a class body whose
    released statements are ``given_body``): additions kept, redefinitions reported."""
    given = _names_in(given_body)
    # How often the released file binds each name at this level: a learner's statement
    # that binds a given name once more is a redefinition.
    allowed: dict[str, int] = {}
    for node in given_body:
        for name in _bound(node) or ():
            allowed[name] = allowed.get(name, 0) + 1
    for node in nodes:
        names = _bound(node)
        if not names:
            continue
        first, last = _start(node) - 1, (node.end_lineno or node.lineno) - 1
        again = [n for n in names if n in given]
        for name in again:
            allowed[name] = allowed.get(name, 0) - 1
            if allowed[name] < 0:
                result.redefined.append(name)
        if again or any(n in _BUILTINS or n.startswith("__") for n in names):
            continue
        result.additions.append(
            Addition(anchor(last + 1), a[first : last + 1], names, scope, (first, last))
        )


def _unignore(result: Extraction, a: list[str], lineno) -> None:
    """What was kept is no longer an ignored edit, nor are the blank lines around it."""
    text = {lineno(j): line for j, line in enumerate(a)}
    kept = {lineno(j) for add in result.additions for j in range(add.span[0], add.span[1] + 1)}
    lines = [
        j
        for lo, hi in result.ignored
        for j in range(lo, hi + 1)
        if j not in kept and text.get(j, "x").strip()
    ]
    result.ignored = _merge([(j, j) for j in sorted(set(lines))])


def _drop_reach_ins(result: Extraction, e: list[str]) -> None:
    """Answers, additions and helpers that reach into the grader are not graded: each is
    dropped (an answer's stub stays) and the reason kept for the review flag."""
    kept_answers = []
    for ans in result.answers:
        found = reach_ins("".join(ans.lines))
        if found:
            labels = ", ".join(_label(e[s]) for s in ans.stubs) or "an answer"
            result.review.append(f"{labels}: uses {', '.join(found)}")
        else:
            kept_answers.append(ans)
    result.answers = kept_answers
    kept_additions = []
    for add in result.additions:
        found = reach_ins("".join(add.lines))
        if found:
            result.review.append(f"your {', '.join(add.names)}: uses {', '.join(found)}")
        else:
            kept_additions.append(add)
    result.additions = kept_additions
    if result.helpers:
        found = reach_ins("".join(result.helpers))
        if found:
            result.review.append(f"the helpers block: uses {', '.join(found)}")
            result.helpers = None


def _label(line: str) -> str:
    m = STUB_LINE.match(line.rstrip("\r\n"))
    return m.group("label") if m else line.strip()


def compose(
    pristine: str,
    extraction: Extraction,
    replace: dict[int, list[str]] | None = None,
    mine: list[tuple[int, int]] | None = None,
) -> str:
    """The graded file: ``pristine`` with the learner's answers and helpers put back in.

    ``replace`` maps the index of a stub line (in ``pristine`` without its helpers
    interior) to lines that stand for it instead of the learner's answer (the reference,
    for isolated grading); an answer that covers such a stub keeps the pristine text
    around it. ``mine``, when given, receives the (first, last) lines (1-based) of the
    graded file that are the learner's: answers, additions, the helpers block.
    """
    spans: list[tuple[int, int]] = []
    e, _, e_block = _split_helpers(pristine.splitlines(keepends=True))
    edits, theirs = _edits(extraction, replace or {})
    out: list[str] = []
    pos = 0

    def put(lines: list[str]) -> None:
        if id(lines) in theirs and lines:
            spans.append((len(out) + 1, len(out) + len(lines)))
        out.extend(lines)

    for start, end, lines in sorted(edits, key=lambda t: (t[0], t[1])):
        if start < pos:  # overlapping edits cannot happen with disjoint opcodes; be safe
            if start == end:  # an addition anchored inside an answer's span: after it
                put(lines)
            continue
        out.extend(e[pos:start])
        put(lines)
        pos = end
    out.extend(e[pos:])
    if e_block is not None and extraction.helpers:
        helpers = _fix_newline(extraction.helpers)
        out[e_block + 1 : e_block + 1] = helpers
        at, n = e_block + 2, len(helpers)
        spans = [(lo + n, hi + n) if lo >= at else (lo, hi) for lo, hi in spans]
        spans.append((at, at + n - 1))
    if mine is not None:
        mine.extend(sorted(spans))
    return "".join(out)


def _edits(extraction: Extraction, replace: dict[int, list[str]]):
    """(start, end, lines) replacements of pristine lines, and the ids of the line lists
    that are the learner's own (answers, additions)."""
    theirs: set[int] = set()
    edits: list[tuple[int, int, list[str]]] = []
    for add in extraction.additions:
        lines = ["\n", *_fix_newline(add.lines)]
        theirs.add(id(lines))
        edits.append((add.at, add.at, lines))
    for ans in extraction.answers:
        taken = [s for s in ans.stubs if s in replace]
        if taken:
            for s in taken:
                edits.append((s, s + 1, replace[s]))
        else:
            theirs.add(id(ans.lines))
            edits.append((ans.start, ans.end, ans.lines))
    answered = {s for ans in extraction.answers for s in ans.stubs}
    for s, lines in replace.items():
        if s not in answered:
            edits.append((s, s + 1, lines))
    return edits, theirs


def _fix_newline(lines: list[str]) -> list[str]:
    if lines and not lines[-1].endswith("\n"):
        return [*lines[:-1], lines[-1] + "\n"]
    return lines


def describe_ignored(relpath: str, extraction: Extraction) -> str | None:
    """The report line for edits outside the answers, or None when there are none."""
    if not extraction.parsed:
        return f"{relpath} is not valid Python; it is graded as you wrote it"
    parts: list[str] = []
    for lo, hi in _merge(extraction.ignored):
        parts.append(f"{lo}" if lo == hi else f"{lo}–{hi}")
    notes = [f"{REVIEW_PREFIX}{relpath}: {why}; not graded" for why in extraction.review]
    if extraction.additions:
        kept = [
            f"{add.scope}.{name}" if add.scope else name
            for add in extraction.additions
            for name in add.names
        ]
        notes.append(f"{relpath}: your own definitions were kept: {', '.join(kept)}")
    if extraction.redefined:
        notes.append(
            f"{relpath}: {', '.join(dict.fromkeys(extraction.redefined))} "
            "is given code; your second definition was ignored"
        )
    if parts:
        notes.append(
            f"edits outside solution regions in {relpath} were ignored: lines "
            f"{', '.join(parts)} (given code is graded as released; new functions, methods "
            "and imports of your own are kept)"
        )
    if extraction.missing:
        notes.append(
            f"{relpath}: could not find your answer for {', '.join(extraction.missing)} "
            "(its function was renamed or removed); graded as not implemented"
        )
    return "\n".join(notes) or None


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def stub_indices(pristine: str) -> list[int]:
    """Indices of the stub lines of ``pristine`` as :func:`compose`'s ``replace`` counts
    them (the helpers block's interior left out), in file order."""
    bare, _, _ = _split_helpers(pristine.splitlines(keepends=True))
    return stub_lines(bare)


#: A span that covers a whole file (graded as the learner wrote it).
WHOLE_FILE = (1, 10**9)


def graded_text(
    pristine: str,
    learner: str,
    relpath: str,
    replace: dict[int, list[str]] | None = None,
    mine: list[tuple[int, int]] | None = None,
) -> tuple[str, str | None]:
    """(the text to grade, a report note or None) for one learner file; ``replace`` as in
    :func:`compose` (the reference for stubs that isolated grading takes over). ``mine``,
    when given, receives the spans of the graded text that are the learner's (the grader's
    guard treats only those lines as learner code)."""
    mine = mine if mine is not None else []
    if learner == pristine and not replace:
        return pristine, None
    ext = extract(pristine, learner)
    if not ext.parsed:
        mine.append(WHOLE_FILE)
        return learner, describe_ignored(relpath, ext)
    spans: list[tuple[int, int]] = []
    text = compose(pristine, ext, replace, spans)
    try:
        ast.parse(text)
    except SyntaxError:
        # An answer that only parses together with an edit outside it: grade the file as
        # written rather than invent a syntax error the learner never made, unless what
        # it adds reaches into the grader.
        found = [r for r in reach_ins(learner) if r not in reach_ins(pristine)]
        if found:
            return pristine, f"{REVIEW_PREFIX}{relpath}: uses {', '.join(found)}; not graded"
        mine.append(WHOLE_FILE)
        return learner, (
            f"{relpath}: your answers could not be separated from the rest of the file; "
            "it is graded as you wrote it"
        )
    mine.extend(spans)
    return text, describe_ignored(relpath, ext)


# ----------------------------------------------------------------------------- reach-ins

#: The report-note prefix of an answer that reaches into the grader (``m2m grade`` moves
#: such notes into its review flag).
REVIEW_PREFIX = "needs review: "

#: Modules an answer may not import: the grader, the tests and the ways into a process.
FORBIDDEN_MODULES = frozenset(
    {
        "gc",
        "ctypes",
        "_pytest",
        "pytest",
        "pluggy",
        "m2m",
        "m2m_runtime",
        "importlib",
        "builtins",
        "subprocess",
        "signal",
        "multiprocessing",
        "_thread",
        "pty",
        "faulthandler",
        "tests",
        "tests_hidden",
        "conftest",
        "__main__",
    }
)
#: Names that reach frames, live objects, tracing or code objects, wherever they appear
#: (as an attribute, an imported name or a string).
FORBIDDEN_NAMES = frozenset(
    {
        "_getframe",
        "_current_frames",
        "settrace",
        "setprofile",
        "addaudithook",
        "currentframe",
        "getouterframes",
        "getinnerframes",
        "walk_stack",
        "walk_tb",
        "f_back",
        "f_locals",
        "f_globals",
        "tb_frame",
        "gi_frame",
        "cr_frame",
        "ag_frame",
        "get_objects",
        "get_referrers",
        "get_referents",
        "__subclasses__",
        "__globals__",
        "__closure__",
        "__code__",
        "__builtins__",
        "__import__",
    }
)
#: Builtins that run or build code.
FORBIDDEN_CALLS = frozenset({"exec", "eval", "compile", "breakpoint"})
#: ``module.attribute`` pairs (``os.exec*``/``os.spawn*`` by prefix).
FORBIDDEN_PAIRS = frozenset(
    {
        ("sys", "modules"),
        ("inspect", "stack"),
        ("inspect", "trace"),
        ("os", "system"),
        ("os", "popen"),
        ("os", "fork"),
        ("os", "forkpty"),
        ("os", "kill"),
        ("os", "killpg"),
        ("os", "write"),
        ("os", "open"),
        ("os", "dup"),
        ("os", "dup2"),
        ("os", "fdopen"),
        ("os", "posix_spawn"),
        ("os", "posix_spawnp"),
    }
)


def reach_ins(code: str) -> list[str]:
    """What ``code`` (an answer, a helper) names that no answer needs, one phrase each;
    empty for honest code. Comments never count; string literals do when they spell a
    forbidden name exactly (``getattr(sys, "_getframe")``)."""
    import io
    import textwrap
    import tokenize

    found: list[str] = []
    try:
        tokens = [
            t
            for t in tokenize.generate_tokens(io.StringIO(textwrap.dedent(code)).readline)
            if t.type in (tokenize.NAME, tokenize.OP, tokenize.STRING)
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        tokens = [
            tokenize.TokenInfo(tokenize.NAME, w, (0, 0), (0, 0), "")
            for w in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", re.sub(r"#.*", "", code))
        ]
    for k, tok in enumerate(tokens):
        before = tokens[k - 1].string if k else ""
        after = tokens[k + 1].string if k + 1 < len(tokens) else ""
        if tok.type == tokenize.STRING:
            try:
                value = ast.literal_eval(tok.string)
            except (ValueError, SyntaxError):
                continue
            if isinstance(value, str) and (value in FORBIDDEN_NAMES or value in FORBIDDEN_MODULES):
                found.append(f"the string {value!r}")
            continue
        if tok.type != tokenize.NAME:
            continue
        name = tok.string
        if name in FORBIDDEN_NAMES:
            found.append(name)
        elif before in ("import", "from") and name in FORBIDDEN_MODULES:
            found.append(f"import {name}")
        elif before == "," and name in FORBIDDEN_MODULES and _in_import(tokens, k):
            found.append(f"import {name}")
        elif before != "." and name in FORBIDDEN_CALLS and after == "(":
            found.append(f"{name}()")
        elif before == "." and k >= 2:
            owner = tokens[k - 2].string
            if (owner, name) in FORBIDDEN_PAIRS or (
                owner == "os" and name.startswith(("exec", "spawn"))
            ):
                found.append(f"{owner}.{name}")
    return list(dict.fromkeys(found))


def _in_import(tokens: list, k: int) -> bool:
    """Whether token ``k`` follows ``import`` on its logical line (``import os, gc``)."""
    line = tokens[k].start[0]
    return any(t.string == "import" and t.start[0] == line for t in tokens[:k])
