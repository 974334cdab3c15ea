package kvspoolguard.bench;

/** A figure's goal: at most or at least {@code value}. */
record Target(String key, String label, double value, boolean atMost) {

    boolean met(double figure) {
        return atMost ? figure <= value : figure >= value;
    }

    String describe() {
        return (atMost ? "≤ " : "≥ ") + trim(value);
    }

    static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
