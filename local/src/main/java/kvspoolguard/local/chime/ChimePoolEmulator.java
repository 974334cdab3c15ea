package kvspoolguard.local.chime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import kvspoolguard.local.chime.internal.ApiFrontEnd;
import kvspoolguard.local.chime.internal.FaultPlan;
import kvspoolguard.local.chime.internal.Identities;
import kvspoolguard.local.chime.internal.Journal;
import kvspoolguard.local.chime.internal.PoolApi;
import kvspoolguard.local.chime.internal.PoolArns;
import kvspoolguard.local.chime.internal.PoolStore;
import kvspoolguard.local.chime.internal.RateLimiter;
import kvspoolguard.local.chime.internal.ServiceModel;
import kvspoolguard.local.chime.internal.StreamApi;
import kvspoolguard.local.chime.internal.StsApi;
import kvspoolguard.local.chime.model.EmulatedPool;
import kvspoolguard.local.chime.model.EmulatedStream;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Json;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.OperationCount;
import kvspoolguard.local.chime.model.PoolChange;
import kvspoolguard.local.chime.model.RateLimit;
import kvspoolguard.local.chime.model.RecordedRequest;
import kvspoolguard.local.chime.model.RoleTrust;
import kvspoolguard.local.chime.model.StreamChange;
import kvspoolguard.local.chime.model.StreamQuotas;

/**
 * A local Amazon Chime SDK Media Pipelines endpoint for the KVS pool operations, and a Kinesis
 * Video Streams endpoint for the pools' streams, each faithful to its published API model, that any
 * AWS SDK or the AWS CLI can be pointed at ({@code AWS_ENDPOINT_URL_CHIME_SDK_MEDIA_PIPELINES},
 * {@code AWS_ENDPOINT_URL_KINESIS_VIDEO}). It binds 127.0.0.1 only. As the service does, a pool's
 * Create makes its streams ({@link Builder#streamsPerPool}), its Update reaches them one by one
 * while it is UPDATING, and its Delete leaves them; Kinesis Video Streams' quotas apply
 * ({@link StreamQuotas#DOCUMENTED}).
 * Accounts are isolated as regions are: an access key of 12 digits is that account, any other key
 * the emulator's own ({@link Builder#accountId}). It also serves STS {@code AssumeRole} and
 * {@code GetCallerIdentity}, so an SDK given {@code AWS_ENDPOINT_URL_STS} reaches other accounts
 * through their roles as it would in AWS ({@link #trustRoles} makes a role refuse).
 *
 * <pre>{@code
 * try (var chime = ChimePoolEmulator.builder().build().start()) {
 *     chime.seed(EmulatedPool.active("recordings", 24));
 *     chime.injectFaults(FaultRule.times(Operation.GET_POOL, Fault.throttle(), 2));
 *     // point the SDK at chime.endpoint(), then assert on chime.counters() and chime.pools()
 * }
 * }</pre>
 */
public final class ChimePoolEmulator implements AutoCloseable {

    private final Builder config;
    private final PoolStore store;
    private final FaultPlan faults;
    private final RateLimiter rateLimiter = new RateLimiter();
    private final RateLimiter streamLimiter;
    private final Journal journal = new Journal();
    private final Identities identities;
    private HttpServer server;
    private ExecutorService executor;

    private ChimePoolEmulator(Builder config) {
        this.config = config;
        this.store = new PoolStore(config.clock, config.accountId, config.defaultRegion, config.transitionDelay,
                config.maxPoolsPerRegion, config.streamsPerPool, config.streamQuotas);
        this.streamLimiter = new RateLimiter(streamLimits(config.streamQuotas));
        this.faults = new FaultPlan(config.faultSeed);
        this.identities = new Identities(config.clock, config.accountId);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 on the configured port (0: an ephemeral one) and starts serving. */
    public synchronized ChimePoolEmulator start() {
        if (server != null) {
            throw new IllegalStateException("already started on " + endpoint());
        }
        var chime = new ApiFrontEnd.Api(ServiceModel.load(), new PoolApi(store).handlers(), rateLimiter,
                ErrorType.THROTTLED_CLIENT, ErrorType.BAD_REQUEST);
        var kinesisVideo = new ApiFrontEnd.Api(ServiceModel.kinesisVideo(), new StreamApi(store).handlers(),
                streamLimiter, ErrorType.CLIENT_LIMIT_EXCEEDED, ErrorType.INVALID_ARGUMENT);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + config.port, e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", new ApiFrontEnd(new ApiFrontEnd.Parts(chime, kinesisVideo, faults, identities,
                new StsApi(identities), journal, config.clock)));
        server.createContext(AdminFrontEnd.PREFIX, new AdminFrontEnd(this));
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override to give an AWS client. */
    public URI endpoint() {
        requireStarted();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        requireStarted();
        return server.getAddress().getPort();
    }

    public String accountId() {
        return config.accountId;
    }

    /** The ARN the emulator gives a pool of this name in this region of its own account. */
    public String poolArn(String region, String name) {
        return PoolArns.of(region, config.accountId, name);
    }

    /** The ARN the emulator gives a pool of this name in this account and region. */
    public String poolArn(String accountId, String region, String name) {
        return PoolArns.of(region, accountId, name);
    }

    /** Every stream of every account and region, with the service's due steps applied. */
    public List<EmulatedStream> streams() {
        return store.streams();
    }

    /** Every change of a stream since start or the last reset, oldest first (the newest 200,000 are kept). */
    public List<StreamChange> streamChanges() {
        return store.streamChanges();
    }

    /**
     * A change of a stream behind the pool's back, as anyone allowed UpdateDataRetention makes it:
     * {@code change} gets the stream as it is and returns it with the retention it takes (a new
     * version). {@code accountId} and {@code region} null: the emulator's own account, its default region.
     */
    public EmulatedStream replaceStream(String accountId, String region, String streamName,
                                        UnaryOperator<EmulatedStream> change) {
        return store.replaceStream(accountId, region, streamName, change);
    }

    /** The pool grows by {@code count} streams at its retention, as a call burst makes it; returns its streams. */
    public List<EmulatedStream> growPool(String accountId, String region, String poolName, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        return store.growPool(accountId, region, poolName, count);
    }

    /** The next pool update that would reach this stream leaves it, as a propagation that failed does. */
    public void missNextPropagation(String streamArn) {
        store.missNextPropagation(Objects.requireNonNull(streamArn, "streamArn"));
    }

    public StreamQuotas streamQuotas() {
        return store.streamQuotas();
    }

    /** Replaces Kinesis Video Streams' quotas ({@link StreamQuotas#NONE}: none). */
    public void streamQuotas(StreamQuotas quotas) {
        store.streamQuotas(Objects.requireNonNull(quotas, "quotas"));
        streamLimiter.replace(streamLimits(quotas));
    }

    public int streamsPerPool() {
        return store.streamsPerPool();
    }

    /** How many streams a pool's Create makes. */
    public void streamsPerPool(int count) {
        store.streamsPerPool(requireStreamCount(count));
    }

    private static List<RateLimit> streamLimits(StreamQuotas quotas) {
        List<RateLimit> limits = new ArrayList<>();
        if (quotas.listStreams() > 0) {
            limits.add(new RateLimit(Operation.LIST_STREAMS, quotas.listStreams()));
        }
        if (quotas.describeStream() > 0) {
            limits.add(new RateLimit(Operation.DESCRIBE_STREAM, quotas.describeStream()));
        }
        if (quotas.updateDataRetention() > 0) {
            limits.add(new RateLimit(Operation.UPDATE_DATA_RETENTION, quotas.updateDataRetention()));
        }
        return limits;
    }

    private static int requireStreamCount(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("streamsPerPool must be 0 or positive, got " + count);
        }
        return count;
    }

    /**
     * Seeds the pools of a seed file: a JSON array of pools as {@link EmulatedPool} reads them, each
     * with an optional {@code "streams": N} (that many streams at its retention).
     */
    public List<EmulatedPool> seed(Path seedFile) throws IOException {
        if (!Files.isRegularFile(seedFile)) {
            throw new IllegalArgumentException("seed file not found: " + seedFile);
        }
        return Seeds.apply(this, Json.MAPPER.readTree(seedFile.toFile()));
    }

    /** Adds or replaces pools as given, in any status and with any timestamps; returns them as stored. */
    public List<EmulatedPool> seed(EmulatedPool... pools) {
        return Arrays.stream(pools).map(store::seed).toList();
    }

    /**
     * A change made behind the API's back, as another system would make it, atomically with the
     * requests the emulator serves: {@code change} gets the pool as it is now and returns what it
     * becomes (its status and retention taken as given, no transition scheduled), or null to leave
     * it. Empty when there is no such pool or it was left. The change log records it as {@code SEED}.
     * The pool is one of the emulator's own account.
     */
    public Optional<EmulatedPool> replace(String region, String name, UnaryOperator<EmulatedPool> change) {
        return store.replace(null, region, name, change);
    }

    /** As {@link #replace(String, String, UnaryOperator)}, for a pool of any account. */
    public Optional<EmulatedPool> replace(String accountId, String region, String name,
                                          UnaryOperator<EmulatedPool> change) {
        return store.replace(accountId, region, name, change);
    }

    /** Every pool of every account and region, with its lifecycle transitions that are due applied. */
    public List<EmulatedPool> pools() {
        return store.snapshot();
    }

    /**
     * Every change of a pool's status or retention since start or the last reset, oldest first (the
     * newest 200,000 are kept): what a test compares with what a client reported.
     */
    public List<PoolChange> changes() {
        return store.changes();
    }

    /**
     * Replaces the roles' trusts: AssumeRole into a role named here answers as its trust says; any
     * other role of any account can be assumed by anyone.
     */
    public void trustRoles(RoleTrust... trusts) {
        identities.trust(List.of(trusts));
    }

    public List<RoleTrust> roleTrusts() {
        return identities.trusts();
    }

    /** Adds fault rules to those in force. */
    public void injectFaults(FaultRule... rules) {
        Arrays.stream(rules).forEach(faults::add);
    }

    /** Replaces every fault rule and rate limit; {@code seed} makes probabilistic faults repeatable. */
    public void replaceFaults(List<FaultRule> rules, List<RateLimit> limits, long seed) {
        faults.replace(rules, seed);
        rateLimiter.replace(limits);
    }

    /** Replaces the rate limits, leaving the fault rules in force. */
    public void rateLimit(RateLimit... limits) {
        rateLimiter.replace(List.of(limits));
    }

    public void clearFaults() {
        replaceFaults(List.of(), List.of(), config.faultSeed);
    }

    /** The rules in force that have uses left. */
    public List<FaultRule> faultRules() {
        return faults.rules();
    }

    public List<RateLimit> rateLimits() {
        return rateLimiter.limits();
    }

    /** Requests received per operation, in all and by answered status, since start or the last reset. */
    public Map<Operation, OperationCount> counters() {
        return journal.counters();
    }

    public OperationCount count(Operation operation) {
        return journal.counters().get(operation);
    }

    /** The requests received, oldest first (the newest 100,000 are kept). */
    public List<RecordedRequest> requests() {
        return journal.requests();
    }

    public void clearJournal() {
        journal.clear();
    }

    /** How long CREATING, UPDATING and DELETING last; zero makes the next request see the result. */
    public void transitionDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        store.transitionDelay(delay);
    }

    public Duration transitionDelay() {
        return store.transitionDelay();
    }

    /** Pools per region beyond which Create answers ResourceLimitExceededException; 0: no limit. */
    public void maxPoolsPerRegion(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxPoolsPerRegion must be 0 (no limit) or positive, got " + max);
        }
        store.maxPoolsPerRegion(max);
    }

    public int maxPoolsPerRegion() {
        return store.maxPoolsPerRegion();
    }

    /**
     * Forgets every pool, stream, fault rule, rate limit, role trust, STS session, counter and
     * recorded request, and puts the settings (transition delay, pools per region, streams per pool,
     * stream quotas) back to those the emulator was built with.
     */
    public void reset() {
        store.clear();
        identities.clear();
        store.transitionDelay(config.transitionDelay);
        store.maxPoolsPerRegion(config.maxPoolsPerRegion);
        store.streamsPerPool(config.streamsPerPool);
        streamQuotas(config.streamQuotas);
        clearFaults();
        journal.clear();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.close();
            server = null;
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the emulator is not started");
        }
    }

    /** Settings of an emulator; every one has a default suited to tests. */
    public static final class Builder {
        private int port;
        private String accountId = "123456789012";
        private String defaultRegion = "us-east-1";
        private Duration transitionDelay = Duration.ZERO;
        private int maxPoolsPerRegion;
        private long faultSeed = 1L;
        private int streamsPerPool = 2;
        private StreamQuotas streamQuotas = StreamQuotas.DOCUMENTED;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** 0 (the default) picks a free ephemeral port. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The account of callers whose access key is not 12 digits, and of seeded pools that name none. */
        public Builder accountId(String accountId) {
            if (accountId == null || !accountId.matches("\\d{12}")) {
                throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
            }
            this.accountId = accountId;
            return this;
        }

        /** The region of seeded pools that name none. */
        public Builder defaultRegion(String region) {
            this.defaultRegion = Objects.requireNonNull(region, "region");
            return this;
        }

        public Builder transitionDelay(Duration delay) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("transitionDelay must be zero or positive, got " + delay);
            }
            this.transitionDelay = delay;
            return this;
        }

        public Builder maxPoolsPerRegion(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxPoolsPerRegion must be 0 (no limit) or positive, got " + max);
            }
            this.maxPoolsPerRegion = max;
            return this;
        }

        /** How many streams a pool's Create makes (2 unless set). */
        public Builder streamsPerPool(int count) {
            this.streamsPerPool = requireStreamCount(count);
            return this;
        }

        /** Kinesis Video Streams' quotas ({@link StreamQuotas#DOCUMENTED} unless set). */
        public Builder streamQuotas(StreamQuotas quotas) {
            this.streamQuotas = Objects.requireNonNull(quotas, "quotas");
            return this;
        }

        public Builder faultSeed(long seed) {
            this.faultSeed = seed;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ChimePoolEmulator build() {
            return new ChimePoolEmulator(this);
        }
    }
}
