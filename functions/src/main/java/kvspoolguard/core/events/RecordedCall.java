package kvspoolguard.core.events;

import java.time.Instant;

/**
 * A call of the pool API as CloudTrail recorded it, in the shape events have named it since
 * version 1 ({@code changedBy} of the drift events): the actor's fields, when, the retention it set
 * and the record's id. Who made it is {@link #actor()}; on the wire that is {@code actor}, and
 * {@code changedBy} is deprecated for naming them.
 */
public record RecordedCall(String arn, String sessionIssuerArn, String sourceIpAddress, String userAgent,
                           Instant eventTime, Integer requestedRetentionHours, String cloudTrailEventId) {

    public static RecordedCall of(Actor actor, Instant at, Integer requestedHours, String callId) {
        return new RecordedCall(actor.principal(), actor.sessionIssuerArn(), actor.sourceIpAddress(),
                actor.userAgent(), at, requestedHours, callId);
    }

    public Actor actor() {
        return Actor.recorded(arn, sessionIssuerArn, sourceIpAddress, userAgent);
    }
}
