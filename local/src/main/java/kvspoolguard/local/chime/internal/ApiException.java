package kvspoolguard.local.chime.internal;

import kvspoolguard.local.chime.model.ErrorType;


/**
 * An error answer. Modelled errors carry an {@link ErrorType}; the front end's own refusals
 * (unsigned request, unknown route) carry only a status and a type name, as AWS sends them.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String typeName;
    private final ErrorType modelled;

    private ApiException(int status, String typeName, ErrorType modelled, String message) {
        super(message, null, false, false);
        this.status = status;
        this.typeName = typeName;
        this.modelled = modelled;
    }

    public static ApiException of(ErrorType type, String message) {
        return new ApiException(type.httpStatus(), type.shapeName(), type, message);
    }

    public static ApiException unmodelled(int status, String typeName, String message) {
        return new ApiException(status, typeName, null, message);
    }

    public static ApiException badRequest(String message) {
        return of(ErrorType.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return of(ErrorType.NOT_FOUND, message);
    }

    public static ApiException conflict(String message) {
        return of(ErrorType.CONFLICT, message);
    }

    public int status() {
        return status;
    }

    public String typeName() {
        return typeName;
    }

    /** The modelled error type, or null for a front-end refusal. */
    public ErrorType modelled() {
        return modelled;
    }
}
