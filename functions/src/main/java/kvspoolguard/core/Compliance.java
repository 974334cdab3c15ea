package kvspoolguard.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import kvspoolguard.core.policy.Standing;
import kvspoolguard.core.pool.PoolRef;
import kvspoolguard.core.pool.PoolStatus;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.state.Observation;
import kvspoolguard.core.state.RecordPage;

/**
 * The fleet's compliance as the state records it, without reading a pool: each pool's standing
 * when the guard last judged it, counted by account, region and rule. A pool never judged (seen
 * only by a deletion, a failure report or an API read, or recorded before standings were kept)
 * is {@code unjudged} until the next sweep judges it; deleted pools are left out. {@code next}:
 * where the next page of records starts (the counts are of this page's), null after the last;
 * {@code unreadable}: the pools whose records do not decode, counted apart.
 */
public record Compliance(List<PoolStanding> pools, List<Group> groups, Map<Standing.Kind, Integer> totals,
                         int unjudged, String next, int unreadable) {

    /** One pool as recorded: {@code standing} null when it was never judged. */
    public record PoolStanding(PoolRef pool, Standing standing, PoolStatus status, Integer retentionHours,
                               Instant observedAt) {

        /** The pool of {@code record}, as it stands there. */
        static PoolStanding of(Observation record) {
            return new PoolStanding(PoolRef.fromArn(record.arn()), record.standing(), record.status(),
                    record.retentionHours(), record.observedAt());
        }
    }

    /** The counts of one account, region and rule (null: exempt, or never judged). */
    public record Group(String account, String region, String rule, Map<Standing.Kind, Integer> counts,
                        int unjudged) {

        /** The group of {@code pool}'s account and region under {@code rule}, nothing counted yet. */
        static Group of(PoolRef pool, String rule) {
            return new Group(pool.account(), pool.region(), rule, zero(), 0);
        }

        /** This group, with one more pool that stands as {@code standing} (null: never judged). */
        Group counting(Standing standing) {
            if (standing == null) {
                return new Group(account, region, rule, counts, unjudged + 1);
            }
            Map<Standing.Kind, Integer> more = new EnumMap<>(counts);
            more.merge(standing.kind(), 1, Integer::sum);
            return new Group(account, region, rule, more, unjudged);
        }
    }

    public Compliance {
        pools = List.copyOf(pools);
        groups = List.copyOf(groups);
        totals = Map.copyOf(totals);
    }

    /** The summary of {@code records}, of the pools of the shards {@code counted} accepts. */
    public static Compliance of(List<Observation> records, Predicate<Shard> counted) {
        return of(new RecordPage(records, List.of(), null), counted);
    }

    /** The summary of one page of records, with the count of those counted that do not decode. */
    public static Compliance of(RecordPage page, Predicate<Shard> counted) {
        int unreadable = (int) page.unreadable().stream().filter(arn -> counted.test(PoolRef.fromArn(arn).shard())).count();
        List<PoolStanding> pools = new ArrayList<>();
        for (Observation record : page.records()) {
            if (!record.deleted() && counted.test(PoolRef.fromArn(record.arn()).shard())) {
                pools.add(PoolStanding.of(record));
            }
        }
        pools.sort(Comparator.comparing((PoolStanding p) -> p.pool().account())
                .thenComparing(p -> p.pool().region()).thenComparing(p -> p.pool().name()));
        Map<String, Group> groups = new TreeMap<>();
        Map<Standing.Kind, Integer> totals = zero();
        int unjudged = 0;
        for (PoolStanding p : pools) {
            String rule = p.standing() == null ? null : p.standing().rule();
            String key = p.pool().account() + "\u0000" + p.pool().region() + "\u0000" + Objects.toString(rule, "");
            groups.put(key, groups.getOrDefault(key, Group.of(p.pool(), rule)).counting(p.standing()));
            if (p.standing() == null) {
                unjudged++;
            } else {
                totals.merge(p.standing().kind(), 1, Integer::sum);
            }
        }
        return new Compliance(pools, List.copyOf(groups.values()), totals, unjudged, page.next(), unreadable);
    }

    private static Map<Standing.Kind, Integer> zero() {
        Map<Standing.Kind, Integer> counts = new EnumMap<>(Standing.Kind.class);
        for (Standing.Kind kind : Standing.Kind.values()) {
            counts.put(kind, 0);
        }
        return counts;
    }
}
