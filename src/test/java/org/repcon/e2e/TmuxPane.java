package org.repcon.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.repcon.testing.Await;
import org.repcon.testing.Tools;
import org.repcon.util.Pids;

/**
 * A tmux session of one 120x40 pane running bash with its own XDG_STATE_HOME (lab, log and history out of the
 * user's), and the launcher run from outside against the same state: what the e2e tests drive as a user would.
 * A test's extension ({@code @RegisterExtension}): a new state directory for each test, and after it the session
 * killed and the demo's lab stopped, whatever happened in it.
 */
final class TmuxPane implements BeforeEachCallback, AfterEachCallback {

    private final String session;
    private Path state;

    private TmuxPane(String session) {
        this.session = session;
    }

    /** A pane for the demo: fails at once (with the package to install) when tmux, redis-server or stunnel is missing. */
    static TmuxPane forDemo(String session) {
        Tools.require("tmux", "tmux");
        Tools.redisServer();
        Tools.stunnel();
        return new TmuxPane(session);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        state = Files.createTempDirectory("tmux"); // short: the demo prints it, and a long path wraps on the pane
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            kill();
            repcon(Duration.ofSeconds(60), "lab", "down", "sample-topologies/lab.yaml");
        } finally {
            try (var files = Files.walk(state)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The pane's XDG_STATE_HOME. */
    Path state() {
        return state;
    }

    /** A new session (a leftover of an interrupted run killed first); extra {@code env} entries as NAME=VALUE. */
    void start(String... env) throws Exception {
        kill();
        List<String> command = new ArrayList<>(List.of("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "env",
                "XDG_STATE_HOME=" + state, "TERM=tmux-256color"));
        command.addAll(List.of(env));
        command.addAll(List.of("bash", "--norc", "--noprofile"));
        tmux(command.toArray(String[]::new));
    }

    void kill() throws Exception {
        tmux("kill-session", "-t", session);
    }

    void sendKeys(String... keys) throws Exception {
        List<String> command = new ArrayList<>(List.of("send-keys", "-t", session));
        command.addAll(List.of(keys));
        tmux(command.toArray(String[]::new));
    }

    String capture() throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    /** A tmux format of the pane, e.g. #{cursor_flag}. */
    String display(String format) throws Exception {
        return tmux("display", "-p", "-t", session, format).strip();
    }

    /** Waits for the screen to satisfy {@code condition}; fails at once when {@code failFast} holds instead. */
    String await(Predicate<String> condition, Predicate<String> failFast, Duration limit) {
        return Await.value("the expected screen", limit, Duration.ofMillis(100), this::captureUnchecked, condition,
                screen -> failFast.test(screen) ? "the screen showed the unexpected" : null);
    }

    private String captureUnchecked() {
        try {
            return capture();
        } catch (Exception e) {
            throw new AssertionError("tmux capture-pane failed", e);
        }
    }

    /** The java process of the launcher running with this pane's XDG_STATE_HOME. */
    long repconPid() throws IOException {
        String mark = "XDG_STATE_HOME=" + state;
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            if (!p.info().commandLine().orElse("").contains("repcon.jar")) continue;
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "environ"));
                if (List.of(new String(environ).split("\0")).contains(mark)) return p.pid();
            } catch (IOException e) {
                // ended meanwhile, or not ours to read
            }
        }
        throw new AssertionError("no repcon process runs with " + mark);
    }

    /** No process of the lab under this state is still running. */
    List<Path> livePidFiles() throws IOException {
        Path labRoot = state.resolve("repcon/lab/lab");
        List<Path> alive = new ArrayList<>();
        if (!Files.isDirectory(labRoot)) return alive;
        try (var files = Files.walk(labRoot)) {
            for (Path pidFile : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
                Pids.read(pidFile).filter(Pids::isRunning).ifPresent(pid -> alive.add(pidFile));
            }
        }
        return alive;
    }

    private static String tmux(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        return run(command, Duration.ofSeconds(10), null);
    }

    /** The launcher, from outside the pane, seeing the same lab (same XDG_STATE_HOME). */
    String repcon(Duration limit, String... args) throws Exception {
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
