package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import kvspoolguard.core.pool.AccountDirectoryException;
import kvspoolguard.local.aws.MotoOrganization;
import kvspoolguard.testing.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The organisation's accounts from moto's Organizations, over its JSON protocol: ACTIVE accounts
 * only, of the whole organisation or of some units and every unit below them.
 */
class OrganizationsAccountsIT {

    private static final MotoOrganization ORGANIZATION = LocalAws.get().organization();

    private final OrganizationsAccounts accounts = OrganizationsAccounts.fromEnvironment(
            UrlConnectionHttpClient.create(), "eu-west-1");

    @Test
    void theWholeOrganisation_isItsActiveAccounts_everyPage() {
        String active = ORGANIZATION.newAccount();
        String closed = ORGANIZATION.newAccount();
        ORGANIZATION.close(closed);
        for (int i = 0; i < 21; i++) { // moto's pages hold 20
            ORGANIZATION.newAccount();
        }

        List<String> listed = accounts.activeAccounts(List.of());

        assertThat(listed).contains(active).doesNotContain(closed).hasSizeGreaterThan(21);
        assertThat(ORGANIZATION.accountsPage(20).path("NextToken").isTextual()).as("more than one page to walk")
                .isTrue();
    }

    @Test
    void someUnits_areTheirAccounts_andThoseOfEveryUnitBelowThem() {
        String unit = ORGANIZATION.newUnit(ORGANIZATION.root());
        String child = ORGANIZATION.newUnit(unit);
        String sibling = ORGANIZATION.newUnit(ORGANIZATION.root());
        String inUnit = ORGANIZATION.newAccount();
        String inChild = ORGANIZATION.newAccount();
        String inSibling = ORGANIZATION.newAccount();
        String closedInUnit = ORGANIZATION.newAccount();
        ORGANIZATION.move(inUnit, unit);
        ORGANIZATION.move(inChild, child);
        ORGANIZATION.move(inSibling, sibling);
        ORGANIZATION.move(closedInUnit, unit);
        ORGANIZATION.close(closedInUnit);

        assertThat(accounts.activeAccounts(List.of(unit))).containsExactlyInAnyOrder(inUnit, inChild);
        assertThat(accounts.activeAccounts(List.of(child, sibling))).containsExactlyInAnyOrder(inChild, inSibling);
    }

    @Test
    void whereAnAccountIs_isItsParentFirst_thenEachUnitAbove_uptoTheRoot() {
        String unit = ORGANIZATION.newUnit(ORGANIZATION.root());
        String child = ORGANIZATION.newUnit(unit);
        String nested = ORGANIZATION.newAccount();
        String atRoot = ORGANIZATION.newAccount();
        ORGANIZATION.move(nested, child);

        assertThat(accounts.unitsAbove(nested)).containsExactly(child, unit);
        assertThat(accounts.unitsAbove(atRoot)).isEmpty();
        assertThatThrownBy(() -> accounts.unitsAbove("999999999999")).isInstanceOf(AccountDirectoryException.class)
                .hasMessageContaining("Organizations could not say where account 999999999999 is");
    }

    @Test
    void anUnknownUnit_orNoAnswer_isAnAccountDirectoryException_sayingWhy() {
        assertThatThrownBy(() -> accounts.activeAccounts(List.of("ou-zzzz-zzzzzzzz")))
                .isInstanceOf(AccountDirectoryException.class)
                .hasMessageContaining("Organizations could not list the accounts");

        String saved = System.getProperty("aws.endpointUrlOrganizations");
        System.setProperty("aws.endpointUrlOrganizations", URI.create("http://127.0.0.1:9").toString());
        try {
            OrganizationsAccounts unreachable = OrganizationsAccounts.fromEnvironment(UrlConnectionHttpClient.create(),
                    "eu-west-1");
            assertThatThrownBy(() -> unreachable.activeAccounts(List.of()))
                    .isInstanceOf(AccountDirectoryException.class).hasMessageContaining("no answer");
        } finally {
            System.setProperty("aws.endpointUrlOrganizations", saved);
        }
    }
}
