package kvspoolguard.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import kvspoolguard.core.run.Trigger;

/** What every handler reads from its invocation's context. */
public final class Invocations {

    private Invocations() {
    }

    /** How long the invocation may still run: events it leaves in outboxes are anyone's to publish after. */
    public static Duration timeLeft(Context context) {
        int millis = context.getRemainingTimeInMillis();
        return millis > 0 ? Duration.ofMillis(millis) : Trigger.LONGEST_RUN;
    }
}
