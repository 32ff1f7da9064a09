package ai.callcenter.agent.bench;

import ai.callcenter.agent.pii.PiiScrubber;
import ai.callcenter.agent.pii.PiiScrubbers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the PII precision/recall/F1 tables (held-out TEST templates, TRAIN templates, whole file).
 * Usage: {@code PiiBench <shared-data-dir> [--errors N]}; error listings are printed for the TRAIN
 * split only, so that tuning never looks at held-out sentences.
 */
public final class PiiBench {

    private PiiBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PiiBench <shared-data-dir> [--errors N]");
            System.exit(2);
        }
        Path file = Path.of(args[0]).resolve(PresidioDataset.RELATIVE_PATH);
        int errors = args.length >= 3 && args[1].equals("--errors") ? Integer.parseInt(args[2]) : 0;
        long t0 = System.nanoTime();
        PiiScrubber scrubber = PiiScrubbers.create(AgentDefaults.load().piiOptions());
        System.out.printf("scrubber built in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        List<PresidioDataset.Sample> all = PresidioDataset.load(file);
        for (PresidioDataset.Split split : PresidioDataset.Split.values()) {
            List<PresidioDataset.Sample> part = all.stream().filter(s -> s.in(split)).toList();
            List<String> errs = split == PresidioDataset.Split.TRAIN && errors > 0 ? new ArrayList<>() : null;
            long t = System.nanoTime();
            PiiEvaluation.Report r = PiiEvaluation.evaluate(scrubber, part, errs);
            long ms = (System.nanoTime() - t) / 1_000_000;
            System.out.println();
            System.out.print(r.table("Split " + split + " (template_id % " + PresidioDataset.HELD_OUT_MODULUS
                    + (split == PresidioDataset.Split.TEST ? " == 0" : split == PresidioDataset.Split.TRAIN ? " != 0" : ": all") + "), " + ms + " ms"));
            if (errs != null) {
                errs.stream().limit(errors).forEach(System.out::println);
            }
        }
        List<PresidioDataset.Sample> heldOut = all.stream().filter(s -> s.in(PresidioDataset.Split.TEST)).toList();
        for (PresidioDataset.Typing typing : PresidioDataset.Typing.values()) {
            List<PresidioDataset.Sample> retyped = PresidioDataset.retyped(heldOut, typing);
            System.out.println();
            System.out.print(PiiEvaluation.evaluate(scrubber, retyped, null).table("Split TEST retyped " + typing));
        }
    }
}
