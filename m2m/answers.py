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

Standard library only: the nbgrader grading helper copies this file into assignments, with
:mod:`m2m.naming` (the stub format) embedded in place of its import.
"""

from __future__ import annotations

import ast
import difflib
from dataclasses import dataclass, field

# A generated stub line (``STUB_LINE``): the format is m2m/naming.py's. `m2m nbgrader build`
# embeds that module here, so the copy in an assignment needs no package.
from m2m.naming import STUB_LINE

HELPERS_BEGIN = "# ── your helpers " + "─" * 70
HELPERS_END = "# ── end of your helpers " + "─" * 63
HELPERS_HINT = (
    "# Imports and helper functions of your own go between these two lines: the grader keeps\n"
    "# them. Everything else outside the stubs you fill is graded as originally written.\n"
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
    e_all = pristine.splitlines(keepends=True)
    a_all = learner.splitlines(keepends=True)
    e, _, e_block = _split_helpers(e_all)
    a, helpers, a_block = _split_helpers(a_all)
    result.helpers = helpers
    # Learner line numbers after the helpers interior was cut out -> original numbers.
    cut = len(helpers) if helpers is not None else 0

    def learner_lineno(j: int) -> int:  # 0-based index into a -> 1-based line of the file
        return j + 1 + (cut if a_block is not None and j > a_block else 0)

    stubs = stub_lines(e)
    if not stubs:
        return result
    try:
        e_bodies = _function_bodies("".join(e))
        a_bodies = _function_bodies("".join(a))
    except SyntaxError:
        result.parsed = False
        return result
    # Which function body holds each stub (by qualname and occurrence).
    holder: dict[int, tuple[str, int]] = {}
    for name, spans in e_bodies.items():
        for k, (lo, hi) in enumerate(spans):
            for s in stubs:
                if lo <= s <= hi:
                    best = holder.get(s)
                    if best is None or lo >= e_bodies[best[0]][best[1]][0]:
                        holder[s] = (name, k)
    block_lines = {e_block, e_block + 1} if e_block is not None else set()
    matcher = difflib.SequenceMatcher(None, e, a, autojunk=False)
    stub_set = set(stubs)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        touched = [s for s in stubs if i1 <= s < i2]
        if not touched and tag == "insert" and (i1 in stub_set or i1 - 1 in stub_set):
            touched = [i1 if i1 in stub_set else i1 - 1]
        if not touched:
            if j2 == j1 and all(i in block_lines or not e[i].strip() for i in range(i1, i2)):
                continue  # the helpers block (or blank lines around it) removed: no edit
            if j2 > j1:
                result.ignored.append((learner_lineno(j1), learner_lineno(j2 - 1)))
            elif i2 > i1:  # pristine lines the learner deleted
                result.ignored.append((learner_lineno(max(j1 - 1, 0)), learner_lineno(j1)))
            continue
        name, k = holder.get(touched[0], (None, 0))
        if name is None:
            result.missing.append(_label(e[touched[0]]))
            continue
        lo, hi = e_bodies[name][k]
        ci1, ci2 = max(i1, lo), min(i2, hi + 1)
        theirs = a_bodies.get(name, [])
        if k >= len(theirs):
            result.missing.extend(_label(e[s]) for s in touched)
            continue
        alo, ahi = theirs[k]
        cj1, cj2 = max(j1, alo), min(j2, ahi + 1)
        if tag == "insert":
            ci1 = ci2 = i1
        if cj1 > j1:
            result.ignored.append((learner_lineno(j1), learner_lineno(cj1 - 1)))
        if cj2 < j2:
            result.ignored.append((learner_lineno(cj2), learner_lineno(j2 - 1)))
        inside = [s for s in touched if ci1 <= s < ci2 or tag == "insert"]
        result.answers.append(Answer(ci1, ci2, a[cj1:cj2] if cj2 > cj1 else [], inside))
    return result


def _label(line: str) -> str:
    m = STUB_LINE.match(line.rstrip("\r\n"))
    return m.group("label") if m else line.strip()


def compose(
    pristine: str,
    extraction: Extraction,
    replace: dict[int, list[str]] | None = None,
) -> str:
    """The graded file: ``pristine`` with the learner's answers and helpers put back in.

    ``replace`` maps the index of a stub line (in ``pristine`` without its helpers
    interior) to lines that stand for it instead of the learner's answer (the reference,
    for isolated grading); an answer that covers such a stub keeps the pristine text
    around it.
    """
    e_all = pristine.splitlines(keepends=True)
    e, _, e_block = _split_helpers(e_all)
    replace = replace or {}
    edits: list[tuple[int, int, list[str]]] = []
    for ans in extraction.answers:
        mine = [s for s in ans.stubs if s in replace]
        if mine:
            for s in mine:
                edits.append((s, s + 1, replace[s]))
        else:
            edits.append((ans.start, ans.end, ans.lines))
    answered = {s for ans in extraction.answers for s in ans.stubs}
    for s, lines in replace.items():
        if s not in answered:
            edits.append((s, s + 1, lines))
    out: list[str] = []
    pos = 0
    for start, end, lines in sorted(edits, key=lambda t: (t[0], t[1])):
        if start < pos:  # overlapping edits cannot happen with disjoint opcodes; be safe
            continue
        out.extend(e[pos:start])
        out.extend(lines)
        pos = end
    out.extend(e[pos:])
    if e_block is not None and extraction.helpers:
        out[e_block + 1 : e_block + 1] = _fix_newline(extraction.helpers)
    return "".join(out)


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
    notes = []
    if parts:
        notes.append(
            f"edits outside solution regions in {relpath} were ignored: lines "
            f"{', '.join(parts)} (put your own imports and helpers in the file's "
            "'your helpers' block or inside your answer)"
        )
    if extraction.missing:
        notes.append(
            f"{relpath}: could not find your answer for {', '.join(extraction.missing)} "
            "(its function was renamed or removed); graded as not implemented"
        )
    return "; ".join(notes) or None


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


def graded_text(
    pristine: str,
    learner: str,
    relpath: str,
    replace: dict[int, list[str]] | None = None,
) -> tuple[str, str | None]:
    """(the text to grade, a report note or None) for one learner file; ``replace`` as in
    :func:`compose` (the reference for stubs that isolated grading takes over)."""
    if learner == pristine and not replace:
        return pristine, None
    ext = extract(pristine, learner)
    if not ext.parsed:
        return learner, describe_ignored(relpath, ext)
    text = compose(pristine, ext, replace)
    try:
        ast.parse(text)
    except SyntaxError:
        # An answer that only parses together with an edit outside it: grade the file as
        # written rather than invent a syntax error the learner never made.
        return learner, (
            f"{relpath}: your answers could not be separated from the rest of the file; "
            "it is graded as you wrote it"
        )
    return text, describe_ignored(relpath, ext)
