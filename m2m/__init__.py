"""Course tooling for From Math to Machine: release, grade, tour, doctor.

Nothing in this package is ever stubbed; learners use it, they do not write it. Its parts,
each importing only the ones listed before it:

- :mod:`m2m.runtime`: what runs while a submission is graded (naming, answers rule, engine,
  guard, the nbgrader helper); standard library only, copied into nbgrader assignments;
- top-level modules: :mod:`m2m.impl` (which tree is imported), :mod:`m2m.projects` (the
  projects of a checkout), :mod:`m2m.timings` (the committed test times and the limits
  derived from them), :mod:`m2m.testing` (helpers the graded tests import);
- :mod:`m2m.opchecks`: the generic checks of every registered op;
- :mod:`m2m.release`: the learner tree, bundles and datasets generated from solutions/;
- :mod:`m2m.grading`: sandboxes, ``m2m grade``, ``m2m timings``' measuring, the audit;
- :mod:`m2m.nbgrader`: the nbgrader course;
- :mod:`m2m.pytest_plugin`, :mod:`m2m.doctor`, :mod:`m2m.tour`, :mod:`m2m.package`
  (top-level, but above the packages): the pytest options, the environment check, the
  demos, the P11 wheel;
- :mod:`m2m.cli`: the ``m2m`` command, on top of everything.
"""

__version__ = "0.1.0"
