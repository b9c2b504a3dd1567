# make run | make test | make bench — each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench system clean messages

# the demo program (created on first use), or your own: make run WORKSPACE=~/mentoring
WHERE = $(or $(WORKSPACE),$(FACILITATOR_HOME))

# an editable install is not byte-compiled the way a wheel install is; compile it, so start-up
# is what an installed facilitator gives (and stays so where PYTHONDONTWRITEBYTECODE is set)
COMPILE = @$(BIN)/python -m compileall -q facilitator >/dev/null

run: $(STAMP) system
	$(COMPILE)
	@$(BIN)/facilitator $(if $(WHERE),--workspace $(WHERE),--demo) $(ARGS)

test: $(STAMP) system
	@$(BIN)/python -m pytest

bench: $(STAMP) system
	$(COMPILE)
	@$(BIN)/python bench/run.py

# the catalogues (docs/translating.md): the English words extracted from the code and templates,
# merged into every language's .po, each compiled to the .mo the wheel ships
LOCALE := facilitator/locale
messages: $(STAMP)
	PYTHONPATH=. $(BIN)/pybabel -q extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output \
		--project facilitator -o $(LOCALE)/facilitator.pot .
	$(BIN)/pybabel -q update -D facilitator -d $(LOCALE) -i $(LOCALE)/facilitator.pot --no-fuzzy-matching
	$(BIN)/pybabel -q compile -D facilitator -d $(LOCALE) --statistics

system: $(STAMP)
	@$(BIN)/python -m facilitator.syscheck

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "facilitator: Python 3.11 or newer is needed (found " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "facilitator: could not create $(VENV); on Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }
	@echo "Installing facilitator and its test tools into $(VENV) (first run only)..."
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>/dev/null || true
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,scan]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) dist build .pytest_cache
