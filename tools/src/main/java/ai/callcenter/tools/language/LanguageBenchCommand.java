package ai.callcenter.tools.language;

import ai.callcenter.agent.AgentApplication;
import ai.callcenter.agent.language.LanguageConfiguration;
import ai.callcenter.agent.language.LanguageDetector;
import ai.callcenter.agent.language.LanguageProperties;
import ai.callcenter.serving.settings.ServiceSettings;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.io.Datasets;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Heap taken by the preloaded lingua languages and the xSID accuracy table, with the agent's settings. */
@Command(name = "language", mixinStandardHelpOptions = true, usageHelpWidth = 120, sortOptions = false,
        description = "Language-ID accuracy on xSID and the detector's heap, with the agent's language settings.",
        footer = {"", "Example (measure another language list on the valid split, e.g. to choose one):",
                "  callcenter bench language --split valid --languages ENGLISH,GERMAN,FRENCH"})
public final class LanguageBenchCommand implements Callable<Integer> {

    @Option(names = "--split", defaultValue = "test", description = "test, valid or all (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--languages", split = ",", paramLabel = "LANG",
            description = "lingua languages to preload instead of the agent's list")
    List<String> languages;

    @Option(names = "--shared-data", paramLabel = "DIR", description = "the shared datasets (default: ../shared/data)")
    Path sharedData = Datasets.SHARED_DATA;

    private static final double MIB = 1024.0 * 1024.0;

    private final Console console;

    public LanguageBenchCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream out = console.out();
        LanguageProperties settings = ServiceSettings.of(AgentApplication.class).bind(LanguageProperties.class);
        if (languages != null) {
            settings = new LanguageProperties(languages, settings.lowAccuracyMode(), settings.minimumRelativeDistance(),
                    settings.maxCharacters(), settings.firstPass());
        }
        long before = usedHeapAfterGc();
        long started = System.nanoTime();
        LanguageDetector detector = LanguageConfiguration.detector(settings);
        detector.loading().join();
        long loadMs = (System.nanoTime() - started) / 1_000_000;
        long after = usedHeapAfterGc();
        out.printf(Locale.ROOT, "languages (%d): %s%nlow-accuracy-mode: %s%npreload: %d ms, heap used by the detector: "
                        + "%.0f MiB (%.0f -> %.0f MiB after GC), max heap %.0f MiB%n",
                settings.languages().size(), settings.languages(), settings.lowAccuracyMode(), loadMs, (after - before) / MIB,
                before / MIB, after / MIB, Runtime.getRuntime().maxMemory() / MIB);
        List<XsidEvaluation.Sentence> sentences = XsidEvaluation.load(sharedData.resolve(XsidEvaluation.RELATIVE_PATH)).stream()
                .filter(s -> split.equals("all") || s.split().equals(split)).toList();
        long evaluated = System.nanoTime();
        XsidEvaluation.Report report = XsidEvaluation.evaluate(detector, sentences);
        out.printf(Locale.ROOT, "xSID split=%s, %d sentences in %d ms%n%n", split, sentences.size(),
                (System.nanoTime() - evaluated) / 1_000_000);
        out.print(report.table());
        out.printf(Locale.ROOT, "%nheap used after evaluation (after GC): %.0f MiB%n", usedHeapAfterGc() / MIB);
        return 0;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
