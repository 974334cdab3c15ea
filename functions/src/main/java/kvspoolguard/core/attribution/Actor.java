package kvspoolguard.core.attribution;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who made a call, as CloudTrail names them: the principal's ARN, the ARN of the role whose
 * session it was (null for a user), where the call came from and with what. Nothing here is a
 * credential: access key ids and session tokens are never read from the record.
 */
public record Actor(String arn, String sessionIssuerArn, String sourceIpAddress, String userAgent) {

    /** CloudTrail's own bound on userAgent; a longer one is cut, not refused. */
    static final int MAX_AGENT = 1024;

    public Actor {
        userAgent = userAgent != null && userAgent.length() > MAX_AGENT ? userAgent.substring(0, MAX_AGENT) : userAgent;
    }

    /** The fields in their documented order (docs/attribution.md), for events and the API. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("arn", arn);
        fields.put("sessionIssuerArn", sessionIssuerArn);
        fields.put("sourceIpAddress", sourceIpAddress);
        fields.put("userAgent", userAgent);
        return fields;
    }
}
