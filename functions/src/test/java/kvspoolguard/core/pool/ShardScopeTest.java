package kvspoolguard.core.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kvspoolguard.local.MutableClock;
import org.junit.jupiter.api.Test;

class ShardScopeTest {

    /** Organizations as a list of answers, one per call: accounts, or null for a failure. */
    private static final class Answers implements AccountDirectory {
        final List<List<String>> answers = new ArrayList<>();
        final List<List<String>> asked = new ArrayList<>();

        @Override
        public List<String> activeAccounts(List<String> units) {
            asked.add(units);
            List<String> next = answers.removeFirst();
            if (next == null) {
                throw new AccountDirectoryException("Organizations could not list the accounts: down", null);
            }
            return next;
        }

        @Override
        public List<String> unitsAbove(String account) {
            throw new AssertionError("the scope never asks where an account is");
        }
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final Answers organizations = new Answers();

    private ShardScope organization() {
        return ShardScope.organization("123456789012", List.of("us-east-1", "eu-west-1"), MemberListing.builder()
                .accounts(organizations).units(List.of("ou-ab12-11111111")).keepFor(Duration.ofMinutes(5)).clock(clock)
                .build());
    }

    @Test
    void aFixedScope_isWhatItWasGiven() {
        ShardScope scope = ShardScope.fixed(new GovernedShards(List.of("123456789012", "210987654321"),
                List.of("us-east-1")));

        assertThat(scope.current().all()).containsExactly(new Shard("123456789012", "us-east-1"),
                new Shard("210987654321", "us-east-1"));
        assertThat(scope.home()).isEqualTo(new Shard("123456789012", "us-east-1"));
        assertThat(scope.isHome("210987654321")).isFalse();
    }

    @Test
    void theOrganisationsAccounts_areGoverned_withTheStacksOwnFirst_andKeptForAWhile() {
        organizations.answers.add(List.of("210987654321", "123456789012"));
        organizations.answers.add(List.of("109876543210"));
        ShardScope scope = organization();

        assertThat(scope.current().accounts()).containsExactly("123456789012", "210987654321");
        clock.advance(Duration.ofMinutes(4));
        assertThat(scope.current().accounts()).as("kept").containsExactly("123456789012", "210987654321");
        clock.advance(Duration.ofMinutes(1));
        assertThat(scope.current().accounts()).as("listed again").containsExactly("123456789012", "109876543210");
        assertThat(organizations.asked).containsExactly(List.of("ou-ab12-11111111"), List.of("ou-ab12-11111111"));
    }

    @Test
    void whenOrganizationsFails_theAccountsLastListedStay_andItIsAskedAgainNextTime() {
        organizations.answers.add(List.of("210987654321"));
        organizations.answers.add(null);
        organizations.answers.add(List.of("109876543210"));
        ShardScope scope = organization();
        scope.current();
        clock.advance(Duration.ofMinutes(5));

        assertThat(scope.current().accounts()).containsExactly("123456789012", "210987654321");
        assertThat(scope.current().accounts()).containsExactly("123456789012", "109876543210");
    }

    @Test
    void whenOrganizationsFailsFirst_theScopeCannotBeSaid() {
        organizations.answers.add(null);

        assertThatThrownBy(organization()::current).isInstanceOf(AccountDirectoryException.class)
                .hasMessageContaining("could not list the accounts");
    }
}
