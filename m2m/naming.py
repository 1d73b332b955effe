"""The course's names: project ids and folders, and the stub every solution region becomes.

This module is the one owner of:

- the project id ``pNN`` and its number (:data:`PROJECT_ID`, :func:`project_number`);
- the project folder ``pNN_snake_name`` (:data:`PROJECT_DIR`, :func:`project_of_dir`);
- the brief's anchor of a task (:func:`brief_anchor`);
- the stub a region becomes (:func:`stub_text`, :func:`stub_source`) and the two patterns
  that recognise it: :data:`STUB_MESSAGE` (the exception's message) and :data:`STUB_LINE`
  (the generated source line).

A stub names its owner, task, qualified function name and file (two stubs can share a
qualified name: ``Linear.forward`` in ``shared/functional.py`` and in ``shared/nn.py``)::

    raise NotImplementedError('P06 Task 3 · Linear.forward (shared/nn.py) — see '
                              'projects/p06_fraud_mlp/README.md#task-3')

(one line in the generated file, one string).

The patterns also accept the older form without the file, so a learner copy generated
before the file was named is still recognised.

Standard library only, and no import of the rest of :mod:`m2m`: :mod:`m2m.engine` and
:mod:`m2m.answers` import it in the package, and ``m2m nbgrader build`` copies those two into
each assignment as standalone files with this module's text embedded in place of their
``from m2m.naming import ...`` line (:func:`embed`), so one source serves both.
"""

from __future__ import annotations

import re

#: A project id: ``p01``.
PROJECT_ID = re.compile(r"^p(?P<number>\d\d)$")
#: A project folder: ``p01_manual_neuron`` (group 1 is the id).
PROJECT_DIR = re.compile(r"^(p\d\d)_[a-z0-9_]+$")

_LABEL = r"P\d\d Task \d+ · (?P<qualname>[^ ()']+)(?: \((?P<path>[^()' ]+)\))?"
#: The message of an unfilled stub's ``NotImplementedError``.
STUB_MESSAGE = re.compile(rf"^(?P<label>{_LABEL}) — see \S+$")
#: A generated stub line (the message in single quotes, as ``repr`` writes it).
STUB_LINE = re.compile(
    rf"^(?P<indent>[ \t]*)raise NotImplementedError\('(?P<label>{_LABEL}) — see [^']*'\)[ \t]*$"
)


def project_number(project: str) -> int:
    """``1`` for ``"p01"``; ValueError naming the expected form for anything else."""
    m = PROJECT_ID.match(project)
    if not m:
        raise ValueError(f"expected a project id like 'p01', got {project!r}")
    return int(m.group("number"))


def project_of_dir(name: str) -> str | None:
    """``"p05"`` for the folder name ``"p05_autograd"``; None when it is not a project."""
    m = PROJECT_DIR.match(name)
    return m.group(1) if m else None


def brief_anchor(folder: str, task: int) -> str:
    """Where the brief explains a task: ``projects/p01_manual_neuron/README.md#task-2``."""
    return f"projects/{folder}/README.md#task-{task}"


def stub_text(project: str, task: int, qualname: str, path: str, folder: str) -> str:
    """The message of a stub: ``P06 Task 3 · Linear.forward (shared/nn.py) — see …#task-3``.

    ``project`` is the owner id (``p06``), ``path`` the file relative to the tree's root
    (``shared/nn.py``), ``folder`` the owner's project folder (``p06_fraud_mlp``).
    """
    return f"{project.upper()} Task {task} · {qualname} ({path}) — see {brief_anchor(folder, task)}"


def stub_source(indent: str, message: str) -> str:
    """The generated line that raises ``message`` (no newline)."""
    return f"{indent}raise NotImplementedError({message!r})"


def embed(module_text: str, naming_text: str) -> str:
    """``module_text`` with its one ``from m2m.naming import ...`` line replaced by
    ``naming_text`` (this module's source, less its ``from __future__`` line), so the
    result runs without the package. ValueError when there is not exactly one such line."""
    body = re.sub(r"^from __future__ import .*\n", "", naming_text, flags=re.M)
    pattern = re.compile(r"^from m2m\.naming import [^\n(]*$", re.M)
    found = pattern.findall(module_text)
    if len(found) != 1:
        raise ValueError(
            f"expected one single-line 'from m2m.naming import ...' to embed, found {len(found)}"
        )
    fenced = f"# ── m2m/naming.py, embedded ──\n{body}# ── end of m2m/naming.py ──"
    return pattern.sub(lambda _m: fenced, module_text, count=1)
