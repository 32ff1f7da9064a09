package ai.callcenter.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ai.callcenter.tools.io.Console;
import ai.callcenter.tools.training.ModelTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command documents itself: {@code --help} lists the commands, and each one's options and an example. */
class CallcenterCliTest {

    static CommandRun run(String... args) {
        return CommandRun.of(new ModelTypes(Map.of()), args);
    }

    /** Every command path, e.g. {@code [train]} and {@code [bench, language]}. */
    static List<List<String>> commandPaths(CommandLine command, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        command.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            paths.addAll(commandPaths(sub, path));
        });
        return paths;
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        CommandRun help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).contains("train", "evaluate", "fit-router", "evaluate-router", "promote", "split-data", "scrub-data",
                "pii-models", "http-load", "bench");
    }

    @Test
    void everyCommandHasHelpWithItsOptionsAndAnExample() {
        List<List<String>> paths = commandPaths(CallcenterCli.commandLine(Console.system(), new ModelTypes(Map.of())), List.of());
        assertThat(paths).hasSizeGreaterThanOrEqualTo(13);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CommandRun help = run(args.toArray(String[]::new));
            assertThat(help.exit()).as(String.join(" ", args)).isZero();
            assertThat(help.stdout()).as(String.join(" ", args)).contains("Usage: callcenter " + String.join(" ", path))
                    .contains("Example");
        }
    }

    @Test
    void withoutACommandTheUsageGoesToStderrAsAUsageError() {
        CommandRun bare = run();
        assertThat(bare.exit()).isEqualTo(2);
        assertThat(bare.stdout()).isEmpty();
        assertThat(bare.stderr()).contains("Usage: callcenter");
    }

    /** bin/callcenter passes every tools command on and lists it in its own help. */
    @Test
    void binCallcenterKnowsEveryCommand() throws Exception {
        String script = Files.readString(Path.of("..", "bin", "callcenter"));
        String passedOn = script.lines().filter(l -> l.startsWith("TOOL_COMMANDS=")).findFirst().orElseThrow();
        for (String command : CallcenterCli.commandLine(Console.system(), new ModelTypes(Map.of())).getSubcommands().keySet()) {
            assertThat(passedOn).as("TOOL_COMMANDS").containsPattern("[\" ]" + command + "[\" ]");
            assertThat(script).as("the help comment").contains("#   callcenter " + command + " ");
        }
    }
}
