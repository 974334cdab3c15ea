package kvspoolguard.local.chime.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches a request to an operation by the model's HTTP bindings: method, path template and literal query. */
public final class RouteTable {

    /** The matched operation and its URI labels, percent-decoded. */
    public record Match(ServiceModel.OperationModel operation, Map<String, String> labels) {
    }

    private final List<ServiceModel.OperationModel> operations;

    public RouteTable(ServiceModel model) {
        this.operations = model.operations();
    }

    public Optional<Match> match(String method, String rawPath, Map<String, List<String>> query) {
        List<String> segments = List.of(stripLeadingSlash(rawPath).split("/", -1));
        for (ServiceModel.OperationModel op : operations) {
            if (!op.method().equals(method) || op.pathSegments().size() != segments.size()) {
                continue;
            }
            Map<String, String> labels = labels(op.pathSegments(), segments);
            if (labels != null && literalQueryPresent(op.literalQuery(), query)) {
                return Optional.of(new Match(op, labels));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> labels(List<String> template, List<String> actual) {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String t = template.get(i);
            if (t.startsWith("{") && t.endsWith("}")) {
                labels.put(t.substring(1, t.length() - 1), URLDecoder.decode(
                        actual.get(i).replace("+", "%2B"), StandardCharsets.UTF_8));
            } else if (!t.equals(actual.get(i))) {
                return null;
            }
        }
        return labels;
    }

    private static boolean literalQueryPresent(Map<String, String> literal, Map<String, List<String>> query) {
        return literal.entrySet().stream().allMatch(e ->
                query.getOrDefault(e.getKey(), List.of()).contains(e.getValue()));
    }

    private static String stripLeadingSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
