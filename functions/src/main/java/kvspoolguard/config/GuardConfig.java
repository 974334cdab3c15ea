package kvspoolguard.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kvspoolguard.core.attribution.GuardSessions;
import kvspoolguard.core.policy.Bounds;
import kvspoolguard.core.policy.ExemptTag;
import kvspoolguard.core.policy.InvalidPolicyException;
import kvspoolguard.core.policy.RetentionPolicy;
import kvspoolguard.core.pool.GovernedShards;
import kvspoolguard.core.run.RunOptions;
import kvspoolguard.core.run.UpdateCap;

/**
 * Everything a function reads from its environment (docs/configuration.md), read once at init and
 * checked as a whole: a bad value fails the start-up with every problem listed, before any call.
 */
public record GuardConfig(GovernedShards governed, Organization organization, RetentionPolicy defaultPolicy,
                          String policyParameter, Duration policyTtl, String stateTable, String eventBus,
                          boolean dryRun, UpdateCap updateCap, int maxConcurrency, int chimeRequestsPerSecond,
                          String memberRoleName, String memberExternalId, Duration runDeadline,
                          String shardQueueUrl, Duration stepReserve, Duration historyRetention,
                          Set<String> guardRoles, Duration stepRetry, Duration policyMaxStandIn,
                          UpdateCap decreasesPerDay, Integer approvalThreshold, int streamRequestsPerSecond) {

    /**
     * GOVERNED_ACCOUNTS=ORGANIZATION: the ACTIVE accounts of the organisation, or of {@code units}
     * (and every unit below them) when some are given, listed again after {@code keepFor}.
     */
    public record Organization(List<String> units, Duration keepFor) {
        public Organization {
            units = List.copyOf(units);
        }
    }

    /** GOVERNED_ACCOUNTS' value for every account of the organisation. */
    public static final String ORGANIZATION = "ORGANIZATION";

    public static final int MAX_CONCURRENCY_LIMIT = 64;
    /** The default bounds when MIN_RETENTION_HOURS and MAX_RETENTION_HOURS are not set (the template's defaults). */
    public static final int DEFAULT_MIN_RETENTION_HOURS = 24;
    public static final int DEFAULT_MAX_RETENTION_HOURS = 720;
    /** Chime requests per second, account and region when CHIME_REQUESTS_PER_SECOND is not set. */
    public static final int DEFAULT_CHIME_REQUESTS_PER_SECOND = 25;
    /**
     * Kinesis Video Streams requests per second, account and region when STREAM_REQUESTS_PER_SECOND
     * is not set: within KVS's quotas of 50 ListStreams and 50 UpdateDataRetention a second.
     */
    public static final int DEFAULT_STREAM_REQUESTS_PER_SECOND = 20;
    public static final String DEFAULT_MEMBER_ROLE_NAME = "KvsPoolGuardMember";
    /** How long a pool's history is kept when HISTORY_RETENTION_DAYS is not set (the template's default). */
    public static final int DEFAULT_HISTORY_RETENTION_DAYS = 400;
    /**
     * How long a shard step that failed waits before it is delivered again, the first time
     * (STEP_RETRY_SECONDS); each later failure of the same message waits twice as long as the one before.
     */
    public static final int DEFAULT_STEP_RETRY_SECONDS = 10;
    /**
     * How long after it was read the last policy may stand in while SSM cannot be reached, when
     * POLICY_MAX_STAND_IN_MINUTES is not set (the template's default): then runs fail closed.
     */
    public static final int DEFAULT_POLICY_MAX_STAND_IN_MINUTES = 180;

    /**
     * How much of a worker's time is kept for what follows its last listing: reading the two pages
     * listed ahead at the pace (two hundred pools), then recording the step and publishing.
     */
    static Duration stepReserve(int requestsPerSecond) {
        Duration finishing = Duration.ofSeconds(10);
        return requestsPerSecond == 0 ? finishing
                : finishing.plusMillis(Math.ceilDiv(200 * 1_000L, requestsPerSecond));
    }

    /** The guard's own sessions: its functions' roles at home, its member role elsewhere. */
    public GuardSessions sessions() {
        return new GuardSessions(governed.home().account(), guardRoles, memberRoleName);
    }

    /** The governed regions, the stack's own first. */
    public List<String> regions() {
        return governed.regions();
    }

    /**
     * The options of a run with the given id: dry-run when the stack is (DRY_RUN) or when the run
     * asks for it, never less; the stack's update cap.
     */
    public RunOptions runOptions(String runId, boolean dryRunAsked) {
        return new RunOptions(runId, dryRun || dryRunAsked, updateCap).withDeadline(runDeadline)
                .withStepReserve(stepReserve).withApprovalThreshold(approvalThreshold);
    }

    /** Builds a configuration by name, as {@link #fromEnvironment} does: unset values are null, false or 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** A {@link GuardConfig} by name. */
    public static final class Builder {

        private GovernedShards governed;
        private Organization organization;
        private RetentionPolicy defaultPolicy;
        private String policyParameter;
        private Duration policyTtl;
        private String stateTable;
        private String eventBus;
        private boolean dryRun;
        private UpdateCap updateCap;
        private int maxConcurrency;
        private int chimeRequestsPerSecond;
        private String memberRoleName;
        private String memberExternalId;
        private Duration runDeadline;
        private String shardQueueUrl;
        private Duration stepReserve;
        private Duration historyRetention;
        private Set<String> guardRoles;
        private Duration stepRetry;
        private Duration policyMaxStandIn;
        private UpdateCap decreasesPerDay = UpdateCap.NONE;
        private Integer approvalThreshold;
        private int streamRequestsPerSecond;

        private Builder() {
        }

        public Builder governed(GovernedShards value) {
            this.governed = value;
            return this;
        }

        public Builder organization(Organization value) {
            this.organization = value;
            return this;
        }

        public Builder defaultPolicy(RetentionPolicy value) {
            this.defaultPolicy = value;
            return this;
        }

        public Builder policyParameter(String value) {
            this.policyParameter = value;
            return this;
        }

        public Builder policyTtl(Duration value) {
            this.policyTtl = value;
            return this;
        }

        public Builder stateTable(String value) {
            this.stateTable = value;
            return this;
        }

        public Builder eventBus(String value) {
            this.eventBus = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder updateCap(UpdateCap value) {
            this.updateCap = value;
            return this;
        }

        public Builder maxConcurrency(int value) {
            this.maxConcurrency = value;
            return this;
        }

        public Builder chimeRequestsPerSecond(int value) {
            this.chimeRequestsPerSecond = value;
            return this;
        }

        public Builder memberRoleName(String value) {
            this.memberRoleName = value;
            return this;
        }

        public Builder memberExternalId(String value) {
            this.memberExternalId = value;
            return this;
        }

        public Builder runDeadline(Duration value) {
            this.runDeadline = value;
            return this;
        }

        public Builder shardQueueUrl(String value) {
            this.shardQueueUrl = value;
            return this;
        }

        public Builder stepReserve(Duration value) {
            this.stepReserve = value;
            return this;
        }

        public Builder historyRetention(Duration value) {
            this.historyRetention = value;
            return this;
        }

        public Builder guardRoles(Set<String> value) {
            this.guardRoles = value;
            return this;
        }

        public Builder stepRetry(Duration value) {
            this.stepRetry = value;
            return this;
        }

        public Builder policyMaxStandIn(Duration value) {
            this.policyMaxStandIn = value;
            return this;
        }

        public Builder decreasesPerDay(UpdateCap value) {
            this.decreasesPerDay = value;
            return this;
        }

        public Builder approvalThreshold(Integer value) {
            this.approvalThreshold = value;
            return this;
        }

        public Builder streamRequestsPerSecond(int value) {
            this.streamRequestsPerSecond = value;
            return this;
        }

        public GuardConfig build() {
            return new GuardConfig(governed, organization, defaultPolicy, policyParameter, policyTtl, stateTable,
                    eventBus, dryRun, updateCap, maxConcurrency, chimeRequestsPerSecond, memberRoleName,
                    memberExternalId, runDeadline, shardQueueUrl, stepReserve, historyRetention, guardRoles,
                    stepRetry, policyMaxStandIn, decreasesPerDay, approvalThreshold, streamRequestsPerSecond);
        }
    }

    public static GuardConfig fromEnvironment(Map<String, String> env) {
        Reader in = new Reader(env);
        String home = in.required("AWS_REGION");
        String own = in.required("ACCOUNT_ID");
        List<String> accounts = null;
        String listed = in.text("GOVERNED_ACCOUNTS", "").strip();
        boolean wholeOrganization = listed.equals(ORGANIZATION);
        if (own.matches("\\d{12}")) {
            accounts = wholeOrganization ? List.of(own)
                    : in.attempt("GOVERNED_ACCOUNTS", () -> accounts(own, listed));
        } else if (!own.isEmpty()) {
            in.problem("ACCOUNT_ID must be the stack's 12-digit account id, got '" + own + "'");
        }
        Set<String> regions = new LinkedHashSet<>();
        regions.add(home);
        for (String extra : in.text("REGIONS", "").split(",")) {
            if (!extra.isBlank()) {
                regions.add(extra.strip());
            }
        }
        int min = in.number("MIN_RETENTION_HOURS", DEFAULT_MIN_RETENTION_HOURS, Reader.HOURS);
        int max = in.number("MAX_RETENTION_HOURS", DEFAULT_MAX_RETENTION_HOURS, Reader.HOURS);
        RetentionPolicy defaults = in.attempt("default policy", () -> RetentionPolicy.defaultsOnly(Bounds.between(min, max),
                exemptTag(in.text("EXEMPT_TAG", null))));
        String roleName = in.text("MEMBER_ROLE_NAME", "").isBlank() ? DEFAULT_MEMBER_ROLE_NAME
                : in.text("MEMBER_ROLE_NAME", "").strip();
        String externalId = blankToNull(in.text("MEMBER_EXTERNAL_ID", ""));
        if ((wholeOrganization || accounts != null && accounts.size() > 1) && externalId == null) {
            in.problem("MEMBER_EXTERNAL_ID is not set: member accounts' roles require it");
        }
        List<String> units = in.attempt("GOVERNED_ORGANIZATIONAL_UNITS",
                () -> units(in.text("GOVERNED_ORGANIZATIONAL_UNITS", "")));
        if (units != null && !units.isEmpty() && !wholeOrganization) {
            in.problem("GOVERNED_ORGANIZATIONAL_UNITS narrows GOVERNED_ACCOUNTS=ORGANIZATION, which is not set");
        }
        Organization organization = wholeOrganization && units != null ? new Organization(units,
                Duration.ofSeconds(in.number("ORGANIZATION_CACHE_SECONDS", 300, new Reader.Range(0, 86_400)))) : null;
        GovernedShards governed = accounts == null || home.isEmpty() ? null
                : new GovernedShards(accounts, List.copyOf(regions));
        int rate = in.number("CHIME_REQUESTS_PER_SECOND", DEFAULT_CHIME_REQUESTS_PER_SECOND, new Reader.Range(0, 10_000));
        GuardConfig config = builder().governed(governed).organization(organization).defaultPolicy(defaults)
                .policyParameter(blankToNull(in.text("POLICY_PARAMETER_NAME", "")))
                .policyTtl(Duration.ofSeconds(in.number("POLICY_CACHE_SECONDS", 60, new Reader.Range(0, 3600))))
                .stateTable(in.required("STATE_TABLE_NAME")).eventBus(in.required("EVENT_BUS_NAME"))
                .dryRun(in.bool("DRY_RUN", false))
                .updateCap(in.attempt("MAX_UPDATES_PER_RUN", () -> updateCap(in.text("MAX_UPDATES_PER_RUN", ""))))
                .decreasesPerDay(in.attempt("MAX_DECREASES_PER_DAY", () -> updateCap(in.text("MAX_DECREASES_PER_DAY", ""))))
                .approvalThreshold(in.text("DECREASE_APPROVAL_THRESHOLD", "").isBlank() ? null
                        : in.number("DECREASE_APPROVAL_THRESHOLD", 0, new Reader.Range(0, 9_999_999)))
                .maxConcurrency(in.number("MAX_CONCURRENCY", 16, new Reader.Range(1, MAX_CONCURRENCY_LIMIT)))
                .chimeRequestsPerSecond(rate).memberRoleName(roleName).memberExternalId(externalId)
                .streamRequestsPerSecond(in.number("STREAM_REQUESTS_PER_SECOND", DEFAULT_STREAM_REQUESTS_PER_SECOND,
                        new Reader.Range(0, 50)))
                .runDeadline(Duration.ofMinutes(in.number("RUN_DEADLINE_MINUTES", 60, new Reader.Range(1, 10_080))))
                .shardQueueUrl(blankToNull(in.text("SHARD_QUEUE_URL", "")))
                .stepReserve(in.text("STEP_RESERVE_SECONDS", "").isBlank() ? stepReserve(rate)
                        : Duration.ofSeconds(in.number("STEP_RESERVE_SECONDS", 0, new Reader.Range(1, 600))))
                .historyRetention(Duration.ofDays(in.number("HISTORY_RETENTION_DAYS", DEFAULT_HISTORY_RETENTION_DAYS, new Reader.Range(1, 3650))))
                .guardRoles(in.attempt("GUARD_ROLES", () -> guardRoles(in.text("GUARD_ROLES", ""))))
                .stepRetry(Duration.ofSeconds(in.number("STEP_RETRY_SECONDS", DEFAULT_STEP_RETRY_SECONDS, new Reader.Range(1, 900))))
                .policyMaxStandIn(Duration.ofMinutes(in.number("POLICY_MAX_STAND_IN_MINUTES", DEFAULT_POLICY_MAX_STAND_IN_MINUTES, new Reader.Range(0, 10_080))))
                .build();
        in.check();
        return config;
    }

    /**
     * The ARNs of the stack's function roles, comma-separated (the template sets them): CloudTrail
     * records of calls made in their sessions are the guard's own. Empty: none is known, so every
     * call at home is someone's.
     */
    static Set<String> guardRoles(String text) {
        return Set.copyOf(items(text, arn -> arn.startsWith("arn:") && !arn.contains(" "),
                "must be role ARNs separated by commas"));
    }

    /** The stack's own account first, then the listed ones ("": none; the own account may be listed too). */
    static List<String> accounts(String home, String listed) {
        return List.copyOf(new LinkedHashSet<>(items(home + "," + listed, a -> a.matches("\\d{12}"),
                "an account id is 12 digits")));
    }

    /** Organisational unit ids (ou-...) or the root (r-...), comma-separated; "" for none. */
    static List<String> units(String text) {
        return List.copyOf(items(text, u -> u.matches("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32}"),
                "an organisational unit id is like ou-ab12-34cd56ef (or a root, like r-ab12)"));
    }

    /** The items of a comma-separated list, blanks left out, each one {@code valid} or refused saying {@code why}. */
    private static List<String> items(String text, Predicate<String> valid, String why) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            String i = item.strip();
            if (i.isEmpty()) {
                continue;
            }
            if (!valid.test(i)) {
                throw new IllegalArgumentException(why + ", got '" + i + "'");
            }
            items.add(i);
        }
        return items;
    }

    /**
     * "key=value" turns the exemption tag on; unset, empty or "none" leaves it off: a pool's owner
     * cannot exempt their own pool unless the stack says so.
     */
    public static ExemptTag exemptTag(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return null;
        }
        int eq = text.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("EXEMPT_TAG must be key=value or none, got '" + text + "'");
        }
        return new ExemptTag(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
    }

    /** "", "50", "10%" or "50,10%" (the smaller wins). */
    static UpdateCap updateCap(String text) {
        Integer count = null;
        Integer percent = null;
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean isPercent = p.endsWith("%");
            String digits = isPercent ? p.substring(0, p.length() - 1).strip() : p;
            int value = digits.matches("\\d{1,9}") ? Integer.parseInt(digits) : -1;
            if (value < 0 || isPercent && value > 100 || (isPercent ? percent : count) != null) {
                throw new IllegalArgumentException("must be a count, a percent (0..100%) or "
                        + "both, like 50,10%; got '" + text + "'");
            }
            if (isPercent) {
                percent = value;
            } else {
                count = value;
            }
        }
        return new UpdateCap(count, percent);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** Reads variables, collecting every problem instead of stopping at the first. */
    private static final class Reader {
        /** A retention in hours, as a policy's bounds allow it. */
        static final Range HOURS = new Range(Bounds.MIN_HOURS, Bounds.MAX_HOURS);

        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String text(String name, String fallback) {
            String value = env.get(name);
            return value == null ? fallback : value;
        }

        String required(String name) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                problems.add(name + " is not set");
                return "";
            }
            return value.strip();
        }

        /** The whole numbers a setting may take, {@code min} to {@code max}. */
        record Range(int min, int max) {
        }

        int number(String name, int fallback, Range range) {
            int min = range.min();
            int max = range.max();
            String value = text(name, "").strip();
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(name + " must be a whole number within " + min + ".." + max + ", got '" + value + "'");
            return fallback;
        }

        boolean bool(String name, boolean fallback) {
            String value = text(name, "").strip().toLowerCase(java.util.Locale.ROOT);
            return switch (value) {
                case "" -> fallback;
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problems.add(name + " must be true or false, got '" + value + "'");
                    yield fallback;
                }
            };
        }

        /** A value built from several variables; its checks' messages become problems. */
        <T> T attempt(String what, Supplier<T> build) {
            try {
                return build.get();
            } catch (IllegalArgumentException | InvalidPolicyException e) {
                problems.add(what + ": " + e.getMessage());
                return null;
            }
        }

        void problem(String problem) {
            problems.add(problem);
        }

        void check() {
            if (!problems.isEmpty()) {
                throw new ConfigException("invalid configuration: " + String.join("; ", problems));
            }
        }
    }
}
