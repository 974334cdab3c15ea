package kvspoolguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import kvspoolguard.testing.LocalAws;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The organisation moto keeps for the tests' management account, shaped through Organizations'
 * own API: accounts and units made fresh by each test, so tests never see each other's.
 */
public final class MotoOrganization {

    private static final AwsJsonService.Service ORGANIZATIONS = new AwsJsonService.Service("organizations",
            "AWSOrganizationsV20161128", "Organizations");

    private final AwsJsonService admin;
    private final String root;

    private MotoOrganization() {
        LocalAws.get();
        admin = new AwsJsonService(ORGANIZATIONS, new AwsJsonService.Transport(UrlConnectionHttpClient.create(),
                DefaultCredentialsProvider.builder().build(), AwsRetryStrategy.doNotRetry()),
                new AwsJsonService.Target("us-east-1", AwsJsonService.endpoint("Organizations", "organizations",
                        "us-east-1")));
        try {
            admin.call("CreateOrganization", AwsJsonService.input().put("FeatureSet", "ALL"));
        } catch (AwsServiceException e) {
            // another test class made it: one organisation per management account
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyInOrganizationException");
        }
        root = admin.call("ListRoots", AwsJsonService.input()).path("Roots").get(0).path("Id").asText();
    }

    public static MotoOrganization get() {
        return new MotoOrganization();
    }

    public String root() {
        return root;
    }

    /** A new ACTIVE account under the root; its id. */
    public String newAccount() {
        String name = "acct-" + UUID.randomUUID();
        return admin.call("CreateAccount", AwsJsonService.input().put("AccountName", name)
                .put("Email", name + "@example.com")).path("CreateAccountStatus").path("AccountId").asText();
    }

    public String newUnit(String parent) {
        return admin.call("CreateOrganizationalUnit", AwsJsonService.input().put("ParentId", parent)
                .put("Name", "ou-" + UUID.randomUUID())).path("OrganizationalUnit").path("Id").asText();
    }

    public void move(String account, String to) {
        admin.call("MoveAccount", AwsJsonService.input().put("AccountId", account).put("SourceParentId", root)
                .put("DestinationParentId", to));
    }

    /** Closes the account: Organizations suspends it. */
    public void close(String account) {
        admin.call("CloseAccount", AwsJsonService.input().put("AccountId", account));
    }

    /** One page of ListAccounts of at most {@code size}. */
    JsonNode accountsPage(int size) {
        return admin.call("ListAccounts", AwsJsonService.input().put("MaxResults", size));
    }
}
