# Build the relapsed ALL family guide. `make help` lists every target.

# -- Settable from the command line -------------------------------------------
PYTHON     ?= python3
# Every code in the language table (read with sed: no Python start-up per make run).
LANGS      ?= $(shell sed -n 's/^code = "\(.*\)"/\1/p' locale/languages.toml)
SPHINXOPTS ?=
PORT       ?= 8000
# A clinic profile (TOML) for `make clinic`: its handouts go to _build/clinic/<name>/; see README.
CLINIC     ?=
# With `make clinic`: only these handouts (e.g. at-a-glance) and paper sizes (letter, a4).
HANDOUTS   ?=
PAPER      ?=
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
# The browser libraries the clinic handouts page serves from the site (package.json,
# pinned by package-lock.json): installed by `npm ci`, recorded by this stamp.
NODE_STAMP  := node_modules/.installed
# Run by the system's Python before the virtual environment exists: a file, not a command.
CHECK_SYSTEM := src/allguide/devtools/check_system.py
# `make bench` only: sphinx-simplepdf, which the bench compares against, kept apart.
BENCH_VENV  := .venv-bench
BUILDDIR    := _build
SPHINXBUILD := $(BIN)/sphinx-build
# Warnings are errors in every build; -q keeps the log to what matters.
SPHINXFLAGS := -W --keep-going -q -c . $(SPHINXOPTS)
# The pages and the figure templates they draw (docs/figures/*.svg).
PAGES       := $(wildcard docs/*.md docs/figures/*.svg)
# The package's code (src/allguide/), the project's settings and theme.
CODE        := $(wildcard src/allguide/*.py src/allguide/*/*.py)
SITE_INPUTS := conf.py pyproject.toml locale/languages.toml $(CODE) $(wildcard theme/*/* theme/*/*/*)
GETTEXT_DIR := $(BUILDDIR)/gettext
HANDOUT_INPUTS := handouts.toml $(wildcard src/allguide/handouts/*.css src/allguide/handouts/templates/*)
SITE_OPTS   := $(if $(BASEURL),-D guide_baseurl=$(BASEURL))
# Languages shown in the switchers and on the entry page (see src/allguide/site/listed_languages.py).
LISTED      := $(BUILDDIR)/listed-languages.txt
SITE_OPTIONS := $(BUILDDIR)/site-options.txt
# Before their first use: := expands them at once.
comma := ,
space := $(subst ,, )
CLINIC_NAME := $(basename $(notdir $(CLINIC)))
CLINIC_DIR  := $(BUILDDIR)/clinic/$(CLINIC_NAME)
# What make keeps about a clinic's build (the profile's digest, a stamp per language),
# apart from its PDFs: a nurse's folder holds only the PDFs and the manifest.
CLINIC_STATE := $(BUILDDIR)/clinic-state/$(CLINIC_NAME)
CLINIC_OPTS := -D handouts_clinic_profile=$(abspath $(CLINIC)) \
	$(if $(HANDOUTS),-D handouts_only=$(subst $(space),$(comma),$(strip $(HANDOUTS)))) \
	$(if $(PAPER),-D handouts_papers=$(subst $(space),$(comma),$(strip $(PAPER))))
TRANSLATIONS = $(filter-out en,$(LANGS))

.PHONY: help all html build-languages $(addprefix html-,$(LANGS)) handouts clinic release readability gettext \
	update-po check-po stats live test test-fast lint format serve clean clean-venv

help:
	@echo "Usage: make <target> [LANGS='en ...']"
	@echo "  all          check system packages and catalogs, then build every language's site and handouts"
	@echo "  html         the same for LANGS (default: every language): $(BUILDDIR)/html/<lang>/, $(BUILDDIR)/handouts/<lang>/"
	@echo "  html-<lang>  build one language, e.g. make html-es"
	@echo "  handouts     the same as html (a language's handouts are made with its site)"
	@echo "  build-languages  the step of html that builds the languages found out of date"
	@echo "  clinic       a clinic's handouts: make clinic CLINIC=clinic.toml [HANDOUTS=at-a-glance] [PAPER=letter]"
	@echo "  release      make all for publishing: BASEURL=https://... is required"
	@echo "  gettext      extract English messages into templates ($(GETTEXT_DIR)/*.pot)"
	@echo "  update-po    bring catalogs for LANGS up to date with the English pages (canonical form)"
	@echo "  check-po     check catalogs for LANGS; every problem as FILE:LINE"
	@echo "  stats        translated, fuzzy and untranslated entries and words per language and page"
	@echo "  live         live-reloading preview of one language while you edit: make live LANG=es"
	@echo "  readability  print the reading level (Flesch-Kincaid, SMOG) of every English page"
	@echo "  test         lint, then run the whole test suite (it builds its own copy of the site)"
	@echo "  test-fast    lint, then the fast tier of the tests (under 3 CPU-minutes; no browser or full build)"
	@echo "  screenshots  phone and desktop screenshots of one page per language, and every printed page and figure, into $(BUILDDIR)/screenshots/"
	@echo "  bench        measure build times, PDF sizes and page weight against the targets"
	@echo "  lint         check Python style with ruff"
	@echo "  format       reformat Python code with ruff"
	@echo "  serve        build, then preview the site on http://127.0.0.1:$(PORT)/"
	@echo "  clean        remove $(BUILDDIR)/ (the virtual environment stays)"
	@echo "  clean-venv   remove the virtual environment $(VENV)/"

# Every language is tried (-k): one language's problem never stops another's. The
# summary lists handouts held back, and fails only for problems someone must fix.
all: $(BUILDDIR)/system-checked.stamp | $(VENV_STAMP)
	@$(MAKE) --no-print-directory -k --jobs=$(JOBS) --output-sync=target html; status=$$?; \
	$(BIN)/guide-handout-summary $(BUILDDIR)/handouts $(LANGS) || status=1; exit $$status

release:
	@case "$(BASEURL)" in https://*) ;; *) echo "make release needs the public address:" \
		"make release BASEURL=https://your.site/guide/"; exit 2;; esac
	@$(MAKE) --no-print-directory all SITE_OPTS="$(SITE_OPTS) -D guide_release=1"

# System packages are checked before the first build, and again after `make clean`.
$(BUILDDIR)/system-checked.stamp: $(CHECK_SYSTEM)
	@$(PYTHON) $(CHECK_SYSTEM)
	@mkdir -p $(@D) && touch $@

html: build-languages $(BUILDDIR)/html/index.html

handouts: html

$(addprefix html-,$(LANGS)): html-%:
	@$(MAKE) --no-print-directory html LANGS=$*

# One stamp per language: a language is rebuilt only when its inputs change. Make only
# queues the languages that are out of date; guide-build-languages then builds them
# from one warmed-up process (guide-build-languages). For each: its catalog check (an error stops that language
# only), then one Sphinx run that reads the pages once, makes the handouts (withdrawn,
# never failing the site, when they cannot be made) and writes the site.
.SECONDEXPANSION:
# Stamps are real records of finished work; make must not delete them as intermediates.
.SECONDARY:
$(BUILDDIR)/html/%/.built: $(PAGES) $(SITE_INPUTS) $(HANDOUT_INPUTS) $(LISTED) $(SITE_OPTIONS) \
		$$(wildcard locale/$$*/LC_MESSAGES/*.po locale/$$*/terminology.csv) | $(VENV_STAMP)
	@mkdir -p $(BUILDDIR)/queue && touch $(BUILDDIR)/queue/$*

build-languages: $(LANGS:%=$(BUILDDIR)/html/%/.built) | $(VENV_STAMP)
	@$(BIN)/guide-build-languages --jobs $(JOBS) $(BUILDDIR) -- $(SPHINXFLAGS) $(SITE_OPTS) \
		-D site_listed_languages=$$(cat $(LISTED))

# The options that change what every page and PDF prints (BASEURL, release), rewritten
# only when they change: a build with a new address rebuilds every language, never only
# the out-of-date ones (a release once kept the placeholder address in twelve).
$(SITE_OPTIONS): FORCE
	@mkdir -p $(@D) && printf '%s\n' '$(SITE_OPTS)' | cmp -s - $@ || printf '%s\n' '$(SITE_OPTS)' > $@

.PHONY: FORCE
FORCE:

# Rewritten only when the list changes, so a catalog edit rebuilds only its language.
$(LISTED): locale/languages.toml $(wildcard locale/*/LC_MESSAGES/*.po) $(CODE) \
		| $(VENV_STAMP)
	@$(BIN)/guide-listed-languages $@

# Written after the languages are built (build-languages), again whenever one was (its
# stamp): the clinic handouts page it writes too lists the PDFs they published.
$(BUILDDIR)/html/index.html: $(LANGS:%=$(BUILDDIR)/html/%/.built) $(CODE) \
		$(wildcard src/allguide/site/*.js) locale/languages.toml $(LISTED) $(NODE_STAMP) \
		| build-languages $(VENV_STAMP)
	@$(BIN)/guide-site-index $(BUILDDIR)/html $$(cat $(LISTED))

# -- Clinic handouts -----------------------------------------------------------
# A clinic's PDFs carry its phone numbers: they go to _build/clinic/<profile>/<lang>/,
# never into _build/handouts/ or the site. They depend on the profile's content (its
# digest), not its date.

clinic: $(BUILDDIR)/system-checked.stamp | $(VENV_STAMP)
	@test -n "$(CLINIC)" || { echo "make clinic needs a profile: make clinic CLINIC=clinic.toml"; exit 2; }
	@$(BIN)/guide-clinic-profile $(CLINIC) $(CLINIC_STATE)/profile.digest \
		"$(HANDOUTS)" "$(PAPER)"
	@$(MAKE) --no-print-directory -k --jobs=$(JOBS) --output-sync=target \
		$(LANGS:%=$(CLINIC_STATE)/%.built); status=$$?; \
	$(BIN)/guide-handout-summary $(CLINIC_DIR) $(LANGS) || status=1; exit $$status

# Exit status 3: handouts withdrawn and the reason recorded in the folder's manifest.
$(BUILDDIR)/clinic-state/%.built: $(PAGES) $(SITE_INPUTS) $(HANDOUT_INPUTS) $(CLINIC_STATE)/profile.digest \
		$(SITE_OPTIONS) $$(wildcard locale/$$(notdir $$*)/LC_MESSAGES/*.po \
		locale/$$(notdir $$*)/terminology.csv) | $(VENV_STAMP)
	@echo "sphinx-build handouts [$(CLINIC_NAME): $(notdir $*)]"
	@$(SPHINXBUILD) -b handouts $(SPHINXFLAGS) $(SITE_OPTS) $(CLINIC_OPTS) \
		-d $(BUILDDIR)/doctrees/clinic-$(notdir $*) -D language=$(notdir $*) \
		docs $(BUILDDIR)/clinic/$*; status=$$?; [ $$status -eq 0 ] || [ $$status -eq 3 ]
	@mkdir -p $(@D) && touch $@

# -- Translations (sphinx-intl layout) -------------------------------------------

# Catalogs are a pure function of docs/ and the templates: nothing in _build/ is read.
gettext: | $(VENV_STAMP)
	@$(BIN)/guide-update-po --templates $(GETTEXT_DIR)

update-po: | $(VENV_STAMP)
	@$(if $(TRANSLATIONS),$(BIN)/guide-update-po $(TRANSLATIONS),echo "English has no catalogs")

check-po: | $(VENV_STAMP)
	@$(BIN)/guide-check-po $(TRANSLATIONS)

stats: | $(VENV_STAMP)
	@$(BIN)/guide-stats $(TRANSLATIONS)

# `env -u LANG`: make exports the command line's LANG=xx, which is not a valid locale.
live: | $(VENV_STAMP)
	env -u LANG $(BIN)/sphinx-autobuild -b html -c . -D language=$(LIVE_LANG) -D guide_preview=1 \
		-d $(BUILDDIR)/doctrees/live-$(LIVE_LANG) \
		--watch locale/$(LIVE_LANG) --watch theme --watch src --host 127.0.0.1 --port $(PORT) \
		docs $(BUILDDIR)/live/$(LIVE_LANG)

readability: $(BUILDDIR)/html/en/.built
	@$(BIN)/guide-readability $(BUILDDIR)/html/en

test: lint $(NODE_STAMP)
	@$(PYTHON) $(CHECK_SYSTEM) --tests
	$(BIN)/pytest

# For your own loop: every module's tests but those marked `full` (the site of every
# language, a real browser, `make` stories; tests/conftest.py says which).
test-fast: lint $(NODE_STAMP)
	$(BIN)/pytest -m "not full"

screenshots: html
	@$(BIN)/guide-screenshots $(BUILDDIR)/html $(BUILDDIR)/screenshots \
		--handouts $(BUILDDIR)/handouts --languages $(LANGS)

bench: $(BENCH_VENV)/.requirements-installed | $(VENV_STAMP)
	@$(BIN)/guide-bench --runs $(RUNS) --jobs $(JOBS)

# A file target like $(VENV_STAMP): made when missing, remade when its requirements change.
$(BENCH_VENV)/.requirements-installed: requirements-bench.txt requirements.txt
	@$(PYTHON) -m venv $(BENCH_VENV)
	@echo "Installing sphinx-simplepdf into $(BENCH_VENV)/ (from requirements-bench.txt)"
	@$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-bench.txt
	@touch $@

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

# `npm ci` installs exactly package-lock.json's versions (no install scripts run); remade
# when either file changes.
$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing. Install it with:"; \
		echo "    sudo apt-get install nodejs npm"; exit 1; }
	@echo "Installing the clinic page's browser libraries into node_modules/ (from package-lock.json)"
	@npm ci --ignore-scripts --no-audit --no-fund --silent
	@touch $@

# The virtual environment is a file target: made when missing, remade when
# requirements.txt changes.
# requirements.txt pins what the package needs; the package itself (src/allguide/) is
# installed editable, so a code change needs no reinstall. No build isolation: setuptools
# comes with the venv, and nothing is fetched to install our own code.
$(VENV_STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "Python's venv module is missing. Install it with:"; \
		echo "    sudo apt-get install python3-venv"; exit 1; }
	@echo "Installing Python packages into $(VENV)/ (from requirements.txt)"
	@$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@$(BIN)/pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps -e .
	@touch $@
