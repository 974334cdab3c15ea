package kvspoolguard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import kvspoolguard.aws.ChimeClients;
import kvspoolguard.aws.ChimePoolDirectory;
import kvspoolguard.aws.OrganizationsAccounts;
import kvspoolguard.aws.PolicyParameter;
import kvspoolguard.aws.SsmParameterStore;
import kvspoolguard.aws.SsmPolicySource;
import kvspoolguard.config.GuardConfig;
import kvspoolguard.core.Answer;
import kvspoolguard.core.Fleet;
import kvspoolguard.core.PoolVerdicts;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.PolicyDocument;
import kvspoolguard.core.policy.PolicySource;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.GovernedShards;
import kvspoolguard.core.pool.ShardFilter;
import kvspoolguard.core.pool.ShardScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code report}: every pool of the caller's account (and of the member accounts named) in the
 * regions named, each judged by the functions' own core under a policy, with the caller's own
 * credentials. It lists, reads and reads tags; it never updates anything: the pools are read
 * through the API's read-only use case, whose ports can write nowhere here.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Judges every pool under a policy, with your own credentials (the SDK's default chain, "
                + "AWS_PROFILE included); lists, reads and reads tags, never updates.",
                "Exit 0 when every pool is compliant (or exempt), 1 when some are not, 2 on an error."})
final class Report implements Callable<Integer> {

    /** The template's MinRetentionHours..MaxRetentionHours, for a policy that sets no defaults. */
    static final Bounds TEMPLATE_DEFAULTS = Bounds.between(GuardConfig.DEFAULT_MIN_RETENTION_HOURS,
            GuardConfig.DEFAULT_MAX_RETENTION_HOURS);
    private static final int PAGE = 100;

    enum Format { table, csv, json }

    @Option(names = "--regions", split = ",", paramLabel = "REGION",
            description = "the regions to report (default: the SDK's region: AWS_REGION, the profile)")
    List<String> regions;

    @Option(names = "--policy", paramLabel = "FILE|ssm:NAME",
            description = "the policy document: a file, or an SSM parameter (default: the template's defaults, "
                    + "24..720 hours, no exemption tag)")
    String policy;

    @Option(names = "--exempt-tag", paramLabel = "KEY=VALUE",
            description = "the exemption tag, as the stack's ExemptTag turns it on (default: off, as the template's; "
                    + "a document's exemptTag overrides it)")
    String exemptTag;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
            description = "how to print the pools (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--accounts", split = ",", paramLabel = "ACCOUNT",
            description = "member accounts to report too, reached through --member-role")
    List<String> accounts = List.of();

    @Option(names = "--member-role", defaultValue = GuardConfig.DEFAULT_MEMBER_ROLE_NAME, paramLabel = "NAME",
            description = "the role to assume in each member account (default: ${DEFAULT-VALUE})")
    String memberRole;

    @Option(names = "--external-id", paramLabel = "ID", description = "the external id the member role requires")
    String externalId;

    @Option(names = "--requests-per-second", defaultValue = "" + GuardConfig.DEFAULT_CHIME_REQUESTS_PER_SECOND,
            paramLabel = "N",
            description = "Chime requests per second, per account and region (default: ${DEFAULT-VALUE})")
    int requestsPerSecond;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> where = regions == null || regions.isEmpty() ? List.of(defaultRegion()) : regions;
        String home = callerAccount(where.getFirst());
        List<String> governed = new ArrayList<>(List.of(home));
        accounts.stream().map(String::strip).filter(a -> !governed.contains(a)).forEach(governed::add);
        ChimeClients clients = new ChimeClients(ShardScope.fixed(new GovernedShards(governed, where)),
                requestsPerSecond, new ChimeClients.MemberRole(memberRole, externalId));
        // the read-only use case takes the directory, the policy and the organisation (for rules on
        // units), and nothing it could write to
        PoolVerdicts pools = new PoolVerdicts(new Fleet(new ChimePoolDirectory(clients), policySource(),
                OrganizationsAccounts.fromEnvironment(UrlConnectionHttpClient.create(), where.getFirst())), 16,
                Clock.systemUTC());

        List<PoolVerdicts.Judged> judged = new ArrayList<>();
        String token = null;
        do {
            switch (pools.page(ShardFilter.ALL, token, PAGE)) {
                case Answer.Done<PoolVerdicts.Listing> done -> {
                    judged.addAll(done.value().pools());
                    token = done.value().nextToken();
                }
                case Answer.Refused<PoolVerdicts.Listing> refused -> throw new ReportException(
                        refused.problem().message());
            }
            if (token != null && judged.size() >= PAGE) {
                err.println("kvs-pool-guard: " + judged.size() + " pools judged so far");
            }
        } while (token != null);

        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> ReportFormats.table(judged, out);
            case csv -> ReportFormats.csv(judged, out);
            case json -> ReportFormats.json(judged, out);
        }
        out.flush();
        return judged.stream().allMatch(ReportFormats::inPolicy) ? KvsPoolGuard.FINE : KvsPoolGuard.FOUND_PROBLEMS;
    }

    /** The account the caller's credentials belong to: the one whose pools need no role. */
    private static String callerAccount(String region) {
        try (StsClient sts = StsClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .build()) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw new ReportException("cannot tell whose credentials these are (STS GetCallerIdentity): "
                    + KvsPoolGuard.oneLine(e));
        }
    }

    private static String defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkException e) {
            throw new ReportException("no region to report: pass --regions, or set AWS_REGION or a profile's region");
        }
    }

    /** The exemption tag asked for, read as the functions read EXEMPT_TAG; none by default, as the template's. */
    private ExemptTag exemptTag() {
        try {
            return GuardConfig.exemptTag(exemptTag);
        } catch (IllegalArgumentException | InvalidPolicyException e) {
            throw new ReportException("--exempt-tag: " + e.getMessage());
        }
    }

    private PolicySource policySource() {
        RetentionPolicy fallback = RetentionPolicy.defaultsOnly(TEMPLATE_DEFAULTS, exemptTag());
        if (policy == null) {
            return PolicySource.fixed(fallback);
        }
        if (policy.startsWith("ssm:")) {
            return new SsmPolicySource(SsmParameterStore.fromEnvironment(UrlConnectionHttpClient.create()),
                    PolicyParameter.builder().name(policy.substring("ssm:".length())).fallback(fallback)
                            .ttl(Duration.ofMinutes(1)).maxStandIn(Duration.ZERO).clock(Clock.systemUTC()).build());
        }
        try {
            return PolicySource.fixed(PolicyDocument.parse(Files.readString(Path.of(policy)), policy, fallback));
        } catch (IOException e) {
            throw new ReportException("cannot read the policy " + policy + ": " + e.getMessage());
        } catch (InvalidPolicyException e) {
            throw new ReportException("the policy " + policy + " is invalid: " + e.getMessage()
                    + " (./kvs-pool-guard validate-policy names every problem)");
        }
    }

    /** A reason the report cannot be made, said in one line. */
    static final class ReportException extends RuntimeException {
        ReportException(String message) {
            super(message);
        }
    }
}
