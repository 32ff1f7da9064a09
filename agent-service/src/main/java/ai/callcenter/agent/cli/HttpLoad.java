package ai.callcenter.agent.cli;

import ai.callcenter.common.cli.CliArguments;
import ai.callcenter.common.cli.UsageException;
import ai.callcenter.common.dataset.CsvDatasetReader;
import ai.callcenter.common.dataset.LabeledText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop HTTP load against the agent's {@code /predict}: requests leave at a fixed rate whatever
 * the answers do, and each latency is measured from its scheduled send time, so a stalled server
 * cannot hide its queueing (no coordinated omission). Latencies are grouped by {@code model_used}.
 * <pre>
 * http-load --url http://127.0.0.1:8000 --data TEST.csv [--text-col text] [--label-col label]
 *           [--rate 300] [--seconds 20] [--warmup-seconds 5]
 * </pre>
 */
public final class HttpLoad {

    public static final String COMMAND = "http-load";
    private static final Set<String> OPTIONS = Set.of("url", "data", "text-col", "label-col", "rate", "seconds", "warmup-seconds");
    private static final double DEFAULT_RATE = 300;
    private static final long DEFAULT_SECONDS = 20;
    private static final long DEFAULT_WARMUP_SECONDS = 5;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ObjectMapper json = new ObjectMapper();

    public HttpLoad(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && args[0].equals(COMMAND);
    }

    public int run(String[] args) {
        try {
            CliArguments a = CliArguments.parse(Arrays.asList(args).subList(1, args.length), OPTIONS);
            List<String> texts = CsvDatasetReader.read(Path.of(a.required("data")), a.get("text-col", "text"),
                    a.get("label-col", "label")).examples().stream().map(LabeledText::text).toList();
            URI uri = URI.create(a.required("url") + "/predict");
            double rate = a.getDouble("rate", DEFAULT_RATE);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            stderr.printf("warm-up %d s at %.0f req/s ...%n", a.getLong("warmup-seconds", DEFAULT_WARMUP_SECONDS), rate);
            fire(http, uri, texts, rate, a.getLong("warmup-seconds", DEFAULT_WARMUP_SECONDS), 0, new ConcurrentHashMap<>());
            long seconds = a.getLong("seconds", DEFAULT_SECONDS);
            stderr.printf("measuring %d s at %.0f req/s ...%n", seconds, rate);
            Map<String, List<Double>> byRoute = new ConcurrentHashMap<>();
            long started = System.nanoTime();
            int offset = (int) (rate * a.getLong("warmup-seconds", DEFAULT_WARMUP_SECONDS));
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
            stdout.println(json.writeValueAsString(out));
            return 0;
        } catch (UsageException e) {
            stderr.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            stderr.println("error: " + e);
            return 1;
        }
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
