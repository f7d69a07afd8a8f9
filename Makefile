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

# The tests hold the shipped book to zero stale premises: a stale one fails its notebook.
test: export SAGA_STRICT_PREMISES = 1
test: book
	$(BIN)/python -m pytest

# Throughput on COPIES copies of the corpus next to plain jieba.lcut, book build times and
# page weight; prints one table and writes _build/bench/bench.json.
COPIES ?= 1000
bench: $(STAMP)
	$(BIN)/python -m saga.bench --copies $(COPIES)

clean:
	rm -rf _build data/processed .pytest_cache .ruff_cache
