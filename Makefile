# The two commands a reader needs: `make book` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAGA := $(BIN)/python -m saga
# pip through the venv's python: a copied or moved venv's `pip` script keeps a stale shebang.
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: book html singlehtml pdf lab data check test lint bench clean

# (Re)create the venv when it is missing or older than requirements.txt / pyproject.toml.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The book: _build/html (multi-page) and _build/singlehtml/index.html (one page), from one
# Sphinx environment (_build/.doctrees), so a rebuild reads only what changed and the single
# page reads nothing the site has read. book-prepare first drops the
# jupyter-cache record of every notebook whose declared input data changed, so exactly those
# notebooks re-execute, then executes them one per core into that cache (Sphinx would run them
# one at a time). On two cores the html step builds the single page beside the site in a second
# process, once the environment is saved, so the singlehtml step finds it up to date.
# Warnings are errors (-n -W --keep-going).
book: html singlehtml

html: data
	$(SAGA) book-prepare
	$(SAGA) book-build html

singlehtml: html
	$(SAGA) book-build singlehtml

# The PDF edition, printed from the single page by Debian's chromium (needs poppler-utils).
pdf: singlehtml
	$(BIN)/python -m saga.bookbuild.pdf

# JupyterLab on notebooks/ with the data prepared; JupyterLab comes from requirements-lab.txt,
# installed only here so that `make book` stays lean. Kernels talk over IPC, not local TCP.
LAB_STAMP := $(VENV)/.lab-installed
$(LAB_STAMP): requirements-lab.txt $(STAMP)
	$(PIP) install -r requirements-lab.txt
	@touch $(LAB_STAMP)

lab: data $(LAB_STAMP)
	JUPYTER_DEFAULT_PROVISIONER_NAME=saga-ipc $(BIN)/jupyter lab --ServerApp.root_dir=notebooks \
		$(if $(filter 0,$(shell id -u)),--allow-root)

data: $(STAMP)
	$(SAGA) data

check: $(STAMP)
	$(SAGA) check

lint: $(STAMP)
	$(BIN)/ruff check saga tests book/_ext notebooks
	$(BIN)/ruff format --check saga tests book/_ext notebooks

# The tests hold the shipped book to zero stale premises: a stale one fails its notebook.
test: export SAGA_STRICT_PREMISES = 1
test: book
	$(BIN)/python -m pytest

# The pipeline on generated realistic corpora of BENCH_SOURCES sources (per-stage time, peak
# memory, throughput next to plain jieba.lcut) and the book at 300 sources; prints one table,
# writes _build/bench/bench.json and _build/bench/summary.csv. 30,000 sources is opt-in:
# make bench BENCH_SOURCES=300,3000,30000
BENCH_SOURCES ?= 300,3000
bench: $(STAMP)
	$(BIN)/python -m saga.bench --sources $(BENCH_SOURCES)

clean:
	rm -rf _build data/processed book/source-texts .pytest_cache .ruff_cache
