# kvs-pool-guard — every command a newcomer or CI needs. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

ROOT      := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
TOOLS     := $(ROOT)/.tools
VENV      := $(TOOLS)/venv
SAM       := $(VENV)/bin/sam
PYTHON    := $(VENV)/bin/python
JAVA_HOME := $(shell $(ROOT)/scripts/java-home)
ifeq ($(JAVA_HOME),)
$(error no JDK 25 found (see the message above); install one or point JAVA_HOME at it)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
# The SAM CLI reports usage to AWS unless told not to; these machines have no such network.
export SAM_CLI_TELEMETRY := 0

MVNW      := $(ROOT)/mvnw -B
# the local module's runnable jar: the Chime emulator, the local Lambda runtime and the demo
LOCAL_JAR := $(ROOT)/local/target/kvs-pool-guard-local-0.1.0-SNAPSHOT-standalone.jar
LAMBDA_RUNTIME := $(ROOT)/local/target/lambda-runtime
BUILT     := $(ROOT)/.aws-sam/build/template.yaml
LOCAL_SPEC := $(ROOT)/.aws-sam/local-spec.json
PORT      ?=
SEED      ?=
PARAMS    ?=
FUNCTION  ?=
BENCH_ARGS ?=
EVENT     ?=

.PHONY: help
help: ## list the commands
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: test
test: java-test python-test validate security build e2e ## run every test: unit, integration, template checks, sam build, end-to-end
	@echo "make test: all tests, sam validate --lint, cfn-lint, checkov, sam build and the end-to-end tests passed"

.PHONY: java-test
java-test: tools ## build and test every Maven module (unit tests; integration tests against the emulator and moto)
	$(MVNW) -Pbench verify

.PHONY: python-test
python-test: tools $(LOCAL_JAR) ## the emulator driven by another official SDK (boto3); the local spec tool
	EMULATOR_JAR=$(LOCAL_JAR) $(PYTHON) -m unittest discover -v -s local/src/test/python -p 'test_*.py'

.PHONY: validate
validate: tools ## sam validate --lint on template.yaml
	$(SAM) validate --lint --template template.yaml

.PHONY: security
security: tools $(TOOLS)/checkov/.installed ## cfn-lint and checkov on template.yaml: clean, waivers justified next to their resources
	$(VENV)/bin/cfn-lint template.yaml
	$(TOOLS)/checkov/bin/checkov --file template.yaml --framework cloudformation --compact --quiet --skip-download

.PHONY: build
build: tools ## sam build (functions' tests already ran in java-test)
	PATH="$(ROOT)/scripts:$$PATH" MAVEN_ARGS="-DskipTests -q" $(SAM) build --template template.yaml

.PHONY: e2e
e2e: $(BUILT) tools $(TOOLS)/schemathesis/.installed ## end-to-end: the sam-built functions under the local runtime; the HTTP API over HTTP, fuzzed
	$(PYTHON) local/src/main/python/sam_local_spec.py --config-env local > $(LOCAL_SPEC)
	$(MVNW) -Pe2e -pl e2e -am verify -Dtest='kvspoolguard.e2e.**' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
	  -Dkvspoolguard.schemathesis=$(TOOLS)/schemathesis/bin/st

.PHONY: soak
soak: $(BUILT) tools ## the fault soak (≤ 10 min): 1,000 pools, throttling, 5xx, flips; bench/soak.json, docs/reliability.md
	$(PYTHON) local/src/main/python/sam_local_spec.py --config-env local > $(LOCAL_SPEC)
	$(MVNW) -Pe2e -pl e2e -am verify -Dtest='kvspoolguard.e2e.FaultSoakTest' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
	  -Dkvspoolguard.soak=full -Dkvspoolguard.soak.out=$(ROOT)/bench/soak.json -Dkvspoolguard.soak.doc=$(ROOT)/docs/reliability.md

.PHONY: emulator
emulator: $(LOCAL_JAR) ## run the Chime KVS pool emulator in the foreground: make emulator PORT=4566 [SEED=pools.json]
	java -jar $(LOCAL_JAR) --port $(or $(PORT),4566) $(if $(SEED),--seed $(SEED))

.PHONY: demo
demo: $(BUILT) $(LOCAL_JAR) ## the main job on a laptop: a seeded fleet, a sweep, a drift corrected (no Docker, no AWS)
	@$(PYTHON) local/src/main/python/sam_local_spec.py --config-env local > $(LOCAL_SPEC)
	@java --enable-native-access=ALL-UNNAMED -cp "$(ROOT)/local/target/classes:$$(cat $(ROOT)/local/target/runtime-classpath.txt)" \
	  kvspoolguard.local.demo.DemoMain --spec $(LOCAL_SPEC) --runtime $(LAMBDA_RUNTIME) \
	  --fleet local/seed/demo-fleet.json --policy local/seed/demo-policy.json --events events --log .aws-sam/demo.log

.PHONY: invoke
invoke: $(BUILT) $(LOCAL_JAR) ## run a built function once, no Docker: make invoke FUNCTION=RetentionEnforcerFunction EVENT=events/schedule.json [PARAMS="DryRun=true"]
	@if [ -z "$(FUNCTION)" ] || [ -z "$(EVENT)" ]; then \
	  echo "usage: make invoke FUNCTION=<LogicalId> EVENT=<file> [PARAMS=\"Name=Value ...\"]" >&2; exit 2; fi
	@$(PYTHON) local/src/main/python/sam_local_spec.py --config-env local --parameter-overrides "$(PARAMS)" > $(LOCAL_SPEC)
	@java -cp $(LOCAL_JAR) kvspoolguard.local.lambda.InvokeMain --spec $(LOCAL_SPEC) \
	  --function $(FUNCTION) --event $(EVENT) --env local/lambda.env --runtime $(LAMBDA_RUNTIME)

.PHONY: api
api: $(BUILT) $(LOCAL_JAR) ## serve the HTTP API on 127.0.0.1, no Docker: make api PORT=3000 [PARAMS="..."]
	@$(PYTHON) local/src/main/python/sam_local_spec.py --config-env local --parameter-overrides "$(PARAMS)" > $(LOCAL_SPEC)
	@java -cp $(LOCAL_JAR) kvspoolguard.local.lambda.ApiMain --spec $(LOCAL_SPEC) \
	  --port $(or $(PORT),3000) --env local/lambda.env --runtime $(LAMBDA_RUNTIME)

# sam build again only when the functions or the template changed since the last build; its
# output goes to stderr so that `make invoke`'s stdout is the function's response alone
$(BUILT): template.yaml $(shell find functions/src/main -type f) functions/pom.xml | tools
	@echo "sam build (the functions or template.yaml changed)" >&2
	@PATH="$(ROOT)/scripts:$$PATH" MAVEN_ARGS="-DskipTests -q" $(SAM) build --template template.yaml 1>&2

$(LOCAL_JAR): $(shell find local/src/main -type f) local/pom.xml pom.xml
	@echo "building the local module (emulator, local Lambda runtime)" >&2
	@$(MVNW) -q -pl local -am package -DskipTests 1>&2

.PHONY: bench
bench: $(BUILT) tools ## benchmarks side by side with baselines (≤ 10 min): bench/results.json, docs/benchmarks.md
	@$(PYTHON) local/src/main/python/sam_local_spec.py --config-env local > $(LOCAL_SPEC)
	@$(MVNW) -q -Pbench -pl bench/baseline,bench/harness -am package -DskipTests
	java --enable-native-access=ALL-UNNAMED -cp "$(ROOT)/bench/harness/target/classes:$$(cat $(ROOT)/bench/harness/target/runtime-classpath.txt)" \
	  kvspoolguard.bench.BenchMain --spec $(LOCAL_SPEC) --runtime $(LAMBDA_RUNTIME) \
	  --baseline bench/baseline/target/function --build .aws-sam/build --events events \
	  --out bench/results.json --doc docs/benchmarks.md --log bench/target/functions.log $(BENCH_ARGS)

.PHONY: tools
tools: $(VENV)/.installed ## install the pinned Python tools (AWS SAM CLI, moto) into .tools/venv

$(VENV)/.installed: scripts/requirements.txt scripts/requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r scripts/requirements.txt -c scripts/requirements.lock
	touch $@

# scanners, each in a venv of its own (their pins conflict with each other's and the SAM CLI's)
$(TOOLS)/%/.installed: scripts/%-requirements.txt scripts/%-requirements.lock
	python3 -m venv $(TOOLS)/$*
	$(TOOLS)/$*/bin/pip install --quiet -r scripts/$*-requirements.txt -c scripts/$*-requirements.lock
	touch $@

.PHONY: clean
clean: ## remove build output (keeps installed tools)
	$(MVNW) -q -Pe2e,bench clean
	rm -rf .aws-sam
