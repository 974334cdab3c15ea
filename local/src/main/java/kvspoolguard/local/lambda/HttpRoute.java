package kvspoolguard.local.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP API route of the template ("GET /pools/{identifier}"), the function it calls, its
 * authoriser and, for a JWT route, the scopes of which a token needs one (none: any token).
 * Matching follows API Gateway's: a {name} is one path segment, {name+} the rest of the path.
 */
public record HttpRoute(String routeKey, String function, String authorizationType, List<String> authorizationScopes,
                        String payloadFormatVersion) {

    public HttpRoute {
        authorizationScopes = List.copyOf(authorizationScopes);
    }

    /** A route that asks for no scope. */
    public HttpRoute(String routeKey, String function, String authorizationType, String payloadFormatVersion) {
        this(routeKey, function, authorizationType, List.of(), payloadFormatVersion);
    }

    public String method() {
        return routeKey.substring(0, routeKey.indexOf(' '));
    }

    public String pathTemplate() {
        return routeKey.substring(routeKey.indexOf(' ') + 1);
    }

    /** The path parameters (still percent-encoded) when {@code method} and {@code rawPath} match. */
    Optional<Map<String, String>> match(String method, String rawPath) {
        if (!method().equals(method) && !method().equals("ANY")) {
            return Optional.empty();
        }
        Matcher m = regex().matcher(rawPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher names = PARAMETER.matcher(pathTemplate());
        int group = 1;
        while (names.find()) {
            parameters.put(names.group(1), m.group(group++));
        }
        return Optional.of(parameters);
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        Matcher names = PARAMETER.matcher(pathTemplate());
        int last = 0;
        while (names.find()) {
            regex.append(Pattern.quote(pathTemplate().substring(last, names.start())));
            regex.append(names.group().endsWith("+}") ? "(.+)" : "([^/]+)");
            last = names.end();
        }
        regex.append(Pattern.quote(pathTemplate().substring(last)));
        return Pattern.compile(regex.toString());
    }
}
