package kvspoolguard.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The HTTP API's routes, written once: the handler's switch over them is exhaustive, and
 * TemplateTest holds docs/openapi.yaml and the template's routes to this list.
 */
public enum ApiRoute {
    LIST_POOLS("GET /pools"),
    INSPECT_POOL("GET /pools/{identifier}"),
    POOL_HISTORY("GET /pools/{identifier}/history"),
    CHANGE_RETENTION("PUT /pools/{identifier}/retention"),
    COMPLIANCE("GET /compliance"),
    REQUEST_RUN("POST /enforcements"),
    RECORDED_RUN("GET /enforcements/{runId}"),
    POLICY("GET /policy"),
    APPROVE_POLICY("POST /policy/approvals");

    private final String key;

    ApiRoute(String key) {
        this.key = key;
    }

    /** API Gateway's route key: the method, a space, the path template. */
    public String key() {
        return key;
    }

    public static Optional<ApiRoute> of(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}
