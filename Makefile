# kvs-pool-guard — every command a newcomer or CI needs. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

ROOT      := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
TOOLS     := $(ROOT)/.tools
VENV      := $(TOOLS)/venv
SAM       := $(VENV)/bin/sam
PYTHON    := $(VENV)/bin/python
# AWS's Lambda Runtime Interface Emulator: the Go module proxy serves this pseudo-version, not the tags
RIE_MODULE  := github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie
RIE_VERSION := v0.0.0-20261030222936-bef5c4ba774d
RIE       := $(TOOLS)/bin/aws-lambda-rie
# the oldest Maven line the functions support, stock from Maven Central: `make user-build` uses it
USER_MAVEN_VERSION := 3.8.8
USER_MAVEN := $(TOOLS)/apache-maven-$(USER_MAVEN_VERSION)

# A JDK 25, looked up without failing so that `make help` needs none; targets that run Java
# depend on `jdk`, which says what is missing.
JAVA_HOME := $(shell $(ROOT)/scripts/java-home 2>/dev/null)
ifneq ($(JAVA_HOME),)
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
endif
# The SAM CLI reports usage to AWS unless told not to; these machines have no such network.
export SAM_CLI_TELEMETRY := 0

MVNW      := $(ROOT)/mvnw -B
# the local module: the Chime emulator, the RIE runners (make invoke, make api) and the demo
LOCAL_JAR := $(ROOT)/local/target/kvs-pool-guard-local-0.1.0-SNAPSHOT-standalone.jar
LOCAL_CP   = $(ROOT)/local/target/classes:$$(cat $(ROOT)/local/target/runtime-classpath.txt)
LAMBDA_RUNTIME := $(ROOT)/local/target/lambda-runtime
BUILT     := $(ROOT)/.aws-sam/build/template.yaml
LOCAL_SPEC := $(ROOT)/.aws-sam/local-spec.json
# the same stack with ApiAuthorizer=JWT, for the end-to-end tests of the routes' scopes
JWT_SPEC  := $(ROOT)/.aws-sam/local-spec-jwt.json
PORT      ?=
SEED      ?=
PARAMS    ?=
FUNCTION  ?=
BENCH_ARGS ?=
EVENT     ?=

# `sam build` with the project's Maven (scripts/mvn sends `mvn` to the wrapper); its output goes to
# stderr so that `make invoke`'s stdout is the function's response alone
SAM_BUILD  = PATH="$(ROOT)/scripts:$$PATH" $(SAM) build --template template.yaml 1>&2
# what the SAM CLI's own providers make of template.yaml (docs/local-runtime.md)
LOCAL_SPEC_FOR = $(PYTHON) local/src/main/python/sam_local_spec.py --config-env local --parameter-overrides "$(1)" > $(or $(2),$(LOCAL_SPEC))
# the end-to-end tests: the e2e package, and the demo's own (in the demo's package)
E2E_TESTS  := kvspoolguard.e2e.**,kvspoolguard.local.demo.**
# the end-to-end module, with the tests named by $(1) and any further options
E2E        = $(MVNW) -Pe2e -pl e2e -am verify -Dtest='$(1)' -Dsurefire.failIfNoSpecifiedTests=false -DskipITs

.PHONY: help
help: ## list the commands
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

.PHONY: test
test: java-test python-test validate security user-build e2e readme ## run every test: unit, integration, template checks, sam build as a user runs it, end-to-end, the README's commands
	@echo "make test: all tests, sam validate --lint, cfn-lint, checkov, sam build (stock Maven, clean copy), the end-to-end tests and the README's commands passed"

.PHONY: check
check: tools $(LOCAL_JAR) | jdk ## the edit-test loop (about 2 min): every unit test, the templates' lint, the Python tests; make test stays what CI runs
	$(MVNW) -q -Pbench test
	$(SAM) validate --lint --template template.yaml
	$(VENV)/bin/cfn-lint template.yaml member.yaml -a cfn_lint_serverless.rules
	EMULATOR_JAR=$(LOCAL_JAR) $(PYTHON) -m unittest discover -s local/src/test/python -p 'test_*.py'
	@echo "make check: unit tests, sam validate --lint, cfn-lint and the Python tests passed (make test runs every test)"

.PHONY: java-test
java-test: tools | jdk ## build and test every Maven module (unit tests; integration tests against the emulator, moto, RIE)
	$(MVNW) -Pbench verify

.PHONY: python-test
python-test: tools $(LOCAL_JAR) ## the emulator driven by another official SDK (boto3); the local spec tool; the registry schemas
	EMULATOR_JAR=$(LOCAL_JAR) $(PYTHON) -m unittest discover -v -s local/src/test/python -p 'test_*.py'

.PHONY: schemas
schemas: tools ## write template.yaml: template.src.yaml with docs/events/'s schemas in its Schema Registry (python-test checks they match)
	$(PYTHON) scripts/registry_schemas.py

.PHONY: validate
validate: tools ## sam validate --lint on template.yaml
	$(SAM) validate --lint --template template.yaml

.PHONY: security
security: tools $(TOOLS)/checkov/.installed ## cfn-lint (with AWS's serverless rules) and checkov on template.yaml and member.yaml: clean, waivers justified next to their resources
	$(VENV)/bin/cfn-lint template.yaml member.yaml -a cfn_lint_serverless.rules
	$(TOOLS)/checkov/bin/checkov --file template.yaml --file member.yaml --framework cloudformation --compact --quiet --skip-download

.PHONY: build
build: tools | jdk ## sam build, with the project's pinned Maven
	$(SAM_BUILD)

.PHONY: user-build
user-build: tools $(USER_MAVEN)/bin/mvn | jdk ## sam build as a user runs it: a clean copy, stock Maven 3.8 on PATH, no flags
	scripts/sam-build-as-user $(SAM) $(USER_MAVEN)

.PHONY: e2e
e2e: $(BUILT) tools $(RIE) $(TOOLS)/schemathesis/.installed ## end-to-end: the sam-built functions under AWS's RIE; the HTTP API over HTTP, fuzzed
	$(call LOCAL_SPEC_FOR,)
	$(call LOCAL_SPEC_FOR,ApiAuthorizer=JWT JwtIssuer=https://issuer.example JwtAudience=kvs-pool-guard,$(JWT_SPEC))
	$(call E2E,$(E2E_TESTS)) -Dkvspoolguard.schemathesis=$(TOOLS)/schemathesis/bin/st -Dkvspoolguard.jwtSpec=$(JWT_SPEC)

.PHONY: readme
readme: tools $(USER_MAVEN)/bin/mvn | jdk ## run every command block of README.md as written (but `make test` itself and the AWS deploy)
	@# the reader the README's Deploy section asks for: a SAM CLI and a stock Maven on PATH
	PATH="$(VENV)/bin:$(USER_MAVEN)/bin:$$PATH" $(PYTHON) scripts/readme_commands.py README.md

.PHONY: soak
soak: $(BUILT) tools $(RIE) ## the fault soaks (about 11 min): 1,000 pools, then an organisation of 900, with their streams; throttling, 5xx, flips; bench/soak.json, docs/reliability.md
	$(call LOCAL_SPEC_FOR,)
	$(call E2E,kvspoolguard.e2e.FaultSoakTest) \
	  -Dkvspoolguard.soak=full -Dkvspoolguard.soak.out=$(ROOT)/bench/soak.json -Dkvspoolguard.soak.doc=$(ROOT)/docs/reliability.md

.PHONY: emulator
emulator: $(LOCAL_JAR) ## run the Chime KVS pool emulator in the foreground: make emulator PORT=4566 [SEED=pools.json]
	java -jar $(LOCAL_JAR) --port $(or $(PORT),4566) $(if $(SEED),--seed $(SEED))

.PHONY: cli
cli: | jdk ## the read-only CLI as one runnable jar, cli/target/kvs-pool-guard.jar; run it as ./kvs-pool-guard (docs/cli.md)
	$(MVNW) -q -pl cli -am package -DskipTests

.PHONY: demo
demo: $(BUILT) $(LOCAL_JAR) $(RIE) ## the main job on a laptop: three accounts x two regions, a sweep, a refused account, a drift corrected and attributed, the compliance summary (no Docker, no AWS)
	@$(call LOCAL_SPEC_FOR,)
	@java -cp "$(LOCAL_CP)" kvspoolguard.local.demo.DemoMain --spec $(LOCAL_SPEC) --runtime $(LAMBDA_RUNTIME) \
	  --fleet local/seed/demo-fleet.json --policy local/seed/demo-policy.json --events events --log .aws-sam/demo.log

.PHONY: invoke
invoke: $(BUILT) $(LOCAL_JAR) $(RIE) ## run a built function once under AWS's RIE, no Docker: make invoke FUNCTION=RetentionEnforcerFunction EVENT=events/schedule.json [PARAMS="DryRun=true"]
	@if [ -z "$(FUNCTION)" ] || [ -z "$(EVENT)" ]; then \
	  echo "usage: make invoke FUNCTION=<LogicalId> EVENT=<file> [PARAMS=\"Name=Value ...\"]" >&2; exit 2; fi
	@$(call LOCAL_SPEC_FOR,$(PARAMS))
	@java -cp "$(LOCAL_CP)" kvspoolguard.local.lambda.InvokeMain --spec $(LOCAL_SPEC) \
	  --function $(FUNCTION) --event $(EVENT) --env local/lambda.env --runtime $(LAMBDA_RUNTIME)

.PHONY: api
api: $(BUILT) $(LOCAL_JAR) $(RIE) ## serve the HTTP API on 127.0.0.1 under AWS's RIE, no Docker: make api PORT=3000 [PARAMS="..."]
	@$(call LOCAL_SPEC_FOR,$(PARAMS))
	@java -cp "$(LOCAL_CP)" kvspoolguard.local.lambda.ApiMain --spec $(LOCAL_SPEC) \
	  --port $(or $(PORT),3000) --env local/lambda.env --runtime $(LAMBDA_RUNTIME)

.PHONY: stack
stack: $(BUILT) $(LOCAL_JAR) $(RIE) ## the whole application on 127.0.0.1 until Ctrl-C: the HTTP API, the rules' deliveries, the schedule (make sweep): make stack PORT=3000 [PARAMS="..."] [SEED=pools.json] [EVERY=seconds]
	@$(call LOCAL_SPEC_FOR,$(PARAMS))
	@java -cp "$(LOCAL_CP)" kvspoolguard.local.lambda.StackMain --spec $(LOCAL_SPEC) \
	  --port $(or $(PORT),3000) --env local/lambda.env --runtime $(LAMBDA_RUNTIME) \
	  $(if $(SEED),--seed $(SEED)) $(if $(EVERY),--sweep-every $(EVERY))

.PHONY: sweep
sweep: ## fire the schedule of a running `make stack` now, and print what it answered: make sweep PORT=3000
	@python3 scripts/sweep.py $(or $(PORT),3000)

# every file and folder below a folder, listed by make itself: no process is started for it
files_below = $(foreach f,$(wildcard $(1)/*),$(f) $(call files_below,$(f)))

# sam build again only when the functions or the template changed since the last build
# template.yaml is written, never edited: from the hand-edited template.src.yaml and docs/events/ (make schemas)
template.yaml: template.src.yaml $(wildcard docs/events/*.json) scripts/registry_schemas.py | tools
	$(PYTHON) scripts/registry_schemas.py

$(BUILT): template.yaml $(call files_below,functions/src/main) functions/pom.xml | tools jdk
	@echo "sam build (the functions or template.yaml changed)" >&2
	@$(SAM_BUILD)

$(LOCAL_JAR): $(call files_below,local/src/main) local/pom.xml pom.xml | jdk
	@echo "building the local module (emulator, RIE runners, moto launcher)" >&2
	@$(MVNW) -q -pl local -am package -DskipTests 1>&2

.PHONY: bench
bench: $(BUILT) tools $(RIE) | jdk ## benchmarks side by side with baselines (about 10 min): bench/results.json, docs/benchmarks.md
	@$(call LOCAL_SPEC_FOR,)
	@$(MVNW) -q -Pbench -pl bench/baseline,bench/harness -am package -DskipTests
	java -cp "$(ROOT)/bench/harness/target/classes:$$(cat $(ROOT)/bench/harness/target/runtime-classpath.txt)" \
	  kvspoolguard.bench.BenchMain --spec $(LOCAL_SPEC) --runtime $(LAMBDA_RUNTIME) \
	  --baseline bench/baseline/target/function --build .aws-sam/build --logging-jars bench/harness/target/logging-candidates --events events \
	  --out bench/results.json --doc docs/benchmarks.md --log bench/target/functions.log $(BENCH_ARGS)

.PHONY: jdk
jdk:
	@[ -n "$(JAVA_HOME)" ] || { echo "kvs-pool-guard needs JDK 25: none found in JAVA_HOME, /usr/lib/jvm, /opt or PATH; install one or point JAVA_HOME at it" >&2; exit 1; }

.PHONY: tools
tools: $(VENV)/.installed $(RIE) ## install the pinned tools: AWS SAM CLI and moto (.tools/venv), AWS's RIE (.tools/bin, needs Go)

$(VENV)/.installed: scripts/requirements.txt scripts/requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r scripts/requirements.txt -c scripts/requirements.lock
	touch $@

$(RIE):
	@command -v go >/dev/null || { echo "Go is needed to install AWS's Runtime Interface Emulator (go install); see the README's prerequisites" >&2; exit 1; }
	GOBIN=$(TOOLS)/bin GOFLAGS=-modcacherw go install $(RIE_MODULE)@$(RIE_VERSION)

$(USER_MAVEN)/bin/mvn: | jdk
	@# overWriteReleases: unpack even where an earlier unpack left its marker in target/
	$(MVNW) -q -N dependency:unpack -Dartifact=org.apache.maven:apache-maven:$(USER_MAVEN_VERSION):tar.gz:bin \
	  -DoutputDirectory=$(TOOLS) -Dmdep.overWriteReleases=true

# scanners, each in a venv of its own (their pins conflict with each other's and the SAM CLI's)
$(TOOLS)/%/.installed: scripts/%-requirements.txt scripts/%-requirements.lock
	python3 -m venv $(TOOLS)/$*
	$(TOOLS)/$*/bin/pip install --quiet -r scripts/$*-requirements.txt -c scripts/$*-requirements.lock
	touch $@

.PHONY: clean
clean: ## remove build output (keeps installed tools); needs no JDK
	rm -rf .aws-sam functions/target local/target cli/target e2e/target bench/baseline/target bench/harness/target
