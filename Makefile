# Eddy: a Jupyter kernel in Go for streaming data-engineering notebooks.
#
#   make lab             build, install the kernelspec into .venv, start JupyterLab on :8888
#   make test            go vet + go test + the Python-driven protocol, notebook and browser tests
#   make bench           Go benchmarks + the kernel client benchmark (eddy vs ipykernel)
#   make build           bin/eddy
#   make venv            .venv with the pinned Python tools (requirements.txt)
#   make install-kernel  bin/eddy install --sys-prefix into .venv
#
# Everything a target needs is installed by the project's own files: Python tools from PyPI
# into .venv, Debian packages (chromium) by .ci/run.

SHELL       := /bin/bash
GO          ?= go
PYTHON      ?= python3
VENV        := $(CURDIR)/.venv
VENV_PY     := $(VENV)/bin/python
VENV_STAMP  := $(VENV)/.eddy-requirements.stamp
EDDY        := $(CURDIR)/bin/eddy
KERNELSPEC  := $(VENV)/share/jupyter/kernels/eddy/kernel.json
LAB_PORT    ?= 8888
LAB_ROOT    ?= $(CURDIR)/notebooks
PYTEST_ARGS ?=
BENCH_RUNS  ?= 1000
GO_BENCH_PKGS ?= ./...
# A hung Go test fails its package after this long instead of go test's 10 minutes.
GO_TEST_FLAGS ?= -timeout 5m
# make test fuzzes the wire-message decoder for this long (issue 2: it never panics).
FUZZ_TIME ?= 15s
# make fuzz: package:target pairs, each fuzzed for FUZZ_TIME.
FUZZ_TARGETS ?= ./kernel/wire:FuzzDecode ./kernel/interp:FuzzSplitCell ./kernel/interp:FuzzIsComplete \
	./kernel/interp:FuzzCompleteCursor ./dataframe/sqlparser:FuzzParse ./dataframe/sqlparser/bind:FuzzBind

# The venv's tools first on PATH; the kernelspec in the venv wins over any user-level "eddy".
VENV_ENV := PATH="$(VENV)/bin:$$PATH" VIRTUAL_ENV="$(VENV)" JUPYTER_PATH="$(VENV)/share/jupyter"

.PHONY: all build venv install-kernel lab lab-services test test-go test-python fuzz bench clean

all: build

## bin/eddy: always delegated to go build, which is incremental.
build:
	$(GO) build -o $(EDDY) ./cmd/eddy

## .venv: created once, re-installed only when requirements.txt changes (stamp file).
venv: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt
	@test -x $(VENV_PY) || $(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

## The kernelspec "eddy" in .venv/share/jupyter/kernels, pointing at bin/eddy.
install-kernel: build venv
	$(VENV_ENV) $(EDDY) install --sys-prefix
	@test -f $(KERNELSPEC) || { echo "eddy install --sys-prefix did not write $(KERNELSPEC)" >&2; exit 1; }

## Services a notebook session needs besides the kernel. Issue 5 starts the embedded Kafka
## broker here (bin/eddy broker), in the background, before JupyterLab.
lab-services: build

lab: install-kernel lab-services
	$(VENV_ENV) $(VENV)/bin/jupyter lab --no-browser --allow-root --ServerApp.ip=127.0.0.1 \
		--ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 \
		--ServerApp.root_dir="$(LAB_ROOT)" --MappingKernelManager.default_kernel_name=eddy

## make test: every suite runs even when an earlier one fails (the Go suites do not wait for
## bin/eddy to build); the exit status is non-zero if any failed, and each runner prints its own
## summary lines.
test: venv
	@status=0; \
	echo "== go vet ./..."; $(GO) vet ./... || status=1; \
	echo "== go test ./..."; $(GO) test $(GO_TEST_FLAGS) ./... || status=1; \
	echo "== go test -fuzz FuzzDecode ./kernel/wire ($(FUZZ_TIME))"; \
	$(GO) test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZ_TIME) ./kernel/wire || status=1; \
	echo "== make install-kernel"; \
	if $(MAKE) --no-print-directory install-kernel; then \
		echo "== pytest tests"; $(VENV_ENV) $(VENV_PY) -m pytest tests $(PYTEST_ARGS) || status=1; \
	else \
		status=1; echo "make test: bin/eddy did not build or install, so pytest did not run" >&2; \
	fi; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED" >&2; fi; \
	exit $$status

test-go:
	$(GO) vet ./...
	$(GO) test $(GO_TEST_FLAGS) ./...

test-python: install-kernel
	$(VENV_ENV) $(VENV_PY) -m pytest tests $(PYTEST_ARGS)

## make fuzz: every fuzz target for FUZZ_TIME; a crasher lands in the package's testdata/fuzz.
fuzz:
	@status=0; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; echo "== $$pkg $$name"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZ_TIME) $$pkg || status=1; \
	done; exit $$status

## make bench: Go benchmarks, then the same client script against eddy and ipykernel; the
## figures and the machine are written into bench/README.md.
bench: install-kernel
	@mkdir -p bench/out
	set -o pipefail; $(GO) test -run '^$$' -bench . -benchmem $(GO_BENCH_PKGS) | tee bench/out/go-bench.txt
	$(VENV_ENV) $(VENV_PY) bench/kernel_bench.py --runs $(BENCH_RUNS) \
		--kernel eddy --kernel ipykernel --readme bench/README.md --json bench/out/results.json \
		--go-bench bench/out/go-bench.txt

clean:
	rm -rf bin test-artifacts bench/out .cache/pytest
