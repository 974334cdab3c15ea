package kvspoolguard.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * A Lambda context for in-process handler tests; {@link #logged} is what the functions logged since
 * it was made, each line one JSON object, as their LogConfiguration writes it.
 */
public final class TestContext implements Context {

    private final int logMark = CapturedLogs.mark();

    private final String requestId = UUID.randomUUID().toString();
    private final int remainingMillis;

    public TestContext() {
        this(300_000);
    }

    /** A context whose invocation has {@code remainingMillis} left. */
    public TestContext(int remainingMillis) {
        this.remainingMillis = remainingMillis;
    }

    /** The lines the functions logged since this context was made. */
    public List<String> logged() {
        return CapturedLogs.since(logMark);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/kvs-pool-guard-test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "kvs-pool-guard-test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:kvs-pool-guard-test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    /** The functions log through SLF4J (one JSON object per line), never through the runtime's logger. */
    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                throw new AssertionError("logged through the Lambda runtime's logger: " + message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
