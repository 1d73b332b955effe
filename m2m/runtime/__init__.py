"""The grading runtime: what runs while a submission is graded.

- :mod:`m2m.runtime.naming`: project ids and folders, and the stub format;
- :mod:`m2m.runtime.answers`: which lines of a learner's file are graded, and the static
  reach-in rule;
- :mod:`m2m.runtime.engine`: the child pytest that may misbehave, every test accounted for;
- :mod:`m2m.runtime.guard`: the audit hook armed in that child before learner code loads;
- :mod:`m2m.runtime.check`: the helper an nbgrader notebook's cells call.

``m2m grade`` imports it from the package; ``m2m nbgrader build`` copies this folder, as
files, into every assignment as ``m2m_runtime/`` (with a ``settings.json`` beside them), where
the tooling may not be installed. So: standard library only, and nothing outside this
package is imported; modules import each other relatively (``from .naming import ...``), and
the engine, which its child runs as a script, loads its siblings from their files.
"""
