# Entry points; the logic lives in scripts/*.sh. Variables given on the command line
# (DB=, PORT=, RESET=1, KEEP_DB=1, TEST_TAGS=, ADDON_DIR=, ODOO_PATH=) reach the scripts
# through the environment. Targets that need the tools run `setup` first: it installs only
# what is missing (no apt, no pip when nothing is), and stops saying how to provide Odoo
# when Odoo is missing. The scripts themselves only check (scripts/lib.sh require_setup).
.DEFAULT_GOAL := help
.PHONY: help setup demo test lint wheel check-install pg-stop

help: ## list the targets
	@echo "party_cell (Odoo 18.0 addon). Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 24
	@echo "Options: DB=name PORT=8069 RESET=1 (demo) KEEP_DB=1 TEST_TAGS=/party_cell (test)"
	@echo "         ODOO_PATH=/path/to/odoo-18.0 when python3 cannot import odoo"

setup: ## install what is missing: Debian and Python packages, OCA addons (not Odoo)
	@bash scripts/setup.sh

demo: setup ## create (once) a Vietnamese demo database and serve it on http://localhost:8069
	@bash scripts/demo.sh

test: setup ## run the addon's tests on a fresh database; prints "N passed, M failed"
	@bash scripts/test.sh

lint: setup ## the pre-commit hooks on every file: ruff, pylint-odoo, file checks
	@bash scripts/lint.sh

wheel: setup ## build the addon as a wheel (odoo-addon-party_cell) into .build/dist
	@bash scripts/build_wheel.sh

check-install: setup ## install the wheel in a fresh virtualenv, with demo data, then upgrade (-u)
	@bash scripts/check_install.sh

pg-stop: ## stop the private PostgreSQL cluster, if one was started
	@bash scripts/pg.sh stop
