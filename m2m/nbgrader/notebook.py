"""The notebook of one nbgrader assignment, generated from the project's brief and tests.

The learner's work lives in ``.py`` files; the notebook is the grading frame around it:
the brief's title, goal and task list, a setup cell, optional exploration cells, and one
locked, autograded cell per task. Each task cell runs that task's public tests, plus its
hidden tests (between nbgrader's ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``
markers, removed from the released copy and restored when autograding), through the
grading helper ``m2m_runtime.check.run_task``; it is worth the sum of its tests' points.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import v4

HELPER_MODULE = "m2m_runtime.check"  # the grading helper, inside an assignment
SCHEMA_VERSION = 3  # nbgrader's cell-metadata schema
TASK_HEADING = re.compile(r"^#{2,4}\s*Task\s+(\d+)\s*[·:\-—–]\s*(.+?)\s*$")


@dataclass
class TaskCell:
    """One autograded cell: a task, its tests (node ids inside the assignment), its worth."""

    task: int | None
    title: str
    public: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    points: float = 0.0

    @property
    def grade_id(self) -> str:
        return f"task_{self.task}" if self.task is not None else "task_other"

    @property
    def label(self) -> str:
        return f"Task {self.task}" if self.task is not None else "Other tests"


@dataclass
class Brief:
    """What the notebook takes from a project's ``README.md``."""

    title: str  # "P01 · The Manual Neuron"
    goal: str  # markdown of the goal section ("" when the brief has none)
    tasks: dict[int, str]  # task number -> heading text ("Smooth activations")


def read_brief(readme: Path, project_id: str, project_name: str) -> Brief:
    """Parse the title line, the goal section and the task headings of a brief.

    A missing brief gives a title built from the folder name and no goal; a brief without
    a section whose heading names the goal gives the text between the title and the
    first section.
    """
    fallback = f"{project_id.upper()} · {project_name.split('_', 1)[-1].replace('_', ' ')}"
    if not readme.is_file():
        return Brief(fallback, "", {})
    lines = readme.read_text(encoding="utf-8").splitlines()
    title = fallback
    sections: list[tuple[str, list[str]]] = [("", [])]
    tasks: dict[int, str] = {}
    for line in lines:
        if line.startswith("# ") and title == fallback and not sections[0][1]:
            title = line[2:].strip()
            continue
        m = TASK_HEADING.match(line)
        if m:
            tasks.setdefault(int(m.group(1)), m.group(2))
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        else:
            sections[-1][1].append(line)
    goal_sections = [s for s in sections[1:] if "goal" in s[0].lower()]
    if goal_sections:
        heading, body = goal_sections[0]
        goal = f"## {heading}\n" + "\n".join(body)
    else:
        goal = "\n".join(sections[0][1])
    folder = f"projects/{project_name}/"
    return Brief(title, _relink(goal.strip(), folder), tasks)


def _relink(markdown: str, folder: str) -> str:
    """Point the brief's relative links at its folder: the notebook sits two levels up."""

    def fix(m: re.Match) -> str:
        target = m.group(2)
        if re.match(r"^([a-z]+:|#|/)", target):
            return m.group(0)
        return f"{m.group(1)}({folder}{target})"

    return re.sub(r"(!?\[[^\]]*\])\(([^)\s]+)\)", fix, markdown)


def public_names(init_file: Path, limit: int = 4) -> list[str]:
    """A few public names of a package, read statically from its ``__init__.py`` (the
    notebook must not import learner code to be generated)."""
    if not init_file.is_file():
        return []
    try:
        tree = ast.parse(init_file.read_text(encoding="utf-8"))
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            try:
                names = [n for n in ast.literal_eval(node.value) if isinstance(n, str)]
            except ValueError:
                names = []
            break
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names += [a.asname or a.name for a in node.names if a.name != "*"]
    # Classes and functions first: they are what a learner tries out.
    names = [n for n in names if not n.startswith("_")]
    names.sort(key=lambda n: n.isupper())
    return names[:limit]


def _fmt(points: float) -> str:
    return f"{points:g}"


def _nodeid_lines(nodeids: list[str]) -> str:
    return "".join(f"    {nodeid!r},\n" for nodeid in nodeids)


def task_source(cell: TaskCell, partial: bool = False) -> str:
    """The code of one autograded cell. The hidden node ids sit between nbgrader's markers;
    several comment lines keep them out of the few lines a traceback shows around the call.
    """
    head = (
        f"# {cell.label}: {_fmt(cell.points)} points. "
        + (
            "Partial credit: points x passed / tests.\n"
            if partial
            else "The task earns its points when every one of its tests passes.\n"
        )
        + f"from {HELPER_MODULE} import run_task\n\n"
    )
    body = "tests = [\n" + _nodeid_lines(cell.public) + "]\n"
    if cell.hidden:
        body += (
            "### BEGIN HIDDEN TESTS\n"
            + "tests += [\n"
            + _nodeid_lines(cell.hidden)
            + "]\n### END HIDDEN TESTS\n"
        )
    task = cell.task if cell.task is not None else repr("other")
    tail = (
        "\n# The tests run in a separate Python process on the .py files of this folder:\n"
        "# this notebook's variables play no part, and a crash or an endless loop in your\n"
        "# code costs this task only. Read the failures printed below, fix your code,\n"
        "# then run this cell again.\n"
        f"run_task({task}, tests, points={_fmt(cell.points)}"
        + (", partial=True" if partial else "")
        + ")"
    )
    return head + body + tail


def _meta(grade_id: str, *, grade: bool, points: float | None = None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": True,
        "schema_version": SCHEMA_VERSION,
        "solution": False,
        "task": False,
    }
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def _intro(brief: Brief, project_name: str, readme: str) -> str:
    return (
        f"# {brief.title}\n\n"
        f"Your code lives in the `.py` files of this folder: `projects/{project_name}/` "
        "and the core in `shared/`. Fill in every function that raises "
        "`NotImplementedError` (its message names the task), then run this notebook: each "
        "task's cell runs that task's tests on your files. The full brief is "
        f"[`{readme}`]({readme}).\n\n"
        "Hand in the whole folder. Only the `.py` files are graded; cells you add to this "
        "notebook are not."
    )


def _task_table(brief: Brief, cells: list[TaskCell], readme: str) -> str:
    rows = []
    for c in cells:
        heading = brief.tasks.get(c.task, "") if c.task is not None else ""
        anchor = f"{readme}#task-{c.task}" if c.task is not None else readme
        name = f"[{c.label}]({anchor})" + (f" · {heading}" if heading else "")
        rows.append(f"| {name} | {len(c.public)} | {len(c.hidden)} | {_fmt(c.points)} |")
    total = sum(c.points for c in cells)
    return (
        "## Tasks\n\n| task | public tests | hidden tests | points |\n|---|---:|---:|---:|\n"
        + "\n".join(rows)
        + f"\n| **total** | | | **{_fmt(total)}** |"
    )


def _code_cells_before_tasks(package: str, names: list[str]) -> list:
    """The setup cell (ungraded, read-only), the explore cell and a scratch cell."""
    setup = (
        "# Setup (read-only). The grading helper runs each task's tests in a separate\n"
        "# process; this folder answers `import shared` and `import projects` there.\n"
        "import os\n\n"
        'os.environ.setdefault("MPLBACKEND", "Agg")\n'
        f"from {HELPER_MODULE} import run_demo, run_task, show_api\n"
        "None"
    )
    explore = (
        "# Explore (optional): the public names of your package, imported in a separate\n"
        "# process (skipped while the notebook is graded).\n"
        f"show_api({package!r})\n\n"
        "# Run the project's demo on your code; its figures land in out/. It trains on the\n"
        "# real data and may take a while, so it is commented out.\n"
        f"# run_demo({package!r})"
    )
    scratch = "# Try your code here. A crash in this kernel stops it: save your files first.\n"
    if names:
        scratch += f"# from {package} import {', '.join(names)}\n"
    return [
        v4.new_code_cell(setup, metadata=_meta("setup", grade=False)),
        v4.new_code_cell(explore),
        v4.new_code_cell(scratch),
    ]


def _task_cells(brief: Brief, c: TaskCell, project_name: str, readme: str, partial: bool):
    """A task's heading (points, how many tests, where the brief explains it) and its
    autograded cell."""
    heading = brief.tasks.get(c.task, "") if c.task is not None else ""
    text = f"## {c.label}" + (f" · {heading}" if heading else "")
    text += f" ({_fmt(c.points)} points)\n\n"
    text += f"{len(c.public)} public test{'s' * (len(c.public) != 1)}"
    text += f" (in `tests/{project_name}/`)" if c.public else ""
    text += f" and {len(c.hidden)} hidden test{'s' * (len(c.hidden) != 1)}."
    if c.task is not None:
        text += f" The brief explains the task: [{readme}#task-{c.task}]"
        text += f"({readme}#task-{c.task})."
    return [
        v4.new_markdown_cell(text),
        v4.new_code_cell(
            task_source(c, partial), metadata=_meta(c.grade_id, grade=True, points=c.points)
        ),
    ]


def build_notebook(
    project_id: str,
    project_name: str,
    brief: Brief,
    cells: list[TaskCell],
    names: list[str],
    partial: bool = False,
) -> nbformat.NotebookNode:
    """The assignment's notebook (nbformat 4, nbgrader schema 3 metadata)."""
    package = f"projects.{project_name}"
    readme = f"projects/{project_name}/README.md"
    cells_out = [
        v4.new_markdown_cell(_intro(brief, project_name, readme)),
        v4.new_markdown_cell(brief.goal) if brief.goal else None,
        v4.new_markdown_cell(_task_table(brief, cells, readme)),
        *_code_cells_before_tasks(package, names),
    ]
    for c in cells:
        cells_out.extend(_task_cells(brief, c, project_name, readme, partial))
    nb = v4.new_notebook(cells=[c for c in cells_out if c is not None])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.validate(nb)
    return nb
