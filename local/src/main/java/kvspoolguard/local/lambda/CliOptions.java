package kvspoolguard.local.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** "--name value" options of the local commands (make invoke, make api), each checked against a known list. */
public final class CliOptions {

    private final Map<String, String> values = new HashMap<>();

    public CliOptions(String[] args, List<String> known) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + "; options: " + String.join(" ", known));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.put(name, args[++i]);
        }
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public String get(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public Path existingFile(String name) {
        Path path = Path.of(required(name));
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(name + ": no such file: " + path);
        }
        return path;
    }

    public int port(String name, int fallback) {
        String value = get(name, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a port number (0-65535), got " + value);
        }
    }
}
