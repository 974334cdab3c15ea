package kvspoolguard.local.chime.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The error shapes of the service models, with what goes on the wire: the HTTP status, the
 * {@code x-amzn-ErrorType} header the SDKs read to pick the exception, and the body's {@code Code}
 * (the model's ErrorCode enum has no value for Conflict and UnauthorizedClient, so those omit it).
 */
public enum ErrorType {
    BAD_REQUEST("BadRequestException", 400, "BadRequest"),
    FORBIDDEN("ForbiddenException", 403, "Forbidden"),
    UNAUTHORIZED_CLIENT("UnauthorizedClientException", 401, null),
    NOT_FOUND("NotFoundException", 404, "NotFound"),
    CONFLICT("ConflictException", 409, null),
    RESOURCE_LIMIT_EXCEEDED("ResourceLimitExceededException", 400, "ResourceLimitExceeded"),
    THROTTLED_CLIENT("ThrottledClientException", 429, "Throttling"),
    SERVICE_FAILURE("ServiceFailureException", 500, "ServiceFailure"),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503, "ServiceUnavailable"),
    // Kinesis Video Streams' errors: their model gives them no Code
    CLIENT_LIMIT_EXCEEDED("ClientLimitExceededException", 400, null),
    INVALID_ARGUMENT("InvalidArgumentException", 400, null),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404, null),
    RESOURCE_IN_USE("ResourceInUseException", 400, null),
    NOT_AUTHORIZED("NotAuthorizedException", 401, null),
    VERSION_MISMATCH("VersionMismatchException", 400, null),
    ACCOUNT_STREAM_LIMIT_EXCEEDED("AccountStreamLimitExceededException", 400, null),
    TAGS_PER_RESOURCE_EXCEEDED_LIMIT("TagsPerResourceExceededLimitException", 400, null);

    private final String shapeName;
    private final int httpStatus;
    private final String code;

    ErrorType(String shapeName, int httpStatus, String code) {
        this.shapeName = shapeName;
        this.httpStatus = httpStatus;
        this.code = code;
    }

    public String shapeName() {
        return shapeName;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** Accepts the shape name ({@code ThrottledClientException}) or the constant ({@code THROTTLED_CLIENT}). */
    public static ErrorType fromName(String name) {
        return Arrays.stream(values())
                .filter(t -> t.shapeName.equals(name) || t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown error type: " + name
                        + " (expected one of " + Arrays.toString(values()) + ")"));
    }
}
