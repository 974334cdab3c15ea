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
EMULATOR_JAR := $(ROOT)/local/target/kvs-pool-guard-local-0.1.0-SNAPSHOT-standalone.jar
PORT      ?= 4566
SEED      ?=

.PHONY: help
help: ## list the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: test
test: java-test python-test validate build ## run every test, then sam validate --lint and sam build
	@echo "make test: all tests, sam validate --lint and sam build passed"

.PHONY: java-test
java-test: tools ## build and test every Maven module (unit tests; integration tests against the emulator, DynamoDB Local, moto)
	$(MVNW) verify

.PHONY: python-test
python-test: tools $(EMULATOR_JAR) ## the emulator driven by another official SDK (boto3)
	EMULATOR_JAR=$(EMULATOR_JAR) $(PYTHON) -m unittest discover -v -s local/src/test/python -p 'test_*.py'

.PHONY: validate
validate: tools ## sam validate --lint on template.yaml
	$(SAM) validate --lint --template template.yaml

.PHONY: build
build: tools ## sam build (functions' tests already ran in java-test)
	PATH="$(ROOT)/scripts:$$PATH" MAVEN_ARGS="-DskipTests -q" $(SAM) build --template template.yaml

.PHONY: emulator
emulator: $(EMULATOR_JAR) ## run the Chime KVS pool emulator in the foreground: make emulator PORT=4566 [SEED=pools.json]
	java -jar $(EMULATOR_JAR) --port $(PORT) $(if $(SEED),--seed $(SEED))

$(EMULATOR_JAR): $(shell find local/src/main -type f) local/pom.xml pom.xml
	$(MVNW) -q -pl local -am package -DskipTests

.PHONY: tools
tools: $(VENV)/.installed ## install the pinned Python tools (AWS SAM CLI, moto) into .tools/venv

$(VENV)/.installed: scripts/requirements.txt scripts/requirements.lock
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet -r scripts/requirements.txt -c scripts/requirements.lock
	touch $@

.PHONY: clean
clean: ## remove build output (keeps installed tools)
	$(MVNW) -q clean
	rm -rf .aws-sam
