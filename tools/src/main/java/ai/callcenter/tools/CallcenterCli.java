package ai.callcenter.tools;

import ai.callcenter.agent.downstream.DownstreamException;
import ai.callcenter.ml.dataset.DatasetException;
import ai.callcenter.ml.model.ModelLoadException;
import ai.callcenter.mlflow.MlflowException;
import ai.callcenter.serving.artifact.MissingArtifactException;
import ai.callcenter.tools.bench.BenchCommand;
import ai.callcenter.tools.data.ScrubDataCommand;
import ai.callcenter.tools.data.OosSplitCommand;
import ai.callcenter.tools.data.SplitDataCommand;
import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.load.HttpLoadCommand;
import ai.callcenter.tools.pii.PiiModelsCommand;
import ai.callcenter.tools.promotion.PromoteCommand;
import ai.callcenter.tools.routing.EvaluateRouterCommand;
import ai.callcenter.tools.routing.FitRouterCommand;
import ai.callcenter.tools.training.EvaluateCommand;
import ai.callcenter.tools.training.ModelTypes;
import ai.callcenter.tools.training.TrainCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.mlflow.tracking.MlflowClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code bin/callcenter}'s offline commands: everything that makes, measures or exercises the
 * artifacts the services serve. Exit codes: 0 done, 1 failed (bad data, unreachable service, ...),
 * 2 wrong usage.
 */
@Command(name = "callcenter", mixinStandardHelpOptions = true, usageHelpWidth = 120, version = "callcenter-ai tools 0.1.0",
        description = "Train, evaluate and route the ticket classifiers; prepare data and PII models; benchmark.",
        footer = {"", "Run 'callcenter COMMAND --help' for a command's options and an example.",
                "Services: 'bin/callcenter serve tfidf|transformer|agent' and 'bin/callcenter up' (see the README)."})
public final class CallcenterCli implements Callable<Integer> {

    public static final int EXIT_FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(Console.system(), ModelTypes.fromSettings(), args));
    }

    /** Runs one command line; the exit code is returned, never passed to {@code System.exit}. */
    public static int run(Console console, ModelTypes modelTypes, String... args) {
        // Never let DJL reach for a model hub or download native libraries: everything ships in jars.
        System.setProperty("ai.djl.offline", "true");
        // ONNX Runtime alone encodes; PyTorch is loaded only where the MLP head is trained.
        System.setProperty("ai.djl.onnx.disable_alternative", "true");
        return commandLine(console, modelTypes).execute(args);
    }

    static CommandLine commandLine(Console console, ModelTypes modelTypes) {
        CommandLine cli = new CommandLine(new CallcenterCli())
                .addSubcommand(new TrainCommand(console, modelTypes))
                .addSubcommand(new EvaluateCommand(console, modelTypes))
                .addSubcommand(new FitRouterCommand(console))
                .addSubcommand(new EvaluateRouterCommand(console))
                .addSubcommand(new PromoteCommand(console, modelTypes))
                .addSubcommand(new SplitDataCommand(console))
                .addSubcommand(new OosSplitCommand(console))
                .addSubcommand(new ScrubDataCommand(console))
                .addSubcommand(new PiiModelsCommand(console))
                .addSubcommand(new HttpLoadCommand(console))
                .addSubcommand(BenchCommand.commandLine(console));
        cli.setOut(new PrintWriter(console.out(), true));
        cli.setErr(new PrintWriter(console.err(), true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (isExpected(e)) {
                commandLine.getErr().println("error: " + e.getMessage());
                return EXIT_FAILED;
            }
            throw e;
        });
        return cli;
    }

    /** Failures a user can act on from the message alone; anything else is a bug and keeps its stack trace. */
    private static boolean isExpected(Exception e) {
        return e instanceof DatasetException || e instanceof ModelLoadException || e instanceof DownstreamException
                || e instanceof MissingArtifactException || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException || e instanceof IOException
                || e instanceof MlflowException || e instanceof MlflowClientException;
    }

    /** Without a command: the list of commands, on stderr, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }
}
