package kvspoolguard.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * How the adapters name an SDK failure in their own exceptions: what failed and how (the error
 * code, HTTP status and request id), never the service's own text, which can name roles and
 * resources; that text travels as the cause, for the logs.
 */
final class SdkFailures {

    private SdkFailures() {
    }

    static String summary(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return (code == null ? "error" : code) + " (HTTP " + service.statusCode()
                    + (service.requestId() == null ? "" : ", request " + service.requestId()) + ")";
        }
        Throwable root = e.getCause() == null ? e : e.getCause();
        return "no answer (" + root.getClass().getSimpleName() + ")";
    }

    /** STS's answer when no session for a member account was given, however the SDK wrapped it; null when none. */
    static StsException stsAnswer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StsException sts) {
                return sts;
            }
        }
        return null;
    }
}
