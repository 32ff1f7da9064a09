package ai.callcenter.tools.routing;

import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.FittedRoutingFiles;
import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import ai.callcenter.tools.tracking.RouterRuns;
import ai.callcenter.tools.tracking.TrackingOptions;
import ai.callcenter.tools.tracking.TrackingServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fits the agent's routing (ROUTER_CONFIG) on labelled validation tickets the models never saw:
 * per-segment thresholds, the pooling rule and weight, and the review bar (docs/routing.md).
 */
@Command(name = "fit-router", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Fit the agent's routing (thresholds, pooling, review bar) against the running tfidf and transformer.",
        footer = {"", "Example (both services running, the validation split never trained on):",
                "  callcenter fit-router --data models/default-data/val.csv --first-url http://127.0.0.1:8001 \\",
                "      --second-url http://127.0.0.1:8002 --out models/router.json"})
public final class FitRouterCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--data", required = true, paramLabel = "VALIDATION.csv", description = "labelled validation tickets")
    Path data;

    @Mixin
    ClassifierUrls urls;

    @Option(names = "--out", defaultValue = "router.json", paramLabel = "FILE",
            description = "the fitted routing file (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--target-accuracy", paramLabel = "A",
            description = "routed accuracy to reach (default: the best reachable minus --tolerance)")
    Double targetAccuracy;

    @Option(names = "--tolerance", defaultValue = "0.002",
            description = "accuracy given up from the best reachable for fewer calls to the second model (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--review-accuracy", defaultValue = "0.95",
            description = "accuracy the answers above the review bar must have (default: ${DEFAULT-VALUE})")
    double reviewAccuracy;

    @Option(names = "--min-segment", defaultValue = "200",
            description = "fewest tickets a language/difficulty segment needs for its own threshold (default: ${DEFAULT-VALUE})")
    int minSegment;

    @Option(names = "--hard-quantile", defaultValue = "0.1",
            description = "share of tickets at each difficulty feature's extreme counted as hard (default: ${DEFAULT-VALUE})")
    double hardQuantile;

    @Option(names = "--weight-fit-share", defaultValue = "0.5",
            description = "share of tickets, least confident first, the pooling weight is fitted on (default: ${DEFAULT-VALUE})")
    double weightFitShare;

    @Mixin
    TrackingOptions tracking;

    /** Grid step of the pooling weight search. */
    private static final double WEIGHT_STEP = 0.05;

    private final Console console;

    public FitRouterCommand(Console console) {
        this.console = console;
    }

    /** The options and the validation data, as MLflow parameters. */
    private Map<String, String> runSettings(Dataset dataset) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data_file", data.getFileName().toString());
        settings.put("data_sha256", dataset.sha256());
        settings.put("n_validation", Integer.toString(dataset.examples().size()));
        settings.put("target_accuracy", targetAccuracy == null ? "best reachable - tolerance" : targetAccuracy.toString());
        settings.put("tolerance", Double.toString(tolerance));
        settings.put("review_accuracy", Double.toString(reviewAccuracy));
        settings.put("min_segment", Integer.toString(minSegment));
        settings.put("hard_quantile", Double.toString(hardQuantile));
        settings.put("weight_fit_share", Double.toString(weightFitShare));
        return settings;
    }

    @Override
    public Integer call() {
        Optional<TrackingServer> server = TrackingServer.configured().map(TrackingServer::requireReachable);
        Dataset dataset = Datasets.read(data, columns.text, columns.label, console);
        RoutingSamples.Services services = RoutingSamples.Services.of(urls.first, urls.second);
        RoutingSamples collected = RoutingSamples.collect(dataset, services, true, console);
        RouterFitter.Options options = new RouterFitter.Options(targetAccuracy, tolerance, reviewAccuracy, minSegment,
                hardQuantile, WEIGHT_STEP, weightFitShare);
        FittedRouting fitted = RouterFitter.fit(collected.samples(), collected.labelCount(), services.first().name(),
                services.second().name(), collected.first().version(), collected.second().version(), options);
        FittedRoutingFiles.write(fitted, out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("router_config", out.toAbsolutePath().toString());
        summary.put("second_weight", fitted.secondWeight());
        summary.put("combination", fitted.combination());
        summary.put("review_threshold", fitted.reviewThreshold());
        summary.put("segments", fitted.segments());
        summary.put("validation", fitted.validation());
        if (server.isPresent()) {
            String experiment = tracking.experimentFor(data);
            console.err().printf("logging the run to MLflow at %s (experiment %s)%n", server.get().uri(), experiment);
            summary.putAll(RouterRuns.record(server.get(), experiment, tracking.registeredModelOr("router"), out, fitted,
                    runSettings(dataset)));
        }
        console.result(summary);
        return 0;
    }
}
