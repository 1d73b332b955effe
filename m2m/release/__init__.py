"""From the reference (``solutions/``) to what learners receive.

- :mod:`m2m.release.regions`: the ``### BEGIN SOLUTION pNN`` regions and their stubs;
- :mod:`m2m.release.tree`: the learner tree generated from solutions/ (``m2m release``,
  ``--check``), and the text graded for a learner's file;
- :mod:`m2m.release.hidden`: which tests are hidden, and what ships of a test folder;
- :mod:`m2m.release.bundles`: one assignment's bundle (``m2m release --project``);
- :mod:`m2m.release.data_manifest`: the datasets each project reads;
- :mod:`m2m.release.oracles`: no public test support may compute what a region computes.

Imports :mod:`m2m.runtime` (the stub format, the answers rule) and the top-level modules;
never :mod:`m2m.grading`, :mod:`m2m.nbgrader` or :mod:`m2m.cli`.
"""
