package kvspoolguard.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The organisation moto keeps for the tests' management account (123456789012), shaped through
 * Organizations' own JSON protocol: accounts and units made fresh by each test, so tests never see
 * each other's. moto reads the account from the request's credential and checks no signature, so
 * the requests carry the credential alone.
 */
public final class MotoOrganization {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI endpoint;
    private final String root;

    private MotoOrganization(URI endpoint) {
        this.endpoint = endpoint;
        JsonNode made = call("CreateOrganization", JSON.createObjectNode().put("FeatureSet", "ALL"));
        if (made.path("__type").asText().endsWith("AlreadyInOrganizationException")) {
            // another test made it: one organisation per management account
        } else if (made.has("__type")) {
            throw new IllegalStateException("moto's Organizations refused CreateOrganization: " + made);
        }
        root = answer("ListRoots", JSON.createObjectNode()).path("Roots").get(0).path("Id").asText();
    }

    /** The organisation of the management account in the moto at {@code endpoint}, made if there is none. */
    public static MotoOrganization at(URI endpoint) {
        return new MotoOrganization(endpoint);
    }

    public String root() {
        return root;
    }

    /** A new ACTIVE account under the root; its id. */
    public String newAccount() {
        String name = "acct-" + UUID.randomUUID();
        return answer("CreateAccount", JSON.createObjectNode().put("AccountName", name).put("Email", name + "@example.com"))
                .path("CreateAccountStatus").path("AccountId").asText();
    }

    /** A new unit under {@code parent}; its id. */
    public String newUnit(String parent) {
        return answer("CreateOrganizationalUnit", JSON.createObjectNode().put("ParentId", parent)
                .put("Name", "ou-" + UUID.randomUUID())).path("OrganizationalUnit").path("Id").asText();
    }

    /** Moves an account from the root to {@code to}. */
    public void move(String account, String to) {
        answer("MoveAccount", JSON.createObjectNode().put("AccountId", account).put("SourceParentId", root)
                .put("DestinationParentId", to));
    }

    /** Closes the account: Organizations suspends it. */
    public void close(String account) {
        answer("CloseAccount", JSON.createObjectNode().put("AccountId", account));
    }

    /** One page of ListAccounts of at most {@code size}. */
    public JsonNode accountsPage(int size) {
        return answer("ListAccounts", JSON.createObjectNode().put("MaxResults", size));
    }

    private JsonNode answer(String operation, ObjectNode input) {
        JsonNode answer = call(operation, input);
        if (answer.has("__type")) {
            throw new IllegalStateException("moto's Organizations refused " + operation + ": " + answer);
        }
        return answer;
    }

    private JsonNode call(String operation, ObjectNode input) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AWSOrganizationsV20161128." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + LocalAwsServices.ACCESS_KEY
                        + "/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(input.toString())).build();
        try {
            String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
            return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("moto's Organizations did not answer " + operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling moto's Organizations", e);
        }
    }
}
