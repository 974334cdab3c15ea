"""What `sam local` would run, as JSON: each function of a built template, the HTTP API's routes, the EventBridge rules and schedules that invoke functions, the SQS queues and the event source mappings from them.

The local runners (kvspoolguard.local.lambda, over AWS's RIE) start functions without Docker but must give them
exactly the configuration `sam local invoke` would. Rather than re-implement CloudFormation's
intrinsic functions, Globals and parameter defaults, this asks the SAM CLI's own providers,
the ones `sam local invoke` and `sam local start-api` use, and prints what they resolved:

    python sam_local_spec.py --template .aws-sam/build/template.yaml --config-env local \
        [--parameter-overrides "K=V K2=V2"]

Parameters come from samconfig.toml's `<env>.global.parameters.parameter_overrides`, then
--parameter-overrides on top. The caller's environment is deliberately NOT read here: the Java
runner applies it, so that one place decides what overrides what.
"""

import argparse
import json
import os
import shlex
import sys
import tomllib

from samcli.lib.intrinsic_resolver.intrinsic_property_resolver import IntrinsicResolver
from samcli.lib.intrinsic_resolver.intrinsics_symbol_table import IntrinsicsSymbolTable
from samcli.lib.providers.sam_function_provider import SamFunctionProvider
from samcli.lib.providers.sam_stack_provider import SamLocalStackProvider
from samcli.local.lambdafn.env_vars import EnvironmentVariables
from samcli.yamlhelper import yaml_parse

ROUTE = "AWS::ApiGatewayV2::Route"
INTEGRATION = "AWS::ApiGatewayV2::Integration"


def parse_overrides(text):
    """'A=1 B="two words"' -> {'A': '1', 'B': 'two words'}, as `sam --parameter-overrides` reads it."""
    result = {}
    for item in shlex.split(text or ""):
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ValueError(f"parameter override {item!r} is not KEY=VALUE")
        result[key] = value
    return result


def samconfig_overrides(samconfig, env):
    if not env or not os.path.exists(samconfig):
        return {}
    with open(samconfig, "rb") as f:
        config = tomllib.load(f)
    if env not in config:
        raise ValueError(f"{samconfig} has no [{env}] environment")
    params = config[env].get("global", {}).get("parameters", {})
    return parse_overrides(params.get("parameter_overrides", ""))


def functions(stacks, template_dir):
    result = {}
    for function in SamFunctionProvider(stacks).get_all():
        variables = (function.environment or {}).get("Variables", {})
        # Lambda's own variables plus the template's, resolved; no shell values and no credentials:
        # the runner decides those.
        environment = EnvironmentVariables(
            function.name,
            function.memory,
            function.timeout,
            function.handler,
            function.logging_config,
            variables=variables,
            shell_env_values={},
            override_values={},
            aws_creds={},
        ).resolve()
        for key in ("AWS_SAM_LOCAL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"):
            environment.pop(key, None)
        result[function.name] = {
            "handler": function.handler,
            "runtime": function.runtime,
            "architecture": function.architecture,
            "memoryMb": int(function.memory),
            "timeoutSeconds": int(function.timeout),
            "codeUri": code_path(function.codeuri, template_dir),
            "templateVariables": sorted(variables),
            "environment": environment,
        }
    return result


def code_path(codeuri, template_dir):
    """The provider gives CodeUri relative to the working directory when it already resolved it."""
    for candidate in (os.path.abspath(codeuri), os.path.join(template_dir, codeuri)):
        if os.path.isdir(candidate):
            return candidate
    raise ValueError(f"code folder {codeuri!r} does not exist: run `sam build` first")


def scopes(stack, value):
    """A route's AuthorizationScopes as SAM's own resolver reads them (AWS::NoValue: none)."""
    if value is None:
        return []
    # the resolver refuses AWS::NoValue as a branch of Fn::If; for a list property it means "none"
    value = json.loads(json.dumps(value).replace('{"Ref": "AWS::NoValue"}', "[]"))
    table = IntrinsicsSymbolTable(template=stack.template_dict, logical_id_translator=stack.parameters)
    resolved = IntrinsicResolver(template=stack.template_dict, symbol_resolver=table).intrinsic_property_resolver(
        value, ignore_errors=False)
    return [str(scope) for scope in resolved]


def routes(stacks, known_functions):
    """HTTP API routes of AWS::ApiGatewayV2 resources, each with the function its integration calls."""
    resources = stacks[0].resources
    result = []
    for logical_id, resource in sorted(resources.items()):
        if resource.get("Type") != ROUTE:
            continue
        props = resource["Properties"]
        target = str(props.get("Target", ""))
        integration_id = target.removeprefix("integrations/")
        integration = resources.get(integration_id, {})
        if integration.get("Type") != INTEGRATION:
            raise ValueError(f"route {logical_id}: target {target!r} is not an integration of this template")
        # IntegrationUri: !Ref Function or !Ref Function.Alias, which the provider resolved to its logical id
        uri = str(integration["Properties"].get("IntegrationUri", ""))
        function = uri.split(".")[0]
        if function not in known_functions:
            raise ValueError(f"route {logical_id}: integration {integration_id} calls {uri!r}, not a function")
        result.append({
            "routeKey": props["RouteKey"],
            "function": function,
            "authorizationType": props.get("AuthorizationType", "NONE"),
            # a token needs one of these (JWT routes); none when the template's !If gave AWS::NoValue
            "authorizationScopes": scopes(stacks[0], props.get("AuthorizationScopes")),
            "payloadFormatVersion": str(integration["Properties"].get("PayloadFormatVersion", "1.0")),
        })
    return result


def triggers(stacks):
    """Each function's EventBridgeRule events (bus and pattern) and schedules (ScheduleV2, or the legacy Schedule), as the provider resolved them."""
    rules, schedules = [], []
    for function in SamFunctionProvider(stacks).get_all():
        for name, event in sorted((function.events or {}).items()):
            props = event.get("Properties", {})
            if event.get("Type") == "EventBridgeRule":
                # no EventBusName: the account's default bus; a bus of the template: its name as the functions see it
                rules.append({"function": function.name, "event": name,
                              "bus": str(props.get("EventBusName") or "default"), "pattern": props["Pattern"]})
            elif event.get("Type") == "ScheduleV2":
                # EventBridge Scheduler sends the Input, its context attributes (<aws.scheduler.*>) filled in
                schedules.append({"function": function.name, "event": name,
                                  "schedule": str(props["ScheduleExpression"]), "input": props.get("Input")})
            elif event.get("Type") == "Schedule":
                schedules.append({"function": function.name, "event": name, "schedule": str(props["Schedule"]),
                                  "input": None})
    return rules, schedules


def logical_id(resolved):
    """The logical id a resolved Ref or GetAtt ends with (the providers resolve a queue's ARN to a made-up Lambda ARN ending in it)."""
    return str(resolved).rsplit(":", 1)[-1].split(".")[0]


def queues(stacks):
    """The template's SQS queues, by logical id: FIFO or not, visibility timeout, and where their dead letters go."""
    result = {}
    for stack in stacks:
        for name, resource in stack.resources.items():
            if resource.get("Type") != "AWS::SQS::Queue":
                continue
            props = resource.get("Properties", {})
            redrive = props.get("RedrivePolicy") or {}
            result[name] = {
                "fifo": bool(props.get("FifoQueue", False)),
                "visibilityTimeoutSeconds": int(props.get("VisibilityTimeout", 30)),
                "deadLetterQueue": logical_id(redrive["deadLetterTargetArn"]) if redrive else None,
                "maxReceiveCount": int(redrive["maxReceiveCount"]) if redrive else None,
            }
    return result


def event_source_mappings(stacks):
    """Each function's SQS events: its queue, batch size, MaximumConcurrency and whether it reports batch item failures."""
    mappings = []
    for function in SamFunctionProvider(stacks).get_all():
        for name, event in sorted((function.events or {}).items()):
            if event.get("Type") != "SQS":
                continue
            props = event.get("Properties", {})
            mappings.append({
                "function": function.name, "event": name, "queue": logical_id(props["Queue"]),
                "batchSize": int(props.get("BatchSize", 10)),
                "maximumConcurrency": int((props.get("ScalingConfig") or {}).get("MaximumConcurrency", 1000)),
                "reportBatchItemFailures": "ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
            })
    return mappings


def broken_rules(template, overrides):
    """Each of the template's Rules these parameters break, as 'Rule: AssertDescription'.

    CloudFormation checks the Rules before it creates or changes a stack and refuses a deploy that
    breaks one; a local stack is held to them the same way, with the SAM CLI's own resolver of
    the intrinsic functions, rather than started with functions that fail at init.
    """
    with open(template, encoding="utf-8") as f:
        document = yaml_parse(f.read())
    values = {name: str(p["Default"]) for name, p in (document.get("Parameters") or {}).items() if "Default" in p}
    values.update(overrides)
    resolver = IntrinsicResolver(template=document,
                                 symbol_resolver=IntrinsicsSymbolTable(template=document, logical_id_translator=values))
    broken = []
    for name, rule in (document.get("Rules") or {}).items():
        applies = "RuleCondition" not in rule or resolver.intrinsic_property_resolver(
            rule["RuleCondition"], ignore_errors=False)
        for assertion in rule.get("Assertions", []) if applies else []:
            if not resolver.intrinsic_property_resolver(assertion["Assert"], ignore_errors=False):
                broken.append(f"{name}: {assertion.get('AssertDescription', 'its assertion fails')}")
    return broken


def spec(template, samconfig, config_env, overrides_text):
    overrides = samconfig_overrides(samconfig, config_env)
    overrides.update(parse_overrides(overrides_text))
    broken = broken_rules(template, overrides)
    if broken:
        raise ValueError("the template's Rules refuse these parameters, as a deploy would: " + "; ".join(broken))
    stacks, _ = SamLocalStackProvider.get_stacks(template, parameter_overrides=overrides)
    found = functions(stacks, os.path.dirname(os.path.abspath(template)))
    rules, schedules = triggers(stacks)
    return {"template": os.path.abspath(template), "parameters": overrides,
            "functions": found, "routes": routes(stacks, found), "rules": rules, "schedules": schedules,
            "queues": queues(stacks), "eventSourceMappings": event_source_mappings(stacks)}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default=".aws-sam/build/template.yaml")
    parser.add_argument("--samconfig", default="samconfig.toml")
    parser.add_argument("--config-env", default="local")
    parser.add_argument("--parameter-overrides", default="")
    args = parser.parse_args(argv)
    try:
        result = spec(args.template, args.samconfig, args.config_env, args.parameter_overrides)
    except (OSError, ValueError) as e:
        print(f"sam_local_spec: {e}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
