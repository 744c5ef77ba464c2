package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repcon.command.Verb;
import org.repcon.lab.LabProcess;
import org.repcon.testing.LabClassTest;
import org.repcon.testing.VerbExamples;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.tui.ScreenDriver;
import picocli.CommandLine;

/**
 * The global --read-only, typed before or after the subcommand, refuses every verb of the verb table that changes
 * something, in {@code shell -c}, in the console (whose header then says READ-ONLY) and in {@code setup --apply}, on a
 * live lab, with the answers given (--yes, --confirm) so that any gap would really change it: afterwards every daemon
 * runs with the pid it had and the files are as they were.
 */
class ReadOnlyEverywhereTest extends LabClassTest {

    ReadOnlyEverywhereTest() {
        super(171);
    }

    /** Every daemon of the lab and its pid: what must not change. */
    private Map<String, Optional<Long>> pids() {
        Map<String, Optional<Long>> pids = new LinkedHashMap<>();
        for (LabProcess p : lab.processes()) pids.put(p.toString(), lab.pid(p));
        assertThat(pids.values()).isNotEmpty().allMatch(Optional::isPresent);
        return pids;
    }

    @Test
    void shellRefusesEveryMutatingVerbWithTheFlagBeforeOrAfterTheSubcommand() {
        List<String> commands = VerbExamples.mutating(lab.topology());
        assertThat(commands).hasSizeGreaterThanOrEqualTo((int) java.util.Arrays.stream(Verb.values()).filter(Verb::mutates).count());
        Map<String, Optional<Long>> before = pids();
        for (String command : commands) {
            String verb = command.split(" ")[0];
            String subject = command.split(" ")[1];
            List<List<String>> ways = List.of(
                    List.of("--read-only", "shell", file.toString(), "-c", command, "--yes", "--confirm", subject),
                    List.of("shell", file.toString(), "--read-only", "-c", command, "--yes", "--confirm", subject),
                    List.of("shell", file.toString(), "-c", command, "--yes", "--confirm", subject, "--read-only"));
            for (List<String> args : ways) {
                CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
                assertThat(r.exitCode()).as("%s: %s", args, r.err()).isEqualTo(4);
                assertThat(r.err().strip()).as(String.join(" ", args))
                        .isEqualTo("repcon: refused: read-only mode: '" + verb + "' changes the deployment");
            }
        }
        assertThat(pids()).isEqualTo(before);
    }

    @Test
    void setupApplyIsRefusedWithTheFlagBeforeOrAfterAndNothingIsWritten() throws Exception {
        Host replica1 = lab.topology().host("replica1").orElseThrow();
        Path config = Path.of(replica1.path(Convention.INSTANCE_CONFIG, "bayes").orElseThrow());
        String touched = Files.readString(config) + "# a local change setup would undo\n";
        Files.writeString(config, touched);
        Map<String, Optional<Long>> before = pids();
        for (List<String> args : List.of(List.of("--read-only", "setup", file.toString(), "--apply", "--yes"),
                List.of("setup", file.toString(), "--apply", "--yes", "--read-only"))) {
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as("%s: %s", args, r.err()).isEqualTo(4);
            assertThat(r.err().strip()).isEqualTo("repcon: refused: read-only mode: setup changes the deployment");
            assertThat(r.out()).contains("replica1").contains("differs"); // the plan is still shown
        }
        assertThat(Files.readString(config)).isEqualTo(touched);
        try (var files = Files.list(config.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".bak-"));
        }
        assertThat(pids()).isEqualTo(before);
        Files.writeString(config, touched.replace("# a local change setup would undo\n", ""));
    }

    @Test
    void theConsoleShowsTheBadgeAndRefusesActionsAndSetupWithTheFlagInEitherPosition() {
        Map<String, Optional<Long>> before = pids();
        List<List<String>> ways = List.of(List.of("--read-only", "console", file.toString()),
                List.of("console", file.toString(), "--read-only"), List.of("--read-only", file.toString()),
                List.of(file.toString(), "--read-only"));
        for (List<String> args : ways) {
            try (ScreenDriver d = ScreenDriver.run(140, 40, terminal -> console(args, terminal))) {
                d.awaitText("2/2 replicas").awaitText("READ-ONLY");
                d.press(":").type("stop replica2/fuzzy").press("Enter")
                        .awaitText("read-only mode: 'stop' changes the deployment");
                d.press("Esc");
                d.press(":").type("setup replica1").press("Enter");
                patiently(d, "replica1's setup plan", x -> x.text().matches("(?s).*Setup replica1 .*: \\d+ steps.*"));
                d.press("A").awaitText("read-only mode: setup changes the deployment");
                d.press("Esc");
            }
        }
        // Without the flag there is no badge: the check above is not of a header that always says it.
        try (ScreenDriver d = ScreenDriver.run(140, 40, terminal -> console(List.of("console", file.toString()), terminal))) {
            d.awaitText("2/2 replicas");
            assertThat(d.text()).doesNotContain("READ-ONLY");
        }
        assertThat(pids()).isEqualTo(before);
    }

    /** Detecting every step of a host takes seconds (replication is verified): more patience than a key press needs. */
    private static void patiently(ScreenDriver d, String what, java.util.function.Predicate<ScreenDriver> check) {
        for (int n = 0; ; n++) {
            try {
                d.await(what, check);
                return;
            } catch (AssertionError slow) {
                if (n == 5) throw slow;
            }
        }
    }

    /** {@code repcon ARGS} as the launcher runs it, with the console on the test's virtual terminal. */
    private static java.util.function.IntSupplier console(List<String> args, com.googlecode.lanterna.terminal.Terminal terminal) {
        CommandLine cl = Main.commandLine();
        List<ConsoleCommand.ConsoleFlags> flags = new ArrayList<>();
        flags.add(((Main) cl.getCommand()).consoleFlags);
        flags.add(((ConsoleCommand) cl.getSubcommands().get("console").getCommand()).flags);
        for (ConsoleCommand.ConsoleFlags f : flags) {
            f.adjust = o -> o.withTerminal(terminal).withEnv(ScreenDriver.TRUECOLOR_UTF8)
                    .withUserThemes(Path.of("target", "no-user-themes"));
        }
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return () -> {
            int exit = cl.execute(args.toArray(String[]::new));
            if (exit != 0) System.err.println("repcon " + args + ": exit " + exit + ": " + err);
            return exit;
        };
    }
}
