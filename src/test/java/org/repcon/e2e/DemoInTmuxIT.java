package org.repcon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the README's first command does, as a user sees it: {@code ./repcon demo} in a 120x40
 * tmux pane, a fault injected from outside with {@code repcon lab fault}, then {@code q}. Runs
 * after 'package' (failsafe), so the launcher finds the jar built. Its own XDG_STATE_HOME keeps
 * the lab, log and history out of the user's.
 */
class DemoInTmuxIT {

    private static final String SESSION = "repcon-demo-it";

    @RegisterExtension
    final TmuxPane pane = TmuxPane.forDemo(SESSION);

    /** Until 'q': a demo that ended by itself fails the wait at once instead of at its time limit. */
    private boolean demoRunning = true;

    @Test
    void demoShowsTheLabAFaultWithinThreeSecondsAndQuitsCleanly() throws Exception {
        pane.start();
        pane.sendKeys("cd " + Path.of("").toAbsolutePath() + " && ./repcon demo; echo DEMO-EXIT=$?", "Enter");
        String screen = awaitScreen(s -> s.contains("2/2 replicas") && s.contains("replica2"), Duration.ofSeconds(60));
        assertThat(screen).contains("repcon: lab", "tunnel bayes", "client :6478");

        assertThat(pane.repcon(Duration.ofSeconds(30), "lab", "fault", "sample-topologies/lab.yaml", "stop-tunnel", "replica1"))
                .contains("stopped replica1 stunnel");
        long injected = System.nanoTime();
        screen = awaitScreen(s -> s.contains("local-tunnel-down"), Duration.ofSeconds(10));
        long seenMillis = (System.nanoTime() - injected) / 1_000_000;
        assertThat(seenMillis).as("fault on screen after %d ms", seenMillis).isLessThanOrEqualTo(3000);
        assertThat(screen).contains("replica1/tunnel/bayes", "refused");

        pane.sendKeys("q");
        demoRunning = false;
        // Not the echo of the typed command line: the line the shell prints after the demo ends.
        screen = awaitScreen(s -> s.matches("(?s).*\\nDEMO-EXIT=\\d.*"), Duration.ofSeconds(30));
        assertThat(screen).contains("DEMO-EXIT=0", "stopped the lab");
        // The terminal is back in cooked mode with echo: stty says so, and what we type shows.
        pane.sendKeys("stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo; echo STTY-DONE", "Enter");
        screen = awaitScreen(s -> s.matches("(?s).*\\nSTTY-DONE.*"), Duration.ofSeconds(10));
        assertThat(screen).contains("icanon echo");

        assertThat(pane.livePidFiles()).as("lab processes still running").isEmpty();
    }

    private String awaitScreen(Predicate<String> condition, Duration limit) throws Exception {
        return pane.await(condition, s -> demoRunning && s.matches("(?s).*\\nDEMO-EXIT=\\d.*"), limit);
    }
}
