package ai.callcenter.agent.bench;

import ai.callcenter.agent.config.LanguageConfiguration;
import ai.callcenter.agent.config.LanguageProperties;
import ai.callcenter.agent.language.LanguageDetector;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints used heap after preloading the configured lingua languages and the xSID accuracy table.
 * Usage: {@code LanguageBench <shared-data-dir> [test|valid|all] [LANG,LANG,...]} (default test split
 * and the application.yaml list; the third argument measures another list, e.g. for choosing one).
 */
public final class LanguageBench {

    private static final double MIB = 1024.0 * 1024.0;

    private LanguageBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LanguageBench <shared-data-dir> [test|valid|all]");
            System.exit(2);
        }
        String split = args.length > 1 ? args[1] : "test";
        AgentDefaults defaults = AgentDefaults.load();
        long before = usedHeapAfterGc();
        long t0 = System.nanoTime();
        LanguageProperties settings = defaults.language();
        if (args.length > 2) {
            settings = new LanguageProperties(List.of(args[2].split(",")), settings.lowAccuracyMode(),
                    settings.minimumRelativeDistance(), settings.maxCharacters());
        }
        List<String> languages = settings.languages();
        LanguageDetector detector = LanguageConfiguration.detector(settings);
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        long after = usedHeapAfterGc();
        System.out.printf(Locale.ROOT, "languages (%d): %s%nlow-accuracy-mode: %s%npreload: %d ms, heap used by the detector: %.0f MiB (%.0f -> %.0f MiB after GC), max heap %.0f MiB%n",
                languages.size(), languages, settings.lowAccuracyMode(), loadMs, (after - before) / MIB, before / MIB, after / MIB,
                Runtime.getRuntime().maxMemory() / MIB);
        List<XsidEvaluation.Sentence> sentences = XsidEvaluation.load(Path.of(args[0]).resolve(XsidEvaluation.RELATIVE_PATH)).stream()
                .filter(s -> split.equals("all") || s.split().equals(split)).toList();
        long t1 = System.nanoTime();
        XsidEvaluation.Report report = XsidEvaluation.evaluate(detector, sentences);
        System.out.printf(Locale.ROOT, "xSID split=%s, %d sentences in %d ms%n%n", split, sentences.size(), (System.nanoTime() - t1) / 1_000_000);
        System.out.print(report.table());
        System.out.printf(Locale.ROOT, "%nheap used after evaluation (after GC): %.0f MiB%n", usedHeapAfterGc() / MIB);
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
