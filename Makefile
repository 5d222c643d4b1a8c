# Eddy: a Jupyter kernel in Go for streaming data-engineering notebooks.
#
#   make lab             build, install the kernelspec into .venv, start JupyterLab on :8888
#   make test            go vet + go test + the Python-driven protocol, notebook and browser tests,
#                        a 2-minute make soak, then make test-kafka-real (the Kafka tests against Apache Kafka 4)
#   make soak            broker/kernel kill -9, unwritable checkpoint, 1 h memory soak (SOAK_SECONDS)
#   make bench           Eddy against PySpark 3.5, side by side: bench/results.md (BENCH_QUICK=1: small sizes)
#   make bench-go        the Go micro-benchmarks (go test -bench) into bench/out/go-bench.txt
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
GO_BENCH_PKGS ?= ./...
# A hung Go test fails its package after this long instead of go test's 10 minutes.
GO_TEST_FLAGS ?= -timeout 5m
# make test fuzzes the wire-message decoder for this long (issue 2: it never panics).
FUZZ_TIME ?= 15s
# make fuzz: package:target pairs, each fuzzed for FUZZ_TIME.
FUZZ_TARGETS ?= ./kernel/wire:FuzzDecode ./kernel/interp:FuzzSplitCell ./kernel/interp:FuzzIsComplete \
	./kernel/interp:FuzzCompleteCursor ./dataframe/sqlparser:FuzzParse ./dataframe/sqlparser/bind:FuzzBind \
	./streaming:FuzzParseRecordBatches

# The venv's tools first on PATH; the kernelspec in the venv wins over any user-level "eddy".
VENV_ENV := PATH="$(VENV)/bin:$$PATH" VIRTUAL_ENV="$(VENV)" JUPYTER_PATH="$(VENV)/share/jupyter"

.PHONY: all build venv install-kernel lab lab-services test test-go test-python test-kafka-real soak fuzz bench bench-go clean

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

## Services a notebook session needs besides the kernel (issue 5): the embedded Kafka broker
## (bin/eddy broker on KAFKA_ADDR) and the demo producers (transactions on TRANSACTIONS_ADDR,
## the events API on EVENTS_ADDR, rides looped into rides_csv at RIDES_RATE messages/s), in the
## background under one supervisor. Idempotent: a running supervisor (LAB_SERVICES_DIR/
## lab-services.pid) is reused. Under `make lab` the services stop when make exits (when lab
## exits); `make lab-services` alone leaves them running until `kill $$(cat .cache/lab-services/lab-services.pid)`.
## Logs: LAB_SERVICES_DIR/lab-services.log.
KAFKA_ADDR        ?= 127.0.0.1:9092
TRANSACTIONS_ADDR ?= 127.0.0.1:5555
EVENTS_ADDR       ?= 127.0.0.1:5000
RIDES_RATE        ?= 5
LAB_SERVICES_DIR  ?= $(CURDIR)/.cache/lab-services
lab-services: build
	@mkdir -p "$(LAB_SERVICES_DIR)"; pidf="$(LAB_SERVICES_DIR)/lab-services.pid"; \
	if [ -f "$$pidf" ] && kill -0 "$$(cat "$$pidf")" 2>/dev/null; then \
		echo "lab-services: already running (pid $$(cat "$$pidf")), Kafka on $(KAFKA_ADDR)"; exit 0; fi; \
	watch=0; $(if $(filter lab,$(MAKECMDGOALS)),watch=$$PPID;) \
	setsid bash -c ' \
		eddy=$$1 kafka=$$2 tx=$$3 ev=$$4 rate=$$5 watch=$$6 pidf=$$7; \
		trap "exit 0" TERM INT; \
		trap "kill \$$(jobs -p) 2>/dev/null; wait; rm -f \"$$pidf\"" EXIT; \
		"$$eddy" broker --addr "$$kafka" & \
		for i in $$(seq 50); do (exec 3<>/dev/tcp/$${kafka%:*}/$${kafka##*:}) 2>/dev/null && break; sleep 0.2; done; \
		"$$eddy" produce transactions --listen "$$tx" --rate 2 & \
		"$$eddy" produce events --listen "$$ev" --bootstrap "$$kafka" & \
		"$$eddy" produce rides --bootstrap "$$kafka" --file data/rides.csv --rate "$$rate" --loop & \
		if [ "$$watch" != 0 ]; then while kill -0 "$$watch" 2>/dev/null; do sleep 2; done; else wait; fi' \
		lab-services "$(EDDY)" "$(KAFKA_ADDR)" "$(TRANSACTIONS_ADDR)" "$(EVENTS_ADDR)" "$(RIDES_RATE)" "$$watch" "$$pidf" \
		>> "$(LAB_SERVICES_DIR)/lab-services.log" 2>&1 < /dev/null & \
	echo $$! > "$$pidf"; \
	for i in $$(seq 50); do (exec 3<>/dev/tcp/$(firstword $(subst :, ,$(KAFKA_ADDR)))/$(lastword $(subst :, ,$(KAFKA_ADDR)))) 2>/dev/null && break; sleep 0.2; done; \
	echo "lab-services: Kafka on $(KAFKA_ADDR), transactions on $(TRANSACTIONS_ADDR), events API on http://$(EVENTS_ADDR) (pid $$(cat "$$pidf"), log $(LAB_SERVICES_DIR)/lab-services.log)"

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
		echo "== make soak SOAK_SECONDS=$(SOAK_CI_SECONDS)"; $(MAKE) --no-print-directory soak SOAK_SECONDS=$(SOAK_CI_SECONDS) || status=1; \
		echo "== make test-kafka-real"; $(MAKE) --no-print-directory test-kafka-real || status=1; \
	else \
		status=1; echo "make test: bin/eddy did not build or install, so pytest did not run" >&2; \
	fi; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED" >&2; fi; \
	exit $$status

## make test-kafka-real (issue 6): the Kafka integration tests again (Go, kafka-python interop,
## the Kafka notebooks 02-04), against a real Apache Kafka 4 broker named by KAFKA_BOOTSTRAP:
## scripts/kafka/start-kafka fetches kafka_2.13 from Maven Central into .cache/kafka once and
## runs a single-node KRaft broker on a free loopback port, stopped when the target ends; its
## SASL_SSL listener (KAFKA_SASL_SSL_BOOTSTRAP, ...) runs the Confluent-shaped option tests.
## Tests that kill or truncate their broker skip there and say so.
KAFKA_REAL_RUN_DIR ?= $(CURDIR)/.cache/kafka/test-run
test-kafka-real: install-kernel
	@export KAFKA_RUN_DIR="$(KAFKA_REAL_RUN_DIR)"; \
	addr=$$(scripts/kafka/start-kafka) || exit 1; \
	trap 'scripts/kafka/start-kafka stop' EXIT; \
	eval "$$(scripts/kafka/start-kafka env)"; \
	echo "== Apache Kafka $$(ls .cache/kafka/lib | sed -n 's/^kafka_2.13-\(.*\)\.jar$$/\1/p') on $$addr"; status=0; \
	echo "== go test (KAFKA_BOOTSTRAP=$$addr)"; \
	KAFKA_BOOTSTRAP=$$addr $(GO) test -count=1 $(GO_TEST_FLAGS) -run 'Kafka|Kcat|Write' ./streaming/ ./streaming/internal/autotopic || status=1; \
	echo "== pytest (KAFKA_BOOTSTRAP=$$addr)"; \
	KAFKA_BOOTSTRAP=$$addr $(VENV_ENV) $(VENV_PY) -m pytest tests/test_kafka_interop.py tests/test_notebooks_streaming.py \
		-k 'kafka or _02_ or _03_ or _04_' $(PYTEST_ARGS) || status=1; \
	exit $$status

test-go:
	$(GO) vet ./...
	$(GO) test $(GO_TEST_FLAGS) ./...

test-python: install-kernel
	$(VENV_ENV) $(VENV_PY) -m pytest tests $(PYTEST_ARGS)

## make soak (issue 6): fault and soak scenarios against the real kernel and broker
## (tests/soak/soak.py): the broker killed -9 and restarted mid-query, the kernel killed -9 and the
## query restarted from its checkpoint, an unwritable checkpoint folder, and SOAK_SECONDS of a
## 50k rows/s rate source into a memory sink with retention (VmRSS must grow < 10%). Rows in/out,
## duplicates and losses per sink in test-artifacts/soak-report.md. make test runs it with
## SOAK_CI_SECONDS (about 2 minutes in all).
SOAK_SECONDS    ?= 3600
SOAK_CI_SECONDS ?= 60
soak: install-kernel
	$(VENV_ENV) $(VENV_PY) tests/soak/soak.py --seconds $(SOAK_SECONDS)

## make fuzz: every fuzz target for FUZZ_TIME; a crasher lands in the package's testdata/fuzz.
fuzz:
	@status=0; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; echo "== $$pkg $$name"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZ_TIME) $$pkg || status=1; \
	done; exit $$status

## make bench: Eddy against PySpark 3.5 on this machine (bench/run_bench.py): Kafka rides, socket
## JSON, CSV batch, kernel and notebook workloads in both engines, each in a process of its own,
## written to bench/results.md (raw figures in bench/out/results.json) and its summary table into
## bench/README.md. BENCH_QUICK=1 runs small sizes; BENCH_ONLY=kafka,csv runs some workloads.
## It installs what it needs: .venv, .venv-spark
## with ipykernel (bench/requirements-pyspark-kernel.txt), the spark-sql-kafka jars from Maven
## Central (bench/spark/pom.xml, needs mvn) and Java 17 at BENCH_JAVA_HOME (Debian's openjdk-17).
SPARK_VENV       := $(CURDIR)/.venv-spark
SPARK_VENV_STAMP := $(SPARK_VENV)/.eddy-bench-requirements.stamp
SPARK_JARS_DIR   := $(CURDIR)/.cache/spark-jars
BENCH_JAVA_HOME  ?= /usr/lib/jvm/java-17-openjdk-amd64

$(SPARK_VENV_STAMP): requirements-spark.txt bench/requirements-pyspark-kernel.txt
	@test -x $(SPARK_VENV)/bin/python || $(PYTHON) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements-pyspark-kernel.txt
	@touch $@

$(SPARK_JARS_DIR)/.stamp: bench/spark/pom.xml
	@command -v mvn >/dev/null || { echo "make bench: Maven (mvn) fetches the spark-sql-kafka jars: apt-get install maven" >&2; exit 1; }
	rm -rf $(SPARK_JARS_DIR) && mkdir -p $(SPARK_JARS_DIR)
	mvn -q -B -f bench/spark/pom.xml dependency:copy-dependencies -DoutputDirectory=$(SPARK_JARS_DIR)
	@touch $@

bench: install-kernel $(SPARK_VENV_STAMP) $(SPARK_JARS_DIR)/.stamp
	$(GO) build -o bin/eddy-bench ./bench/cmd/eddy-bench
	$(VENV_ENV) BENCH_JAVA_HOME=$(BENCH_JAVA_HOME) BENCH_SPARK_JARS_DIR=$(SPARK_JARS_DIR) $(VENV_PY) bench/run_bench.py --readme bench/README.md

bench-go:
	@mkdir -p bench/out
	set -o pipefail; $(GO) test -run '^$$' -bench . -benchmem $(GO_BENCH_PKGS) | tee bench/out/go-bench.txt

## make bench-live: issue 5's load benchmark (bench/live_load.py): 10 queries x 50k rows/s, each
## with a live console table and a live status card, through the kernel for LIVE_LOAD_SECONDS;
## updates per display, 1+1 p50/p99 during the load, kernel RSS. JSON in bench/out/live-load.json,
## the table in bench/README.md ("Live displays under load").
LIVE_LOAD_SECONDS ?= 60
.PHONY: bench-live
bench-live: install-kernel
	@mkdir -p bench/out
	$(VENV_ENV) $(VENV_PY) bench/live_load.py --duration $(LIVE_LOAD_SECONDS) --json bench/out/live-load.json --readme bench/README.md

clean:
	rm -rf bin test-artifacts bench/out .cache/pytest
