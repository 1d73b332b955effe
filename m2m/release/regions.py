"""Solution regions: find them, check them, and render a file with some of them stubbed.

A region is the code between two marker lines inside a function body::

    ### BEGIN SOLUTION p01.t2
    ...
    ### END SOLUTION

The tag names the owner project and the task (``p05.t3``). Inside
``solutions/projects/pNN_*/`` a bare ``t3`` means "this project". Rendering replaces a
region by one ``raise NotImplementedError(...)`` line that names the owner, the task,
the qualified function name, the file and the brief's anchor (the format is
:mod:`m2m.runtime.naming`'s).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from m2m.runtime import naming
from m2m.runtime.answers import function_spans

BEGIN = re.compile(r"^(?P<indent>[ \t]*)### BEGIN SOLUTION(?P<tag>.*)$")
END = re.compile(r"^[ \t]*### END SOLUTION\s*$")
TAG = re.compile(r"^\s+(?:(?P<project>p\d\d)\.)?t(?P<task>[1-9]\d*)\s*$")
ANY_MARKER = re.compile(r"###\s*(BEGIN|END)\s+SOLUTION")


class RegionError(ValueError):
    """A malformed solution region; the message names the file and line."""


@dataclass(frozen=True)
class Region:
    path: str  # path relative to the solutions tree, for messages
    begin: int  # 1-based line of the BEGIN marker
    end: int  # 1-based line of the END marker
    indent: str
    project: str  # owner, e.g. "p05"
    task: int
    qualname: str

    @property
    def key(self) -> str:
        return f"{self.path}:{self.begin}"

    @property
    def label(self) -> str:
        return f"{self.project.upper()} Task {self.task} · {self.qualname}"


def project_of(relpath: str) -> str | None:
    """``p05`` for ``projects/p05_autograd/...``; None for files under ``shared/``."""
    parts = Path(relpath).parts
    if len(parts) >= 2 and parts[0] == "projects":
        return naming.project_of_dir(parts[1])
    return None


def _function_spans(tree: ast.AST, lines: list[str]) -> list[tuple[int, int, str, int]]:
    """(def line, last line, qualified name, def column) of every function; the last line
    extends over trailing comments indented deeper than the ``def`` (where an END marker
    sits)."""
    return [
        (node.lineno, last, name, node.col_offset)
        for node, name, last in function_spans(tree, lines)
    ]


def find_regions(text: str, relpath: str, known_projects: set[str]) -> list[Region]:
    """Parse and validate every region of one source file.

    Raises RegionError (with ``relpath:line``) for unbalanced or nested markers, a
    missing or malformed tag, an unknown owner, a region outside a function body, or
    a region in one project that names another project as owner.
    """
    lines = text.splitlines()
    try:
        tree = ast.parse(text, filename=relpath)
    except SyntaxError as exc:
        raise RegionError(
            f"{relpath}:{exc.lineno}: the reference file does not parse: {exc.msg}"
        ) from None
    spans = _function_spans(tree, lines)
    home = project_of(relpath)
    regions: list[Region] = []
    open_at: tuple[int, re.Match[str]] | None = None
    for lineno, line in enumerate(lines, start=1):
        begin = BEGIN.match(line)
        if begin:
            if open_at is not None:
                raise RegionError(
                    f"{relpath}:{lineno}: nested BEGIN SOLUTION (the region "
                    f"opened at line {open_at[0]} is not closed)"
                )
            open_at = (lineno, begin)
            continue
        if END.match(line):
            if open_at is None:
                raise RegionError(f"{relpath}:{lineno}: END SOLUTION without a BEGIN")
            regions.append(_make_region(relpath, open_at, lineno, spans, home, known_projects))
            open_at = None
            continue
        if ANY_MARKER.search(line):
            raise RegionError(
                f"{relpath}:{lineno}: malformed solution marker {line.strip()!r}; "
                "expected '### BEGIN SOLUTION pNN.tK' or '### END SOLUTION' "
                "alone on its line"
            )
    if open_at is not None:
        raise RegionError(f"{relpath}:{open_at[0]}: BEGIN SOLUTION is never closed")
    return regions


def _make_region(
    relpath: str,
    open_at: tuple[int, re.Match[str]],
    end: int,
    spans: list[tuple[int, int, str, int]],
    home: str | None,
    known: set[str],
) -> Region:
    begin, match = open_at
    tag = TAG.match(match.group("tag"))
    if not tag:
        raise RegionError(
            f"{relpath}:{begin}: bad solution tag {match.group('tag').strip()!r}; "
            "expected 'pNN.tK' (or 'tK' inside a project)"
        )
    project = tag.group("project")
    if project is None:
        if home is None:
            raise RegionError(
                f"{relpath}:{begin}: a region in the shared core must name its "
                "owner project, e.g. '### BEGIN SOLUTION p05.t3'"
            )
        project = home
    if project not in known:
        raise RegionError(
            f"{relpath}:{begin}: unknown owner {project!r}; known projects: "
            f"{', '.join(sorted(known)) or 'none'}"
        )
    if home is not None and project != home:
        raise RegionError(f"{relpath}:{begin}: a region inside {home} cannot be owned by {project}")
    indent = match.group("indent")
    inside = [s for s in spans if s[0] < begin and end <= s[1] and len(indent) > s[3]]
    if not inside:
        raise RegionError(
            f"{relpath}:{begin}: solution regions must sit inside a function "
            "body, not at module or class level"
        )
    qualname = max(inside, key=lambda s: s[0])[2]  # innermost enclosing function
    return Region(relpath, begin, end, indent, project, int(tag.group("task")), qualname)


def brief_anchor(project: str, task: int, project_dirs: dict[str, str]) -> str:
    """Where the brief explains a task: ``projects/p01_manual_neuron/README.md#task-2``."""
    return naming.brief_anchor(project_dirs[project], task)


def stub_message(region: Region, project_dirs: dict[str, str]) -> str:
    """The message the stub of ``region`` raises (format: :func:`m2m.runtime.naming.stub_text`)."""
    return naming.stub_text(
        region.project, region.task, region.qualname, region.path, project_dirs[region.project]
    )


def stub_line(region: Region, project_dirs: dict[str, str]) -> str:
    """The line that replaces ``region`` (no newline)."""
    return naming.stub_source(region.indent, stub_message(region, project_dirs))


def render(
    text: str, regions: list[Region], keep: Callable[[Region], bool], project_dirs: dict[str, str]
) -> str:
    """The file with every region for which ``keep`` is false replaced by its stub.

    Kept regions lose only their marker lines, so no marker ever reaches a learner.
    """
    lines = text.splitlines(keepends=True)
    newline = "\n"
    out: list[str] = []
    by_begin = {r.begin: r for r in regions}
    lineno = 1
    while lineno <= len(lines):
        region = by_begin.get(lineno)
        if region is None:
            out.append(lines[lineno - 1])
            lineno += 1
            continue
        if keep(region):
            out.extend(lines[region.begin : region.end - 1])
        else:
            out.append(stub_line(region, project_dirs) + newline)
        lineno = region.end + 1
    result = "".join(out)
    try:
        ast.parse(result)
    except SyntaxError as exc:
        path = regions[0].path if regions else "<file>"
        raise RegionError(
            f"{path}:{exc.lineno}: the generated file would not parse "
            f"({exc.msg}); check the regions of this file"
        ) from None
    return result
