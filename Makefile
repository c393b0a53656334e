# Thin wrappers around scripts/ so both `make test` and `./scripts/test` work.
.PHONY: install run worker beat test lint fmt check messages
install: ; scripts/bootstrap test
run: ; scripts/run
worker: ; .venv/bin/celery -A alakompass worker --pool=solo -l info
beat: ; .venv/bin/celery -A alakompass beat -l info
test: ; scripts/test
lint: ; .venv/bin/ruff check . && .venv/bin/ruff format --check .
fmt: ; .venv/bin/ruff format . && .venv/bin/ruff check --fix .
messages: ; DJANGO_DEBUG=true .venv/bin/python manage.py makemessages -l sv --ignore=.venv --ignore=staticfiles
check: lint test
