package kvspoolguard.core.pool;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an organisation's member accounts are listed: from {@code accounts}, under {@code units}
 * (none: the whole organisation), listed again once {@code keepFor} has passed by {@code clock}.
 */
@RecordBuilder
public record MemberListing(AccountDirectory accounts, List<String> units, Duration keepFor, Clock clock) {

    public MemberListing {
        Objects.requireNonNull(accounts, "accounts");
        units = units == null ? List.of() : List.copyOf(units);
        Objects.requireNonNull(keepFor, "keepFor");
        Objects.requireNonNull(clock, "clock");
    }

    public static MemberListingBuilder builder() {
        return MemberListingBuilder.builder();
    }
}
