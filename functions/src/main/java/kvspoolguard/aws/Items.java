package kvspoolguard.aws;

import java.util.Map;
import java.util.function.Supplier;
import kvspoolguard.core.state.StateStoreException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The few ways the state table's items are written and read: strings, numbers, optional strings,
 * and a call of the table whose failure is the store's.
 */
final class Items {

    private Items() {
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Sets a string attribute, or leaves it out when null (DynamoDB stores no null strings). */
    static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    /** A string attribute, null when absent. */
    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** Runs a call of the state table, turning the SDK's failures into the store's, saying {@code what} failed. */
    static <T> T stored(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new StateStoreException("could not " + what + ": " + SdkFailures.summary(e), e);
        }
    }
}
