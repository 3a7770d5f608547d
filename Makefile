# Set-up and everyday commands. `make demo` and `make test` install everything they need
# (Debian packages through apt, Python packages into .venv) and are safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libvoikko1 voikko-fi neovim libreoffice-writer-nogui chromium chromium-driver postgresql
STAMP := $(VENV)/.installed
EXAMPLES := $(wildcard corpus/examples/*.txt corpus/examples/*.md corpus/examples/*.html)
EXAMPLES := $(filter-out corpus/examples/README.md,$(EXAMPLES))

.PHONY: setup system-deps demo test bench lemma-freq sv-model clean

setup: system-deps $(STAMP)

system-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import ensurepip' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/selkeys check --exit-zero $(EXAMPLES)
	@echo
	$(BIN)/selkeys score $(EXAMPLES)

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/lsp_bench.py

lemma-freq: setup
	$(BIN)/python scripts/build_lemma_freq.py

# Train the Swedish tagger/morphologizer/lemmatizer on UD Swedish (~10 min on
# 2 cores) and ship it to selkeys/models/sv_ud/ (see training/sv/).
sv-model: setup
	$(BIN)/python training/sv/train.py

clean:
	rm -rf $(VENV) build *.egg-info benchmarks/out
