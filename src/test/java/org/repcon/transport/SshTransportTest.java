package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.ProcNet;
import org.repcon.testing.RedisProcess;
import org.repcon.testing.SshServer;
import org.repcon.topology.Access;
import org.repcon.util.Pids;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;

/**
 * SshTransport against a real sshd on 127.0.0.1 (one per class), reached through the system ssh client with a
 * config of the test's own: host keys checked for real, processes on both ends accounted for.
 */
@Tag("slow")
class SshTransportTest {

    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path shared;
    private static SshServer sshd;

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void startSshd() {
        sshd = SshServer.start(shared);
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) sshd.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) cleanup.get(i).close();
    }

    private <C extends AutoCloseable> C closing(C c) {
        cleanup.add(c);
        return c;
    }

    private SshTransport ssh(Access access) {
        return closing(new SshTransport("testhost", "127.0.0.1", access, Duration.ofSeconds(5), dir.resolve("run")));
    }

    private SshTransport ssh() {
        return ssh(sshd.access());
    }

    @Test
    void execRoundTripsNastyArgumentsExactly() {
        Path witness = dir.resolve("injected");
        List<String> nasty = List.of("plain", "with space", "it's", "\"double\"", "$(touch " + witness + ")",
                "`touch " + witness + "`", "a;touch " + witness, "new\nline", "back\\slash", "*", "", "-n", "$HOME",
                "ünïcödé", "'", "''", "'\\''", "\ttab", "!bang", "a|b&c>d<e", "#comment", "~", "{a,b}", "%C %h");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(nasty);

        ExecResult r = ssh().exec(argv, T);

        assertThat(r.exitCode()).as(r.summary()).isZero();
        assertThat(Arrays.asList(r.stdout().split("\0", -1)).subList(0, nasty.size())).isEqualTo(nasty);
        assertThat(witness).doesNotExist();
    }

    @Test
    void exitCodesAndStreamsAreTheRemoteCommands() {
        SshTransport t = ssh();
        ExecResult r = t.exec(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), T);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.connectionFailed()).isFalse();

        ExecResult ff = t.exec(List.of("sh", "-c", "exit 255"), T);
        assertThat(ff.exitCode()).isEqualTo(255);
        assertThat(ff.connectionFailed()).as("the remote command's own 255").isFalse();

        ExecResult missing = t.exec(List.of("repcon-no-such-command"), T);
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.connectionFailed()).isFalse();

        assertThat(t.exec(List.of("cat"), T).ok()).as("stdin is empty").isTrue();
        assertThat(t.exec(List.of("true"), T).ok()).isTrue();
    }

    @Test
    void timeoutKillsTheCommandOnTheHost() throws Exception {
        Path pidFile = dir.resolve("sleep.pid");
        SshTransport ssh = ssh();
        // The connection first, so that the time limit below is spent by the command, not by a slow ssh handshake.
        assertThat(ssh.exec(List.of("true"), T).ok()).isTrue();
        long start = System.nanoTime();
        ExecResult r = ssh.exec(List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 30"), Duration.ofMillis(3000));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(tookMs).as("the command was stopped at its limit, long before its 30 s").isLessThan(20_000);
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        await(() -> !Pids.isRunning(pid));
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
        await(() -> t.masterPid().isEmpty());

        Endpoint after = t.reach("127.0.0.1", redis.port());
        assertThat(ping(after)).isEqualTo("PONG");
        assertThat(after).isNotEqualTo(before);
        assertThat(((Endpoint.Unix) before).path()).as("the dead master's forward socket is removed").doesNotExist();
        assertThat(t.masterPid().orElseThrow()).isNotEqualTo(first);
        assertThat(t.exec(List.of("echo", "again"), T).stdout()).isEqualTo("again\n");
    }

    @Test
    void followStreamsLinesAndCloseLeavesNothingRunningOnEitherEnd() throws Exception {
        Path log = dir.resolve("follow-marker.log");
        Files.writeString(log, "old\n");
        SshTransport t = ssh();
        List<String> lines = new CopyOnWriteArrayList<>();

        Follow follow = t.follow(List.of("tail", "-n", "+1", "-F", log.toString()), lines::add);
        await(() -> lines.size() == 1);
        Files.writeString(log, "one\r\ntwo\n", StandardOpenOption.APPEND);
        await(() -> lines.size() == 3);
        assertThat(remoteTails(log)).as("tail runs on the host").hasSize(1);
        assertThat(follow.running()).isTrue();

        follow.close();

        assertThat(lines).containsExactly("old", "one", "two");
        assertThat(follow.running()).isFalse();
        assertThat(follow.ended()).isEmpty();
        await(() -> mentioning(log.toString()).isEmpty()); // the remote tail, its wrapper and the local ssh
        Files.writeString(log, "three\n", StandardOpenOption.APPEND);
        Thread.sleep(100);
        assertThat(lines).hasSize(3);
        assertThat(t.masterPid()).as("the connection stays for others").isPresent();
    }

    @Test
    void aFollowEndsWithTheConnectionAndTakesTheRemoteCommandAlong() throws Exception {
        Path log = dir.resolve("follow-lost.log");
        Files.writeString(log, "x\n");
        SshTransport t = ssh();
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Follow follow = t.follow(List.of("tail", "-F", log.toString()), lines::add)) {
            await(() -> lines.size() == 1);
            ProcessHandle.of(t.masterPid().orElseThrow()).orElseThrow().destroyForcibly();
            await(() -> !follow.running());
            // Said as the lost connection, or (when the master's death is not yet seen) as ssh's own exit 255.
            assertThat(follow.ended().orElseThrow()).matches("ssh to 127\\.0\\.0\\.1 failed.*|.*: exit 255");
            await(() -> mentioning(log.toString()).isEmpty());
        }
    }

    @Test
    void aFollowThatEndsByItselfSaysWhy() throws Exception {
        SshTransport t = ssh();
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Follow follow = t.follow(List.of("tail", "-n", "1", dir.resolve("missing.log").toString()), lines::add)) {
            await(() -> !follow.running());
            assertThat(follow.ended().orElseThrow()).startsWith("tail -n 1 " + dir.resolve("missing.log") + ": exit 1: tail:");
            assertThat(lines).isEmpty();
        }
    }

    @Test
    void filesAreReadAndReplacedAtomicallyWithABackupOverSsh() throws IOException {
        SshTransport t = ssh();
        Path conf = dir.resolve("etc with space").resolve("redis-bayes.conf");
        String first = "include /etc/redis/redis.conf\n\nport 6378\n# it's \"quoted\" $(not run) `nor this`\n";
        assertThat(t.readFile(conf.toString())).isEmpty();
        assertThat(t.writeFile(conf.toString(), first, 0640).backup()).isEmpty();
        assertThat(t.readFile(conf.toString())).contains(first);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");

        FileWrite second = t.writeFile(conf.toString(), "port 6377\n", 0644);
        assertThat(second.backup()).isPresent();
        assertThat(Files.readString(Path.of(second.backup().get()))).isEqualTo(first);
        assertThat(Files.readString(conf)).isEqualTo("port 6377\n");
        try (var siblings = Files.list(conf.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".repcon."));
        }
        // The content travels on stdin, not on a command line: a file larger than any argument may be goes through.
        String large = "# a long comment\n".repeat(20_000);
        t.writeFile(dir.resolve("large.conf").toString(), large, 0600);
        assertThat(Files.readString(dir.resolve("large.conf"))).isEqualTo(large);
        assertThatThrownBy(() -> t.writeFile(dir.resolve("big").toString(), "x".repeat(2 << 20), 0644))
                .hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void binaryFilesTravelByteForByteOverSshAndLocally() throws IOException {
        // Every byte value, NULs and invalid UTF-8 included, and more than the 1 MiB a config file may have: an RDB.
        byte[] rdb = new byte[(3 << 20) + 17];
        for (int i = 0; i < rdb.length; i++) rdb[i] = (byte) (i * 31 + (i >> 8));
        for (Transport t : List.<Transport>of(ssh(), closing(new LocalTransport()))) {
            Path target = dir.resolve(t.describe().replace(' ', '-')).resolve("bayes.rdb");
            assertThat(t.readBytes(target.toString(), 10)).isEmpty();
            assertThat(t.writeBytes(target.toString(), rdb, 0644).backup()).isEmpty();
            assertThat(Files.readAllBytes(target)).isEqualTo(rdb);
            assertThat(t.readBytes(target.toString(), rdb.length + 1)).hasValueSatisfying(b -> assertThat(b).isEqualTo(rdb));
            assertThat(t.readBytes(target.toString(), 9)).hasValueSatisfying(b -> assertThat(b).hasSize(9));
            FileWrite again = t.writeBytes(target.toString(), new byte[] {0, (byte) 0xFF}, 0644);
            assertThat(Files.readAllBytes(Path.of(again.backup().orElseThrow()))).isEqualTo(rdb);
            assertThat(Files.readAllBytes(target)).containsExactly(0, 0xFF);
        }
    }

    @Test
    void tailReadsTheEndOfARemoteFile() throws IOException {
        Path log = dir.resolve("redis.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) text.append("line ").append(i).append("\r\n");
        Files.writeString(log, text + "partial last line without newline");
        SshTransport t = ssh();

        assertThat(t.tail(log.toString(), 3)).containsExactly("line 999", "line 1000", "partial last line without newline");
        assertThat(t.tail(log.toString(), 5000)).hasSize(1001).startsWith("line 1");
        assertThat(t.tail(log.toString(), 0)).isEmpty();
        assertThat(t.tail(dir.resolve("nope.log").toString(), 10)).isEmpty();
        assertThat(t.tail(dir.toString(), 10)).isEmpty();

        Path huge = dir.resolve("huge.log");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30); // 3 GiB, sparse
            f.seek(f.length());
            f.write("\nthe end\n".getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = t.tail(huge.toString(), 100_000);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("the end");
        assertThat(lines.stream().mapToInt(l -> l.length() + 1).sum()).isLessThanOrEqualTo(Tails.MAX_TAIL_BYTES);
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
        Path log = dir.resolve("close-marker.log");
        Files.writeString(log, "x\n");
        SshTransport t = new SshTransport("testhost", "127.0.0.1", sshd.access(), Duration.ofSeconds(5), dir.resolve("run"));
        Path forward = ((Endpoint.Unix) t.reach("127.0.0.1", redis.port())).path();
        assertThat(forward).exists();
        List<String> lines = new CopyOnWriteArrayList<>();
        Follow follow = t.follow(List.of("tail", "-F", log.toString()), lines::add);
        await(() -> lines.size() == 1);
        long master = t.masterPid().orElseThrow();
        String socket = t.controlSocket().toString();

        t.close();

        assertThat(follow.running()).isFalse();
        assertThat(Pids.isRunning(master)).as("master ended").isFalse();
        await(() -> mentioning(socket).isEmpty() && mentioning(log.toString()).isEmpty());
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

    private static String ping(Endpoint endpoint) {
        try (Jedis jedis = RedisConnector.connect(endpoint, null, T, T)) {
            return jedis.ping();
        }
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

    /** tail processes following {@code file}: the host is this machine, so its processes are visible here. */
    private static List<Long> remoteTails(Path file) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/tail"))
                .filter(p -> p.info().commandLine().orElse("").contains(file.toString()))
                .map(ProcessHandle::pid).toList();
    }

    /** Live processes whose command line contains {@code text}: unique paths make this the test's own. */
    private static List<String> mentioning(String text) {
        return ProcessHandle.allProcesses().filter(p -> Pids.isRunning(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(line -> line.contains(text)).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(10);
        }
    }

}
