package kvspoolguard.core.events;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Whoever made a change, in one shape whether they came through the API or straight to AWS:
 * the {@code principal} (an ARN, or a token's issuer and subject), {@code via} what vouched for it
 * ({@code iam} or {@code jwt}, the API's authorisers, or {@code cloudtrail}, AWS's record of a
 * call), and for CloudTrail's, the role whose session it was (null for a user), where the call came
 * from and with what. Nothing here is a credential: no access key id, session token or token.
 */
@RecordBuilder
public record Actor(String principal, String via, String sessionIssuerArn, String sourceIpAddress,
                    String userAgent) {

    /** What vouched for a principal that CloudTrail recorded. */
    public static final String CLOUDTRAIL = "cloudtrail";

    /** CloudTrail's own bound on userAgent; a longer one is cut, not refused. */
    static final int MAX_AGENT = 1024;

    public Actor {
        java.util.Objects.requireNonNull(via, "via");
        userAgent = userAgent != null && userAgent.length() > MAX_AGENT ? userAgent.substring(0, MAX_AGENT) : userAgent;
    }

    /** A caller of the API, as its authoriser vouched for them. */
    public static Actor of(Caller caller) {
        return new Actor(caller.principal(), caller.authorizer(), null, null, null);
    }

    /** A principal as CloudTrail recorded them ({@code arn} null when the record names none). */
    public static ActorBuilder recorded(String arn) {
        return ActorBuilder.builder().principal(arn).via(CLOUDTRAIL);
    }
}
