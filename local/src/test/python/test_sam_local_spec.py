"""sam_local_spec: what the SAM CLI's own providers say each function and route of the template is.

Runs against the project's template.yaml itself (not the build: the providers read CodeUri the
same way), so a template change that the local runners would misread fails here.
"""
import json
import os
import subprocess
import sys
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "local", "src", "main", "python"))

import sam_local_spec  # noqa: E402


class SamLocalSpecTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.chdir(ROOT)
        cls.spec = sam_local_spec.spec("template.yaml", "samconfig.toml", "local", "MaxRetentionHours=500")

    def test_every_function_is_resolved_with_its_handler_and_code(self):
        functions = self.spec["functions"]
        self.assertEqual({"RetentionEnforcerFunction", "ShardWorkerFunction", "PoolApiFunction"}, set(functions))
        for f in functions.values():
            self.assertEqual("java25", f["runtime"])
            self.assertTrue(os.path.isdir(f["codeUri"]), f["codeUri"])
            self.assertEqual(f["handler"], f["environment"]["AWS_LAMBDA_FUNCTION_HANDLER"])

    def test_parameters_apply_samconfig_then_overrides(self):
        env = self.spec["functions"]["RetentionEnforcerFunction"]["environment"]
        self.assertEqual("500", env["MAX_RETENTION_HOURS"])   # --parameter-overrides
        self.assertEqual("24", env["MIN_RETENTION_HOURS"])    # samconfig.toml [local]
        self.assertEqual("DEBUG", env["AWS_LAMBDA_LOG_LEVEL"])  # LogLevel=DEBUG in [local]
        self.assertIn("STATE_TABLE_NAME", self.spec["functions"]["PoolApiFunction"]["templateVariables"])

    def test_no_credentials_are_put_in_the_spec(self):
        for f in self.spec["functions"].values():
            self.assertNotIn("AWS_ACCESS_KEY_ID", f["environment"])
            self.assertNotIn("AWS_SECRET_ACCESS_KEY", f["environment"])

    def test_routes_are_the_http_api_routes_with_their_function_and_authorizer(self):
        routes = {r["routeKey"]: r for r in self.spec["routes"]}
        self.assertEqual({"GET /pools", "GET /pools/{identifier}", "GET /pools/{identifier}/history",
                          "GET /compliance", "PUT /pools/{identifier}/retention", "POST /enforcements",
                          "GET /enforcements/{runId}", "GET /policy", "POST /policy/approvals"}, set(routes))
        for r in routes.values():
            self.assertEqual("PoolApiFunction", r["function"])
            self.assertEqual("AWS_IAM", r["authorizationType"])
            self.assertEqual("2.0", r["payloadFormatVersion"])

    def test_jwt_authorizer_parameter_is_seen_by_the_routes(self):
        spec = sam_local_spec.spec("template.yaml", "samconfig.toml", "local",
                                   "ApiAuthorizer=JWT JwtIssuer=https://issuer.example JwtAudience=kvs")
        self.assertEqual({"JWT"}, {r["authorizationType"] for r in spec["routes"]})
        scopes = {r["routeKey"]: r["authorizationScopes"] for r in spec["routes"]}
        self.assertEqual(["kvs-pool-guard/write"], scopes["PUT /pools/{identifier}/retention"])
        self.assertEqual(["kvs-pool-guard/write"], scopes["POST /enforcements"])
        self.assertEqual(["kvs-pool-guard/read", "kvs-pool-guard/write"], scopes["GET /pools"])

    def test_rules_and_schedules_are_the_functions_triggers_with_their_bus_and_pattern(self):
        rules = {r["event"]: r for r in self.spec["rules"]}
        self.assertEqual({"PoolStateChange", "ForwardedPoolStateChange", "PoolApiCalls", "ForwardedPoolApiCalls",
                          "StreamApiCalls", "ForwardedStreamApiCalls", "EnforcementRequested"}, set(rules))
        self.assertEqual({"source": ["kvs-pool-guard"], "detail-type": ["Enforcement Requested"]},
                         rules["EnforcementRequested"]["pattern"])
        self.assertEqual("default", rules["PoolStateChange"]["bus"])
        # the stack's own bus, named as the functions' EVENT_BUS_NAME names it
        env = self.spec["functions"]["RetentionEnforcerFunction"]["environment"]
        self.assertEqual(env["EVENT_BUS_NAME"], rules["ForwardedPoolStateChange"]["bus"])
        self.assertEqual(["aws.chime"], rules["PoolStateChange"]["pattern"]["source"])
        self.assertEqual(rules["PoolStateChange"]["pattern"], rules["ForwardedPoolStateChange"]["pattern"])
        self.assertEqual([{"prefix": "aws."}], rules["PoolApiCalls"]["pattern"]["source"])
        self.assertEqual("default", rules["PoolApiCalls"]["bus"])
        self.assertEqual(env["EVENT_BUS_NAME"], rules["ForwardedPoolApiCalls"]["bus"])
        # the three roles SAM makes for the functions, as the functions read them to know their own
        # calls (locally, the SAM CLI's stand-in for each role's ARN)
        self.assertEqual(3, len(env["GUARD_ROLES"].split(",")), env["GUARD_ROLES"])
        for function in ("RetentionEnforcerFunction", "ShardWorkerFunction", "PoolApiFunction"):
            self.assertIn(function + "Role", env["GUARD_ROLES"])
        self.assertEqual({"RetentionEnforcerFunction"}, {r["function"] for r in self.spec["rules"]})
        [sweep] = self.spec["schedules"]
        self.assertEqual({"function": "RetentionEnforcerFunction", "event": "Sweep", "schedule": "rate(1 hour)"},
                         {k: v for k, v in sweep.items() if k != "input"})
        # EventBridge Scheduler's Input, the template's !Sub resolved, its context attributes left to the sender
        event = json.loads(sweep["input"])
        self.assertEqual(("aws.events", "Scheduled Event"), (event["source"], event["detail-type"]))
        self.assertEqual(["<aws.scheduler.schedule-arn>"], event["resources"])
        self.assertEqual("<aws.scheduler.scheduled-time>", event["time"])
        self.assertRegex(event["account"], r"^\d{12}$")

    def test_the_shard_queue_feeds_the_worker_as_its_event_source_mapping_says(self):
        self.assertEqual([{"function": "ShardWorkerFunction", "event": "ShardSteps", "queue": "ShardQueue",
                           "batchSize": 1, "maximumConcurrency": 4, "reportBatchItemFailures": True}],
                         self.spec["eventSourceMappings"])
        queue = self.spec["queues"]["ShardQueue"]
        self.assertEqual({"fifo": True, "visibilityTimeoutSeconds": 5400, "deadLetterQueue": "ShardDeadLetterQueue",
                          "maxReceiveCount": 8}, queue)
        self.assertTrue(self.spec["queues"]["ShardDeadLetterQueue"]["fifo"])
        # the functions name the queue as the spec does, so the runner can give them its URL
        for function in ("RetentionEnforcerFunction", "ShardWorkerFunction"):
            self.assertEqual("ShardQueue", self.spec["functions"][function]["environment"]["SHARD_QUEUE_URL"])

    def test_maximum_concurrency_is_a_parameter(self):
        spec = sam_local_spec.spec("template.yaml", "samconfig.toml", "local", "ShardWorkerConcurrency=2")
        self.assertEqual(2, spec["eventSourceMappings"][0]["maximumConcurrency"])

    def test_iam_routes_have_no_scopes(self):
        spec = sam_local_spec.spec("template.yaml", "samconfig.toml", "local", "")
        self.assertEqual({()}, {tuple(r["authorizationScopes"]) for r in spec["routes"]})

    def test_parameters_that_break_the_templates_rules_are_refused_with_their_description(self):
        with self.assertRaisesRegex(ValueError, "MembersNeedTheExternalId: GovernedAccounts needs MemberExternalId"):
            sam_local_spec.spec("template.yaml", "samconfig.toml", "local", "GovernedAccounts=111122223333")
        with self.assertRaisesRegex(ValueError, "JwtNeedsIssuerAndAudience"):
            sam_local_spec.spec("template.yaml", "samconfig.toml", "local", "ApiAuthorizer=JWT")
        self.assertEqual([], sam_local_spec.broken_rules(
            "template.yaml", {"GovernedAccounts": "111122223333", "MemberExternalId": "ext"}))

    def test_a_refused_configuration_stops_make_stack_before_anything_starts(self):
        # what `make stack`, `make api`, `make invoke` and `make demo` run first: exit 2, one line
        done = subprocess.run([sys.executable, os.path.join("local", "src", "main", "python", "sam_local_spec.py"),
                               "--template", "template.yaml", "--parameter-overrides", "GovernedAccounts=111122223333"],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(2, done.returncode, done.stderr)
        self.assertEqual("", done.stdout)
        self.assertEqual(1, len(done.stderr.strip().splitlines()), done.stderr)
        self.assertIn("GovernedAccounts needs MemberExternalId", done.stderr)

    def test_bad_overrides_and_unknown_environments_are_clear_errors(self):
        with self.assertRaisesRegex(ValueError, "not KEY=VALUE"):
            sam_local_spec.parse_overrides("DryRun")
        with self.assertRaisesRegex(ValueError, r"no \[nowhere\] environment"):
            sam_local_spec.samconfig_overrides("samconfig.toml", "nowhere")


if __name__ == "__main__":
    unittest.main()
