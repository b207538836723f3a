# The two set-up commands (see README):  make run   and   make test
# Everything installs into .venv with pip (torch 2.13.0 is the CPU wheel on this machine's disk).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
export HF_HUB_OFFLINE = 1
export TRANSFORMERS_OFFLINE = 1
export ANONYMIZED_TELEMETRY = False

.PHONY: run test install install-test chromium postgresql lint eval calibrate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e .

## run: install, build the index, serve the chat page on http://127.0.0.1:7860
run: install
	$(BIN)/assistant ingest
	$(BIN)/assistant serve

install-test: install
	CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/pip install -q -e '.[test,llm]'
	npm install --prefix $(VENV)/node --no-audit --no-fund --silent axe-core@4.14.1  # the a11y audit

chromium:
	@command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

# The store tests run against a real PostgreSQL 15 that the fixtures start (initdb, pg_ctl).
postgresql:
	@test -x /usr/lib/postgresql/15/bin/initdb || (apt-get update -q && apt-get install -y -q postgresql)

## test: install everything, run the whole test suite, then the evaluation gates
CONTRACT ?= ../shared/eval/contract.jsonl
test: install-test chromium postgresql lint
	$(BIN)/python -m pytest -q
	$(BIN)/assistant eval $(CONTRACT) --out artifacts/eval-contract $(CONTRACT_GATES)
	$(BIN)/assistant eval eval/dev/gold.jsonl --out artifacts/eval $(EVAL_GATES)
	$(BIN)/assistant eval eval/dev/fresh-d1.jsonl --out artifacts/eval-d1 $(DEV_GATES)

# The gates guard against regressions at today's figures (docs/status.md). On the contract, all
# three bars are gated: no answerable question refused, fact recall >= 0.95, out-of-scope refusal
# ("refusal_accuracy" counts out-of-scope questions) >= 0.94 (it stands at 1.0).
CONTRACT_GATES = --fail-under quote_fidelity=1 --fail-over false_refusal_rate=0 \
	--fail-under fact_recall=0.95 --fail-under refusal_accuracy=0.94 --fail-over errors=0
EVAL_GATES = --fail-under quote_fidelity=1 --fail-under groundedness=0.95 \
	--fail-under fact_recall=0.95 --fail-under hit@3=0.85 --fail-under refusal_accuracy=0.8 \
	--fail-over false_refusal_rate=0.05 --fail-over errors=0
DEV_GATES = --fail-under quote_fidelity=1 --fail-under groundedness=0.95 \
	--fail-under fact_recall=0.88 --fail-under refusal_accuracy=0.65 \
	--fail-over false_refusal_rate=0.05 --fail-over errors=0

lint:
	$(BIN)/ruff check assistant tests bench
	$(BIN)/mypy

eval:
	$(BIN)/assistant eval eval/dev/gold.jsonl --out artifacts/eval

## bench: performance figures on this machine, next to the plain LangChain recipe (docs/benchmarks.md)
bench: install-test
	$(BIN)/python bench/run.py

## calibrate: refit the scope policy's two thresholds on eval/train, report eval/dev (never eval/test)
calibrate:
	$(BIN)/python bench/calibrate_refusal.py --train eval/train/*.jsonl --dev eval/dev/*.jsonl $(CONTRACT)

clean:
	rm -rf index artifacts
