package ai.callcenter.agent.cli;

import ai.callcenter.agent.config.LanguageConfiguration;
import ai.callcenter.agent.config.LanguageProperties;
import ai.callcenter.agent.config.PiiProperties;
import ai.callcenter.agent.downstream.ClassifierClient;
import ai.callcenter.agent.downstream.DownstreamException;
import ai.callcenter.agent.downstream.DownstreamProperties;
import ai.callcenter.agent.downstream.ModelInfo;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.pii.NameFinderModels;
import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import ai.callcenter.agent.pii.ScrubResult;
import ai.callcenter.agent.routing.CascadePolicy;
import ai.callcenter.agent.routing.ComplexityFeatures;
import ai.callcenter.agent.routing.RouterConfig;
import ai.callcenter.agent.routing.RouterConfigs;
import ai.callcenter.agent.routing.RouterEvaluation;
import ai.callcenter.agent.routing.RouterFitter;
import ai.callcenter.agent.routing.RoutingProperties;
import ai.callcenter.agent.routing.RoutingSample;
import ai.callcenter.common.api.ClassifierResponse;
import ai.callcenter.common.api.PredictRequest;
import ai.callcenter.common.cli.CliArguments;
import ai.callcenter.common.cli.UsageException;
import ai.callcenter.common.dataset.CsvDatasetReader;
import ai.callcenter.common.dataset.Dataset;
import ai.callcenter.common.dataset.DatasetException;
import ai.callcenter.common.dataset.LabeledText;
import ai.callcenter.common.dataset.StratifiedSplit;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.client.RestClient;

/**
 * The agent jar's offline commands. Progress goes to stderr; the last stdout line is one JSON
 * object.
 * <pre>
 * fit-router      --data VAL.csv [--text-col text] [--label-col label] [--first-url URL] [--second-url URL]
 *                 [--out router.json] [--target-accuracy A] [--tolerance 0.002] [--review-accuracy 0.95]
 *                 [--min-segment 200] [--hard-quantile 0.1] [--weight-fit-share 0.5]
 * evaluate-router --data TEST.csv [--config router.json] [--text-col] [--label-col] [--first-url] [--second-url]
 *                 [--latency-sample 200]
 * split-data      --data ALL.csv --out-train TRAIN.csv --out-val VAL.csv [--fraction 0.1] [--seed 42]
 *                 [--text-col text] [--label-col label]
 * scrub-data      --data IN.csv --out OUT.csv [--text-col text] [--label-col label]
 * pii-models      --data synth_dataset_v2.json --out DIR
 * </pre>
 * {@code pii-models} trains the scrubber's two name finders on the presidio TRAIN templates and writes
 * them to a directory that a deployment without the dataset points {@code callcenter.pii.name-model-dir} at.
 * Texts are scrubbed and their language detected exactly as the agent does before they are sent
 * to the classifiers, so the fitted thresholds apply to what the services see when serving.
 */
public final class RouterCli {

    public static final Set<String> COMMANDS = Set.of("fit-router", "evaluate-router", "split-data", "scrub-data", "pii-models");
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final Set<String> FIT_OPTIONS = Set.of("data", "text-col", "label-col", "first-url", "second-url", "out",
            "target-accuracy", "tolerance", "review-accuracy", "min-segment", "hard-quantile", "weight-fit-share");
    private static final Set<String> EVALUATE_OPTIONS = Set.of("data", "config", "text-col", "label-col", "first-url",
            "second-url", "latency-sample");
    private static final Set<String> SCRUB_OPTIONS = Set.of("data", "out", "text-col", "label-col");
    private static final Set<String> PII_MODEL_OPTIONS = Set.of("data", "out");
    private static final Set<String> SPLIT_OPTIONS = Set.of("data", "out-train", "out-val", "fraction", "seed", "text-col",
            "label-col");

    // Fitting defaults (documented in docs/routing.md).
    private static final double DEFAULT_TOLERANCE = 0.002;
    private static final double DEFAULT_REVIEW_ACCURACY = 0.95;
    private static final long DEFAULT_MIN_SEGMENT = 200;
    private static final double DEFAULT_HARD_QUANTILE = 0.1;
    private static final double WEIGHT_STEP = 0.05;
    private static final double DEFAULT_WEIGHT_FIT_SHARE = 0.5;
    private static final long DEFAULT_LATENCY_SAMPLE = 200;
    private static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    private static final long DEFAULT_SEED = 42;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final ObjectMapper json = new ObjectMapper();

    public RouterCli(PrintStream stdout, PrintStream stderr) {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public int run(String[] args) {
        try {
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            Map<String, Object> result = switch (args[0]) {
                case "fit-router" -> fit(CliArguments.parse(rest, FIT_OPTIONS));
                case "evaluate-router" -> evaluate(CliArguments.parse(rest, EVALUATE_OPTIONS));
                case "split-data" -> split(CliArguments.parse(rest, SPLIT_OPTIONS));
                case "scrub-data" -> scrub(CliArguments.parse(rest, SCRUB_OPTIONS));
                case "pii-models" -> piiModels(CliArguments.parse(rest, PII_MODEL_OPTIONS));
                default -> throw new UsageException("unknown command " + args[0]);
            };
            stdout.println(json.writeValueAsString(result));
            return EXIT_OK;
        } catch (UsageException e) {
            stderr.println("error: " + e.getMessage());
            return EXIT_USAGE;
        } catch (DatasetException | DownstreamException | IllegalArgumentException | UncheckedIOException e) {
            stderr.println("error: " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException e) {
            stderr.println("error: " + e);
            return EXIT_FAILED;
        }
    }

    /** The service's own settings from application.yaml, environment variables resolved. */
    private static Binder settings() {
        try {
            StandardEnvironment env = new StandardEnvironment();
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                    new ClassPathResource("application.yaml"))) {
                env.getPropertySources().addLast(source);
            }
            return Binder.get(env);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.yaml", e);
        }
    }

    /** The agent's own scrubber, configured as the service configures it. */
    private static PiiScrubber scrubber(Binder settings) {
        return PiiScrubbers.create(settings.bind("callcenter.pii", PiiProperties.class).get().toOptions());
    }

    private record Clients(ClassifierClient first, ClassifierClient second, int batchSize) {
    }

    private Clients clients(Binder settings, CliArguments args) {
        DownstreamProperties d = settings.bind("callcenter.downstream", DownstreamProperties.class).get();
        return new Clients(new ClassifierClient(withUrl(d.tfidf(), args.get("first-url", null)), d.modelInfoTtl(), RestClient.builder()),
                new ClassifierClient(withUrl(d.transformer(), args.get("second-url", null)), d.modelInfoTtl(), RestClient.builder()),
                d.batchSize());
    }

    /**
     * Offline use: the given URL, and the patient batch timeout for every call (the serving
     * timeouts are tuned for hot services; a freshly started one answers its first calls slowly).
     */
    private static DownstreamProperties.Service withUrl(DownstreamProperties.Service s, String url) {
        return new DownstreamProperties.Service(s.name(), url == null ? s.url() : URI.create(url), true, s.connectTimeout(),
                s.batchReadTimeout(), s.batchReadTimeout(), s.maxAttempts(), s.retryWait(), s.failureRateThreshold(),
                s.slidingWindowSize(), s.minimumCalls(), s.openDuration());
    }

    private record Collected(List<RoutingSample> samples, List<String> scrubbedTexts, int labelCount, ModelInfo first,
                             ModelInfo second) {
    }

    private Collected collect(Binder settings, Clients clients, CliArguments args, boolean needSecond) {
        Dataset data = CsvDatasetReader.read(Path.of(args.required("data")), args.get("text-col", "text"),
                args.get("label-col", "label"));
        ModelInfo firstInfo = clients.first().modelInfo().orElseThrow(() -> new DownstreamException(clients.first().name(),
                "GET /model failed; is the service running?", null));
        ModelInfo secondInfo = clients.second().modelInfo().orElse(null);
        if (needSecond && secondInfo == null) {
            throw new DownstreamException(clients.second().name(), "GET /model failed; is the service running?", null);
        }
        stderr.printf("loading the PII scrubber and the language detector ...%n");
        PiiScrubber scrubber = scrubber(settings);
        LanguageDetector detector = LanguageConfiguration.detector(settings.bind("callcenter.language", LanguageProperties.class).get());
        List<String> texts = new ArrayList<>();
        List<String> languages = new ArrayList<>();
        for (LabeledText t : data.examples()) {
            String scrubbed = scrubber.scrub(t.text()).text();
            texts.add(scrubbed);
            languages.add(detector.detect(scrubbed).isoCode());
        }
        stderr.printf("%d tickets scrubbed; asking %s%s ...%n", texts.size(), clients.first().name(),
                secondInfo == null ? "" : " and " + clients.second().name());
        List<ClassifierResponse> firsts = batches(clients.first(), texts, clients.batchSize());
        List<ClassifierResponse> seconds = secondInfo == null ? null : batches(clients.second(), texts, clients.batchSize());
        List<RoutingSample> samples = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ClassifierResponse f = firsts.get(i);
            samples.add(new RoutingSample(data.examples().get(i).label(), languages.get(i),
                    ComplexityFeatures.of(texts.get(i), languages.get(i), null, f.oovRate()), f,
                    seconds == null ? null : seconds.get(i)));
        }
        return new Collected(samples, texts, firstInfo.labels().size(), firstInfo, secondInfo);
    }

    private List<ClassifierResponse> batches(ClassifierClient client, List<String> texts, int batchSize) {
        List<ClassifierResponse> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<PredictRequest> chunk = texts.subList(from, Math.min(texts.size(), from + batchSize)).stream()
                    .map(t -> new PredictRequest(t, null)).toList();
            out.addAll(client.predictBatch(chunk));
            stderr.printf("  %s: %d/%d%n", client.name(), out.size(), texts.size());
        }
        return out;
    }

    private Map<String, Object> fit(CliArguments args) {
        Binder settings = settings();
        Clients clients = clients(settings, args);
        Collected c = collect(settings, clients, args, true);
        RouterFitter.Options options = new RouterFitter.Options(
                args.has("target-accuracy") ? args.getDouble("target-accuracy", 0) : null,
                args.getDouble("tolerance", DEFAULT_TOLERANCE), args.getDouble("review-accuracy", DEFAULT_REVIEW_ACCURACY),
                (int) args.getLong("min-segment", DEFAULT_MIN_SEGMENT), args.getDouble("hard-quantile", DEFAULT_HARD_QUANTILE),
                WEIGHT_STEP, args.getDouble("weight-fit-share", DEFAULT_WEIGHT_FIT_SHARE));
        RouterConfig config = RouterFitter.fit(c.samples(), c.labelCount(), clients.first().name(), clients.second().name(),
                c.first().version(), c.second().version(), options);
        Path out = Path.of(args.get("out", "router.json"));
        RouterConfigs.write(config, out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("router_config", out.toAbsolutePath().toString());
        summary.put("second_weight", config.secondWeight());
        summary.put("combination", config.combination());
        summary.put("review_threshold", config.reviewThreshold());
        summary.put("segments", config.segments());
        summary.put("validation", config.validation());
        return summary;
    }

    private Map<String, Object> evaluate(CliArguments args) {
        Binder settings = settings();
        Clients clients = clients(settings, args);
        RoutingProperties routing = settings.bind("callcenter.routing", RoutingProperties.class).get();
        RouterConfig config = args.has("config") ? RouterConfigs.read(Path.of(args.get("config", null))) : null;
        CascadePolicy policy = new CascadePolicy(config, routing.defaults());
        Collected c = collect(settings, clients, args, true);
        RouterEvaluation.Result result = RouterEvaluation.evaluate(policy, c.samples(), c.labelCount());
        Map<String, Object> summary = new LinkedHashMap<>(result.asMap());
        summary.put("router_config", config == null ? "none (defaults)" : args.get("config", null));
        long sample = args.getLong("latency-sample", DEFAULT_LATENCY_SAMPLE);
        double firstMs = meanLatencyMillis(clients.first(), c, (int) sample);
        double secondMs = meanLatencyMillis(clients.second(), c, (int) sample);
        summary.put("first_mean_latency_ms", round(firstMs));
        summary.put("second_mean_latency_ms", round(secondMs));
        summary.put("mean_latency_ms_estimate", round(firstMs + result.secondShare() * secondMs));
        if (config != null) {
            List<Map<String, Object>> curve = RouterFitter.curve(config, c.samples(), c.labelCount());
            for (Map<String, Object> p : curve) {
                p.put("mean_latency_ms_estimate", round(firstMs + ((Number) p.get("second_share")).doubleValue() * secondMs));
            }
            summary.put("curve", curve);
        }
        return summary;
    }

    /** Mean wall time of sequential single /predict calls on the first scrubbed tickets, after one warm-up call. */
    private double meanLatencyMillis(ClassifierClient client, Collected c, int sample) {
        int n = Math.min(sample, c.scrubbedTexts().size());
        if (n == 0) {
            return Double.NaN;
        }
        client.predict(c.scrubbedTexts().get(0), null);
        long total = 0;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            client.predict(c.scrubbedTexts().get(i), null);
            total += System.nanoTime() - t;
        }
        return total / 1e6 / n;
    }

    private Map<String, Object> split(CliArguments args) throws IOException {
        String textCol = args.get("text-col", "text");
        String labelCol = args.get("label-col", "label");
        Dataset data = CsvDatasetReader.read(Path.of(args.required("data")), textCol, labelCol);
        double fraction = args.getDouble("fraction", DEFAULT_VALIDATION_FRACTION);
        StratifiedSplit.Split split = StratifiedSplit.split(data.examples(), fraction, args.getLong("seed", DEFAULT_SEED));
        Path train = Path.of(args.required("out-train"));
        Path val = Path.of(args.required("out-val"));
        write(split.train(), train);
        write(split.test(), val);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("train", train.toAbsolutePath().toString());
        summary.put("n_train", split.train().size());
        summary.put("validation", val.toAbsolutePath().toString());
        summary.put("n_validation", split.test().size());
        return summary;
    }

    /**
     * Writes the data set as the classifiers will see it when serving: every text scrubbed by the
     * agent's own scrubber. Models trained on raw text lose accuracy on scrubbed tickets (a word
     * taken for a name becomes {@code <PERSON>}); trained on scrubbed text they learn the placeholders.
     */
    private Map<String, Object> scrub(CliArguments args) throws IOException {
        String textCol = args.get("text-col", "text");
        String labelCol = args.get("label-col", "label");
        Dataset data = CsvDatasetReader.read(Path.of(args.required("data")), textCol, labelCol);
        Path out = Path.of(args.required("out"));
        stderr.printf("loading the PII scrubber ...%n");
        PiiScrubber scrubber = scrubber(settings());
        Map<String, Integer> typeCounts = new TreeMap<>();
        List<LabeledText> scrubbed = new ArrayList<>(data.examples().size());
        int changed = 0;
        for (LabeledText example : data.examples()) {
            ScrubResult result = scrubber.scrub(example.text());
            if (!result.types().isEmpty()) {
                changed++;
                result.types().forEach(type -> typeCounts.merge(type.name(), 1, Integer::sum));
            }
            scrubbed.add(new LabeledText(result.text(), example.label()));
        }
        write(scrubbed, out);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toAbsolutePath().toString());
        summary.put("n", scrubbed.size());
        summary.put("texts_with_pii", changed);
        summary.put("texts_by_pii_type", typeCounts);
        return summary;
    }

    private Map<String, Object> piiModels(CliArguments args) throws IOException {
        Path data = Path.of(args.required("data"));
        Path out = Path.of(args.required("out"));
        if (!Files.isRegularFile(data)) {
            throw new IllegalArgumentException("no such file: " + data);
        }
        stderr.printf("training the cased and caseless PII name finders on the TRAIN templates of %s ...%n", data);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", out.toAbsolutePath().toString());
        summary.putAll(NameFinderModels.writeDirectory(data, out));
        return summary;
    }

    private static void write(List<LabeledText> rows, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("text", "label").get())) {
            for (LabeledText r : rows) {
                csv.printRecord(r.text(), r.label());
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
