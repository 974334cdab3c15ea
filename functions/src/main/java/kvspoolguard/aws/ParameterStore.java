package kvspoolguard.aws;

/**
 * SSM Parameter Store's GetParameter, the one SSM operation the functions call. Failures are the
 * SDK's exceptions: an {@code AwsServiceException} with the service's error code
 * ({@code ParameterNotFound}, ...), an {@code SdkClientException} when SSM could not be reached.
 */
public interface ParameterStore {

    /** A parameter's value (decrypted when a SecureString) and version. */
    record Parameter(String value, long version) {
    }

    Parameter getParameter(String name);
}
