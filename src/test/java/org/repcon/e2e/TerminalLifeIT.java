package org.repcon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcon.testing.Await;
import org.repcon.util.Pids;

/**
 * The terminal's life around the console, as a user's shell sees it: a signal ends the demo with the shell's prompt
 * on a clean screen (no frame drawn after it, cursor shown, main screen) and the lab stopped; a terminal the console
 * cannot drive gets one line and exit 2 before anything starts. Runs after 'package' (failsafe).
 */
class TerminalLifeIT {

    private static final String SESSION = "repcon-termlife-it";
    /** What exit on a signal looks like to the shell: 128 + the signal's number. */
    private static final String EXIT_LINE = "(?s).*\\nDEMO-EXIT=\\d+\\n.*";

    @RegisterExtension
    final TmuxPane pane = TmuxPane.forDemo(SESSION);

    /** The demo in a shell whose prompt is "PROMPT$ ", {@code after} run when it ends; until the lab shows. */
    private void startDemo(String after, java.util.function.Predicate<String> failFast) throws Exception {
        pane.start("PS1=PROMPT$ ");
        pane.sendKeys("cd " + Path.of("").toAbsolutePath() + " && clear && ./repcon demo" + after, "Enter");
        pane.await(s -> s.contains("2/2 replicas") && s.contains("replica2"), failFast, Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "HUP", "INT"})
    void aSignalEndsTheDemoWithTheTerminalRestoredThenTheLabStopped(String signal) throws Exception {
        startDemo("; echo DEMO-EXIT=$?", s -> s.matches(EXIT_LINE));
        assertThat(pane.display("#{alternate_on}")).isEqualTo("1");

        long repcon = pane.repconPid();
        assertThat(Pids.signal(repcon, signal)).isTrue();
        pane.await(s -> s.matches(EXIT_LINE + "PROMPT\\$.*"), s -> false, Duration.ofSeconds(30));
        // A frame drawn after the alternate screen was left would land here: once the console's process is gone and a
        // line echoed after it shows (the pane keeps the order of its output), no late frame can still come.
        Await.until("the console's process " + repcon + " gone", Duration.ofSeconds(10), () -> !Pids.isRunning(repcon));
        pane.sendKeys("echo SETTLED", "Enter");
        String screen = pane.await(s -> s.matches("(?s).*\\nSETTLED\\n.*"), s -> false, Duration.ofSeconds(10)).stripTrailing();
        assertThat(screen).as("the main screen after the demo").doesNotContain("│", "┌", "replicas", "Hosts")
                .endsWith("PROMPT$")
                .contains("repcon: stopped the lab");
        assertThat(screen.indexOf("stopped the lab")).as("the lab stops after the console").isLessThan(screen.indexOf("DEMO-EXIT="));
        assertThat(pane.display("#{alternate_on} #{cursor_flag}")).as("main screen, cursor shown").isEqualTo("0 1");
        assertThat(pane.livePidFiles()).as("lab processes still running").isEmpty();
    }

    @Test
    void ctrlZGivesTheTerminalBackAndFgTakesItAgainWithAFullRepaint() throws Exception {
        startDemo("", s -> false);

        pane.sendKeys("C-z");
        String screen = pane.await(s -> s.contains("Stopped") && s.stripTrailing().endsWith("PROMPT$"), s -> false,
                Duration.ofSeconds(10));
        assertThat(screen).doesNotContain("│", "replicas");
        assertThat(pane.display("#{alternate_on} #{cursor_flag}")).as("main screen, cursor shown").isEqualTo("0 1");

        pane.sendKeys("fg", "Enter");
        pane.await(s -> s.contains("2/2 replicas") && s.contains("replica2") && !s.contains("Stopped"), s -> false,
                Duration.ofSeconds(10));
        // Raw mode again: one key, no Enter, opens the help.
        pane.sendKeys("?");
        pane.await(s -> s.contains("Keys") && s.contains("This help"), s -> false, Duration.ofSeconds(10));
        pane.sendKeys("Escape");
        pane.sendKeys("q");
        screen = pane.await(s -> s.contains("stopped the lab") && s.stripTrailing().endsWith("PROMPT$"), s -> false,
                Duration.ofSeconds(30));
        assertThat(pane.display("#{alternate_on} #{cursor_flag}")).isEqualTo("0 1");
        assertThat(pane.livePidFiles()).as("lab processes still running").isEmpty();
    }

    @Test
    void theThreadDumpOfSigquitGoesToTheJvmLogNotTheScreen() throws Exception {
        startDemo("", s -> false);
        Path jvmLog = pane.state().resolve("repcon/jvm.log");

        assertThat(Pids.signal(pane.repconPid(), "QUIT")).isTrue();
        Await.until("the thread dump in " + jvmLog, Duration.ofSeconds(10),
                () -> Files.exists(jvmLog) && read(jvmLog).contains("Full thread dump"));
        String screen = pane.capture();
        assertThat(screen).doesNotContain("thread dump", "java.lang.Thread.State").contains("2/2 replicas");
        pane.sendKeys("q");
        pane.await(s -> s.contains("stopped the lab") && s.stripTrailing().endsWith("PROMPT$"), s -> false,
                Duration.ofSeconds(30));
    }

    @Test
    void aDumbTerminalGetsOneLineAndExit2AndNoLab() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", "target/repcon.jar", "demo").redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        pb.environment().put("XDG_STATE_HOME", pane.state().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).isEqualTo("repcon: TERM=dumb cannot show the full-screen console;"
                + " use 'repcon status --watch' for a plain-text view\n");
        assertThat(Files.exists(pane.state().resolve("repcon/lab/lab"))).as("no lab started").isFalse();
        assertThat(pane.livePidFiles()).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
