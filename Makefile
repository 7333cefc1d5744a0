# Build the relapsed ALL family guide. `make help` lists every target.

# -- Settable from the command line -------------------------------------------
PYTHON     ?= python3
LANGS      ?= $(shell $(PYTHON) tools/languages.py)
SPHINXOPTS ?=
PORT       ?= 8000

# -- Internal -----------------------------------------------------------------
VENV        := .venv
BIN         := $(VENV)/bin
VENV_STAMP  := $(VENV)/.requirements-installed
BUILDDIR    := _build
SPHINXBUILD := $(BIN)/sphinx-build
# Warnings are errors in every build; -q keeps the log to what matters.
SPHINXFLAGS := -W --keep-going -q -c . $(SPHINXOPTS)
PAGES       := $(wildcard docs/*.md)
SITE_INPUTS := conf.py locale/languages.toml $(wildcard tools/*.py tools/extensions/*.py theme/*/*)

.PHONY: help all html readability test lint format serve clean clean-venv

help:
	@echo "Usage: make <target> [LANGS='en ...']"
	@echo "  all          check system packages, then build the whole site into $(BUILDDIR)/html/"
	@echo "  html         build the site for LANGS (default: every language) into $(BUILDDIR)/html/<lang>/"
	@echo "  readability  print the reading level (Flesch-Kincaid, SMOG) of every English page"
	@echo "  test         lint, then run the whole test suite (it builds its own copy of the site)"
	@echo "  lint         check Python style with ruff"
	@echo "  format       reformat Python code with ruff"
	@echo "  serve        build, then preview the site on http://127.0.0.1:$(PORT)/"
	@echo "  clean        remove $(BUILDDIR)/ (the virtual environment stays)"
	@echo "  clean-venv   remove the virtual environment $(VENV)/"

all:
	@$(PYTHON) tools/check_system.py
	@$(MAKE) --no-print-directory html

html: $(LANGS:%=$(BUILDDIR)/html/%/.built) $(BUILDDIR)/html/index.html

# One stamp per language: a language is rebuilt only when its inputs change.
.SECONDEXPANSION:
$(BUILDDIR)/html/%/.built: $(PAGES) $(SITE_INPUTS) $$(wildcard locale/$$*/LC_MESSAGES/*.po) | $(VENV_STAMP)
	@echo "sphinx-build html [$*]"
	@$(SPHINXBUILD) -b html $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/html-$* -D language=$* docs $(BUILDDIR)/html/$*
	@touch $@

$(BUILDDIR)/html/index.html: tools/site_index.py tools/languages.py locale/languages.toml | $(VENV_STAMP)
	@$(BIN)/python tools/site_index.py $(BUILDDIR)/html

readability: $(BUILDDIR)/html/en/.built
	@$(BIN)/python tools/readability.py $(BUILDDIR)/html/en

test: lint
	$(BIN)/pytest

lint: | $(VENV_STAMP)
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

format: | $(VENV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve: html
	@echo "Serving $(BUILDDIR)/html on http://127.0.0.1:$(PORT)/ (Ctrl+C stops)"
	@$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(PORT)

clean:
	rm -rf $(BUILDDIR)

clean-venv:
	rm -rf $(VENV)

# The virtual environment is a file target: made when missing, remade when
# requirements.txt changes.
$(VENV_STAMP): requirements.txt
	@$(PYTHON) -m venv $(VENV) || { echo "Python's venv module is missing. Install it with:"; \
		echo "    sudo apt-get install python3-venv"; exit 1; }
	@echo "Installing Python packages into $(VENV)/ (from requirements.txt)"
	@$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@
