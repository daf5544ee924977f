# Entry points; the logic lives in scripts/*.sh. Variables given on the command line
# (DB=, PORT=, RESET=1, KEEP_DB=1, TEST_TAGS=, ADDON_DIR=, ODOO_PATH=) reach the scripts
# through the environment.
.DEFAULT_GOAL := help
.PHONY: help setup demo test lint wheel check-install pg-stop

help: ## list the targets
	@echo "party_cell (Odoo 18.0 addon). Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## /  make \1\t/' | expand -t 24
	@echo "Options: DB=name PORT=8069 RESET=1 (demo) KEEP_DB=1 TEST_TAGS=/party_cell (test)"
	@echo "         ODOO_PATH=/path/to/odoo-18.0 when python3 cannot import odoo"

setup: ## install Debian and Python requirements (not Odoo itself)
	@bash scripts/setup.sh

demo: ## create (once) a Vietnamese demo database and serve it on http://localhost:8069
	@bash scripts/demo.sh

test: ## run the addon's tests on a fresh database; prints "N passed, M failed"
	@bash scripts/test.sh

lint: ## ruff and pylint-odoo
	@bash scripts/lint.sh

wheel: ## build the addon as a wheel (odoo-addon-party_cell) into .build/dist
	@bash scripts/build_wheel.sh

check-install: ## install the wheel in a fresh virtualenv, with demo data, then upgrade (-u)
	@bash scripts/check_install.sh

pg-stop: ## stop the private PostgreSQL cluster, if one was started
	@bash scripts/pg.sh stop
