# crosscheck: `make demo` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install bench clean lock chromium wordnet serve model nli-model bench-verify \
	bench-conflicts

install: $(STAMP)

# torch first, pinned exactly: any other spec would pull gigabytes of CUDA packages.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -r requirements.lock
	$(PIP) install --quiet --no-deps -e .
	$(MAKE) chromium wordnet
	touch $(STAMP)

# The browser tests drive Debian's chromium through Playwright (`playwright install` would
# download a browser; this machine may have no network beyond the package mirrors).
chromium:
	command -v chromium >/dev/null || (apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium)

# WordNet 3.0 (Debian's wordnet-base): synonyms for the verifier's training rewrites
# (`make model`) and their tests; verifying and the pipeline do not need it.
wordnet:
	test -f $${CROSSCHECK_WORDNET:-/usr/share/wordnet}/index.noun || (apt-get update && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wordnet-base)

# Corpus mode on the bundled sample: store it, list the stories and the strongest conflicts,
# show the story with the most conflicts, and write it as Markdown and HTML.
DEMO_DB := out/demo.db
CC      := $(VENV)/bin/crosscheck
TOP_STORY = $$($(CC) stories --db $(DEMO_DB) --sort conflicts --limit 1 --format jsonl \
	| $(PY) -c 'import json, sys; print(json.loads(sys.stdin.readline())["id"])')

demo: $(STAMP)
	mkdir -p out
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).lock
	$(CC) run samples/ecbplus/indian-navy-pirates.jsonl --db $(DEMO_DB)
	$(CC) stories --db $(DEMO_DB)
	@echo; echo "Top conflicts:"
	$(CC) conflicts --db $(DEMO_DB) --limit 3
	@echo
	$(CC) story $(TOP_STORY) --db $(DEMO_DB) --format text
	$(CC) story $(TOP_STORY) --db $(DEMO_DB) --format md -o out/demo-report.md
	$(CC) story $(TOP_STORY) --db $(DEMO_DB) --format html -o out/demo-report.html
	@echo "Corpus in $(DEMO_DB); reports written to out/demo-report.md and out/demo-report.html"

# The web UI on the demo corpus: http://127.0.0.1:8765/ (Ctrl-C stops it).
serve: demo
	$(CC) serve --db $(DEMO_DB)

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/compare.py

# The verifier (src/crosscheck/verify/models/verifier.npz + .sha256 + report), rebuilt from the
# training part of the dev splits with a fixed seed; about 4 minutes on two cores.
DATA ?= ../shared/data
model: $(STAMP)
	OMP_NUM_THREADS=1 $(CC) train-verifier --data $(DATA)

# The NLI cross-encoder the verifier reads (src/crosscheck/verify/models/nli-minilm.*), from
# nli/ and the dev splits' training part, seed 13: ~9 min on one H100 GPU; on two CPU cores it
# would take days (`crosscheck train-nli --rows DIR` writes the rows to train elsewhere).
# Run `make model` after it: the trees learn from its out-of-fold scores.
nli-model: $(STAMP)
	$(CC) train-nli --data $(DATA)

# Conflicts on real news: hand labels of GVA dev incidents and planted edits (docs/benchmarks.md).
bench-conflicts: $(STAMP)
	$(PY) bench/conflict_quality.py --data $(DATA)

bench-verify: $(STAMP)
	$(PY) bench/verify_quality.py --data $(DATA)

# Re-pin after changing dependencies in pyproject.toml.
lock: $(STAMP)
	$(PIP) freeze --exclude-editable | sed -E 's/^torch==.*/torch==2.13.0/' > requirements.lock

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info .pytest_cache
