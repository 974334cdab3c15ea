package kvspoolguard.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A soak's figures as bench/soak.json and as the soak section of docs/reliability.md (between its
 * two markers; the prose around them is written by hand).
 */
final class SoakReport {

    static final String BEGIN = "<!-- soak:results:begin (written by make soak) -->";
    static final String END = "<!-- soak:results:end -->";

    /** A figure, its goal, and whether it met it. */
    record Figure(String key, long value, String goal, boolean met, String meaning) {
    }

    private SoakReport() {
    }

    static List<Figure> figures(FaultSoak.Result r) {
        SoakLedger.Tally t = r.tally();
        List<Figure> figures = new java.util.ArrayList<>(List.of(
                new Figure("runs_to_converge", r.runsToConverge(), "≤ 3 (-1: not converged)",
                        r.converged() && r.runsToConverge() <= 3,
                        "scheduled sweeps until every pool was ACTIVE and in policy, with the outsiders done"),
                new Figure("noncompliant_left", r.noncompliantLeft(), "0", r.noncompliantLeft() == 0,
                        "pools outside the policy (not exempt) at the end, but the refusing account's"),
                new Figure("updates_to_non_active", t.updatesToNonActive(), "0", t.updatesToNonActive() == 0,
                        "Update requests that reached a pool not ACTIVE"),
                new Figure("redundant_updates", t.redundantUpdates(), "0", t.redundantUpdates() == 0,
                        "Update requests for a pool already in policy or exempt"),
                new Figure("lost_transitions", t.lostTransitions(), "0", t.lostTransitions() == 0,
                        "status or retention changes with no event id on the bus"),
                new Figure("unexpected_events", t.unexpectedEvents(), "0", t.unexpectedEvents() == 0,
                        "events reporting no change, or a change already reported under another id"),
                new Figure("duplicate_event_ids", t.duplicateEventIds(), "any, same detail",
                        t.conflictingDuplicates() == 0,
                        "events delivered again under an id already seen (" + t.conflictingDuplicates()
                                + " with another detail)"),
                new Figure("unhandled_errors", r.unhandledErrors(), "0", r.unhandledErrors() == 0,
                        "invocations failing other than on purpose, or still failing after Lambda's two retries"),
                new Figure("state_mismatches", r.stateMismatches(), "0", r.stateMismatches() == 0,
                        "pools whose state record differs from the pool at the end"),
                new Figure("outboxes_left", r.outboxesLeft().size(), "0", r.outboxesLeft().isEmpty(),
                        "state records still holding unpublished events at the end"),
                new Figure("audit_updates", r.auditUpdates(), "0", r.auditUpdates() == 0,
                        "updates made by a last sweep once the faults stopped"),
                new Figure("streams_off_policy", r.streams().off(), "0", r.streams().off() == 0,
                        "streams of an ACTIVE governed pool holding another retention than their pool at the end"),
                new Figure("stream_updates_astray", r.streams().astray(), "0", r.streams().astray() == 0,
                        "UpdateDataRetention calls of the guard that brought a stream to a retention its pool did not"
                                + " hold then (a redundant or a wrong update)"),
                new Figure("stream_updates_unannounced", r.streams().unannounced(), "0", r.streams().unannounced() == 0,
                        "streams the guard changed without a Stream Retention Drifted announcing it")));
        if (r.plan().organization() != null) {
            figures.add(new Figure("refused_shards_reported", r.refusedShardsReported(),
                    "= " + r.refusedShardsExpected(), r.refusedShardsReported() == r.refusedShardsExpected(),
                    "Shard Failed events of the account whose member role refuses: one per region and sweep"));
            figures.add(new Figure("worker_killed", r.workerKilled() ? 1 : 0, "1", r.workerKilled(),
                    "a shard worker killed by its timeout mid-step, its step delivered again"));
        }
        return figures;
    }

    static ObjectNode json(FaultSoak.Result r) {
        ObjectNode root = BuiltStack.JSON.createObjectNode();
        root.put("generated_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("machine", machine());
        root.put("plan", r.plan().name());
        figures(r).forEach(f -> root.put(f.key(), f.value()));
        root.put("conflicting_duplicates", r.tally().conflictingDuplicates());
        ObjectNode context = root.putObject("context");
        SoakPlan p = r.plan();
        context.put("pools", p.pools()).put("non_compliant_seeded", Math.round(p.pools() * p.nonCompliantShare()))
                .put("exempt_seeded", Math.round(p.pools() * p.exemptShare()))
                .put("flips", r.flips()).put("streams_per_pool", p.streamsPerPool())
                .put("stream_drifts", r.streamDrifts()).put("throttle_share", p.throttleShare())
                .put("server_error_share", p.serverErrorShare())
                .put("latency_ms", p.minLatency().toMillis() + ".." + p.maxLatency().toMillis())
                .put("transition_delay_ms", p.transitionDelay().toMillis())
                .put("seed", p.seed());
        if (p.organization() != null) {
            SoakPlan.Organization o = p.organization();
            context.put("accounts", 1 + o.members().size()).put("regions", 1 + o.regions().size())
                    .put("refusing_account", o.refusing()).put("failing_region", o.failingRegion())
                    .put("failing_requests", o.failingRequests())
                    .put("shard_requests_per_second", o.shardRequestsPerSecond());
        }
        ObjectNode measured = root.putObject("measured");
        measured.put("facts", r.tally().facts()).put("events", r.tally().events())
                .put("update_requests", r.tally().updateRequests())
                .put("stream_changes_by_outsiders", r.streams().outsiderChanges())
                .put("stream_changes_by_the_guard", r.streams().guardChanges())
                .put("enforced_by_sweeps", r.enforcedBySweeps()).put("enforced_by_events", r.enforcedByEvents())
                .put("invocations", r.invocations()).put("retried_invocations", r.retriedInvocations())
                .put("pools_not_active", r.poolsNotActive())
                .put("wall_seconds", r.wallTime().toMillis() / 1000.0);
        measured.set("chime_answers_by_status", BuiltStack.JSON.valueToTree(r.chimeAnswers()));
        if (!r.outboxesLeft().isEmpty()) {
            root.set("outboxes_left_in", BuiltStack.JSON.valueToTree(r.outboxesLeft().stream().limit(20).toList()));
        }
        if (!r.unhandled().isEmpty()) {
            root.set("unhandled", BuiltStack.JSON.valueToTree(r.unhandled().stream().limit(20).toList()));
        }
        if (!r.streams().examples().isEmpty()) {
            root.set("stream_examples", BuiltStack.JSON.valueToTree(r.streams().examples()));
        }
        if (!r.tally().lost().isEmpty() || !r.tally().unexpected().isEmpty() || !r.tally().conflicts().isEmpty()) {
            ObjectNode examples = root.putObject("examples");
            examples.set("lost", BuiltStack.JSON.valueToTree(r.tally().lost()));
            examples.set("unexpected", BuiltStack.JSON.valueToTree(r.tally().unexpected()));
            examples.set("conflicting", BuiltStack.JSON.valueToTree(r.tally().conflicts()));
        }
        return root;
    }

    /** The stack's own soak at the root, the organisation's under {@code organization}. */
    static void writeJson(FaultSoak.Result single, FaultSoak.Result organization, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ObjectNode root = json(single);
        root.set("organization", json(organization));
        BuiltStack.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    /** Replaces what is between the markers of {@code doc} with the two runs' tables. */
    static void writeDoc(FaultSoak.Result single, FaultSoak.Result organization, Path doc) throws IOException {
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(doc + " has no soak markers (" + BEGIN + " … " + END + ")");
        }
        Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + markdown(single) + "\n"
                + markdown(organization) + text.substring(end));
    }

    static String markdown(FaultSoak.Result r) {
        SoakPlan p = r.plan();
        StringBuilder md = new StringBuilder();
        String where = p.organization() == null ? "the stack's account and region" : String.format(Locale.ROOT,
                "an organisation of %d accounts × %d regions (%s's member role refuses; %s answers its first %d"
                        + " requests 500; each shard throttled above %.0f requests/s; a shard worker killed mid-step)",
                1 + p.organization().members().size(), 1 + p.organization().regions().size(),
                p.organization().refusing(), p.organization().failingRegion(), p.organization().failingRequests(),
                p.organization().shardRequestsPerSecond());
        md.append(String.format(Locale.ROOT, "Last `make soak`, %s (%s, %s): %d pools (%d outside the policy,"
                        + " %d exempt) with %d streams each, %d flips, %d streams changed behind their pools, %.0f%%"
                        + " throttling, %.0f%% 5xx, %d–%d ms latency on every request to the pool API and the"
                        + " streams'; %.0f s.%n%n", where,
                Instant.now().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10), machine(), p.pools(),
                Math.round(p.pools() * p.nonCompliantShare()), Math.round(p.pools() * p.exemptShare()),
                p.streamsPerPool(), r.flips(), r.streamDrifts(),
                p.throttleShare() * 100, p.serverErrorShare() * 100, p.minLatency().toMillis(),
                p.maxLatency().toMillis(), r.wallTime().toMillis() / 1000.0));
        md.append("| figure | value | goal | met | meaning |\n|---|---|---|---|---|\n");
        for (Figure f : figures(r)) {
            md.append(String.format(Locale.ROOT, "| `%s` | %d | %s | %s | %s |%n", f.key(), f.value(), f.goal(),
                    f.met() ? "yes" : "**no**", f.meaning()));
        }
        md.append(String.format(Locale.ROOT, "%nThe ground truth behind them: %d changes owed an event, %d events on"
                        + " the bus, %d Update requests, %d stream changes by outsiders and %d by the guard; %d pools"
                        + " enforced by sweeps and %d by state-change events;"
                        + " %d invocations, %d of them retries; Chime answers by status, the last sweep's fault-free ones included: %s.%n",
                r.tally().facts(), r.tally().events(), r.tally().updateRequests(), r.streams().outsiderChanges(),
                r.streams().guardChanges(), r.enforcedBySweeps(),
                r.enforcedByEvents(), r.invocations(), r.retriedInvocations(), r.chimeAnswers()));
        return md.toString();
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version();
    }
}
