"""No test oracle ships with the public tests.

What a learner receives of a project's tests (:func:`m2m.release.hidden.shipped_test_files`: the
public tests, their ``conftest.py`` and other support) must not compute what a graded
region of that project, or of a later one, computes: such a function hands out the answer
of a task. The oracles of the hidden tests live in hidden support instead
(``tests/pNN_name/hidden_*.py``, never shipped; see :func:`m2m.testing.hidden_support`).

Every function defined in a shipped ``.py`` file is checked: module-level functions,
nested ones and methods (a test function or a pytest hook is the test itself, but what it
nests is checked). It is compared with every *region function*, a function that holds a
solution region owned by the project or a later one, and reported when

- **its name says it is a reference**: ``ref``, ``reference`` or ``oracle``, alone or as
  the first or last word of the name (``lstm_ref``, ``conv_reference``);
- **its name is a region function's**: compared without leading underscores, a trailing
  number and a leading ``build_``, ``make_``, ``compute_`` or ``get_``, with the region
  function's name and, for a method, with its class's name in snake case
  (``_log_softmax64`` and ``LogSoftmaxFn.forward``, ``_lenet`` and ``build_lenet``); a
  method is compared with ``Class.method``;
- **it takes a region function's parameters**: two or more, the shorter list a prefix of
  the other, the names equal up to a few synonyms (``y``, ``y_true`` and ``target``;
  ``w`` and ``weight``; ``z`` and ``logits``; see :data:`SYNONYMS`), as
  ``correlate_same(image, kernel)`` takes ``filter2d``'s;
- **its body has a region function's structure**: the sequences of their syntax nodes
  (names and constants left out, calls and attributes kept) agree to :data:`SIMILARITY`
  or more, as a copy of the reference does under any names.

The first two rules catch the usual way oracles are written (a name that says what they
are), the third catches one written differently under another name (an oracle takes the
inputs of what it checks), the fourth a pasted solution. ``m2m release --check`` runs
:func:`find` on the course.
"""

from __future__ import annotations

import ast
import difflib
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from m2m.runtime.naming import project_number

SIMILARITY = 0.7  # node-sequence agreement that counts as the same code (test support
# on the course scores 0.4 at most against any region function; a copy scores 1)
MIN_NODES = 12  # shorter functions say too little to compare their structure
REFERENCE_WORDS = ("ref", "reference", "oracle")
VERBS = ("build_", "make_", "compute_", "get_")
RECEIVERS = ("self", "cls", "ctx")
# Parameter names that mean the same input; any other name stands for itself.
SYNONYMS = {
    **dict.fromkeys(("y", "y_true", "target", "targets", "label", "labels", "t"), "target"),
    **dict.fromkeys(("y_pred", "pred", "preds", "prediction", "predictions"), "prediction"),
    **dict.fromkeys(("scores", "score", "y_score", "y_scores"), "scores"),
    **dict.fromkeys(("x", "input", "inputs"), "input"),
    **dict.fromkeys(("w", "weight", "weights"), "weight"),
    **dict.fromkeys(("b", "bias"), "bias"),
    **dict.fromkeys(("z", "logit", "logits"), "logits"),
    **dict.fromkeys(("pad", "pads", "padding"), "padding"),
}


@dataclass
class RegionFunction:
    """A function of the reference that holds solution regions."""

    path: str  # relative to solutions/, e.g. "shared/conv.py"
    qualname: str
    params: tuple[str, ...]
    owners: list[tuple[str, int]] = field(default_factory=list)  # (project, task) per region
    shapes: list[list[str]] = field(default_factory=list)  # the function's, then each region's

    @property
    def name(self) -> str:
        return self.qualname.rsplit(".", 1)[-1]

    @property
    def cls(self) -> str | None:
        parts = self.qualname.split(".")
        return parts[-2] if len(parts) > 1 else None

    def last_owner(self) -> int:
        return max(project_number(p) for p, _ in self.owners)

    def label(self, from_project: int) -> str:
        tasks = sorted({(p, k) for p, k in self.owners if project_number(p) >= from_project})
        owned = ", ".join(f"{p.upper()} Task {k}" for p, k in tasks)
        return f"{self.path} {self.qualname} ({owned})"


@dataclass(frozen=True)
class Finding:
    """A function of shipped test support that computes what a graded region computes."""

    path: str  # relative to the repository, e.g. "tests/p07_kernel_explorer/conftest.py"
    line: int
    qualname: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.qualname}: {self.reason}"


# ----------------------------------------------------------------------------- the pieces


def shape(nodes: list[ast.AST]) -> list[str]:
    """The syntax of ``nodes`` as a sequence of tokens: node types, operators, the names of
    called functions and of attributes; variable names, constants and docstrings left
    out, so that a renamed copy has the same shape."""
    out: list[str] = []
    for top in nodes:
        for node in ast.walk(top):
            if isinstance(node, (ast.Load, ast.Store, ast.Del, ast.Name, ast.Constant)):
                continue
            if isinstance(node, (ast.arguments, ast.arg, ast.keyword, ast.alias)):
                continue
            if isinstance(node, ast.Call):
                func = node.func
                called = getattr(func, "attr", None) or getattr(func, "id", "")
                out.append(f"call:{called}")
            elif isinstance(node, (ast.BinOp, ast.UnaryOp, ast.AugAssign, ast.BoolOp)):
                out.append(f"{type(node).__name__}:{type(node.op).__name__}")
            elif isinstance(node, ast.Compare):
                out.append("cmp:" + ",".join(type(op).__name__ for op in node.ops))
            elif isinstance(node, ast.Attribute):
                out.append(f"attr:{node.attr}")
            else:
                out.append(type(node).__name__)
    return out


def _body(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.stmt]:
    body = list(fn.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    return body


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    args = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args, *fn.args.kwonlyargs)]
    if args and args[0] in RECEIVERS:
        args = args[1:]
    return tuple(args)


def _functions(tree: ast.AST):
    """(qualified name, node, class name or None) of every function in ``tree``, nested
    ones included; classes add their name to the qualified name."""

    def visit(node: ast.AST, prefix: str, cls: str | None):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qualname = prefix + child.name
                yield qualname, child, cls
                yield from visit(child, qualname + ".", None)
            elif isinstance(child, ast.ClassDef):
                yield from visit(child, prefix + child.name + ".", child.name)
            else:
                yield from visit(child, prefix, cls)

    yield from visit(tree, "", None)


def _norm(name: str) -> str:
    """A function's name for comparison: no leading underscores, no trailing number, no
    leading verb (``_build_lenet2`` -> ``lenet``)."""
    name = re.sub(r"\d+$", "", name.lstrip("_").lower()).rstrip("_")
    for verb in VERBS:
        if name.startswith(verb) and len(name) > len(verb):
            return name[len(verb) :]
    return name


def _snake(cls: str) -> str:
    """``LogSoftmaxFn`` -> ``log_softmax``: an autograd Function's ``Fn`` suffix only says
    what kind of class it is, so the op's name is what an oracle would be called."""
    cls = re.sub(r"(?<=[a-z0-9])Fn$", "", cls.lstrip("_"))
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", cls).lower()


def _reference_named(name: str) -> bool:
    words = [w for w in name.lower().split("_") if w]
    return bool(words) and (words[0] in REFERENCE_WORDS or words[-1] in REFERENCE_WORDS)


def _same_parameters(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    k = min(len(mine), len(theirs))
    if k < 2:
        return False
    pairs = zip(mine[:k], theirs[:k], strict=True)
    return all(SYNONYMS.get(a, a) == SYNONYMS.get(b, b) for a, b in pairs)


def _similar(a: list[str], b: list[str]) -> float:
    if len(a) < MIN_NODES or len(b) < MIN_NODES or not 0.5 <= len(a) / len(b) <= 2.0:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()


# --------------------------------------------------------------------------- the course


def region_functions(source) -> list[RegionFunction]:
    """Every function of the reference (an :class:`m2m.release.tree.Source`) that holds a
    solution region, with its owners and shapes."""
    out: list[RegionFunction] = []
    for rel, sf in sorted(source.files.items()):
        if not sf.regions:
            continue
        text = sf.data.decode("utf-8")
        lines = text.splitlines()
        functions = list(_functions(ast.parse(text)))
        found: dict[str, RegionFunction] = {}
        for region in sf.regions:
            holding = [(q, n) for q, n, _ in functions if n.lineno <= region.begin <= n.end_lineno]
            if not holding:
                continue
            qualname, node = max(holding, key=lambda item: item[1].lineno)  # innermost
            if qualname not in found:
                found[qualname] = RegionFunction(
                    rel, qualname, _params(node), shapes=[shape(_body(node))]
                )
            fn = found[qualname]
            fn.owners.append((region.project, region.task))
            code = textwrap.dedent("\n".join(lines[region.begin : region.end - 1]))
            try:
                fn.shapes.append(shape(ast.parse(code).body))
            except SyntaxError:  # a region that is not whole statements on its own
                pass
        out.extend(found.values())
    return out


def check_file(path: Path, rel: str, project: int, regions: list[RegionFunction]) -> list[Finding]:
    """The findings for one shipped file of project number ``project``'s test support."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError):
        return []
    relevant = [r for r in regions if r.last_owner() >= project]
    relevant.sort(key=lambda r: (r.name.startswith("_"), r.path, r.qualname))  # public first
    findings: list[Finding] = []
    for qualname, node, cls in _functions(tree):
        name = node.name
        if name.startswith(("test_", "pytest_")) and (cls is None or cls.startswith("Test")):
            continue  # the test itself (what it nests is checked) or a pytest hook
        reason = _reason(qualname, node, cls, relevant, project)
        if reason:
            findings.append(Finding(rel, node.lineno, qualname, reason))
    return findings


def _reason(qualname, node, cls, regions: list[RegionFunction], project: int) -> str | None:
    name = node.name
    if _reference_named(name):
        return "named like a test reference"
    mine = _norm(name)
    for r in regions:
        if cls is not None:
            same = r.cls == cls and r.name == name
        else:
            same = mine == _norm(r.name) if r.cls is None else mine == _snake(r.cls)
        if same:
            return f"named after {r.label(project)}"
    params = _params(node)
    for r in regions:
        if _same_parameters(params, r.params):
            shown = ", ".join(params)
            return f"takes the parameters of {r.label(project)} ({shown})"
    mine_shape = shape(_body(node))
    best, best_region = 0.0, None
    for r in regions:
        for theirs in r.shapes:
            score = _similar(mine_shape, theirs)
            if score > best:
                best, best_region = score, r
    if best_region is not None and best >= SIMILARITY:
        return f"has the structure of {best_region.label(project)} (similarity {best:.2f})"
    return None


def find(root: Path) -> list[Finding]:
    """Every function of every project's shipped test support that computes what a graded
    region of that project or a later one computes (see the module's docstring)."""
    from m2m.release.hidden import shipped_test_files
    from m2m.release.tree import Source

    root = Path(root)
    source = Source(root)
    regions = region_functions(source)
    findings: list[Finding] = []
    seen: set[str] = set()
    for project, folder in sorted(source.project_dirs.items()):
        if not (root / "tests" / folder).is_dir():
            continue
        n = project_number(project)
        for rel in sorted(shipped_test_files(root, folder)):
            if not rel.endswith(".py"):
                continue
            # tests/conftest.py ships with every project: checked against every region.
            key = rel if rel != "tests/conftest.py" else f"{rel}@all"
            if key in seen:
                continue
            seen.add(key)
            owner = n if rel != "tests/conftest.py" else 1
            findings.extend(check_file(root / rel, rel, owner, regions))
    return findings
