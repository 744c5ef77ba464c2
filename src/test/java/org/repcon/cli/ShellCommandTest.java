package org.repcon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.diagnosis.Thresholds;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.shell.Shell;
import org.repcon.testing.LabClassTest;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.transport.Transports;

/** {@code repcon shell FILE -c COMMAND} as a script runs it, and the prompt's confirmations, against a real lab. */
class ShellCommandTest extends LabClassTest {

    ShellCommandTest() {
        super(34);
    }

    private CliRunner.Result shell(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "shell";
        all[1] = file.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRunner.run(all);
    }

    @Test
    void statusPrintsTheSameTableAsRepconStatus() {
        CliRunner.Result viaShell = shell("-c", "status");
        CliRunner.Result status = CliRunner.run("status", file.toString());
        assertThat(viaShell.exitCode()).isZero();
        assertThat(normalized(viaShell.out())).isEqualTo(normalized(status.out()));
        assertThat(viaShell.out()).contains("replica1  (127.0.34.3", "tunnel bayes");

        CliRunner.Result one = shell("-c", "status replica2/bayes");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).contains("replica2  (").doesNotContain("replica1  (", "fuzzy");
    }

    @Test
    void exitCodesSayWhatBecameOfTheCommand() throws Exception {
        Path audit = Audit.standard().file();
        int auditBefore = Files.exists(audit) ? Files.readAllLines(audit).size() : 0;

        CliRunner.Result invalid = shell("-c", "strat replica1/redis");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).isEqualTo("repcon: unknown command 'strat' (did you mean 'start'?); 'help' lists the commands\n");

        CliRunner.Result unconfirmed = shell("-c", "stop replica1/redis");
        assertThat(unconfirmed.exitCode()).isEqualTo(4);
        assertThat(unconfirmed.out()).contains("stop replica1/redis\nwill run:\n  replica1$ kill -CONT ");
        assertThat(unconfirmed.firstErrLine()).isEqualTo("repcon: refused: it needs confirming and there is no terminal:"
                + " add --yes to run it from a script");

        CliRunner.Result readOnly = shell("--read-only", "--yes", "-c", "stop replica1/redis");
        assertThat(readOnly.exitCode()).isEqualTo(4);
        assertThat(readOnly.firstErrLine()).isEqualTo("repcon: refused: read-only mode: 'stop' changes the deployment");
        assertThat(running("replica1/redis")).isTrue();

        CliRunner.Result stop = shell("--yes", "-c", "stop replica1/redis");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("replica1/redis no longer answers (connection refused) after");
        assertThat(running("replica1/redis")).isFalse();
        CliRunner.Result start = shell("--yes", "-c", "start replica1/redis");
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(running("replica1/redis")).isTrue();

        CliRunner.Result yesIsNotAName = shell("--yes", "-c", "promote replica1/fuzzy");
        assertThat(yesIsNotAName.exitCode()).isEqualTo(4);
        assertThat(yesIsNotAName.firstErrLine()).isEqualTo("repcon: refused: this destroys data and there is no terminal to type"
                + " the name: add --confirm replica1/fuzzy to run it from a script");
        CliRunner.Result otherName = shell("--confirm", "replica2/fuzzy", "-c", "promote replica1/fuzzy");
        assertThat(otherName.exitCode()).isEqualTo(3);
        assertThat(otherName.firstErrLine()).isEqualTo("repcon: declined: typed 'replica2/fuzzy', not 'replica1/fuzzy': nothing done");
        assertThat(lab.infoField(instance("replica1/fuzzy"), "replication", "role")).isEqualTo("slave");

        CliRunner.Result failedPrecondition = shell("--yes", "-c", "start replica1/redis");
        assertThat(failedPrecondition.exitCode()).isEqualTo(4);
        assertThat(failedPrecondition.firstErrLine()).isEqualTo("repcon: refused: replica1/redis already runs: replica1/redis answers PING");

        List<String> lines = Files.readAllLines(audit);
        assertThat(lines.subList(auditBefore, lines.size())).extracting(l -> JsonParser.parseString(l).getAsJsonObject()
                .get("outcome").getAsString())
                // Audit first: a change's 'started' record is written before its first command.
                .containsExactly("refused", "refused", "started", "done", "started", "done", "refused", "declined", "refused");

        assertThat(shell("-c", "theme dark").exitCode()).isEqualTo(2);
        assertThat(shell("--yes", "status").exitCode()).isEqualTo(2);
        assertThat(shell("-c", "logs replica1/bayes 'unclosed").exitCode()).isEqualTo(2);
    }

    @Test
    void readingCommandsPrintTheirLinesOnly() {
        CliRunner.Result explain = shell("-c", "explain local-tunnel-down");
        assertThat(explain.exitCode()).isZero();
        assertThat(explain.out()).startsWith("local-tunnel-down: The replica's local stunnel end refuses connections")
                .contains("\nwhat to do: start HOST/tunnel/NAME\n");

        CliRunner.Result logs = shell("-c", "logs replica1/bayes -n 3");
        assertThat(logs.exitCode()).isZero();
        assertThat(logs.out().lines()).hasSize(3);
        // Quoting as in a shell: one word with spaces.
        CliRunner.Result grep = shell("-c", "logs replica1/bayes --grep 'MASTER <-> REPLICA sync: Finished'");
        assertThat(grep.exitCode()).isZero();
        assertThat(grep.out().lines()).isNotEmpty().allMatch(l -> l.contains("MASTER <-> REPLICA sync: Finished with success"));
        CliRunner.Result tunnel = shell("-c", "logs master/tunnel/bayes -n 5");
        assertThat(tunnel.exitCode()).isZero();
        assertThat(tunnel.out().lines()).hasSize(5);

        CliRunner.Result help = shell("-c", "help");
        assertThat(help.out()).contains("repoint HOST/INSTANCE to HOST/INSTANCE [--force]", "* changes the deployment");
    }

    @Test
    void thePromptAsksAgainUntilYOrNAndEnterAloneAnswersNothing() throws Exception {
        String typed = "stop replica2/redis\n\nmaybe\nn\nquit\n";
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Transports transports = new Transports(lab.topology());
             Monitor monitor = new Monitor(lab.topology(), transports, ProbeOptions.defaults(), Thresholds.defaults());
             Terminal terminal = new ExternalTerminal("test", "xterm",
                     new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            Shell shell = new Shell(lab.topology(), monitor, new ActionContext(lab.topology(), transports, Optional.of(lab),
                    Limits.defaults()), false, new Audit(dir.resolve("audit.log")), dir.resolve("history"));
            assertThat(shell.repl(terminal)).isZero();
        }
        String shown = screen.toString(StandardCharsets.UTF_8);
        assertThat(shown).contains("stop replica2/redis? [y/n]", "please answer y or n", "repcon: declined: declined: nothing done");
        assertThat(shown.split("please answer y or n", -1)).hasSize(3);
        assertThat(running("replica2/redis")).isTrue();
        assertThat(Files.readString(dir.resolve("history"))).contains("stop replica2/redis").doesNotContain("maybe");
    }

    private boolean running(String ref) {
        Instance i = instance(ref);
        return lab.pid(lab.process(i.host(), i.name()).orElseThrow()).isPresent();
    }

    private Instance instance(String ref) {
        return lab.topology().instance(InstanceRef.parse(ref).orElseThrow()).orElseThrow();
    }

    /** The table without what changes between two probes: numbers, and the padding that depends on their width. */
    /** The table's shape: numbers as #, and memory as #B whatever its unit (a replica near 1 MB crosses K and M). */
    private static String normalized(String table) {
        return table.lines().skip(1).map(l -> l.replaceAll("\\d+(\\.\\d+)?[KMG]?/", "#B/").replaceAll("\\d+", "#")
                .replaceAll("\\s+", " ").strip()).reduce("", (a, b) -> a + b + "\n");
    }
}
