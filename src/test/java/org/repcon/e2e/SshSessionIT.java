package org.repcon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcon.testing.Await;
import org.repcon.testing.ProcNet;
import org.repcon.testing.SshDeployment;
import org.repcon.testing.Tools;
import org.repcon.util.Pids;

/**
 * A repcon session over ssh as an operator runs it: the shaded jar (what ./repcon runs) with {@code status --watch}
 * on a deployment of two hosts behind a real sshd ({@link SshDeployment}), without XDG_RUNTIME_DIR, so its sockets
 * go to the default directory under /tmp, which every user can reach. Seen from another user ({@code nobody}, by
 * runuser: the tests run as root, as CI does) and from a signal: no other user can use any of its ssh sockets, it
 * listens on no TCP port, and SIGTERM, SIGHUP or SIGINT leave no ssh process and no socket of it 2 s later.
 */
@Tag("slow")
class SshSessionIT {

    /** Xdg.runtimeDir() without XDG_RUNTIME_DIR. */
    private static final Path RUNTIME = Path.of("/tmp", "repcon-" + System.getProperty("user.name"));
    private static final Duration LEFT_BEHIND_BOUND = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    @AutoClose
    private static SshDeployment deployment;

    private Process repcon;

    @BeforeAll
    static void deploy() {
        deployment = SshDeployment.start(dir);
    }

    @AfterEach
    void stopRepcon() throws InterruptedException {
        if (repcon != null && repcon.isAlive()) {
            repcon.destroy();
            repcon.waitFor(10, TimeUnit.SECONDS);
            repcon.destroyForcibly();
        }
    }

    @Test
    void noOtherUserCanUseTheSessionsSshSocketsAndNothingListensOnTcp() throws Exception {
        Tools.requireRoot("to act as another user with runuser");
        Path runuser = Tools.require("runuser", "util-linux");
        Path redisCli = Tools.require("redis-cli", "redis-tools");
        long pid = startWatch("isolation");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(RUNTIME, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rwx------");
        List<Path> sockets = sockets(pid);
        List<Path> forwards = sockets.stream().filter(SshSessionIT::isForward).toList();
        assertThat(forwards).as("forwards of the instances and tunnels").hasSizeGreaterThanOrEqualTo(3);
        assertThat(sockets.size() - forwards.size()).as("a control socket per host").isEqualTo(2);

        List<String> answers = new ArrayList<>();
        for (Path socket : sockets) {
            String asNobody = run(List.of(runuser.toString(), "-u", "nobody", "--", redisCli.toString(), "-s",
                    socket.toString(), "ping"));
            assertThat(asNobody).as("nobody on " + socket).contains("Permission denied").doesNotContain("PONG", "NOAUTH");
            if (isForward(socket)) answers.add(run(List.of(redisCli.toString(), "-s", socket.toString(), "ping")));
        }
        // The same sockets answer their owner: what stops nobody is the permission, not a dead socket.
        assertThat(answers).as("root through the forwards").anyMatch(a -> a.contains("PONG") || a.contains("NOAUTH"));

        List<Long> ssh = sshProcesses(pid);
        assertThat(ssh).as("the session's ssh masters").isNotEmpty();
        for (long p : ssh) assertThat(ProcNet.tcpListeners(p)).as("TCP listeners of ssh pid " + p).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "HUP", "INT"})
    void aSignalLeavesNoSshProcessAndNoSocket(String signal) throws Exception {
        long pid = startWatch("signal-" + signal);
        List<Long> ssh = sshProcesses(pid);
        assertThat(ssh).as("ssh masters before the signal").hasSizeGreaterThanOrEqualTo(2);
        assertThat(sockets(pid)).isNotEmpty();

        long signalled = System.nanoTime();
        assertThat(new ProcessBuilder("kill", "-s", signal, String.valueOf(pid)).start().waitFor()).isZero();
        Await.value("no ssh process (masters " + ssh + " included) and no socket of repcon after SIG" + signal,
                LEFT_BEHIND_BOUND, Duration.ofMillis(20), () -> leftBehind(pid, ssh), List::isEmpty);
        long ms = (System.nanoTime() - signalled) / 1_000_000;
        System.out.println("TIMING SIG" + signal + " of status --watch over ssh until no ssh process or socket: " + ms + " ms");
        assertThat(repcon.waitFor(10, TimeUnit.SECONDS)).as("repcon ended").isTrue();
    }

    /** What of the session still runs or exists: its ssh processes, the masters seen before, its sockets. */
    private static List<String> leftBehind(long pid, List<Long> masters) {
        try {
            List<String> left = new ArrayList<>();
            sshProcesses(pid).forEach(p -> left.add("ssh pid " + p));
            masters.stream().filter(Pids::isRunning).forEach(p -> left.add("master pid " + p));
            sockets(pid).forEach(s -> left.add("socket " + s));
            return left;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code repcon status --json --watch 1} from the shaded jar and waits until a refresh read every instance
     * (INFO through Jedis) and PINGed through both client tunnel ends, all through forwards on unix sockets; its pid.
     */
    private long startWatch(String name) throws Exception {
        Path jar = Path.of("target", "repcon.jar").toAbsolutePath();
        assertThat(jar).as("the shaded jar ('mvn package' makes it)").exists();
        Path out = dir.resolve(name + ".out");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString(), "status", "--json", "--watch", "1",
                deployment.file().toString()).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().remove("XDG_RUNTIME_DIR");
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state-" + name).toString());
        repcon = pb.start();
        long pid = repcon.pid();
        try {
            Await.until("a refresh in which all answered", Duration.ofSeconds(60), () -> allAnswered(out), Await.whileAlive(repcon));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + Files.readString(out));
        }
        return pid;
    }

    /**
     * Whether a refresh (one JSON document; the top level closes at the start of a line) has the 3 instances "ok" and
     * the 2 client tunnel ends reaching Redis.
     */
    private static boolean allAnswered(Path out) {
        if (!Files.exists(out)) return false;
        String text;
        try {
            text = Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Arrays.stream(text.split("\n}"))
                .anyMatch(refresh -> count(refresh, "\"probe\":\\s*\"ok\"") == 3
                        && count(refresh, "\"reaches_redis\":\\s*true") == 2);
    }

    private static long count(String text, String regex) {
        return Pattern.compile(regex).matcher(text).results().count();
    }

    /** The session's sockets: control sockets ssh-PID-N and forwards ssh-PID-N-K. */
    private static List<Path> sockets(long pid) throws IOException {
        if (!Files.isDirectory(RUNTIME)) return List.of();
        try (var files = Files.list(RUNTIME)) {
            return files.filter(p -> p.getFileName().toString().startsWith("ssh-" + pid + "-")).sorted().toList();
        }
    }

    private static boolean isForward(Path socket) {
        return socket.getFileName().toString().split("-").length == 4;
    }

    /** Live ssh processes (masters, mux clients) on the session's control sockets. */
    private static List<Long> sshProcesses(long pid) {
        String marker = "ControlPath=" + RUNTIME.resolve("ssh-" + pid + "-");
        return ProcessHandle.allProcesses().filter(p -> Pids.isRunning(p.pid()))
                .filter(p -> p.info().commandLine().orElse("").contains(marker)).map(ProcessHandle::pid).toList();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 10 s");
        }
        return out;
    }
}
