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

Standard library only, and no import of anything else: it is part of the grading runtime
(:mod:`m2m.runtime`) that ``m2m nbgrader build`` copies into every assignment.
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
