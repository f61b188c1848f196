# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SSG    := $(BIN)/ssg
SITE   ?= .
ARGS   ?=

.PHONY: build test test-fast lint style format serve clean bench upgrade browser-deps check-links fetch-feeds messages mutation

# The project installed into .venv at the versions in constraints.txt; redone when either changes.
INSTALL := $(BIN)/python -m pip install -q --disable-pip-version-check
PIP := $(INSTALL) -c constraints.txt
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

# ssg's bytecode, written ahead: where Python does not write it (PYTHONDONTWRITEBYTECODE, set
# in many CI images) every run would compile some sixty modules again, 0.05 s of a one-edit build.
$(VENV)/.compiled: $(VENV)/.installed $(wildcard ssg/*.py ssg/*/*.py)
	$(BIN)/python -m compileall -q ssg
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

upgrade: $(VENV)/.installed        ## the newest dependencies pyproject.toml allows, into constraints.txt
	$(INSTALL) -U -e '.[test]'
	{ sed -n '/^#/p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt
	@echo "constraints.txt updated; run make test before committing it"

build: $(VENV)/.compiled           ## build the hub into public/ (fails when the cadence lapses)
	$(SSG) build --site $(SITE) $(ARGS)

lint: $(VENV)/.compiled            ## the hub's lint alone (cadence, privacy), without building
	$(SSG) lint --site $(SITE) $(ARGS)

serve: $(VENV)/.compiled           ## serve the hub on http://127.0.0.1:8000/, rebuilt and reloaded on save
	$(SSG) serve --site $(SITE) $(ARGS)

check-links: $(VENV)/.compiled     ## online: check community and external links (.ssg-cache/links.json)
	$(SSG) check-links --site $(SITE) $(ARGS)

fetch-feeds: $(VENV)/.compiled     ## online: keep the newest community feed items for the next build
	$(SSG) fetch-feeds --site $(SITE) $(ARGS)

style: $(VENV)/.installed-test     ## ruff: lint and format check of the code
	$(BIN)/ruff check ssg tests themes tools
	$(BIN)/ruff format --check ssg tests themes tools

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix ssg tests themes tools
	$(BIN)/ruff format ssg tests themes tools

browser-deps: $(VENV)/.installed-test  ## Chromium, axe-core and the Nu HTML Checker, when missing
	bash tests/browser/install-deps.sh

test: $(VENV)/.installed-test browser-deps  ## the whole suite: unit, end-to-end, browser
	$(MAKE) style
	$(BIN)/pytest

test-fast: $(VENV)/.installed-test ## unit and end-to-end tests, no browser
	$(BIN)/pytest -m "not browser"

# Mutation testing (slow, never part of `make test`): each core module against its own test
# file, one after the other, each under a time limit; prints the survivors not recorded as
# equivalent in docs/mutation.md. Scope it with MODULES="weburls feeds".
MODULES ?=
MUTATION_TIME_LIMIT ?= 900
mutation: $(VENV)/.installed-test  ## mutants the tests let through (cadence, weburls, write, markup, privacy, feeds)
	$(BIN)/python tools/mutation.py --time-limit $(MUTATION_TIME_LIMIT) $(MODULES)

bench: $(VENV)/.compiled           ## cold, warm and one-edit builds and the lint beside Hugo (bench/README.md)
	bash bench/run.sh

# Translations: ssg/locale/<lang>/LC_MESSAGES/ssg.po, compiled in memory when a site is built.
LANGUAGES := de en es fr
LOCALES   := ssg/locale
messages: $(VENV)/.installed       ## re-extract the theme's and ssg's strings, update every catalogue
	$(BIN)/pybabel -q extract -F babel.cfg -k N_ -c Translators: --add-location=file --sort-by-file \
	  --width=100 --omit-header -o $(LOCALES)/ssg.pot .
	for lang in $(LANGUAGES); do \
	  test -f $(LOCALES)/$$lang/LC_MESSAGES/ssg.po || \
	    $(BIN)/pybabel -q init -D ssg -i $(LOCALES)/ssg.pot -d $(LOCALES) -l $$lang --width=100; \
	done
	$(BIN)/pybabel -q update -D ssg -i $(LOCALES)/ssg.pot -d $(LOCALES) --width=100 \
	  --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/python tools/catalogues.py english $(LOCALES)/en/LC_MESSAGES/ssg.po
	$(BIN)/python tools/catalogues.py check $(foreach l,$(LANGUAGES),$(LOCALES)/$(l)/LC_MESSAGES/ssg.po) \
	  || echo "translate the entries above, then run make messages again"

clean:                             ## remove the venv, the output and caches (never content)
	rm -rf $(VENV) public .public.* .ssg-cache .tools test-artifacts .pytest_cache .ruff_cache .hypothesis *.egg-info .mutation
