package org.repcon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Tools;
import org.repcon.util.Pids;

/**
 * What the README's first command does, as a user sees it: {@code ./repcon demo} in a 120x40
 * tmux pane, a fault injected from outside with {@code repcon lab fault}, then {@code q}. Runs
 * after 'package' (failsafe), so the launcher finds the jar built. Its own XDG_STATE_HOME keeps
 * the lab, log and history out of the user's.
 */
class DemoInTmuxIT {

    private static final String SESSION = "repcon-demo-it";

    @TempDir
    Path state;

    /** Until 'q': a demo that ended by itself fails the wait at once instead of at its time limit. */
    private boolean demoRunning = true;

    @BeforeEach
    void tools() throws Exception {
        Tools.require("tmux", "tmux");
        Tools.redisServer();
        Tools.stunnel();
        tmux("kill-session", "-t", SESSION); // a leftover from an interrupted run
    }

    @AfterEach
    void cleanUp() throws Exception {
        tmux("kill-session", "-t", SESSION);
        // Whatever happened above, nothing of the lab may survive the test.
        repcon(Duration.ofSeconds(60), "lab", "down", "sample-topologies/lab.yaml");
    }

    @Test
    void demoShowsTheLabAFaultWithinThreeSecondsAndQuitsCleanly() throws Exception {
        tmux("new-session", "-d", "-s", SESSION, "-x", "120", "-y", "40", "env", "XDG_STATE_HOME=" + state, "TERM=tmux-256color",
                "bash", "--norc", "--noprofile");
        tmux("send-keys", "-t", SESSION, "cd " + Path.of("").toAbsolutePath() + " && ./repcon demo; echo DEMO-EXIT=$?", "Enter");
        String screen = awaitScreen(s -> s.contains("2/2 replicas") && s.contains("replica2"), Duration.ofSeconds(60));
        assertThat(screen).contains("repcon: lab", "tunnel bayes", "client :6478");

        assertThat(repcon(Duration.ofSeconds(30), "lab", "fault", "sample-topologies/lab.yaml", "stop-tunnel", "replica1"))
                .contains("stopped replica1 stunnel");
        long injected = System.nanoTime();
        screen = awaitScreen(s -> s.contains("local-tunnel-down"), Duration.ofSeconds(10));
        long seenMillis = (System.nanoTime() - injected) / 1_000_000;
        assertThat(seenMillis).as("fault on screen after %d ms", seenMillis).isLessThanOrEqualTo(3000);
        assertThat(screen).contains("replica1/tunnel/bayes", "refused");

        tmux("send-keys", "-t", SESSION, "q");
        demoRunning = false;
        // Not the echo of the typed command line: the line the shell prints after the demo ends.
        screen = awaitScreen(s -> s.matches("(?s).*\\nDEMO-EXIT=\\d.*"), Duration.ofSeconds(30));
        assertThat(screen).contains("DEMO-EXIT=0", "stopped the lab");
        // The terminal is back in cooked mode with echo: stty says so, and what we type shows.
        tmux("send-keys", "-t", SESSION, "stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo; echo STTY-DONE", "Enter");
        screen = awaitScreen(s -> s.matches("(?s).*\\nSTTY-DONE.*"), Duration.ofSeconds(10));
        assertThat(screen).contains("icanon echo");

        Path labRoot = state.resolve("repcon/lab/lab");
        try (var pids = Files.walk(labRoot)) {
            List<Path> pidFiles = pids.filter(p -> p.toString().endsWith(".pid")).toList();
            for (Path pidFile : pidFiles) {
                Pids.read(pidFile).ifPresent(pid -> assertThat(Pids.isRunning(pid)).as(pidFile.toString()).isFalse());
            }
        }
    }

    private String awaitScreen(Predicate<String> condition, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux("capture-pane", "-p", "-t", SESSION);
            if (condition.test(screen)) return screen;
            if (demoRunning && screen.matches("(?s).*\\nDEMO-EXIT=\\d.*")) {
                throw new AssertionError("the demo ended before the screen showed what was expected:\n" + screen);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed what was expected within " + limit + "; last screen:\n" + screen);
    }

    private static String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        return run(command, Duration.ofSeconds(10), null);
    }

    /** The launcher, from outside the demo, seeing the same lab (same XDG_STATE_HOME). */
    private String repcon(Duration limit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("./repcon"));
        command.addAll(List.of(args));
        return run(command, limit, state);
    }

    private static String run(List<String> command, Duration limit, Path stateHome) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (stateHome != null) pb.environment().put("XDG_STATE_HOME", stateHome.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + limit);
        }
        return new String(out);
    }
}
