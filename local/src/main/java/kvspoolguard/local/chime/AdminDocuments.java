package kvspoolguard.local.chime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kvspoolguard.local.chime.model.ErrorType;
import kvspoolguard.local.chime.model.Fault;
import kvspoolguard.local.chime.model.FaultRule;
import kvspoolguard.local.chime.model.Json;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.OperationCount;
import kvspoolguard.local.chime.model.RateLimit;
import kvspoolguard.local.chime.model.StreamQuotas;

/** The JSON documents of the admin interface, and their conversion to and from the public types. */
final class AdminDocuments {

    private AdminDocuments() {
    }

    /** {@code PUT /_emulator/faults}: rules, rate limits and the seed of the fault dice. */
    record FaultsDoc(Long seed, List<RuleDoc> rules, List<RateLimitDoc> rateLimits) {
        FaultsDoc {
            rules = rules == null ? List.of() : rules;
            rateLimits = rateLimits == null ? List.of() : rateLimits;
        }
    }

    /**
     * One rule: {@code error} (a shape name) or {@code latencyMillis} (a number or [min, max]);
     * {@code region}: only that region's requests (absent: every region's).
     */
    record RuleDoc(String operation, String error, JsonNode latencyMillis, Double probability, Integer times,
                   String region) {

        FaultRule toRule() {
            if ((error == null) == (latencyMillis == null)) {
                throw new IllegalArgumentException("a fault rule needs exactly one of error or latencyMillis");
            }
            Fault fault = error != null ? Fault.error(ErrorType.fromName(error)) : latency(latencyMillis);
            return new FaultRule(operationNamed(operation), fault, probability == null ? 1.0 : probability,
                    times == null ? FaultRule.UNLIMITED : times, region);
        }

        static RuleDoc of(FaultRule rule) {
            String op = rule.operation() == null ? null : rule.operation().modelName();
            return switch (rule.fault()) {
                case Fault.Error e -> new RuleDoc(op, e.type().shapeName(), null, rule.probability(), rule.times(),
                        rule.region());
                case Fault.Latency l -> new RuleDoc(op, null, Json.MAPPER.valueToTree(
                        List.of(l.min().toMillis(), l.max().toMillis())), rule.probability(), rule.times(), rule.region());
            };
        }

        private static Fault latency(JsonNode millis) {
            if (millis.isIntegralNumber()) {
                return Fault.latency(Duration.ofMillis(millis.asLong()));
            }
            if (millis.isArray() && millis.size() == 2 && millis.get(0).isIntegralNumber()
                    && millis.get(1).isIntegralNumber()) {
                return Fault.latency(Duration.ofMillis(millis.get(0).asLong()), Duration.ofMillis(millis.get(1).asLong()));
            }
            throw new IllegalArgumentException("latencyMillis must be a whole number or [min, max], got " + millis);
        }
    }

    record RateLimitDoc(String operation, double requestsPerSecond) {
        RateLimit toLimit() {
            return new RateLimit(operationNamed(operation), requestsPerSecond);
        }

        static RateLimitDoc of(RateLimit limit) {
            return new RateLimitDoc(limit.operation() == null ? null : limit.operation().modelName(),
                    limit.requestsPerSecond());
        }
    }

    /** {@code PUT /_emulator/settings}; absent members are left as they are. */
    record SettingsDoc(Long transitionDelayMillis, Integer maxPoolsPerRegion, Integer streamsPerPool,
                       StreamQuotas streamQuotas) {
    }

    /** {@code POST /_emulator/streams/retention}: a stream's retention changed behind the API's back. */
    record StreamRetentionDoc(String accountId, String region, String streamName, Integer dataRetentionInHours) {
        String requireStreamName() {
            return required(streamName, "streamName");
        }

        int requireHours() {
            return required(dataRetentionInHours, "dataRetentionInHours");
        }
    }

    /** {@code POST /_emulator/streams/miss-next-propagation}. */
    record StreamArnDoc(String streamArn) {
        String requireStreamArn() {
            return required(streamArn, "streamArn");
        }
    }

    /** {@code POST /_emulator/pools/grow}: the pool gains {@code count} streams. */
    record GrowDoc(String accountId, String region, String poolName, int count) {
        String requirePoolName() {
            return required(poolName, "poolName");
        }
    }

    private static <T> T required(T value, String member) {
        if (value == null) {
            throw new IllegalArgumentException("missing " + member);
        }
        return value;
    }

    record CountDoc(long calls, Map<Integer, Long> byStatus) {
        static CountDoc of(OperationCount count) {
            return new CountDoc(count.calls(), count.byStatus());
        }
    }

    /** Null, "" and "*" mean every operation. */
    private static Operation operationNamed(String name) {
        return name == null || name.isEmpty() || "*".equals(name) ? null : Operation.fromName(name);
    }
}
