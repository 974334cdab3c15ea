package kvspoolguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * docs/shard-progress.svg: the organisation sweep over time, one lane per shard (account and
 * region) in the order the shards started, a bar for each worker invocation (red when it failed),
 * and the sharded floor: where the sweep would end if every shard went at its limit and the
 * workers never waited.
 */
final class ShardProgressPicture {

    private static final int WIDTH = 720;
    private static final int LANE = 9;
    private static final int LEFT = 190;
    private static final int TOP = 30;
    private static final int BOTTOM = 40;
    private static final int RIGHT = 20;

    private ShardProgressPicture() {
    }

    static String svg(JsonNode results) {
        JsonNode run = results.path("org_sweep");
        Map<String, List<JsonNode>> lanes = new LinkedHashMap<>();
        run.path("invocations").forEach(i -> lanes.computeIfAbsent(i.path("shard").asText(), s -> new ArrayList<>()).add(i));
        double floor = run.path("floor_seconds").asDouble();
        double seconds = run.path("seconds").asDouble();
        double span = Math.ceil(Math.max(seconds, floor) / 20) * 20;
        int height = TOP + lanes.size() * LANE + BOTTOM;
        double scale = (WIDTH - LEFT - RIGHT) / span;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(text(LEFT, 16, String.format(Locale.ROOT, "%d shards × %d pools, %d at a time, %d requests/s each: "
                        + "%.1f s against a floor of %.1f s", run.path("shards").asInt(), run.path("pools_per_shard").asInt(),
                run.path("maximum_concurrency").asInt(), run.path("requests_per_second_per_shard").asInt(), seconds, floor)));
        int lane = 0;
        for (Map.Entry<String, List<JsonNode>> shard : lanes.entrySet()) {
            double y = TOP + lane * LANE;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"8\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y + LANE - 2, shard.getKey()));
            for (JsonNode i : shard.getValue()) {
                double x = LEFT + i.path("start_s").asDouble() * scale;
                double w = Math.max(1, (i.path("end_s").asDouble() - i.path("start_s").asDouble()) * scale);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        x, y + 1, w, LANE - 2, i.path("failed").asBoolean() ? "#c00" : "#06c"));
            }
            lane++;
        }
        double bottom = TOP + lanes.size() * LANE;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                LEFT, bottom, WIDTH - RIGHT, bottom));
        for (int s = 0; s <= span; s += 20) {
            svg.append(text(LEFT + s * scale - 8, bottom + 14, s + " s"));
        }
        double fx = LEFT + floor * scale;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#c00\" "
                + "stroke-dasharray=\"6,4\"/>%n", fx, TOP, fx, bottom));
        svg.append(text(fx - 60, bottom + 30, "sharded floor"));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String text(double x, double y, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", x, y, content);
    }
}
