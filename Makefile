# Two commands on a fresh clone: `make run` (install, ingest the bundled example, summary and a search)
# and `make test` (install with test tools, lint, run the tests).
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= example.db

.PHONY: run test install install-dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[all]"
	@echo "building the offline gazetteer (once per install, about a minute)"
	$(BIN)/python -c "from newsgraph.geo.gazetteer import get_gazetteer; get_gazetteer()"
	@# French, Spanish and Russian models (newsgraph/lang); stories in those languages get a clear error without them
	PYTHON=$(BIN)/python bash scripts/install_languages.sh || echo "language models not installed: fr/es/ru stories will say which extra they need"
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e ".[all,dev]"
	@# Debian's Chromium for the browser tests; they skip (and say why) where it cannot be installed
	bash scripts/install_browser.sh || echo "chromium not installed: the browser tests will skip"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/newsgraph ingest examples/ --db $(DB)
	$(BIN)/newsgraph stats --db $(DB)
	$(BIN)/newsgraph search "floodwaters OR teachers" --db $(DB)

lint: install-dev
	$(BIN)/ruff check
	@# mypy over src/newsgraph: fails on errors not in scripts/mypy_baseline.txt
	$(BIN)/python scripts/mypy_gate.py

test: lint
	$(BIN)/pytest -q

bench: install-dev
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
