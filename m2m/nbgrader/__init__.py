"""The nbgrader course, built and driven from the same source (instructor extra).

- :mod:`m2m.nbgrader.course`: build the course (one assignment per project, with the
  grading runtime copied in as files) and drive nbgrader in it (release, autograde,
  feedback, export, collect, scores, review flags);
- :mod:`m2m.nbgrader.notebook`: an assignment's notebook, one autograded cell per task;
- :mod:`m2m.nbgrader.plan`: how autograde spreads a submission's tests over processes.

Imports :mod:`m2m.release`, :mod:`m2m.runtime` and the top-level modules; never
:mod:`m2m.cli`.
"""
