package kvspoolguard.bench;

import java.util.List;

/** Order statistics of samples (nearest-rank). */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> samples) {
        return percentile(samples, 50);
    }

    static double percentile(List<Double> samples, double p) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> sorted = samples.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
