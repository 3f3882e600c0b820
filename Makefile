# Drone Diplomacy: every target sets up what it needs from a clean clone.
#   make serve   build the course and serve it on http://127.0.0.1:$(PORT)
#   make test    run the whole test suite (data, package, notebooks, built site, browser)
# bash with pipefail: `make book` keeps the build's log (tee) and still fails when the build does.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
BOOK_STAMP := $(VENV)/.book-installed
DEV_STAMP := $(VENV)/.dev-installed
JB_FLAGS := -W -n --keep-going

.PHONY: help venv book serve check lint format test bench assign exercise-pages student-repo grade written export merge clean notebooks

help:
	@echo "make serve  build and serve the course on http://127.0.0.1:$(PORT)"
	@echo "make book   build the course into _build/html"
	@echo "make test   run every test"
	@echo "make assign [CHAPTERS=3,5]  release student notebooks and Gradescope autograder zips"
	@echo "make check  the fast tests (data, package, prose, grader parts): under a minute, for every edit"
	@echo "make lint   ruff's lint and format checks (make format applies the formatting)"
	@echo "make student-repo  the student branch (chapters, data, package, student notebooks; no solutions) in _build/student-repo"
	@echo "make grade SUBMISSIONS=<folder> [EXERCISE=<name>] [MANUAL=<sheet>]  grade into <folder>-graded/"
	@echo "           [TIMEOUT=300] [CELL_TIMEOUT=60] [WORKERS=<cores>] [MEMORY=4000] [DUPLICATES=latest|best]"
	@echo "           [SHARD=I/N] [UNSAFE=1 (no sandbox: throwaway machines only)]"
	@echo "make written SUBMISSIONS=<folder>  written answers into a marking sheet"
	@echo "make export EXERCISE=<name> ROSTER=<roster.csv> GRADED=<folder>-graded  Canvas and Moodle CSV files"
	@echo "make merge GRADED=<folder>  join the gradebooks of shards graded on several machines"
	@echo "make notebooks  rewrite chapters/*.ipynb from the chapters' .md (what Colab and Binder open)"
	@echo "make bench  print the benchmark tables (build speed, page weight, Lighthouse, grading speed)"
	@echo "make clean  remove builds, caches and the virtual environment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3

# The course package (what students install too) and the site's Sphinx extension (_ext/).
$(BOOK_STAMP): $(BIN)/python requirements.txt pyproject.toml _ext/pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e . -e _ext
	touch $@

$(DEV_STAMP): $(BOOK_STAMP) requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BOOK_STAMP)

# Jupyter Book's execution cache keys on each notebook's code only; chapters call the package,
# read data/ and run on the pinned libraries, so a change to any of them must invalidate the
# cache too. The build is the one run of every chapter's cells (`make test` runs none again).
EXECUTION_INPUTS := $(shell find dronediplomacy data -type f \( -name '*.py' -o -name '*.json' -o -name '*.csv' \) | sort) \
	references.bib requirements.txt

book: $(BOOK_STAMP)
	@mkdir -p _build; key=$$(cat $(EXECUTION_INPUTS) | sha256sum | cut -c1-16); \
	if [ "$$(cat _build/.execution-inputs 2>/dev/null)" != "$$key" ]; then \
	  rm -rf _build/.jupyter_cache _build/.doctrees; echo "$$key" > _build/.execution-inputs; fi
	$(BIN)/jupyter-book build . $(JB_FLAGS) 2>&1 | tee _build/book.log

serve: book
	@echo "Serving the course at http://127.0.0.1:$(PORT)  (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# Colab opens only .ipynb files, and the launch buttons point at chapters/NN-name.ipynb when it
# exists beside the .md: keep a copy without outputs beside each chapter (the build reads the .md;
# tests/test_live_notebooks.py fails when a copy is out of date). --update keeps each unchanged
# cell's id, so a one-line edit to a chapter is a one-line change to its copy (and merges).
notebooks: $(BOOK_STAMP)
	$(BIN)/jupytext --quiet --update --to ipynb chapters/*.md

# The site's Exercises pages (practice/), from the masters' introductions: after adding or
# renaming an exercise (tests/test_live_notebooks.py fails while a page is out of date).
exercise-pages: $(BOOK_STAMP)
	$(BIN)/python tools/make_exercise_pages.py

# The fast tier: no book build, no kernel, no browser. Under a minute; run it after every edit.
FAST_TESTS := tests/test_data.py tests/test_package.py tests/test_prose_matches_data.py tests/test_bibliography.py \
	tests/test_source_quality.py tests/test_grading_units.py tests/test_exercise_tests.py tests/test_sipri_refresh.py \
	tests/test_airforce_refresh.py tests/test_self_checks.py tests/test_wrong_answers.py tests/test_reading_time.py \
	tests/test_hints.py tests/test_toolkit.py tests/test_worked_analyses.py \
	tests/test_drones_in_modern_war.py tests/test_arms_exports_statecraft.py tests/test_mtcr_export_gap.py \
	tests/test_site.py tests/test_release.py
check: $(DEV_STAMP)
	$(BIN)/python -m pytest -q $(FAST_TESTS)

# ruff at the version requirements-dev.txt pins, configured in pyproject.toml; the same checks run
# as pre-commit hooks (.pre-commit-config.yaml) on the files a commit changes.
lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP)
	$(BIN)/ruff format .

# Every chapter runs once, in the book build (a cell that raises fails it). nbval runs the
# exercise masters, whose solutions must pass every public and hidden test, as .ipynb files
# converted into _build/notebooks. Two processes, one test file each at a time: a notebook's
# cells run in order in one kernel, and the tests that share the released exercises
# (tests/test_grading.py) release them once. Files go out in collection order, which
# tests/conftest.py starts with the longest (xdist would otherwise send the files with the
# most tests first and the two longest, with three tests each, last).
test: $(DEV_STAMP) book
	rm -rf _build/notebooks
	$(BIN)/jupytext --quiet --to ../_build/notebooks/exercises//ipynb exercises/*.md
	$(BIN)/python -m pytest tests _build/notebooks --nbval-lax --durations=25 -n 2 --dist loadfile --no-loadscope-reorder

# Student notebooks and Gradescope autograder zips: make assign [CHAPTERS=3,5] [REF=<tag; default v<version>>]
assign: $(BOOK_STAMP)
	$(BIN)/python -m ddgrader assign --chapters "$(CHAPTERS)" --out _build/assign $(if $(REF),--ref "$(REF)")

# The repository students open (Colab, Binder, the install cell): push _build/student-repo's
# `student` branch and its release tag (v<version>) to the course's repository (see ddgrader/student_repo.py).
student-repo: assign
	$(BIN)/python -c "from pathlib import Path; from ddgrader import student_repo; \
	  print('wrote', student_repo.build(Path('_build/student-repo'), Path('_build/assign/student')))"

# Grade every file under a folder (each notebook in a bubblewrap sandbox) into <folder>-graded/:
# gradebook.csv, feedback/, notebooks/, logs/. The options are those of
# `python -m ddgrader grade --help`; the instructor guide explains each.
GRADE_OPTIONS = $(if $(EXERCISE),--exercise "$(EXERCISE)") $(if $(MANUAL),--manual "$(MANUAL)") \
	$(if $(OUT),--out "$(OUT)") $(if $(TIMEOUT),--timeout $(TIMEOUT)) $(if $(CELL_TIMEOUT),--cell-timeout $(CELL_TIMEOUT)) \
	$(if $(WORKERS),--workers $(WORKERS)) $(if $(MEMORY),--memory $(MEMORY)) \
	$(if $(DUPLICATES),--duplicates $(DUPLICATES)) $(if $(SHARD),--shard $(SHARD)) $(if $(UNSAFE),--unsafe-no-sandbox)

grade: $(BOOK_STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=<folder> [EXERCISE=<name>] [MANUAL=<sheet>] ... (make help)"; exit 2; }
	@test -d _build/assign/autograder || $(MAKE) assign
	$(BIN)/python -m ddgrader grade "$(SUBMISSIONS)" $(GRADE_OPTIONS)

written: $(BOOK_STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "usage: make written SUBMISSIONS=<folder> [EXERCISE=<name>]"; exit 2; }
	$(BIN)/python -m ddgrader written "$(SUBMISSIONS)" $(if $(EXERCISE),--exercise "$(EXERCISE)") $(if $(OUT),--out "$(OUT)")

export: $(BOOK_STAMP)
	@test -n "$(EXERCISE)" -a -n "$(ROSTER)" -a -n "$(GRADED)" || { echo "usage: make export EXERCISE=<name> ROSTER=<roster.csv> GRADED=<folder>-graded"; exit 2; }
	$(BIN)/python -m ddgrader export --exercise "$(EXERCISE)" --roster "$(ROSTER)" --out "$(GRADED)"

merge: $(BOOK_STAMP)
	@test -n "$(GRADED)" || { echo "usage: make merge GRADED=<folder holding gradebook-shard-*.csv>"; exit 2; }
	$(BIN)/python -m ddgrader merge "$(GRADED)"

bench: $(DEV_STAMP) book assign
	$(BIN)/python bench/build_speed.py
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/lighthouse.py
	$(BIN)/python bench/grading_speed.py $(or $(N),8)

clean:
	rm -rf _build .jupyter_cache $(VENV)
