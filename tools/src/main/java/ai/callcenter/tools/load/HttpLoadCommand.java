package ai.callcenter.tools.load;

import ai.callcenter.ml.dataset.LabeledText;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.CsvColumns;
import ai.callcenter.tools.io.Datasets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Open-loop HTTP load against the agent's {@code /predict}: requests leave at a fixed rate whatever
 * the answers do, and each latency is measured from its scheduled send time, so a stalled server
 * cannot hide its queueing (no coordinated omission). Latencies are grouped by {@code model_used}.
 */
@Command(name = "http-load", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Open-loop load on the agent's /predict at a fixed rate; latency percentiles by model_used.",
        footer = {"", "Example:",
                "  callcenter http-load --url http://127.0.0.1:8000 --data models/default-data/test.csv --rate 200 --seconds 30"})
public final class HttpLoadCommand implements Callable<Integer> {

    @Mixin
    CsvColumns columns;

    @Option(names = "--url", required = true, description = "the agent's base URL")
    String url;

    @Option(names = "--data", required = true, paramLabel = "TICKETS.csv", description = "tickets sent in file order, repeated")
    Path data;

    @Option(names = "--rate", defaultValue = "300", description = "requests per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--seconds", defaultValue = "20", description = "measured seconds (default: ${DEFAULT-VALUE})")
    long seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5",
            description = "seconds at the same rate before measuring (default: ${DEFAULT-VALUE})")
    long warmupSeconds;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Console console;
    private final ObjectMapper json = new ObjectMapper();

    public HttpLoadCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        List<String> texts = Datasets.read(data, columns.text, columns.label, console).examples().stream()
                .map(LabeledText::text).toList();
        URI uri = URI.create(url + "/predict");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        console.err().printf("warm-up %d s at %.0f req/s ...%n", warmupSeconds, rate);
        fire(http, uri, texts, rate, warmupSeconds, 0, new ConcurrentHashMap<>());
        console.err().printf("measuring %d s at %.0f req/s ...%n", seconds, rate);
        Map<String, List<Double>> byRoute = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        int offset = (int) (rate * warmupSeconds);
        int sent = fire(http, uri, texts, rate, seconds, offset, byRoute);
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target_rate", rate);
        out.put("achieved_rate", Math.round(sent / elapsed * 10) / 10.0);
        out.put("sent", sent);
        List<Double> all = new ArrayList<>();
        Map<String, Object> routes = new TreeMap<>();
        byRoute.forEach((route, lat) -> {
            if (!route.startsWith("error")) {
                all.addAll(lat);
            }
            routes.put(route, stats(lat));
        });
        out.put("all", stats(all));
        out.put("by_model_used", routes);
        console.result(out);
        return 0;
    }

    /** Sends at a fixed rate for the given time; returns how many were sent (all answered or failed on return). */
    private int fire(HttpClient http, URI uri, List<String> texts, double rate, long seconds, int offset,
                     Map<String, List<Double>> byRoute) {
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int i = 0;
        for (long due = start; due < end; due += interval, i++) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long scheduled = due;
            String text = texts.get((offset + i) % texts.size());
            String body;
            try {
                body = json.writeValueAsString(Map.of("text", text, "ticket_id", "load-" + (offset + i)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((res, err) -> {
                double ms = (System.nanoTime() - scheduled) / 1e6;
                String route;
                if (err != null) {
                    route = "error:" + err.getClass().getSimpleName();
                } else if (res.statusCode() != 200) {
                    route = "error:" + res.statusCode();
                } else {
                    route = routeOf(res.body());
                }
                byRoute.computeIfAbsent(route, k -> Collections.synchronizedList(new ArrayList<>())).add(ms);
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).join();
        return i;
    }

    private String routeOf(String body) {
        try {
            JsonNode n = json.readTree(body);
            return n.path("model_used").asText("?") + (n.path("cached").asBoolean() ? " (cached)" : "")
                    + (n.path("degraded").asBoolean() ? " (degraded)" : "");
        } catch (Exception e) {
            return "unparsable";
        }
    }

    private static Map<String, Object> stats(List<Double> latencies) {
        double[] v;
        synchronized (latencies) {
            v = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", v.length);
        if (v.length > 0) {
            m.put("p50_ms", r(v[(int) Math.floor(0.50 * (v.length - 1))]));
            m.put("p95_ms", r(v[(int) Math.floor(0.95 * (v.length - 1))]));
            m.put("p99_ms", r(v[(int) Math.floor(0.99 * (v.length - 1))]));
            m.put("mean_ms", r(Arrays.stream(v).average().orElse(0)));
        }
        return m;
    }

    private static double r(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
