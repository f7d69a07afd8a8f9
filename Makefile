# The two commands a reader needs: `make book` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAGA := $(BIN)/python -m saga

.PHONY: book html singlehtml data check test lint bench clean

# (Re)create the venv when it is missing or older than requirements.txt / pyproject.toml.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# The book: _build/html (multi-page) and _build/singlehtml/index.html (one page), each with
# its own Sphinx environment so rebuilds are incremental. book-prepare first drops the
# jupyter-cache record of every notebook whose declared input data changed, so exactly those
# notebooks re-execute. Warnings are errors (-n -W --keep-going).
book: html singlehtml

html: data
	$(SAGA) book-prepare
	$(SAGA) book-build html

singlehtml: html
	$(SAGA) book-build singlehtml

data: $(STAMP)
	$(SAGA) data

check: $(STAMP)
	$(SAGA) check

lint: $(STAMP)
	$(BIN)/ruff check saga tests book/_ext notebooks
	$(BIN)/ruff format --check saga tests book/_ext notebooks

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
	rm -rf _build data/processed .pytest_cache .ruff_cache
