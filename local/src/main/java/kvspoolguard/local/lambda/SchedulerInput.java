package kvspoolguard.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * What EventBridge Scheduler sends a templated target: the schedule's Input with its context
 * attributes replaced (AWS's "Adding context attributes" of EventBridge Scheduler), for one attempt
 * of one firing.
 */
public final class SchedulerInput {

    private SchedulerInput() {
    }

    /**
     * {@code event}, a scheduled event (events/schedule.json's shape), as the firing of a schedule of
     * its own named {@code name}: another run, since a run is named after its schedule and time.
     */
    public static ObjectNode anotherFiring(ObjectNode event, String name) {
        event.put("id", name);
        event.putArray("resources").add("arn:aws:scheduler:us-east-1:123456789012:schedule/default/" + name);
        return event;
    }

    /** The first attempt at {@code scheduledTime} (ISO-8601, whole seconds, UTC) of the schedule {@code scheduleArn}. */
    public static String of(String input, String scheduleArn, String scheduledTime) {
        return attempt(input, scheduleArn, scheduledTime, UUID.randomUUID().toString().replace("-", "").substring(0, 16), 1);
    }

    /** One attempt: each has an execution id of its own, the firing's schedule and time stay. */
    public static String attempt(String input, String scheduleArn, String scheduledTime, String executionId,
                                 int attemptNumber) {
        return input.replace("<aws.scheduler.schedule-arn>", scheduleArn)
                .replace("<aws.scheduler.scheduled-time>", scheduledTime)
                .replace("<aws.scheduler.execution-id>", executionId)
                .replace("<aws.scheduler.attempt-number>", String.valueOf(attemptNumber));
    }
}
