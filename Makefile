# Two commands for a newcomer: `make demo` (set up and serve with sample data on SQLite)
# and `make test` (lint and the whole suite). Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SEEDS := $(wildcard ../shared/seeds)
DEMO_CORPUS := var/demo-corpus
DEMO_COUNT ?= 1000
HOST ?= 127.0.0.1:8000

.PHONY: install demo test lint format bench

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

demo: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py generate_corpus $(DEMO_CORPUS) --count $(DEMO_COUNT) --seed 1
	$(BIN)/python manage.py import_articles $(DEMO_CORPUS) $(SEEDS)
	$(BIN)/python manage.py runserver $(HOST)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: lint
	$(BIN)/pytest

# The performance benchmark on PostgreSQL (BENCH_POSTGRES, default the local server):
# 100,000 generated articles; `make bench BENCH_ARGS="--count 2000 --seconds 2"` for a quick run.
BENCH_ARGS ?=
bench: $(INSTALLED)
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)
