package kvspoolguard.bench;

/**
 * A figure's goal: at most or at least {@code value}; or none ({@code value} null), for a figure
 * shown but not judged, {@code why} saying why.
 */
record Target(String key, String label, Double value, boolean atMost, String why) {

    Target(String key, String label, double value, boolean atMost) {
        this(key, label, value, atMost, null);
    }

    /** A figure shown without a target. */
    static Target shown(String key, String label, String why) {
        return new Target(key, label, null, false, why);
    }

    boolean judged() {
        return value != null;
    }

    boolean met(double figure) {
        return !judged() || (atMost ? figure <= value : figure >= value);
    }

    String describe() {
        return !judged() ? "none: " + why : (atMost ? "≤ " : "≥ ") + trim(value);
    }

    static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
