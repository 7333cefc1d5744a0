# Build the relapsed ALL family guide. `make help` lists every target.

# -- Settable from the command line -------------------------------------------
PYTHON     ?= python3
# Every code in the language table (read with sed: no Python start-up per make run).
LANGS      ?= $(shell sed -n 's/^code = "\(.*\)"/\1/p' locale/languages.toml)
SPHINXOPTS ?=
PORT       ?= 8000
# A clinic profile (TOML) fills in the handouts' care team box; see README.
CLINIC     ?=
# Where the site is published, for canonical links and the handouts' QR codes.
BASEURL    ?=
# How many runs `make bench` takes the median of.
RUNS       ?= 3
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# `make live LANG=xx`; LANG alone is the shell's locale, so only a command-line LANG counts.
LIVE_LANG  := $(if $(filter command line,$(origin LANG)),$(LANG),es)

# -- Internal -----------------------------------------------------------------
VENV        := .venv
BIN         := $(VENV)/bin
VENV_STAMP  := $(VENV)/.requirements-installed
BUILDDIR    := _build
SPHINXBUILD := $(BIN)/sphinx-build
# Warnings are errors in every build; -q keeps the log to what matters.
SPHINXFLAGS := -W --keep-going -q -c . $(SPHINXOPTS)
PAGES       := $(wildcard docs/*.md)
SITE_INPUTS := conf.py locale/languages.toml $(wildcard tools/*.py tools/extensions/*.py theme/*/* theme/*/*/*)
GETTEXT_DIR := $(BUILDDIR)/gettext
HANDOUT_INPUTS := $(wildcard handouts/*.py handouts/*.toml handouts/*.css handouts/templates/*) $(CLINIC)
SITE_OPTS   := $(if $(BASEURL),-D html_baseurl=$(BASEURL))
HANDOUT_OPTS := $(SITE_OPTS) $(if $(CLINIC),-D handouts_clinic_profile=$(abspath $(CLINIC)))
TRANSLATIONS = $(filter-out en,$(LANGS))

.PHONY: help all html $(addprefix html-,$(LANGS)) handouts readability gettext update-po check-po stats live \
	test lint format serve clean clean-venv

help:
	@echo "Usage: make <target> [LANGS='en ...']"
	@echo "  all          check system packages and catalogs, then build every language's handouts and site"
	@echo "  html         build the site for LANGS (default: every language) into $(BUILDDIR)/html/<lang>/"
	@echo "  html-<lang>  build one language, e.g. make html-es"
	@echo "  handouts     PDF handouts for LANGS into $(BUILDDIR)/handouts/<lang>/ [CLINIC=clinic.toml]"
	@echo "  gettext      extract English messages into templates ($(GETTEXT_DIR)/*.pot)"
	@echo "  update-po    bring catalogs for LANGS up to date with the English pages (canonical form)"
	@echo "  check-po     check catalogs for LANGS; every problem as FILE:LINE"
	@echo "  stats        translated, fuzzy and untranslated entries and words per language and page"
	@echo "  live         live-reloading preview of one language while you edit: make live LANG=es"
	@echo "  readability  print the reading level (Flesch-Kincaid, SMOG) of every English page"
	@echo "  test         lint, then run the whole test suite (it builds its own copy of the site)"
	@echo "  screenshots  phone and desktop screenshots of one page per language into $(BUILDDIR)/screenshots/"
	@echo "  bench        measure build times, PDF sizes and page weight against the targets"
	@echo "  lint         check Python style with ruff"
	@echo "  format       reformat Python code with ruff"
	@echo "  serve        build, then preview the site on http://127.0.0.1:$(PORT)/"
	@echo "  clean        remove $(BUILDDIR)/ (the virtual environment stays)"
	@echo "  clean-venv   remove the virtual environment $(VENV)/"

all: $(BUILDDIR)/system-checked.stamp
	@$(MAKE) --no-print-directory --jobs=$(JOBS) --output-sync=target html

# System packages are checked before the first build, and again after `make clean`.
$(BUILDDIR)/system-checked.stamp: tools/check_system.py
	@$(PYTHON) tools/check_system.py
	@mkdir -p $(@D) && touch $@

html: $(LANGS:%=$(BUILDDIR)/html/%/.built) $(BUILDDIR)/html/index.html

handouts: $(LANGS:%=$(BUILDDIR)/handouts/%/.built)

$(addprefix html-,$(LANGS)): html-%:
	@$(MAKE) --no-print-directory html LANGS=$*

# One stamp per language: a language is rebuilt only when its inputs change. The
# site lists (and copies) the language's handouts, so it comes after them.
.SECONDEXPANSION:
# Stamps are real records of finished work; make must not delete them as intermediates.
.SECONDARY:
$(BUILDDIR)/html/%/.built: $(PAGES) $(SITE_INPUTS) $$(wildcard locale/$$*/LC_MESSAGES/*.po) \
		$(BUILDDIR)/handouts/%/.built $(BUILDDIR)/checked/%.stamp | $(VENV_STAMP)
	@echo "sphinx-build html [$*]"
	@$(SPHINXBUILD) -b html $(SPHINXFLAGS) $(SITE_OPTS) -d $(BUILDDIR)/doctrees/html-$* -D language=$* \
		docs $(BUILDDIR)/html/$*
	@touch $@

$(BUILDDIR)/handouts/%/.built: $(PAGES) $(SITE_INPUTS) $(HANDOUT_INPUTS) \
		$$(wildcard locale/$$*/LC_MESSAGES/*.po) $(BUILDDIR)/checked/%.stamp | $(VENV_STAMP)
	@echo "sphinx-build handouts [$*]"
	@$(SPHINXBUILD) -b handouts $(SPHINXFLAGS) $(HANDOUT_OPTS) -d $(BUILDDIR)/doctrees/handouts-$* \
		-D language=$* docs $(BUILDDIR)/handouts/$*
	@touch $@

# Every build of a language starts with its catalog check (English has no catalogs).
$(BUILDDIR)/checked/%.stamp: $$(wildcard locale/$$*/LC_MESSAGES/*.po) tools/check_po.py \
		$(SITE_INPUTS) $(HANDOUT_INPUTS) | $(VENV_STAMP)
	@$(if $(filter en,$*),,$(BIN)/python tools/check_po.py $*)
	@mkdir -p $(@D) && touch $@

$(BUILDDIR)/html/index.html: tools/site_index.py tools/languages.py locale/languages.toml | $(VENV_STAMP)
	@$(BIN)/python tools/site_index.py $(BUILDDIR)/html

# -- Translations (sphinx-intl workflow) ---------------------------------------

gettext: | $(VENV_STAMP)
	@$(SPHINXBUILD) -b gettext $(SPHINXFLAGS) -d $(BUILDDIR)/doctrees/gettext docs $(GETTEXT_DIR)
	@$(BIN)/python tools/interface_catalog.py template $(GETTEXT_DIR)

update-po: gettext
	@$(BIN)/sphinx-intl update --pot-dir $(GETTEXT_DIR) --locale-dir locale --line-width 79 \
		--no-obsolete $(addprefix --language ,$(TRANSLATIONS)) | grep -v '^Not Changed' || true
	@$(BIN)/python tools/interface_catalog.py prefill $(TRANSLATIONS)
	@$(BIN)/python tools/catalog_format.py $(TRANSLATIONS)

check-po: | $(VENV_STAMP)
	@$(BIN)/python tools/check_po.py $(TRANSLATIONS)

stats: | $(VENV_STAMP)
	@$(BIN)/python tools/catalog_stats.py $(TRANSLATIONS)

# `env -u LANG`: make exports the command line's LANG=xx, which is not a valid locale.
live: | $(VENV_STAMP)
	env -u LANG $(BIN)/sphinx-autobuild -b html -c . -D language=$(LIVE_LANG) -d $(BUILDDIR)/doctrees/live-$(LIVE_LANG) \
		--watch locale/$(LIVE_LANG) --watch theme --watch tools --host 127.0.0.1 --port $(PORT) \
		docs $(BUILDDIR)/live/$(LIVE_LANG)

readability: $(BUILDDIR)/html/en/.built
	@$(BIN)/python tools/readability.py $(BUILDDIR)/html/en

test: lint
	@$(PYTHON) tools/check_system.py --tests
	$(BIN)/pytest

screenshots: html
	@$(BIN)/python tools/screenshots.py $(BUILDDIR)/html $(BUILDDIR)/screenshots

bench: | $(VENV_STAMP)
	@$(BIN)/python tools/bench.py --runs $(RUNS)

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
