package kvspoolguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * docs/capacity.svg: how long a sweep of N pools lasts at the stack's default pace
 * (ChimeRequestsPerSecond 25, every call of a sweep paced), from the calls a sweep makes per pool
 * and the measured ratio of a paced sweep to its floor, against the default FunctionTimeout (300 s)
 * and Lambda's longest (900 s).
 */
final class CapacityPicture {

    static final double DEFAULT_RATE = 25;
    static final double DEFAULT_TIMEOUT = 300;
    static final double LONGEST_TIMEOUT = 900;
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int BOTTOM = 40;
    private static final int MAX_POOLS = 12_000;
    private static final double MAX_SECONDS = 1_100;

    private CapacityPicture() {
    }

    /** Seconds a sweep of {@code pools} pools lasts at the default pace, from a run's figures. */
    static double sweepSeconds(JsonNode results, int pools) {
        JsonNode limited = results.path("sweep_limit");
        double callsPerPool = limited.path("minimum_calls").asDouble() / limited.path("pools").asDouble();
        double ratio = results.path("sweep_limit_ratio").asDouble(1.0);
        return pools * callsPerPool / DEFAULT_RATE * ratio;
    }

    /** The most pools one worker step sweeps within {@code timeoutSeconds} at the default pace. */
    static int poolsWithin(JsonNode results, double timeoutSeconds) {
        return (int) Math.floor(timeoutSeconds / sweepSeconds(results, 1));
    }

    static String svg(JsonNode results) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        // axes, ticks every 2,000 pools and 200 s
        svg.append(line(0, 0, MAX_POOLS, 0, "black", "")).append(line(0, 0, 0, MAX_SECONDS, "black", ""));
        for (int p = 2_000; p <= MAX_POOLS; p += 2_000) {
            svg.append(text(x(p) - 14, y(0) + 16, String.format(Locale.ROOT, "%,d", p)));
        }
        for (int s = 200; s <= MAX_SECONDS; s += 200) {
            svg.append(text(LEFT - 36, y(s) + 4, s + " s"));
        }
        svg.append(text(x(MAX_POOLS / 2.0) - 20, HEIGHT - 6, "pools"));
        svg.append(line(0, DEFAULT_TIMEOUT, MAX_POOLS, DEFAULT_TIMEOUT, "#c00", " stroke-dasharray=\"6,4\""));
        svg.append(text(x(200), y(DEFAULT_TIMEOUT) - 6, "FunctionTimeout 300 s (default): "
                + String.format(Locale.ROOT, "%,d", poolsWithin(results, DEFAULT_TIMEOUT)) + " pools"));
        svg.append(line(0, LONGEST_TIMEOUT, MAX_POOLS, LONGEST_TIMEOUT, "#c00", " stroke-dasharray=\"2,3\""));
        svg.append(text(x(200), y(LONGEST_TIMEOUT) - 6, "900 s, Lambda's longest: "
                + String.format(Locale.ROOT, "%,d", poolsWithin(results, LONGEST_TIMEOUT)) + " pools"));
        double end = Math.min(MAX_POOLS, MAX_SECONDS / sweepSeconds(results, 1));
        svg.append(line(0, 0, end, sweepSeconds(results, (int) end), "#06c", " stroke-width=\"2\""));
        svg.append(text(x(end) - 230, y(sweepSeconds(results, (int) end)) + 16,
                "one sweep at 25 requests/s (ChimeRequestsPerSecond)"));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static double x(double pools) {
        return LEFT + pools / MAX_POOLS * (WIDTH - LEFT - 20);
    }

    private static double y(double seconds) {
        return HEIGHT - BOTTOM - seconds / MAX_SECONDS * (HEIGHT - BOTTOM - 20);
    }

    private static String line(double p1, double s1, double p2, double s2, String colour, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n",
                x(p1), y(s1), x(p2), y(s2), colour, extra);
    }

    private static String text(double px, double py, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", px, py, content);
    }
}
