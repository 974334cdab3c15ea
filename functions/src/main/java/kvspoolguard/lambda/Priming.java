package kvspoolguard.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kvspoolguard.aws.SdkPriming;
import kvspoolguard.config.GuardConfig;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: a function's hot path, taken once before the snapshot (CRaC's
 * {@code beforeCheckpoint}), so that a restored function does not take it cold on its first
 * request. The path is the function's own event parsed, and the path every function shares: a
 * pool read through the SDK, judged by the policy, its event built and published, each request
 * marshalled, signed and answered in the process ({@link SdkPriming}). Nothing leaves the process
 * and no state is touched (PrimingIT). A priming that fails is logged and does not fail the
 * snapshot: the function then only starts colder. With {@code PRIME_IN_INIT=true} it runs during
 * init instead, which is how it is measured where there is no SnapStart (docs/benchmarks.md).
 */
public final class Priming implements Resource {

    /** Run the priming during init (where there is no checkpoint: under AWS's RIE). */
    public static final String IN_INIT = "PRIME_IN_INIT";
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** CRaC holds its resources weakly: these are held here for as long as the function lives. */
    private static final List<Priming> HELD = new CopyOnWriteArrayList<>();

    private final String function;
    private final GuardConfig config;
    private final Runnable ownPath;

    Priming(String function, GuardConfig config, Runnable ownPath) {
        this.function = function;
        this.config = config;
        this.ownPath = ownPath;
    }

    /** Primes {@code function} before its snapshot: {@code ownPath} (its event parsed), then the shared path. */
    public static void register(String function, GuardConfig config, Runnable ownPath) {
        Priming priming = new Priming(function, config, ownPath);
        HELD.add(priming);
        Core.getGlobalContext().register(priming);
        if (Boolean.parseBoolean(System.getenv(IN_INIT))) {
            priming.prime();
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing was kept that a restore would make stale: the primed clients are gone
    }

    /** Takes the path once; false (and a warning) when some of it failed. */
    boolean prime() {
        long start = System.nanoTime();
        try {
            path(config, ownPath);
            LOG.info("{} primed for the snapshot in {} ms", function, (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (RuntimeException | LinkageError e) {
            // a class the package lacks is an Error, and must not fail the snapshot either
            LOG.warn("{} not primed (it starts colder, nothing else): {}", function, e.toString());
            return false;
        }
    }

    /** The path: the function's own, then a pool read, judged, its event built and published. */
    public static void path(GuardConfig config, Runnable ownPath) {
        ownPath.run();
        SdkPriming.requests(config.defaultPolicy());
    }
}
