# From Math to Machine — every target creates .venv when it is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
P      ?=

.PHONY: help install install-instructor demo demo-needs-reference test test-slow grade lint format release check audit doctor course bench bench-autograde clean

help:
	@echo "make demo          install, then run every project's demo on the reference (m2m tour)"
	@echo "make test          install with the test extra, run the suite on the reference"
	@echo "make test-slow     the slow tests (full mutation audit, every project in nbgrader)"
	@echo "make grade P=p01   grade your own work on one project (P empty: all projects)"
	@echo "make lint          ruff check + format check"
	@echo "make release       regenerate the learner tree (shared/, projects/) from solutions/"
	@echo "make audit         check that stubbing any single solution region fails a test"
	@echo "make doctor        check Python, libraries, datasets and the implementation trees"
	@echo "make course        build the nbgrader course in course/ (instructors)"
	@echo "make bench         time the Tensor core against hand-written NumPy and PyTorch"
	@echo "make bench-autograde  time nbgrader's autograde of one submission, per project"
	@echo "make clean         remove .venv, out/ and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One stamp per extra; reinstalled when pyproject.toml changes.
$(VENV)/.stamp-base: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.stamp-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.stamp-base

$(VENV)/.stamp-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.stamp-test $(VENV)/.stamp-base

$(VENV)/.stamp-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@touch $@ $(VENV)/.stamp-test $(VENV)/.stamp-base

$(VENV)/.stamp-instructor: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[instructor]'
	@touch $@ $(VENV)/.stamp-test $(VENV)/.stamp-base

install: $(VENV)/.stamp-base

# The instructor extra (nbgrader); with it installed, make test also runs the end-to-end
# nbgrader tests.
install-instructor: $(VENV)/.stamp-instructor

demo: demo-needs-reference $(VENV)/.stamp-base
	MPLBACKEND=Agg $(BIN)/m2m tour

# make demo runs the reference's demos; a learner's checkout has none, so say so (before
# installing anything) and name the command that runs the learner's own demo.
demo-needs-reference:
	@test -d solutions || { \
	  echo "make demo runs the reference's demos, and this checkout has no solutions/;" \
	       "run your own with: $(BIN)/m2m demo pNN --impl learner (after make install)" >&2; \
	  exit 2; }

# One BLAS thread: the suite runs graders and audits two at a time on two cores.
TEST_ENV := MPLBACKEND=Agg OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1

test: $(VENV)/.stamp-test
	$(TEST_ENV) $(BIN)/python -m pytest --impl solutions -q --timeout=600 -m "not slow"

# The tests that take minutes: the mutation audit of every region through pytest, and every
# project autograded by the real nbgrader. CI runs them after `make test`.
test-slow: $(VENV)/.stamp-test
	$(TEST_ENV) $(BIN)/python -m pytest --impl solutions -q --timeout=1200 -m slow

grade: $(VENV)/.stamp-test
	MPLBACKEND=Agg $(BIN)/m2m grade $(P)

lint: $(VENV)/.stamp-dev
	$(BIN)/ruff check m2m braininabox solutions tests bench
	$(BIN)/ruff format --check m2m braininabox solutions tests bench

format: $(VENV)/.stamp-dev
	$(BIN)/ruff format m2m braininabox solutions tests bench
	$(BIN)/ruff check --fix m2m braininabox solutions tests bench

release: $(VENV)/.stamp-base
	$(BIN)/m2m release

check: $(VENV)/.stamp-base
	$(BIN)/m2m release --check

audit: $(VENV)/.stamp-test
	$(BIN)/m2m audit

doctor: $(VENV)/.stamp-base
	$(BIN)/m2m doctor

course: $(VENV)/.stamp-instructor
	$(BIN)/m2m nbgrader build course
	$(BIN)/m2m nbgrader release -C course

bench: $(VENV)/.stamp-bench
	MPLBACKEND=Agg $(BIN)/python bench/bench_core.py --suite
	MPLBACKEND=Agg $(BIN)/python bench/bench_conv.py

bench-autograde: $(VENV)/.stamp-instructor
	MPLBACKEND=Agg $(BIN)/python bench/bench_autograde.py

clean:
	rm -rf $(VENV) out course .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
