package kvspoolguard.core.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The policy's globs: {@code *} any run of characters, {@code ?} one character, everything else
 * literal. Compiled once per glob: matching runs for every pool and rule of a sweep.
 */
final class Globs {

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private Globs() {
    }

    static boolean matches(String glob, String text) {
        return COMPILED.computeIfAbsent(glob, Globs::toRegex).matcher(text).matches();
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
