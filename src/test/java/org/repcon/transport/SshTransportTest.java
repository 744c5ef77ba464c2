package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Await;
import org.repcon.testing.ProcNet;
import org.repcon.testing.RedisProcess;
import org.repcon.testing.SshServer;
import org.repcon.topology.Access;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;

/**
 * SshTransport against a real sshd on 127.0.0.1 (one per class), reached through the system ssh client with a
 * config of the test's own: host keys checked for real, processes on both ends accounted for.
 */
@Tag("slow")
class SshTransportTest extends TransportContractTest {

    @TempDir
    static Path shared;
    @AutoClose
    private static SshServer sshd;

    @BeforeAll
    static void startSshd() {
        sshd = SshServer.start(shared);
    }

    @Override
    Transport newTransport() {
        return new SshTransport("testhost", "127.0.0.1", sshd.access(), Duration.ofSeconds(5), dir.resolve("run"));
    }

    private SshTransport ssh(Access access) {
        return closing(new SshTransport("testhost", "127.0.0.1", access, Duration.ofSeconds(5), dir.resolve("run")));
    }

    private SshTransport ssh() {
        return ssh(sshd.access());
    }

    @Test
    void aConfigFileLargerThanOneMiBIsNotWritten() {
        // Over ssh only: a local writeFile has no such bound (the transports differ here).
        assertThatThrownBy(() -> ssh().writeFile(dir.resolve("big").toString(), "x".repeat(2 << 20), 0644))
                .hasMessageContaining("larger than 1 MiB");
        assertThat(dir.resolve("big")).doesNotExist();
    }

    @Test
    void aWriteWhoseInputEndsEarlyLeavesTheOldFileInPlace() throws Exception {
        // The remote half of writeFile/writeBytes, as ssh runs it: stdin cut short (a timeout, a dropped link) ends
        // cat with status 0, so the script itself must see that the bytes are not all there.
        Path target = Files.writeString(dir.resolve("master.rdb"), "the good old file");
        Process p = new ProcessBuilder("sh", "-c", SshTransport.WRITE, "sh", target.toString(), "0644", "20261201-000000", "100")
                .redirectErrorStream(true).start();
        p.getOutputStream().write("only ten b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isNotZero();
        assertThat(said).contains("short write: 10 of 100 bytes");
        assertThat(Files.readString(target)).isEqualTo("the good old file");
        try (var left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".repcon.") || n.contains(".bak-"));
        }
    }

    @Test
    void aClosedPortIsAClearFailureEverywhere() {
        int closed = RedisProcess.freePort();
        SshTransport t = ssh(new Access(Access.Method.SSH, Optional.empty(), Optional.of(closed),
                List.of("-F", sshd.clientConfig().toString())));
        String message = "ssh to 127.0.0.1 failed: connect to host 127.0.0.1 port " + closed + ": Connection refused";

        ExecResult r = t.exec(List.of("true"), T);
        assertThat(r.connectionFailed()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.stderr()).isEqualTo(message);
        assertThat(r.summary()).isEqualTo("true: " + message);
        assertThatThrownBy(() -> t.reach("127.0.0.1", 6379)).isInstanceOf(RepconException.class).hasMessage(message);
        assertThatThrownBy(() -> t.follow(List.of("true"), line -> {})).isInstanceOf(RepconException.class).hasMessage(message);
        assertThat(t.tail("/etc/hostname", 5)).isEmpty();
    }

    @Test
    void aWrongHostKeyIsRefusedBeforeAnythingRuns() {
        Path witness = dir.resolve("ran");
        Path config = sshd.clientConfigWithKnownHosts("wrong", sshd.wrongKnownHostsLine());
        SshTransport t = ssh(new Access(Access.Method.SSH, Optional.empty(), Optional.empty(), List.of("-F", config.toString())));

        ExecResult r = t.exec(List.of("touch", witness.toString()), T);

        assertThat(r.connectionFailed()).isTrue();
        assertThat(r.stderr()).startsWith("ssh to 127.0.0.1 failed: Host key verification failed: the host's key has CHANGED")
                .doesNotContain("\n");
        assertThat(witness).doesNotExist();
        assertThatThrownBy(() -> t.reach("127.0.0.1", 6379)).isInstanceOf(RepconException.class)
                .hasMessageStartingWith("ssh to 127.0.0.1 failed: Host key verification failed");
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessTheTopologySaysAcceptNew() {
        Path config = sshd.clientConfigWithKnownHosts("unknown");
        List<String> options = List.of("-F", config.toString());
        SshTransport strict = ssh(new Access(Access.Method.SSH, Optional.empty(), Optional.empty(), options));
        assertThat(strict.exec(List.of("true"), T).stderr())
                .isEqualTo("ssh to 127.0.0.1 failed: Host key verification failed: its key is not in known_hosts;"
                        + " check it and record it by connecting once with ssh");

        List<String> acceptNew = List.of("-F", config.toString(), "-o", "StrictHostKeyChecking=accept-new");
        SshTransport trusting = ssh(new Access(Access.Method.SSH, Optional.empty(), Optional.empty(), acceptNew));
        assertThat(trusting.exec(List.of("true"), T).ok()).isTrue();
        assertThat(strict.exec(List.of("true"), T).ok()).as("the key was recorded").isTrue();
    }

    @Test
    void reachForwardsToRedisOnTheHostThroughOneSharedConnection() throws Exception {
        RedisProcess a = closing(RedisProcess.start(dir));
        RedisProcess b = closing(RedisProcess.start(dir));
        SshTransport t = ssh();

        Endpoint toA = t.reach("127.0.0.1", a.port());
        Path socketA = ((Endpoint.Unix) toA).path();
        assertThat(socketA.getParent()).isEqualTo(dir.resolve("run"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socketA.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socketA))).isEqualTo("rw-------");
        assertThat(ping(toA)).isEqualTo("PONG");
        assertThat(t.reach("127.0.0.1", a.port())).as("kept").isEqualTo(toA);
        Endpoint toB = t.reach("localhost", b.port());
        assertThat(toB).isNotEqualTo(toA);
        assertThat(ping(toB)).isEqualTo("PONG");
        assertThat(t.exec(List.of("true"), T).ok()).isTrue();

        long pid = t.masterPid().orElseThrow();
        assertThat(checkedMasterPid(t)).isEqualTo(pid);
        assertThat(masters(t)).as("one master connection").containsExactly(pid);
        assertThat(ProcNet.tcpListeners(pid)).as("the master listens on no TCP port").isEmpty();
    }

    @Test
    void aSocketDirectoryOthersMayEnterIsRefused() throws IOException {
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-x---"));
        SshTransport t = closing(new SshTransport("testhost", "127.0.0.1", sshd.access(), Duration.ofSeconds(5), open));

        ExecResult r = t.exec(List.of("true"), T);

        assertThat(r.connectionFailed()).isTrue();
        assertThat(r.stderr()).isEqualTo("ssh socket directory " + open + " must have mode 0700 (it is rwxr-x---): other"
                + " users could reach your hosts through it; chmod 700 " + open);
        assertThatThrownBy(() -> t.reach("127.0.0.1", 6379)).hasMessage(r.stderr());
        try (var files = Files.list(open)) {
            assertThat(files).as("no socket made in it").isEmpty();
        }
    }

    @Test
    void concurrentFirstCallsShareOneConnectionAttempt() throws Exception {
        RedisProcess redis = closing(RedisProcess.start(dir));
        SshTransport t = ssh();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> pings = new ArrayList<>();
            for (int i = 0; i < 8; i++) pings.add(pool.submit(() -> ping(t.reach("127.0.0.1", redis.port()))));
            for (Future<String> f : pings) assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo("PONG");
        } finally {
            pool.shutdownNow();
        }
        assertThat(masters(t)).hasSize(1);
    }

    @Test
    void aLostConnectionIsMadeAgain() throws Exception {
        RedisProcess redis = closing(RedisProcess.start(dir));
        SshTransport t = ssh();
        Endpoint before = t.reach("127.0.0.1", redis.port());
        assertThat(ping(before)).isEqualTo("PONG");
        long first = t.masterPid().orElseThrow();

        // What an idle master ending (ControlPersist) or a dead link looks like from here.
        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        Await.until("the killed master seen gone", T, () -> t.masterPid().isEmpty());

        Endpoint after = t.reach("127.0.0.1", redis.port());
        assertThat(ping(after)).isEqualTo("PONG");
        assertThat(after).isNotEqualTo(before);
        assertThat(((Endpoint.Unix) before).path()).as("the dead master's forward socket is removed").doesNotExist();
        assertThat(t.masterPid().orElseThrow()).isNotEqualTo(first);
        assertThat(t.exec(List.of("echo", "again"), T).stdout()).isEqualTo("again\n");
    }

    @Test
    void aFollowEndsWithTheConnectionAndTakesTheRemoteCommandAlong() throws Exception {
        SshTransport t = ssh();
        Following f = follow(t, newLog("follow-lost.log"));

        ProcessHandle.of(t.masterPid().orElseThrow()).orElseThrow().destroyForcibly();

        Await.until("the follow ended", T, () -> !f.follow().running());
        // Said as the lost connection, or (when the master's death is not yet seen) as ssh's own exit 255.
        assertThat(f.follow().ended().orElseThrow()).matches("ssh to 127\\.0\\.0\\.1 failed.*|.*: exit 255");
        awaitNothingMentioning(f.log().toString());
    }

    @Test
    void optionsReachThroughAJumpHost() {
        String jump = System.getProperty("user.name") + "@localhost:" + sshd.port();
        SshTransport t = ssh(sshd.access("-J", jump));
        ExecResult r = t.exec(List.of("echo", "via jump"), T);
        assertThat(r.stdout()).as(r.summary()).isEqualTo("via jump\n");
    }

    @Test
    void closeTearsEverythingDown() throws Exception {
        RedisProcess redis = closing(RedisProcess.start(dir));
        SshTransport t = (SshTransport) newTransport();
        Path forward = ((Endpoint.Unix) t.reach("127.0.0.1", redis.port())).path();
        assertThat(forward).exists();
        Following f = follow(t, newLog("close-marker.log"));
        long master = t.masterPid().orElseThrow();
        String socket = t.controlSocket().toString();

        t.close();

        assertThat(f.follow().running()).isFalse();
        assertThat(Pids.isRunning(master)).as("master ended").isFalse();
        awaitNothingMentioning(socket);
        awaitNothingMentioning(f.log().toString());
        assertThat(Path.of(socket)).doesNotExist();
        assertThat(forward).as("the forward is gone").doesNotExist();
        t.close(); // idempotent
        ExecResult after = t.exec(List.of("true"), T);
        assertThat(after.connectionFailed()).isTrue();
        assertThat(after.stderr()).isEqualTo("ssh 127.0.0.1: the transport is closed");
    }

    @Test
    void describeSaysWhatTheTopologySays() {
        Access access = new Access(Access.Method.SSH, Optional.of("admin"), Optional.of(2222), List.of());
        assertThat(new SshTransport("mx1", "mx1.example.org", access).describe()).isEqualTo("ssh admin@mx1.example.org:2222");
        assertThat(new SshTransport("mx1", "mx1.example.org", new Access(Access.Method.SSH, Optional.empty(),
                Optional.empty(), List.of())).describe()).isEqualTo("ssh mx1.example.org");
    }



    /** The master's pid as {@code ssh -O check} tells it. */
    private static long checkedMasterPid(SshTransport t) throws Exception {
        Process p = new ProcessBuilder("ssh", "-o", "ControlPath=" + t.controlSocket(), "-O", "check", "127.0.0.1")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).startsWith("Master running (pid=");
        return Long.parseLong(out.replaceAll("(?s).*pid=(\\d+).*", "$1"));
    }

    /** Master processes on this transport's control socket. */
    private static List<Long> masters(SshTransport t) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(t.controlSocket().toString()))
                .filter(p -> p.info().commandLine().orElse("").contains("ControlMaster=yes"))
                .map(ProcessHandle::pid).toList();
    }




}
