# Set-up and everyday commands. `make demo` and `make test` install everything they need
# (Debian packages through apt, Python packages into .venv) and are safe to run again.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libvoikko1 voikko-fi neovim libreoffice-writer-nogui chromium chromium-driver postgresql
STAMP := $(VENV)/.installed
EXAMPLES := $(wildcard corpus/examples/*.txt corpus/examples/*.md corpus/examples/*.html)
EXAMPLES := $(filter-out corpus/examples/README.md,$(EXAMPLES))

.PHONY: setup system-deps demo test test-quick bench lemma-freq sv-model calibrate clean

# axe-core (npm) for the accessibility checks of the feedback widget's browser tests
AXE := .cache/npm/node_modules/axe-core/axe.min.js

setup: system-deps $(STAMP) $(AXE)

system-deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	$(PYTHON) -c 'import ensurepip' >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

$(AXE):
	@command -v npm >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm; }
	npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@4

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(BIN)/selkeys check --exit-zero $(EXAMPLES)
	@echo
	$(BIN)/selkeys score $(EXAMPLES)
	@echo
	$(BIN)/python scripts/make_demo_docx.py build/demo/esityslista-kokous.docx
	$(BIN)/selkeys check --exit-zero build/demo/esityslista-kokous.docx --annotate build/demo/esityslista-kokous.annotated.docx --highlight
	@echo
	$(BIN)/selkeys check --exit-zero --report build/demo-report.html $(EXAMPLES) > /dev/null
	$(BIN)/selkeys handbook --lang fi --out build/handbook

test: setup
	$(BIN)/python -m pytest -q

# everyday work: no browser, PostgreSQL, LibreOffice or Neovim, nothing slow (markers in pyproject.toml)
QUICK := not browser and not postgres and not office and not editor and not slow
test-quick: $(STAMP)
	$(BIN)/python -m pytest -q -m "$(QUICK)"

bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/lsp_bench.py
	$(BIN)/python benchmarks/docx_bench.py
	$(BIN)/python benchmarks/site_bench.py
	$(BIN)/python benchmarks/feedback_load.py
	$(BIN)/python benchmarks/playground_bench.py
	$(BIN)/python benchmarks/hostile.py

# Refit the score models (selkeys/data/score_*.json) on real text read from local clones (Yle
# Selkouutiset, Finlex; see corpus/labelled/README.md), corpus/real, corpus/labelled and the UD
# treebanks in ../shared/data, choosing the model by cross-validation by document and by time;
# writes corpus/labelled/REPORT.md. Exit status 1 when the score does not beat every single measure
# on held-out real data (or a rewrite pair is ordered wrong), 2 when a clone is missing.
calibrate: setup
	$(BIN)/python -m selkeys.calibration.refit

lemma-freq: setup
	$(BIN)/python scripts/build_lemma_freq.py

# Train the Swedish tagger/morphologizer/lemmatizer on UD Swedish (~10 min on
# 2 cores) and ship it to selkeys/models/sv_ud/ (see training/sv/).
sv-model: setup
	$(BIN)/python training/sv/train.py

clean:
	rm -rf $(VENV) build *.egg-info benchmarks/out .cache/npm
