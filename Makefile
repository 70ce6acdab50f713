# crosscheck: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install bench clean lock

install: $(STAMP)

# torch first, pinned exactly: any other spec would pull gigabytes of CUDA packages.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(VENV)/bin/crosscheck compare samples/ecbplus/indian-navy-pirates.jsonl --format text
	$(VENV)/bin/crosscheck compare samples/ecbplus/indian-navy-pirates.jsonl --format md -o out/demo-report.md
	$(VENV)/bin/crosscheck compare samples/ecbplus/indian-navy-pirates.jsonl --format html -o out/demo-report.html
	@echo "Reports written to out/demo-report.md and out/demo-report.html"

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/compare.py

# Re-pin after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(PIP) freeze --exclude-editable | sed -E 's/^torch==.*/torch==2.13.0/' > requirements.lock

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info .pytest_cache
