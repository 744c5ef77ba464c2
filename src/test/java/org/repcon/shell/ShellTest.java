package org.repcon.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.command.LineHistory;
import org.repcon.command.Words;
import org.repcon.diagnosis.Thresholds;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.TestTopologies;
import org.repcon.testing.TwoMasters;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;

/** The shell's line editing as JLine does it on a terminal: Tab completion from the topology, history kept between sessions. */
class ShellTest {

    @TempDir
    Path dir;

    /** Up arrow as an xterm sends it (keypad mode), Ctrl-R. */
    private static final String UP = "\u001bOA";
    private static final String CTRL_R = "\u0012";

    @Test
    void tabCompletesVerbsTargetsAndOnlyTheMastersAReplicaMayFollow() throws Exception {
        Topology lab = TestTopologies.load("lab.yaml");
        assertThat(lines(lab, "rep\t\n", "repoint replica1/bayes to \t\n", "resync replica2/b\t\n", "explain local-t\t\n",
                "logs replica1/tunnel/f\t\n", "stop master/tunnel/\t\n"))
                .containsExactly("repoint ", "repoint replica1/bayes to master/bayes ", "resync replica2/bayes ",
                        "explain local-tunnel-down ", "logs replica1/tunnel/fuzzy ", "stop master/tunnel/");
        Topology two = TwoMasters.topology(39, dir);
        assertThat(lines(two, "repoint replica1/bayes to master2\t\n", "repoint replica1/fuzzy to \t\n",
                "repoint replica1/bayes to master2/bayes \t\n"))
                .containsExactly("repoint replica1/bayes to master2/bayes ", "repoint replica1/fuzzy to master/fuzzy ",
                        "repoint replica1/bayes to master2/bayes --force ");
    }

    @Test
    void historyIsWrittenAndReadBackByTheNextSessionWithUpAndCtrlR() throws Exception {
        Topology lab = TestTopologies.load("lab.yaml");
        Path history = dir.resolve("state/history");
        assertThat(lines(lab, history, "status\n", "explain lagging\n", "logs replica1/bayes -n 5\n")).hasSize(3);
        assertThat(Files.readString(history)).contains("status", "explain lagging", "logs replica1/bayes -n 5");

        // A new session: Up recalls the last line, Up Up the one before, Ctrl-R finds one by a part of it.
        assertThat(lines(lab, history, UP + "\n", UP + UP + "\n", CTRL_R + "lagg\n"))
                .containsExactly("logs replica1/bayes -n 5", "explain lagging", "explain lagging");
    }

    @Test
    void aLineTypedOnTheConsolesLineIsRecalledByTheShell() throws Exception {
        Topology lab = TestTopologies.load("lab.yaml");
        Path history = dir.resolve("state/history");
        Files.createDirectories(history.getParent());
        History console = LineHistory.detached(history); // as the console keeps it
        console.add("resync replica1/bayes");
        assertThat(lines(lab, history, UP + "\n")).containsExactly("resync replica1/bayes");
    }

    @Test
    void theConsolesOwnVerbsAreRefusedInOneLine() throws Exception {
        Topology lab = TestTopologies.load("lab.yaml");
        try (Transports transports = new Transports(lab);
             Monitor monitor = new Monitor(lab, transports, ProbeOptions.defaults(), Thresholds.defaults())) {
            Shell shell = new Shell(lab, monitor, new ActionContext(lab, transports, Optional.empty(), Limits.defaults()),
                    true, new Audit(dir.resolve("audit.log")), dir.resolve("history"));
            for (String line : List.of("filter replica2", "setup replica1", "theme dark", "refresh 2", "refresh x")) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = shell.execute(Words.split(line), null, new PrintWriter(out), new PrintWriter(err), null);
                assertThat(code).as(line).isEqualTo(ExitCodes.INVALID);
                assertThat(err.toString()).isEqualTo("repcon: " + line.split(" ")[0]
                        + ": only in the full-screen console (repcon console)\n");
                assertThat(out.toString()).isEmpty();
            }
            StringWriter help = new StringWriter();
            assertThat(shell.execute(List.of("help", "filter"), null, new PrintWriter(help), new PrintWriter(help), null))
                    .isEqualTo(ExitCodes.OK);
            assertThat(help.toString()).contains("usage: filter [TEXT]", "Runs only in the full-screen console");
        }
    }

    private List<String> lines(Topology topology, String... input) throws IOException {
        return lines(topology, dir.resolve("history-" + System.nanoTime()), input);
    }

    /** Types {@code input} into a shell's reader on an xterm over pipes; returns the lines it accepted. */
    private List<String> lines(Topology topology, Path history, String... input) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(String.join("", input).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> accepted = new ArrayList<>();
        try (Transports transports = new Transports(topology);
             Monitor monitor = new Monitor(topology, transports, ProbeOptions.defaults(), Thresholds.defaults());
             Terminal terminal = new ExternalTerminal("test", "xterm", in, out, StandardCharsets.UTF_8)) {
            Shell shell = new Shell(topology, monitor, new ActionContext(topology, transports, Optional.empty(), Limits.defaults()),
                    true, new Audit(dir.resolve("audit.log")), history);
            LineReader reader = shell.reader(terminal);
            for (int n = 0; n < input.length; n++) accepted.add(reader.readLine("> "));
            reader.getHistory().save();
        }
        return accepted;
    }
}
