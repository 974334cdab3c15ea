package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The four Organizations operations the functions call, over its JSON protocol
 * ({@link AwsJsonService}): the generated client would add a 2 MB jar for them. Each answers one
 * page; {@code token} null asks for the first.
 */
final class OrganizationsApi {

    private static final AwsJsonService.Service ORGANIZATIONS = new AwsJsonService.Service("organizations",
            "AWSOrganizationsV20161128", "Organizations");

    private final AwsJsonService organizations;

    OrganizationsApi(SdkHttpClient http, AwsCredentialsProvider credentials, String homeRegion) {
        // Organizations is global: one endpoint, signed for the partition's first region
        String region = homeRegion.startsWith("cn-") ? "cn-northwest-1"
                : homeRegion.startsWith("us-gov-") ? "us-gov-west-1" : "us-east-1";
        URI endpoint = AwsJsonService.endpoint("Organizations", "organizations", region);
        this.organizations = new AwsJsonService(ORGANIZATIONS, new AwsJsonService.Transport(http, credentials,
                AwsRetryStrategy.standardRetryStrategy()), new AwsJsonService.Target(region, endpoint));
    }

    static OrganizationsApi fromEnvironment(SdkHttpClient http, String homeRegion) {
        return new OrganizationsApi(http, DefaultCredentialsProvider.builder().build(), homeRegion);
    }

    JsonNode listAccounts(String token) {
        return organizations.call("ListAccounts", page(AwsJsonService.input(), token));
    }

    JsonNode listAccountsForParent(String parent, String token) {
        return organizations.call("ListAccountsForParent", page(AwsJsonService.input().put("ParentId", parent), token));
    }

    JsonNode listOrganizationalUnitsForParent(String parent, String token) {
        return organizations.call("ListOrganizationalUnitsForParent",
                page(AwsJsonService.input().put("ParentId", parent), token));
    }

    /** An account's or a unit's parent (one, in Organizations today), in one page. */
    JsonNode listParents(String child) {
        return organizations.call("ListParents", AwsJsonService.input().put("ChildId", child));
    }

    private static ObjectNode page(ObjectNode input, String token) {
        return token == null ? input : input.put("NextToken", token);
    }
}
