package kvspoolguard.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import kvspoolguard.core.pool.AccountDirectory;
import kvspoolguard.core.pool.AccountDirectoryException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The organisation's ACTIVE accounts through Organizations: ListAccounts for the whole
 * organisation; for some units, ListAccountsForParent of each and of every unit below it
 * (ListOrganizationalUnitsForParent), every page of each. Where an account is: ListParents from the
 * account up to the root.
 */
public final class OrganizationsAccounts implements AccountDirectory {

    /** Organizations' own limit on how deep units nest below the root. */
    private static final int MAX_DEPTH = 5;

    private final OrganizationsApi organizations;

    OrganizationsAccounts(OrganizationsApi organizations) {
        this.organizations = organizations;
    }

    public static OrganizationsAccounts fromEnvironment(software.amazon.awssdk.http.SdkHttpClient http,
                                                        String homeRegion) {
        return new OrganizationsAccounts(OrganizationsApi.fromEnvironment(http, homeRegion));
    }

    @Override
    public List<String> activeAccounts(List<String> units) {
        try {
            Set<String> accounts = new LinkedHashSet<>();
            if (units.isEmpty()) {
                // lambdas, not method references: the template's test reads the calls from the bytecode
                pages(token -> organizations.listAccounts(token), "Accounts").forEach(a -> addIfActive(a, accounts));
                return List.copyOf(accounts);
            }
            Deque<String> parents = new ArrayDeque<>(units);
            Set<String> seen = new LinkedHashSet<>();
            while (!parents.isEmpty()) {
                String parent = parents.removeFirst();
                if (!seen.add(parent)) {
                    continue;
                }
                pages(token -> organizations.listAccountsForParent(parent, token), "Accounts")
                        .forEach(a -> addIfActive(a, accounts));
                pages(token -> organizations.listOrganizationalUnitsForParent(parent, token), "OrganizationalUnits")
                        .forEach(unit -> parents.addLast(unit.path("Id").asText()));
            }
            return List.copyOf(accounts);
        } catch (SdkException e) {
            throw new AccountDirectoryException("Organizations could not list the accounts: "
                    + SdkFailures.summary(e), e);
        }
    }

    @Override
    public List<String> unitsAbove(String account) {
        List<String> units = new ArrayList<>();
        String child = account;
        try {
            // an organisation nests units at most five deep; a longer walk is an answer gone wrong
            for (int depth = 0; depth <= MAX_DEPTH; depth++) {
                JsonNode parent = organizations.listParents(child).path("Parents").path(0);
                if (parent.isMissingNode() || "ROOT".equals(parent.path("Type").asText())) {
                    return List.copyOf(units);
                }
                child = parent.path("Id").asText();
                units.add(child);
            }
        } catch (SdkException e) {
            throw new AccountDirectoryException("Organizations could not say where account " + account + " is: "
                    + SdkFailures.summary(e), e);
        }
        throw new AccountDirectoryException("Organizations could not say where account " + account
                + " is: no root within " + MAX_DEPTH + " units above it", null);
    }

    /** ACTIVE only: a SUSPENDED or PENDING_CLOSURE account has no pools to govern and no role to assume. */
    private static void addIfActive(JsonNode account, Set<String> accounts) {
        String state = account.path("State").asText(account.path("Status").asText(""));
        if ("ACTIVE".equals(state)) {
            accounts.add(account.path("Id").asText());
        }
    }

    private static List<JsonNode> pages(Function<String, JsonNode> page, String member) {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        do {
            JsonNode answer = page.apply(token);
            answer.path(member).forEach(all::add);
            token = answer.path("NextToken").asText(null);
        } while (token != null && !token.isEmpty());
        return all;
    }
}
