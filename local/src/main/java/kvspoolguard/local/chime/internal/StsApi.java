package kvspoolguard.local.chime.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import kvspoolguard.local.chime.model.Operation;
import kvspoolguard.local.chime.model.RoleArns;

/**
 * STS's {@code AssumeRole} and {@code GetCallerIdentity} in the query protocol the SDKs send: a
 * form-encoded POST naming its {@code Action}, answered in XML, errors included.
 */
public final class StsApi {

    /**
     * An answer: its status, its XML body, the operation it served (null: no such action) and the
     * caller's account (null when the caller was not recognised).
     */
    public record Reply(int status, String xml, Operation operation, String accountId) {
    }

    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final int DEFAULT_SECONDS = 3600;
    private static final int MIN_SECONDS = 900;
    private static final int MAX_SECONDS = 43_200;

    private final Identities identities;

    public StsApi(Identities identities) {
        this.identities = identities;
    }

    /** Serves one signed request: {@code form} is its decoded body. */
    public Reply serve(String accessKeyId, String sessionToken, Map<String, List<String>> form, String requestId) {
        String action = first(form, "Action");
        Operation operation = switch (action == null ? "" : action) {
            case "AssumeRole" -> Operation.ASSUME_ROLE;
            case "GetCallerIdentity" -> Operation.GET_CALLER_IDENTITY;
            default -> null;
        };
        Identities.Caller caller = null;
        try {
            caller = identities.identify(accessKeyId, sessionToken);
            if (operation == null) {
                throw ApiException.unmodelled(400, "InvalidAction",
                        "Could not find operation " + action + " for version 2011-06-15");
            }
            String result = operation == Operation.ASSUME_ROLE ? assumeRole(caller, form) : callerIdentity(caller);
            return new Reply(200, response(operation.modelName(), result, requestId), operation, caller.accountId());
        } catch (ApiException e) {
            return new Reply(e.status(), error(e, requestId), operation, caller == null ? null : caller.accountId());
        }
    }

    private String assumeRole(Identities.Caller caller, Map<String, List<String>> form) {
        String roleArn = first(form, "RoleArn");
        String sessionName = first(form, "RoleSessionName");
        String externalId = first(form, "ExternalId");
        if (!RoleArns.valid(roleArn)) {
            throw invalid("Value '" + roleArn + "' at 'roleArn' failed to satisfy constraint: "
                    + "Member must be the ARN of an IAM role");
        }
        if (sessionName == null || !SESSION_NAME.matcher(sessionName).matches()) {
            throw invalid("Value '" + sessionName + "' at 'roleSessionName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}");
        }
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            throw invalid("Value at 'externalId' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [\\w+=,.@:/-]{2,1224}");
        }
        Identities.Session session = identities.assume(caller, roleArn, sessionName, externalId,
                Duration.ofSeconds(seconds(first(form, "DurationSeconds"))));
        return "<Credentials>"
                + element("AccessKeyId", session.accessKeyId())
                + element("SecretAccessKey", session.secretAccessKey())
                + element("SessionToken", session.sessionToken())
                + element("Expiration", session.expiration().toString())
                + "</Credentials><AssumedRoleUser>"
                + element("AssumedRoleId", session.caller().userId())
                + element("Arn", session.caller().arn())
                + "</AssumedRoleUser>";
    }

    private static String callerIdentity(Identities.Caller caller) {
        return element("Arn", caller.arn()) + element("UserId", caller.userId())
                + element("Account", caller.accountId());
    }

    private static int seconds(String value) {
        if (value == null) {
            return DEFAULT_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= MIN_SECONDS && seconds <= MAX_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other value out of range
        }
        throw invalid("Value '" + value + "' at 'durationSeconds' failed to satisfy constraint: "
                + "Member must have value between " + MIN_SECONDS + " and " + MAX_SECONDS);
    }

    private static ApiException invalid(String message) {
        return ApiException.unmodelled(400, "ValidationError", "1 validation error detected: " + message);
    }

    private static String response(String action, String result, String requestId) {
        return "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result>" + result
                + "</" + action + "Result><ResponseMetadata>" + element("RequestId", requestId)
                + "</ResponseMetadata></" + action + "Response>";
    }

    /** STS names the front end's refusals as its query protocol does. */
    private static String error(ApiException e, String requestId) {
        String code = switch (e.typeName()) {
            case "ExpiredTokenException" -> "ExpiredToken";
            case "UnrecognizedClientException" -> "InvalidClientTokenId";
            default -> e.typeName();
        };
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error>"
                + element("Type", e.status() >= 500 ? "Receiver" : "Sender")
                + element("Code", code) + element("Message", e.getMessage())
                + "</Error>" + element("RequestId", requestId) + "</ErrorResponse>";
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
