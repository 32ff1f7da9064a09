package ai.callcenter.tools.routing;

import ai.callcenter.agent.downstream.ClassifierClient;
import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.FittedRouting;
import ai.callcenter.agent.routing.FittedRoutingFiles;
import ai.callcenter.agent.routing.RoutingProperties;
import ai.callcenter.ml.dataset.Dataset;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Measures a fitted routing (or the defaults) on labelled test tickets against the running services. */
@Command(name = "evaluate-router", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Measure the cascade (accuracy, share sent to the second model, latency) on labelled test tickets.",
        footer = {"", "Example:",
                "  callcenter evaluate-router --data models/default-data/test.csv --config models/router.json \\",
                "      --first-url http://127.0.0.1:8001 --second-url http://127.0.0.1:8002"})
public final class EvaluateRouterCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--data", required = true, paramLabel = "TEST.csv", description = "labelled test tickets")
    Path data;

    @Option(names = "--config", paramLabel = "router.json", description = "the fitted routing (default: the agent's defaults)")
    Path config;

    @Mixin
    ClassifierUrls urls;

    @Option(names = "--latency-sample", defaultValue = "200",
            description = "sequential single calls per service timed for the latency estimate (default: ${DEFAULT-VALUE})")
    int latencySample;

    private static final double THREE_DECIMALS = 1000.0;

    private final Console console;

    public EvaluateRouterCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        RoutingProperties routing = RoutingSamples.agentSettings().bind(RoutingProperties.class);
        FittedRouting fitted = config == null ? null : FittedRoutingFiles.read(config);
        CascadePolicy policy = new CascadePolicy(fitted, routing.defaults(), routing.scopeCheck());
        Dataset dataset = Datasets.read(data, columns.text, columns.label, console);
        RoutingSamples.Services services = RoutingSamples.Services.of(urls.first, urls.second);
        RoutingSamples collected = RoutingSamples.collect(dataset, services, true, console);
        RouterEvaluation.Result result = RouterEvaluation.evaluate(policy, collected.samples(), collected.labelCount());
        Map<String, Object> summary = new LinkedHashMap<>(result.asMap());
        summary.put("router_config", config == null ? "none (defaults)" : config.toString());
        double firstMs = meanLatencyMillis(services.first(), collected.scrubbedTexts());
        double secondMs = meanLatencyMillis(services.second(), collected.scrubbedTexts());
        summary.put("first_mean_latency_ms", round(firstMs));
        summary.put("second_mean_latency_ms", round(secondMs));
        summary.put("mean_latency_ms_estimate", round(firstMs + result.secondShare() * secondMs));
        if (fitted != null) {
            List<Map<String, Object>> curve = RouterFitter.curve(fitted, collected.samples(), collected.labelCount());
            for (Map<String, Object> point : curve) {
                point.put("mean_latency_ms_estimate", round(firstMs + ((Number) point.get("second_share")).doubleValue() * secondMs));
            }
            summary.put("curve", curve);
        }
        console.result(summary);
        return 0;
    }

    /** Mean wall time of sequential single /predict calls on the first scrubbed tickets, after one warm-up call. */
    private double meanLatencyMillis(ClassifierClient client, List<String> texts) {
        int n = Math.min(latencySample, texts.size());
        if (n == 0) {
            return Double.NaN;
        }
        client.predict(texts.get(0), null);
        long total = 0;
        for (int i = 0; i < n; i++) {
            long started = System.nanoTime();
            client.predict(texts.get(i), null);
            total += System.nanoTime() - started;
        }
        return total / 1e6 / n;
    }

    private static double round(double v) {
        return Math.round(v * THREE_DECIMALS) / THREE_DECIMALS;
    }
}
