package ai.callcenter.tools.bench;

import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.language.LanguageBenchCommand;
import ai.callcenter.tools.pii.PiiBenchCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The measurements behind docs/benchmarks.md that run inside one JVM (the HTTP and routing figures
 * come from the scripts in bench/). Each prints a human-readable table on stdout.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, usageHelpWidth = 120,
        description = "In-process benchmarks: language ID on xSID, PII on presidio, encoder speed, heads, tfidf latency," +
                " the agent's own steps.",
        footer = {"", "Example:", "  callcenter bench language --split test"})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine(Console console) {
        return new CommandLine(new BenchCommand())
                .addSubcommand(new LanguageBenchCommand(console))
                .addSubcommand(new PiiBenchCommand(console))
                .addSubcommand(new EncoderSpeedCommand(console))
                .addSubcommand(new HeadBenchCommand(console))
                .addSubcommand(new TfidfLatencyCommand(console))
                .addSubcommand(new AgentStepsCommand(console));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
