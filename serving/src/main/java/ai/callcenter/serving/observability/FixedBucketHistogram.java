package ai.callcenter.serving.observability;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A Prometheus histogram of fractional values (a confidence in [0, 1]) with exactly the bucket
 * bounds given: {@code NAME_bucket{le=...}}, {@code NAME_count}, {@code NAME_sum}.
 *
 * <p>Why not a Micrometer {@link DistributionSummary} with service-level objectives: Micrometer's
 * fixed-boundary histogram (TimeWindowFixedBoundaryHistogram, behind every SLO bucket of the
 * Prometheus registry) rounds each value up to a whole number before it finds the bucket
 * ({@code recordLong((long) Math.ceil(value))}); it was written for timers in nanoseconds. A
 * confidence of 0.42 is counted as 1, above every bound below 1.0, so all buckets but +Inf stay 0
 * while {@code _count} grows. Micrometer's own advice, {@code scale(100)}, would export the bounds as
 * le="10.0" … le="99.0". So the histogram is registered directly in the Prometheus registry that
 * Micrometer scrapes, with the service's common tags as constant labels (they are what Micrometer
 * adds to its own meters). Other registries (a plain SimpleMeterRegistry in tests) get a Micrometer
 * summary without buckets: count and sum stay right there.
 */
public final class FixedBucketHistogram implements DoubleConsumer {

    private final List<DoubleConsumer> sinks;

    private FixedBucketHistogram(List<DoubleConsumer> sinks) {
        this.sinks = sinks;
    }

    /**
     * @param name        the metric name as Prometheus shows it, without suffix (e.g. {@code agent_confidence})
     * @param upperBounds the finite bucket bounds, ascending; {@code +Inf} is added
     * @param commonTags  the registry's common tags (management.metrics.tags), exported as constant labels
     */
    public static FixedBucketHistogram register(MeterRegistry meters, String name, String description, double[] upperBounds,
                                                Iterable<Tag> commonTags) {
        List<PrometheusMeterRegistry> prometheus = prometheusRegistries(meters);
        List<DoubleConsumer> sinks = new ArrayList<>();
        if (prometheus.isEmpty()) {
            DistributionSummary summary = DistributionSummary.builder(name.replace('_', '.')).description(description)
                    .register(meters);
            sinks.add(summary::record);
        }
        for (PrometheusMeterRegistry registry : prometheus) {
            Labels.Builder labels = Labels.builder();
            commonTags.forEach(tag -> labels.label(tag.getKey(), tag.getValue()));
            Histogram histogram = Histogram.builder().name(name).help(description)
                    .classicOnly().classicUpperBounds(upperBounds)
                    // exemplars would need the Prometheus client's own tracer bridge, which Micrometer leaves out
                    .withoutExemplars()
                    .constLabels(labels.build())
                    .register(registry.getPrometheusRegistry());
            sinks.add(histogram::observe);
        }
        return new FixedBucketHistogram(List.copyOf(sinks));
    }

    @Override
    public void accept(double value) {
        record(value);
    }

    public void record(double value) {
        for (DoubleConsumer sink : sinks) {
            sink.accept(value);
        }
    }

    private static List<PrometheusMeterRegistry> prometheusRegistries(MeterRegistry meters) {
        List<PrometheusMeterRegistry> found = new ArrayList<>();
        if (meters instanceof PrometheusMeterRegistry prometheus) {
            found.add(prometheus);
        } else if (meters instanceof CompositeMeterRegistry composite) {
            composite.getRegistries().forEach(child -> found.addAll(prometheusRegistries(child)));
        }
        return found;
    }
}
