"""The emulator, run standalone as `make emulator` runs it: it serves boto3 (AWS's Python SDK) as AWS would.

Proves the emulator is faithful beyond the Java SDK: botocore is generated from the same API
model, with its own serializer, error parser and retry rules.
"""
import json
import os
import subprocess
import unittest
import urllib.request

import boto3
from botocore import UNSIGNED
from botocore.config import Config
from botocore.exceptions import ClientError

# the example seed file of docs/emulator.md, so the documented example is proven to load
SEED = os.path.join(os.path.dirname(__file__), "..", "..", "..", "seed", "example-pools.json")


class EmulatorWithBoto3Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.process = subprocess.Popen(
            ["java", "-jar", os.environ["EMULATOR_JAR"], "--port", "0", "--transition-delay-ms", "0",
             "--seed", SEED],
            stdout=subprocess.PIPE, text=True)
        cls.endpoint = None
        for line in cls.process.stdout:  # the banner names the endpoint once it listens
            if "emulator on " in line:
                cls.endpoint = line.split("emulator on ")[1].split()[0]
                break
        if cls.endpoint is None:
            cls.process.kill()
            raise RuntimeError("the emulator did not start")
        cls.chime = cls.client()
        cls.kvs = boto3.client(
            "kinesisvideo", endpoint_url=cls.endpoint, region_name="us-east-1",
            aws_access_key_id="AKIAEMULATOR", aws_secret_access_key="emulator-secret",
            config=Config(retries={"mode": "standard", "max_attempts": 1}, parameter_validation=False))

    @classmethod
    def tearDownClass(cls):
        cls.process.terminate()
        cls.process.wait(timeout=10)

    @classmethod
    def client(cls, attempts=1):
        # parameter_validation off: the constraints under test are the server's, not botocore's
        return boto3.client(
            "chime-sdk-media-pipelines", endpoint_url=cls.endpoint, region_name="us-east-1",
            aws_access_key_id="AKIAEMULATOR", aws_secret_access_key="emulator-secret",
            config=Config(retries={"mode": "standard", "max_attempts": attempts}, parameter_validation=False))

    def admin(self, method, path, body=None):
        request = urllib.request.Request(f"{self.endpoint}/_emulator/{path}", method=method,
                                         data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            return json.loads(raw) if raw else None

    def error_of(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        return caught.exception.response

    def test_seed_file_pools_are_served(self):
        pool = self.chime.get_media_pipeline_kinesis_video_stream_pool(Identifier="migrating")
        config = pool["KinesisVideoStreamPoolConfiguration"]
        self.assertEqual("UPDATING", config["PoolStatus"])
        self.assertEqual(4000, config["StreamConfiguration"]["DataRetentionInHours"])
        tags = self.chime.list_tags_for_resource(ResourceARN=self.chime.get_media_pipeline_kinesis_video_stream_pool(
            Identifier="legal-hold")["KinesisVideoStreamPoolConfiguration"]["PoolArn"])["Tags"]
        self.assertEqual([{"Key": "kvs-pool-guard:exempt", "Value": "true"}], tags)

    def streams_of(self, pool_id):
        return self.kvs.list_streams(StreamNameCondition={
            "ComparisonOperator": "BEGINS_WITH", "ComparisonValue": pool_id + "-"})["StreamInfoList"]

    def test_a_seeded_pools_streams_are_served_by_kinesis_video(self):
        pool = self.chime.get_media_pipeline_kinesis_video_stream_pool(
            Identifier="contact-center-recordings")["KinesisVideoStreamPoolConfiguration"]
        streams = self.streams_of(pool["PoolId"])
        self.assertEqual([pool["PoolId"] + "-1", pool["PoolId"] + "-2"], [s["StreamName"] for s in streams])
        self.assertEqual({168}, {s["DataRetentionInHours"] for s in streams})
        described = self.kvs.describe_stream(StreamARN=streams[0]["StreamARN"])["StreamInfo"]
        self.assertEqual(streams[0]["Version"], described["Version"])
        self.assertEqual(streams[0]["CreationTime"], described["CreationTime"])  # botocore parses the epoch

    def test_a_pools_streams_follow_its_update_change_behind_its_back_and_outlive_it(self):
        pool_id = self.chime.create_media_pipeline_kinesis_video_stream_pool(
            PoolName="py-streams", StreamConfiguration={"Region": "us-east-1", "DataRetentionInHours": 24},
        )["KinesisVideoStreamPoolConfiguration"]["PoolId"]
        first, second = self.streams_of(pool_id)
        self.admin("POST", "streams/miss-next-propagation", {"streamArn": second["StreamARN"]})

        self.chime.update_media_pipeline_kinesis_video_stream_pool(
            Identifier="py-streams", StreamConfiguration={"DataRetentionInHours": 48})
        self.assertEqual([48, 24], [s["DataRetentionInHours"] for s in self.streams_of(pool_id)])

        self.admin("POST", "streams/retention", {"streamName": first["StreamName"], "dataRetentionInHours": 2})
        now = self.streams_of(pool_id)[0]
        self.kvs.update_data_retention(StreamARN=now["StreamARN"], CurrentVersion=now["Version"],
                                       Operation="INCREASE_DATA_RETENTION", DataRetentionChangeInHours=46)
        stale = self.error_of(self.kvs.update_data_retention, StreamARN=now["StreamARN"],
                              CurrentVersion=now["Version"], Operation="DECREASE_DATA_RETENTION",
                              DataRetentionChangeInHours=1)
        self.assertEqual("VersionMismatchException", stale["Error"]["Code"])
        self.assertEqual(400, stale["ResponseMetadata"]["HTTPStatusCode"])

        self.chime.delete_media_pipeline_kinesis_video_stream_pool(Identifier="py-streams")
        self.assertEqual([48, 24], [s["DataRetentionInHours"] for s in self.streams_of(pool_id)])

    def test_stream_errors_are_kinesis_videos_own(self):
        missing = self.error_of(self.kvs.describe_stream, StreamName="nobody")
        self.assertEqual("ResourceNotFoundException", missing["Error"]["Code"])
        invalid = self.error_of(self.kvs.list_streams, MaxResults=0)
        self.assertEqual("InvalidArgumentException", invalid["Error"]["Code"])
        self.assertIn("greater than or equal to 1", invalid["Error"]["Message"])
        self.admin("PUT", "faults", {"rules": [{"operation": "ListStreams", "error": "ClientLimitExceededException",
                                                "times": 1}]})
        try:
            throttled = self.error_of(self.kvs.list_streams)
        finally:
            self.admin("DELETE", "faults")
        self.assertEqual("ClientLimitExceededException", throttled["Error"]["Code"])

    def test_create_get_update_tag_delete(self):
        created = self.chime.create_media_pipeline_kinesis_video_stream_pool(
            PoolName="py-pool", StreamConfiguration={"Region": "us-west-2", "DataRetentionInHours": 12},
            Tags=[{"Key": "owner", "Value": "py"}])["KinesisVideoStreamPoolConfiguration"]
        self.assertEqual("CREATING", created["PoolStatus"])
        self.assertEqual(
            "arn:aws:chime:us-east-1:123456789012:media-pipeline-kinesis-video-stream-pool/py-pool", created["PoolArn"])

        by_arn = self.chime.get_media_pipeline_kinesis_video_stream_pool(Identifier=created["PoolArn"])
        self.assertEqual("ACTIVE", by_arn["KinesisVideoStreamPoolConfiguration"]["PoolStatus"])

        updated = self.chime.update_media_pipeline_kinesis_video_stream_pool(
            Identifier="py-pool", StreamConfiguration={"DataRetentionInHours": 96})
        config = updated["KinesisVideoStreamPoolConfiguration"]
        self.assertEqual(96, config["StreamConfiguration"]["DataRetentionInHours"])
        self.assertGreater(config["UpdatedTimestamp"], created["UpdatedTimestamp"])

        self.chime.untag_resource(ResourceARN=created["PoolArn"], TagKeys=["owner"])
        self.chime.tag_resource(ResourceARN=created["PoolArn"], Tags=[{"Key": "team", "Value": "py"}])
        tags = self.chime.list_tags_for_resource(ResourceARN=created["PoolArn"])["Tags"]
        self.assertEqual([{"Key": "team", "Value": "py"}], tags)

        self.chime.delete_media_pipeline_kinesis_video_stream_pool(Identifier="py-pool")
        gone = self.error_of(self.chime.get_media_pipeline_kinesis_video_stream_pool, Identifier="py-pool")
        self.assertEqual("NotFoundException", gone["Error"]["Code"])
        self.assertEqual(404, gone["ResponseMetadata"]["HTTPStatusCode"])

    def test_next_token_walks_every_page(self):
        # botocore ships no paginator for this operation; callers follow NextToken themselves
        self.admin("POST", "pools", [{"name": f"page-{i:03d}", "dataRetentionInHours": 24} for i in range(120)])
        names, token, pages = [], None, 0
        while True:
            kwargs = {"MaxResults": 50} | ({"NextToken": token} if token else {})
            page = self.chime.list_media_pipeline_kinesis_video_stream_pools(**kwargs)
            names += [p["PoolName"] for p in page["KinesisVideoStreamPools"]]
            pages += 1
            token = page.get("NextToken")
            if not token:
                break
        self.assertGreaterEqual(pages, 3)
        self.assertEqual(len(names), len(set(names)))
        self.assertTrue({f"page-{i:03d}" for i in range(120)} <= set(names))

    def test_errors_carry_the_modelled_codes_and_messages(self):
        invalid = self.error_of(self.chime.update_media_pipeline_kinesis_video_stream_pool,
                                Identifier="contact-center-recordings", StreamConfiguration={"DataRetentionInHours": 0})
        self.assertEqual("BadRequestException", invalid["Error"]["Code"])
        self.assertIn("Member must have value greater than or equal to 1", invalid["Error"]["Message"])

        conflict = self.error_of(self.chime.update_media_pipeline_kinesis_video_stream_pool,
                                 Identifier="migrating", StreamConfiguration={"DataRetentionInHours": 5})
        self.assertEqual("ConflictException", conflict["Error"]["Code"])

        duplicate = self.error_of(self.chime.create_media_pipeline_kinesis_video_stream_pool,
                                  PoolName="contact-center-recordings", StreamConfiguration={"Region": "us-east-1"})
        self.assertEqual("ConflictException", duplicate["Error"]["Code"])

    def test_injected_unavailability_is_retried_by_botocore(self):
        self.admin("PUT", "faults", {"rules": [{"operation": "GetMediaPipelineKinesisVideoStreamPool",
                                                "error": "ServiceUnavailableException", "times": 2}]})
        self.admin("DELETE", "counters")
        try:
            retrying = self.client(attempts=3)
            retrying.get_media_pipeline_kinesis_video_stream_pool(Identifier="contact-center-recordings")
        finally:
            self.admin("DELETE", "faults")
        gets = self.admin("GET", "counters")["GetMediaPipelineKinesisVideoStreamPool"]
        self.assertEqual({"503": 2, "200": 1}, gets["byStatus"])

    def test_throttling_answer_is_the_modelled_exception(self):
        self.admin("PUT", "faults", {"rules": [{"error": "ThrottledClientException", "times": 1}]})
        throttled = self.error_of(self.chime.list_media_pipeline_kinesis_video_stream_pools)
        self.assertEqual("ThrottledClientException", throttled["Error"]["Code"])
        self.assertEqual(429, throttled["ResponseMetadata"]["HTTPStatusCode"])

    def test_unsigned_request_is_refused(self):
        unsigned = boto3.client("chime-sdk-media-pipelines", endpoint_url=self.endpoint, region_name="us-east-1",
                                config=Config(signature_version=UNSIGNED, retries={"max_attempts": 1}))
        refused = self.error_of(unsigned.list_media_pipeline_kinesis_video_stream_pools)
        self.assertEqual("MissingAuthenticationTokenException", refused["Error"]["Code"])
        self.assertEqual(403, refused["ResponseMetadata"]["HTTPStatusCode"])

    def account_client(self, service, access_key, region="us-east-1", **credentials):
        return boto3.client(service, endpoint_url=self.endpoint, region_name=region,
                            aws_access_key_id=access_key, aws_secret_access_key="secret",
                            config=Config(retries={"max_attempts": 1}), **credentials)

    def test_a_twelve_digit_access_key_creates_pools_in_that_account(self):
        member = self.account_client("chime-sdk-media-pipelines", "210987654321", region="eu-west-1")
        created = member.create_media_pipeline_kinesis_video_stream_pool(
            PoolName="member-pool", StreamConfiguration={"Region": "eu-west-1", "DataRetentionInHours": 12})
        self.assertEqual("arn:aws:chime:eu-west-1:210987654321:media-pipeline-kinesis-video-stream-pool/member-pool",
                         created["KinesisVideoStreamPoolConfiguration"]["PoolArn"])
        other = self.account_client("chime-sdk-media-pipelines", "109876543210", region="eu-west-1")
        self.assertEqual([], other.list_media_pipeline_kinesis_video_stream_pools()["KinesisVideoStreamPools"])
        seeded = [p for p in self.admin("GET", "pools") if p["name"] == "member-pool"]
        self.assertEqual([("210987654321", "eu-west-1")], [(p["accountId"], p["region"]) for p in seeded])
        sts = self.account_client("sts", "210987654321")
        self.assertEqual("210987654321", sts.get_caller_identity()["Account"])

    def test_assume_role_reaches_the_roles_account_until_the_role_refuses(self):
        role = "arn:aws:iam::345678901234:role/KvsPoolGuardMember"
        sts = self.account_client("sts", "123456789012")
        credentials = sts.assume_role(RoleArn=role, RoleSessionName="boto3", ExternalId="ext-1")["Credentials"]
        member = self.account_client("sts", credentials["AccessKeyId"],
                                     aws_session_token=credentials["SessionToken"])
        self.assertEqual("arn:aws:sts::345678901234:assumed-role/KvsPoolGuardMember/boto3",
                         member.get_caller_identity()["Arn"])

        self.admin("PUT", "roles", [{"roleArn": role, "refused": True}])
        try:
            refused = self.error_of(sts.assume_role, RoleArn=role, RoleSessionName="boto3")
        finally:
            self.admin("PUT", "roles", [])
        self.assertEqual("AccessDenied", refused["Error"]["Code"])
        self.assertEqual(403, refused["ResponseMetadata"]["HTTPStatusCode"])



class EmulatorCommandLineTest(unittest.TestCase):
    """Bad options stop the standalone emulator at once with a one-line reason, before it binds."""

    def run_jar(self, *args):
        return subprocess.run(["java", "-jar", os.environ["EMULATOR_JAR"], *args],
                              capture_output=True, text=True, timeout=30)

    def test_non_numeric_port_exits_2_naming_the_option(self):
        result = self.run_jar("--port", "forty")
        self.assertEqual(2, result.returncode)
        self.assertEqual("emulator: --port needs a whole number, got forty", result.stderr.strip())

    def test_missing_seed_file_exits_2_before_binding(self):
        result = self.run_jar("--port", "0", "--seed", "/no/such/pools.json")
        self.assertEqual(2, result.returncode)
        self.assertIn("seed file not found: /no/such/pools.json", result.stderr)
        self.assertNotIn("emulator on", result.stdout)

    def test_unknown_option_lists_the_known_ones(self):
        result = self.run_jar("--prot", "4566")
        self.assertEqual(2, result.returncode)
        self.assertIn("unknown option --prot", result.stderr)
        self.assertIn("--transition-delay-ms", result.stderr)


if __name__ == "__main__":
    unittest.main()
