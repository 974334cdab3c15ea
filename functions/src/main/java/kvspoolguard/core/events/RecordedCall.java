package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

/**
 * A call of the pool API as CloudTrail recorded it, in the shape events have named it since
 * version 1 ({@code changedBy} of the drift events): the actor's fields, when, the retention it set
 * and the record's id. Who made it is {@link #actor()}; on the wire that is {@code actor}, and
 * {@code changedBy} is deprecated for naming them.
 */
@RecordBuilder
public record RecordedCall(String arn, String sessionIssuerArn, String sourceIpAddress, String userAgent,
                           Instant eventTime, Integer requestedRetentionHours, String cloudTrailEventId) {

    /** A call by {@code actor}; when, what it set and its record's id by name. */
    public static RecordedCallBuilder by(Actor actor) {
        return RecordedCallBuilder.builder().arn(actor.principal()).sessionIssuerArn(actor.sessionIssuerArn())
                .sourceIpAddress(actor.sourceIpAddress()).userAgent(actor.userAgent());
    }

    public Actor actor() {
        return Actor.recorded(arn).sessionIssuerArn(sessionIssuerArn).sourceIpAddress(sourceIpAddress)
                .userAgent(userAgent).build();
    }
}
