package kvspoolguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kvspoolguard.local.aws.LocalAwsServices;
import kvspoolguard.local.aws.MotoOrganization;
import kvspoolguard.local.chime.ChimePoolEmulator;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.PoolStatus;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.local.chime.model.RoleTrust;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kvs-pool-guard report}, the built jar run as a user runs it, against the Chime emulator
 * (which also serves STS): the caller's account is the one its credentials name, every pool is
 * judged by the functions' core, and nothing but List, Get, ListTagsForResource and STS's
 * identity and role calls reaches the service.
 */
class ReportIT {

    private static final Path JAR = Path.of("target", "kvs-pool-guard.jar");
    private static final String CALLER = "123456789012";
    private static final String MEMBER = "210987654321";
    private static ChimePoolEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = ChimePoolEmulator.builder().port(0).build().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void mixedFleet() {
        emulator.reset();
        emulator.seed(EmulatedPool.active("calls", 168).withAccount(CALLER),
                EmulatedPool.active("forever", 5000).withAccount(CALLER),
                EmulatedPool.active("brief", 1).withAccount(CALLER),
                EmulatedPool.active("kept", 9000).withAccount(CALLER).withTags(Map.of("kvs-pool-guard:exempt", "true")),
                EmulatedPool.active("moving", 5000).withAccount(CALLER).withStatus(PoolStatus.UPDATING),
                EmulatedPool.active("west", 48).withAccount(CALLER).withRegion("eu-west-1"));
    }

    record Ran(int status, String out, String err) {
    }

    private Ran report(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "report"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(Map.of("AWS_ACCESS_KEY_ID", CALLER, "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1",
                "AWS_CONFIG_FILE", dir.resolve("none").toString(), "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", emulator.endpoint().toString(),
                "AWS_ENDPOINT_URL_STS", emulator.endpoint().toString()));
        env.putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the report ends").isTrue();
        return new Ran(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    private Ran report(String... args) throws IOException, InterruptedException {
        return report(Map.of(), args);
    }

    @Test
    void aMixedFleet_isJudgedPoolByPool_exits1_andNothingIsUpdated() throws Exception {
        Ran ran = report("--regions", "us-east-1,eu-west-1", "--exempt-tag", "kvs-pool-guard:exempt=true");

        assertThat(ran.status()).as(ran.err()).isEqualTo(1);
        assertThat(ran.out().lines().map(l -> l.split("\\s+")).filter(f -> f[0].equals(CALLER))
                .map(f -> f[1] + " " + f[2] + " " + f[6])).as("by account, region and pool").containsExactly(
                        "eu-west-1 west compliant", "us-east-1 brief change", "us-east-1 calls compliant",
                        "us-east-1 forever change", "us-east-1 kept exempt", "us-east-1 moving deferred");
        assertThat(ran.out()).endsWith("6 pools: 3 in policy, 3 not\n");
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).as("never an update").isZero();
        assertThat(emulator.requests()).extracting(RecordedRequest::operation).containsOnly(Operation.LIST_POOLS,
                Operation.GET_POOL, Operation.LIST_TAGS_FOR_RESOURCE, Operation.GET_CALLER_IDENTITY);
        assertThat(ran.err()).isEmpty();
    }

    @Test
    void csv_isOneRowPerPool_underTheHeader() throws Exception {
        Ran ran = report("--regions", "us-east-1,eu-west-1", "--format", "csv");
        // the exemption tag is off unless asked for, as a stack's is

        List<String> lines = ran.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(String.join(",", ReportFormats.COLUMNS));
        assertThat(ran.out()).contains("\r\n");
        List<Map<String, String>> rows = lines.subList(1, lines.size()).stream().map(line -> {
            String[] fields = line.split(",", -1);
            assertThat(fields).as(line).hasSize(ReportFormats.COLUMNS.size());
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < fields.length; i++) {
                row.put(ReportFormats.COLUMNS.get(i), fields[i]);
            }
            return row;
        }).toList();
        assertThat(rows).extracting(r -> r.get("pool"), r -> r.get("verdict"), r -> r.get("required_hours"))
                .containsExactly(tuple("west", "compliant", "48"), tuple("brief", "change", "24"),
                        tuple("calls", "compliant", "168"), tuple("forever", "change", "720"),
                        tuple("kept", "change", "720"), tuple("moving", "deferred", "720"));
    }

    @Test
    void json_andAPolicyFile_judgeByItsRules() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                {"exemptTag": null, "rules": [{"name": "short", "match": {"name": "b*"}, "targetHours": 12}]}""");

        Ran ran = report("--format", "json", "--policy", policy.toString());

        JsonNode pools = new ObjectMapper().readTree(ran.out());
        assertThat(pools).extracting(p -> p.path("pool").asText(), p -> p.path("rule").asText(),
                        p -> p.path("verdict").asText())
                .containsExactly(tuple("brief", "short", "change"), tuple("calls", "default", "compliant"),
                        tuple("forever", "default", "change"), tuple("kept", "default", "change"),
                        tuple("moving", "default", "deferred"));
        assertThat(pools.get(0).path("required_hours").asInt()).isEqualTo(12);
        assertThat(ran.status()).isEqualTo(1);
    }

    @Test
    void aPolicyInSsm_isReadWithTheCallersCredentials() throws Exception {
        try (LocalAwsServices moto = LocalAwsServices.start()) {
            moto.putParameter("/team/policy", """
                    {"version": "from-ssm", "rules": [{"name": "all", "targetHours": 168}]}""");

            Ran ran = report(Map.of("AWS_ENDPOINT_URL_SSM", moto.endpoint().toString()), "--policy", "ssm:/team/policy",
                    "--format", "csv");

            assertThat(ran.out().lines().skip(1).map(l -> l.split(",")[2] + ":" + l.split(",")[5] + ":" + l.split(",")[6]))
                    .containsExactly("brief:all:change", "calls:all:compliant", "forever:all:change", "kept:all:change",
                            "moving:all:deferred");
            assertThat(ran.status()).isEqualTo(1);
        }
    }

    @Test
    void aCompliantFleet_exits0() throws Exception {
        emulator.reset();
        emulator.seed(EmulatedPool.active("calls", 168).withAccount(CALLER));

        Ran ran = report();

        assertThat(ran.status()).as(ran.out() + ran.err()).isZero();
        assertThat(ran.out()).endsWith("1 pools: 1 in policy, 0 not\n");
    }

    @Test
    void aMemberAccount_isReachedThroughItsRole() throws Exception {
        emulator.seed(EmulatedPool.active("member-pool", 5000).withAccount(MEMBER));
        emulator.trustRoles(RoleTrust.requiringExternalId("arn:aws:iam::" + MEMBER + ":role/KvsPoolGuardMember", "ext"));

        Ran ran = report("--accounts", MEMBER, "--external-id", "ext", "--format", "csv");

        assertThat(ran.out()).contains(MEMBER + ",us-east-1,member-pool,ACTIVE,5000,default,change,720");
        assertThat(emulator.count(Operation.ASSUME_ROLE).calls()).isEqualTo(1);
        assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
    }

    /** The org sweep's rules (MemberAccountsIT), judged alike by the report: accounts, and a nested unit. */
    @Test
    void rulesOnAccounts_andOnNestedUnits_judgeEachAccountsPools_asTheFunctionsDo() throws Exception {
        try (LocalAwsServices moto = LocalAwsServices.start()) {
            MotoOrganization organization = moto.organization();
            String unit = organization.newUnit(organization.root());
            String regulated = organization.newAccount();
            String sandbox = organization.newAccount();
            organization.move(regulated, organization.newUnit(unit));
            for (String account : List.of(regulated, sandbox)) {
                emulator.trustRoles(RoleTrust.requiringExternalId("arn:aws:iam::" + account
                        + ":role/KvsPoolGuardMember", "ext"));
            }
            emulator.seed(EmulatedPool.active("records", 48).withAccount(regulated),
                    EmulatedPool.active("scratch", 5000).withAccount(sandbox));
            Path policy = Files.writeString(dir.resolve("policy.json"), """
                    {"defaults": {"minHours": 24, "maxHours": 720},
                     "rules": [{"name": "sandbox", "match": {"accounts": ["%s"]}, "maxHours": 24},
                               {"name": "regulated", "match": {"organizationalUnits": ["%s"]}, "minHours": 2160}]}"""
                    .formatted(sandbox, unit));

            Ran ran = report(Map.of("AWS_ENDPOINT_URL_ORGANIZATIONS", moto.endpoint().toString()), "--accounts",
                    regulated + "," + sandbox, "--external-id", "ext", "--policy", policy.toString(), "--format", "csv");

            assertThat(ran.out()).as(ran.err()).contains(regulated + ",us-east-1,records,ACTIVE,48,regulated,change,2160")
                    .contains(sandbox + ",us-east-1,scratch,ACTIVE,5000,sandbox,change,24")
                    .contains(CALLER + ",us-east-1,calls,ACTIVE,168,default,compliant,168");
            assertThat(emulator.count(Operation.UPDATE_POOL).calls()).isZero();
        }
    }

    @Test
    void aRuleOnUnits_whereOrganizationsCannotBeRead_defersTheDecrease_andSaysWhy() throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), """
                {"defaults": {"minHours": 24, "maxHours": 720},
                 "rules": [{"name": "regulated", "match": {"organizationalUnits": ["ou-ab12-34cd56ef"]}, "minHours": 2160}]}""");

        Ran ran = report(Map.of("AWS_ENDPOINT_URL_ORGANIZATIONS", "http://127.0.0.1:9"), "--policy", policy.toString(),
                "--format", "csv");

        assertThat(ran.out()).contains(CALLER + ",us-east-1,forever,ACTIVE,5000,default,deferred,720")
                .contains("rule 'regulated' could not be decided");
        assertThat(ran.status()).isEqualTo(1);
    }

    @Test
    void anUnreachableEndpoint_exits2_withAOneLineReason() throws Exception {
        Ran ran = report(Map.of("AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES", "http://127.0.0.1:1"));

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).startsWith("kvs-pool-guard: ").hasLineCount(1);
        assertThat(ran.out()).isEmpty();
    }

    @Test
    void anUnreachableSts_exits2_sayingWhatItCouldNotLearn() throws Exception {
        Ran ran = report(Map.of("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1"));

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).startsWith("kvs-pool-guard: cannot tell whose credentials these are").hasLineCount(1);
        assertThat(emulator.requests()).isEmpty();
    }

    @Test
    void noCredentialsAtAll_exits2_withAOneLineReason() throws Exception {
        Ran ran = report(Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", ""));

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).startsWith("kvs-pool-guard: ").hasLineCount(1);
    }

    @Test
    void noRegion_exits2_askingForOne() throws Exception {
        Ran ran = report(Map.of("AWS_REGION", ""));

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).isEqualTo("kvs-pool-guard: no region to report: pass --regions, or set AWS_REGION or a "
                + "profile's region\n");
        assertThat(report(Map.of("AWS_REGION", ""), "--regions", "us-east-1").status()).as("a region named").isEqualTo(1);
    }

    @Test
    void aLongFleet_showsItsProgressOnStandardError() throws Exception {
        emulator.reset();
        emulator.seed(java.util.stream.IntStream.range(0, 250).mapToObj(i -> EmulatedPool.active("p-%03d".formatted(i), 168)
                .withAccount(CALLER)).toArray(EmulatedPool[]::new));

        Ran ran = report("--format", "csv");

        assertThat(ran.status()).isZero();
        assertThat(ran.out().lines()).hasSize(251);
        assertThat(ran.err().lines()).containsExactly("kvs-pool-guard: 100 pools judged so far",
                "kvs-pool-guard: 200 pools judged so far");
    }

    @Test
    void anInvalidPolicyFile_exits2_andPointsAtValidatePolicy() throws Exception {
        Path policy = Files.writeString(dir.resolve("bad.json"), "{\"rules\": [{\"name\": \"a\"}]}");

        Ran ran = report("--policy", policy.toString());

        assertThat(ran.status()).isEqualTo(2);
        assertThat(ran.err()).contains("is invalid").contains("validate-policy").hasLineCount(1);
        assertThat(emulator.requests()).extracting(RecordedRequest::operation).doesNotContain(Operation.LIST_POOLS);
    }
}
