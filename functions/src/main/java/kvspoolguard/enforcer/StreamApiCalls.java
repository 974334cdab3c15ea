package kvspoolguard.enforcer;

import static kvspoolguard.enforcer.CloudTrailRecord.either;

import java.util.List;
import kvspoolguard.core.attribution.StreamCall;
import kvspoolguard.core.pool.Shard;
import kvspoolguard.core.stream.Stream;

/**
 * CloudTrail's records of the Kinesis Video Streams calls that change a stream's audio
 * (UpdateDataRetention, DeleteStream), as the rule {@code StreamApiCalls} of template.yaml delivers
 * them: only streams named as a pool's are the guard's; a call on another stream is only logged. The
 * stream is named by the request's StreamARN or StreamName; an ARN must be of the account and
 * region the call was made in.
 */
final class StreamApiCalls {

    static final String EVENT_SOURCE = "kinesisvideo.amazonaws.com";
    static final List<String> EVENT_NAMES = List.of("UpdateDataRetention", "DeleteStream");

    private StreamApiCalls() {
    }

    /** The call a record reports, or the reason it is not one to act on (a failed call, another stream). */
    static EnforcerEvent parse(CloudTrailRecord record) {
        String eventName = record.eventName();
        if (!EVENT_NAMES.contains(eventName)) {
            throw new MalformedEventException("unsupported CloudTrail record: eventSource '" + EVENT_SOURCE
                    + "', eventName '" + eventName + "' (expected one of " + EVENT_NAMES + ")", null);
        }
        String callId = record.callId();
        if (record.errorCode() != null) {
            return EnforcerEvent.FailedApiCall.builder().id(record.id()).eventName(eventName)
                    .errorCode(record.errorCode()).callId(callId).build();
        }
        Shard shard = record.shard();
        String name = streamName(record, shard);
        if (Stream.poolIdOf(name).isEmpty()) {
            return new EnforcerEvent.OtherResourceCalled(record.id(), eventName, name, callId);
        }
        StreamCall.Action action = eventName.equals("DeleteStream") ? StreamCall.Action.DELETE
                : StreamCall.Action.UPDATE_RETENTION;
        return new EnforcerEvent.StreamApiCall(record.id(), new StreamCall(callId, action, shard, name, record.actor(),
                record.invokedBy(), record.at()));
    }

    /** The stream called: its name, or the name in its ARN ({@code arn:…:kinesisvideo:REGION:ACCOUNT:stream/NAME/TIME}). */
    private static String streamName(CloudTrailRecord record, Shard shard) {
        String name = either(record.request(), "streamName", "StreamName").asText("");
        String arn = either(record.request(), "streamARN", "StreamARN").asText("");
        if (!arn.isBlank()) {
            String[] parts = arn.split(":", 6);
            String[] path = parts.length == 6 ? parts[5].split("/") : new String[0];
            if (parts.length != 6 || !parts[2].equals("kinesisvideo") || path.length != 3 || !path[0].equals("stream")) {
                throw new MalformedEventException("the CloudTrail record's streamARN is not a stream's ARN: " + arn,
                        null);
            }
            if (!parts[3].equals(shard.region()) || !parts[4].equals(shard.account())) {
                throw new MalformedEventException("the CloudTrail record names a stream of account " + parts[4]
                        + ", region " + parts[3] + ", but the call was made in account " + shard.account()
                        + ", region " + shard.region(), null);
            }
            name = path[1];
        }
        if (name.isBlank()) {
            throw new MalformedEventException("the CloudTrail record of " + record.eventName() + " names no stream "
                    + "(requestParameters.streamARN or streamName)", null);
        }
        return name;
    }
}
