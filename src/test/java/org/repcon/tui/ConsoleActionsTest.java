package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.diagnosis.Thresholds;
import org.repcon.lab.Lab;
import org.repcon.lab.LabFaults;
import org.repcon.monitor.Monitor;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.LabClassTest;
import org.repcon.transport.Transports;

/**
 * The ':' line of the live console over a real lab, on a virtual terminal: completion from the
 * topology, history kept in its file across consoles, and an action that asks on the bottom line
 * and runs through the one runner.
 */
class ConsoleActionsTest extends LabClassTest {

    ConsoleActionsTest() {
        super(26);
    }

    /** A console on the lab; the caller closes the driver, then the returned resources. */
    private record Session(ScreenDriver driver, LiveSource source, ConsoleCommands commands) implements AutoCloseable {
        @Override
        public void close() {
            try {
                driver.close();
            } finally {
                commands.close();
                source.close();
            }
        }
    }

    private Session console(boolean readOnly) {
        Monitor monitor = new Monitor(lab.topology(), new Transports(lab.topology()), ProbeOptions.defaults(), Thresholds.defaults());
        LiveSource source = new LiveSource(monitor);
        ActionContext ctx = new ActionContext(lab.topology(), monitor.transports(), Lab.directProcesses(lab.topology()),
                Limits.defaults());
        ConsoleCommands commands = new ConsoleCommands(lab.topology(), ctx, readOnly, new Audit(dir.resolve("audit.log")),
                dir.resolve("history"), () -> java.util.List.of("dark", "light", "mono"));
        ScreenDriver driver = ScreenDriver.start(source, 120, 40, o -> o.withCommands(commands).withReadOnly(readOnly));
        driver.awaitText("2/2 replicas");
        return new Session(driver, source, commands);
    }

    @Test
    void tabCompletesVerbsAndTargetsFromTheTopology() {
        try (Session s = console(false)) {
            s.driver().press(":").type("resy").press("Tab").awaitText(":resync ");
            s.driver().type("replica2/fu").press("Tab").awaitText(":resync replica2/fuzzy");
            s.driver().press("Ctrl-U").type("repoint replica1/bayes to ").press("Tab")
                    .awaitText(":repoint replica1/bayes to master/bayes");
            s.driver().press("Esc");
        }
    }

    @Test
    void historyIsKeptInItsFileAndRecalledWithUp() throws Exception {
        try (Session s = console(false)) {
            s.driver().press(":").type("explain local-tunnel-down").press("Enter").awaitText("stunnel is not");
            s.driver().press("Esc");
        }
        assertThat(Files.readString(dir.resolve("history"))).contains("explain local-tunnel-down");
        try (Session s = console(false)) {
            s.driver().press(":", "Up").awaitText(":explain local-tunnel-down");
            s.driver().press("Esc");
        }
    }

    @Test
    void startAsksOnTheBottomLineAndBringsAKilledInstanceBack() throws Exception {
        LabFaults.inject(lab, LabFaults.Fault.KILL, "replica1/fuzzy");
        try (Session s = console(false)) {
            s.driver().await("the killed instance shown", d -> d.text().contains("refused"));
            s.driver().press(":").type("start replica1/fuzzy").press("Enter");
            s.driver().awaitText("will run:").awaitText("[y/n]");
            s.driver().press("Enter").awaitText("please answer y or n"); // Enter alone is no answer
            s.driver().type("y").press("Enter").awaitText("done:");
            s.commands().awaitIdle(Duration.ofSeconds(10));
        }
        assertThat(lab.pid(lab.process("replica1", "fuzzy").orElseThrow())).isPresent();
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"command\":\"start replica1/fuzzy\"", "\"outcome\":\"done\"");
    }

    @Test
    void aDestructiveActionAsksForTheNameOnTheSameBottomLine() throws Exception {
        try (Session s = console(false)) {
            s.driver().press(":").type("resync replica2/fuzzy --full").press("Enter");
            s.driver().awaitText("will run:").awaitText("type replica2/fuzzy to go on");
            s.driver().press("Enter").awaitText("type replica2/fuzzy exactly, or anything else to stop."); // no answer
            s.driver().type("replica2/fuzzy").press("Enter").awaitText("done:");
            s.commands().awaitIdle(Duration.ofSeconds(30));
        }
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("\"command\":\"resync replica2/fuzzy --full\"");
    }

    @Test
    void logsFollowTheFileUntilTheBoxClosesAndPauseHoldsNewLines() throws Exception {
        var host = lab.topology().host("replica2").orElseThrow();
        var fuzzy = host.instance("fuzzy").orElseThrow();
        String log = host.instancePath(fuzzy, org.repcon.topology.Convention.LOGFILE);
        try (Session s = console(false)) {
            s.driver().press(":").type("logs replica2/fuzzy -n 3").press("Enter").awaitText("(following; Space pauses)");
            // tail may open the file a moment after it started: what is written before would not be followed.
            s.driver().await("tail has " + log + " open", d -> followers(log).stream().anyMatch(p -> hasOpen(p, log)));
            Files.writeString(Path.of(log), "1:S 01 Jan 2030 00:00:00.000 # Connection with master lost. (a test line)\n",
                    java.nio.file.StandardOpenOption.APPEND);
            s.driver().awaitText("(a test line)");
            s.driver().press("Space").awaitText("(paused, 0 new");
            Files.writeString(Path.of(log), "a line written while paused\n", java.nio.file.StandardOpenOption.APPEND);
            s.driver().awaitText("(paused, 1 new");
            assertThat(s.driver().text()).doesNotContain("a line written while paused");
            s.driver().press("Space").awaitText("a line written while paused");
            assertThat(followers(log)).isNotEmpty();
            s.driver().press("Esc").awaitNoText("(following");
            s.driver().await("the follow stopped", d -> followers(log).isEmpty());
        }
    }

    /** Whether {@code process} holds {@code path} open (a descriptor of it in /proc). */
    private static boolean hasOpen(ProcessHandle process, String path) {
        try (var fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.isSameFile(fd, Path.of(path));
                } catch (java.io.IOException e) {
                    return false; // closed meanwhile, or not a file
                }
            });
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The tail processes this JVM runs on the file. */
    private static java.util.List<ProcessHandle> followers(String path) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(path)).toList();
    }

    @Test
    void readOnlyRefusesWithoutAsking() throws Exception {
        try (Session s = console(true)) {
            s.driver().press(":").type("stop replica2/bayes").press("Enter").awaitText("refused");
            s.commands().awaitIdle(Duration.ofSeconds(10));
            assertThat(s.driver().text()).doesNotContain("[y/n]");
        }
        assertThat(lab.pid(lab.process("replica2", "bayes").orElseThrow())).isPresent();
    }
}
