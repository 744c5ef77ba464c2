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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Await;
import org.repcon.testing.RedisProcess;
import org.repcon.util.Pids;
import redis.clients.jedis.Jedis;

/**
 * What every {@link Transport} does alike, whichever way it reaches its host: run a command (exact arguments, its
 * exit and streams, a time limit), tail and follow a file, read and replace files atomically with a backup, reach a
 * port. Each subclass runs these cases against its transport to this machine (the host is this machine, so what
 * happened there is seen here) and adds the cases of its own.
 */
abstract class TransportContractTest {

    static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    /** A new transport to this machine; the test closes it (through {@link #closing}). */
    abstract Transport newTransport();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) cleanup.get(i).close();
    }

    <C extends AutoCloseable> C closing(C c) {
        cleanup.add(c);
        return c;
    }

    private Transport transport() {
        return closing(newTransport());
    }

    @Test
    void execGivesTheCommandsExitCodeAndStreams() {
        Transport t = transport();
        ExecResult r = t.exec(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), T);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.timedOut()).isFalse();
        assertThat(r.connectionFailed()).isFalse();
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).isEqualTo("sh -c echo out; echo err >&2; exit 3: exit 3: err");

        ExecResult ff = t.exec(List.of("sh", "-c", "exit 255"), T);
        assertThat(ff.exitCode()).isEqualTo(255);
        assertThat(ff.connectionFailed()).as("the command's own 255").isFalse();

        ExecResult missing = t.exec(List.of("repcon-no-such-command"), T);
        assertThat(missing.exitCode()).isEqualTo(127);
        assertThat(missing.connectionFailed()).isFalse();

        assertThat(t.exec(List.of("cat"), T).ok()).as("stdin is empty, not a pipe left open").isTrue();
        assertThat(t.exec(List.of("true"), T).ok()).isTrue();
    }

    @Test
    void execRoundTripsNastyArgumentsExactly() {
        Path witness = dir.resolve("injected");
        List<String> nasty = List.of("plain", "with space", "it's", "\"double\"", "$(touch " + witness + ")",
                "`touch " + witness + "`", "a;touch " + witness, "new\nline", "back\\slash", "*", "", "-n", "$HOME",
                "ünïcödé", "'", "''", "'\\''", "\ttab", "!bang", "a|b&c>d<e", "#comment", "~", "{a,b}", "%C %h");
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(nasty);

        ExecResult r = transport().exec(argv, T);

        assertThat(r.exitCode()).as(r.summary()).isZero();
        assertThat(Arrays.asList(r.stdout().split("\0", -1)).subList(0, nasty.size())).isEqualTo(nasty);
        assertThat(witness).doesNotExist();
    }

    @Test
    void timeoutKillsTheCommandOnTheHost() {
        Path pidFile = dir.resolve("sleep.pid");
        Transport t = transport();
        // Connected first, so that the limit is spent by the command, not by a slow handshake; on a loaded machine
        // the command may still not start within a short limit: then a longer one, until it started and was killed.
        assertThat(t.exec(List.of("true"), T).ok()).isTrue();
        for (Duration limit = Duration.ofSeconds(2); Pids.read(pidFile).isEmpty(); limit = limit.multipliedBy(2)) {
            assertThat(limit).as("the command started within a limit").isLessThanOrEqualTo(Duration.ofSeconds(16));

            ExecResult r = t.exec(List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 60"), limit);

            assertThat(r.timedOut()).as(r.summary()).isTrue();
            assertThat(r.ok()).isFalse();
        }
        awaitGone(Pids.read(pidFile).orElseThrow());
    }

    @Test
    void tailGivesTheLastLinesOfABoundedRead() throws IOException {
        Transport t = transport();
        Path log = dir.resolve("redis.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) text.append("line ").append(i).append("\r\n");
        Files.writeString(log, text + "partial last line without newline");

        assertThat(t.tail(log.toString(), 3)).containsExactly("line 999", "line 1000", "partial last line without newline");
        assertThat(t.tail(log.toString(), 5000)).hasSize(1001).startsWith("line 1");
        assertThat(t.tail(log.toString(), 0)).isEmpty();
        assertThat(t.tail(dir.resolve("nope.log").toString(), 10)).as("a missing file").isEmpty();
        assertThat(t.tail(dir.toString(), 10)).as("a directory").isEmpty();

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
    void tailDropsTheCutFirstLineAndSurvivesBadUtf8() throws IOException {
        Path log = dir.resolve("cut.log");
        byte[] head = ("x".repeat(20_000) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = new byte[] {'a', (byte) 0xff, 'b', '\n', 'o', 'k', '\n'};
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        Files.write(log, all);

        // 3 lines ask for 8 KiB: the read starts inside the run of x's, which must not show as a line.
        assertThat(transport().tail(log.toString(), 3)).containsExactly("a\uFFFDb", "ok");
    }

    @Test
    void followHandsOverLinesUntilClosedAndLeavesNothingRunning() throws Exception {
        Transport t = transport();
        Following first = follow(t, newLog("follow-marker.log"));
        assertThat(first.follow().running()).isTrue();
        append(first.log(), "one\r\ntwo\n");
        awaitLines(first.lines(), 3);
        assertThat(tails(first.log())).as("tail runs on the host").hasSize(1);

        first.follow().close();

        assertThat(first.lines()).containsExactly("first", "one", "two");
        assertThat(first.follow().running()).isFalse();
        assertThat(first.follow().ended()).as("closed, not ended by itself").isEmpty();
        awaitNothingMentioning(first.log().toString()); // the tail, and over ssh its wrapper and the local ssh
        // A line appended now reaches a second follow; the closed one, had it kept anything running, would get it too.
        Following second = follow(t, first.log());
        awaitLines(second.lines(), 3);
        append(first.log(), "three\n");
        awaitLines(second.lines(), 4);
        second.follow().close();
        assertThat(first.lines()).as("nothing after close").containsExactly("first", "one", "two");
        first.follow().close(); // idempotent
    }

    @Test
    void aFollowThatEndsByItselfSaysWhy() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Follow follow = transport().follow(List.of("sh", "-c", "echo last; echo oops >&2; exit 4"), lines::add)) {
            Await.until("the follow ended", T, () -> !follow.running());
            assertThat(lines).containsExactly("last");
            assertThat(follow.ended()).contains("sh -c echo last; echo oops >&2; exit 4: exit 4: oops");
        }
    }

    @Test
    void aRunawayLineIsCut() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Follow follow = transport().follow(List.of("sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x; echo; echo next"),
                lines::add)) {
            Await.until("the follow ended", T, () -> !follow.running());
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(ProcessFollow.MAX_LINE_BYTES);
        assertThat(lines.get(1)).isEqualTo("next");
    }

    @Test
    void closingTheTransportStopsItsFollows() throws Exception {
        Transport t = newTransport();
        Following f = follow(t, newLog("close-marker.log"));

        t.close();

        assertThat(f.follow().running()).isFalse();
        awaitNothingMentioning(f.log().toString());
        t.close(); // idempotent
    }

    @Test
    void filesAreReadAndReplacedAtomicallyWithABackup() throws IOException {
        Transport t = transport();
        Path conf = dir.resolve("etc with space").resolve("redis-bayes.conf");
        String first = "include /etc/redis/redis.conf\n\nport 6378\n# it's \"quoted\" $(not run) `nor this`\n";
        assertThat(t.readFile(conf.toString())).as("a missing file").isEmpty();
        assertThat(t.writeFile(conf.toString(), first, 0640).backup()).isEmpty();
        assertThat(t.readFile(conf.toString())).contains(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");

        FileWrite second = t.writeFile(conf.toString(), "port 6377\n", 0644);
        assertThat(second.backup().orElseThrow()).startsWith(conf + ".bak-");
        assertThat(Files.readString(Path.of(second.backup().get()))).isEqualTo(first);
        assertThat(Files.readString(conf)).isEqualTo("port 6377\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r--r--");
        try (var siblings = Files.list(conf.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".repcon."));
        }
        // Over ssh the content travels on stdin, not on a command line: more than any argument may be goes through.
        String large = "# a long comment\n".repeat(20_000);
        t.writeFile(dir.resolve("large.conf").toString(), large, 0600);
        assertThat(Files.readString(dir.resolve("large.conf"))).isEqualTo(large);
    }

    @Test
    void aConfigFileLargerThanOneMiBIsNotRead() throws IOException {
        Path big = dir.resolve("big");
        try (RandomAccessFile r = new RandomAccessFile(big.toFile(), "rw")) {
            r.setLength(LocalTransport.MAX_READ_BYTES + 1);
        }
        Transport t = transport();
        assertThatThrownBy(() -> t.readFile(big.toString())).hasMessageStartingWith(big.toString())
                .hasMessageEndingWith(" is larger than 1 MiB; not a config file");
    }

    @Test
    void binaryFilesTravelByteForByte() throws IOException {
        // Every byte value, NULs and invalid UTF-8 included, and more than the 1 MiB a config file may have: an RDB.
        byte[] rdb = new byte[(3 << 20) + 17];
        for (int i = 0; i < rdb.length; i++) rdb[i] = (byte) (i * 31 + (i >> 8));
        Transport t = transport();
        Path target = dir.resolve("rdb").resolve("bayes.rdb");
        assertThat(t.readBytes(target.toString(), 10)).isEmpty();
        assertThat(t.writeBytes(target.toString(), rdb, 0644).backup()).isEmpty();
        assertThat(Files.readAllBytes(target)).isEqualTo(rdb);
        assertThat(t.readBytes(target.toString(), rdb.length + 1)).hasValueSatisfying(b -> assertThat(b).isEqualTo(rdb));
        assertThat(t.readBytes(target.toString(), 9)).hasValueSatisfying(b -> assertThat(b).hasSize(9));
        FileWrite again = t.writeBytes(target.toString(), new byte[] {0, (byte) 0xFF}, 0644);
        assertThat(Files.readAllBytes(Path.of(again.backup().orElseThrow()))).isEqualTo(rdb);
        assertThat(Files.readAllBytes(target)).containsExactly(0, 0xFF);
    }

    @Test
    void reachLeadsToAPortOnTheHost() {
        RedisProcess redis = closing(RedisProcess.start(dir));
        Endpoint endpoint = transport().reach("127.0.0.1", redis.port());
        assertThat(ping(endpoint)).isEqualTo("PONG");
    }

    // --- helpers the subclasses share ---

    /** A log file of one line, "first", in the test's directory. */
    Path newLog(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "first\n");
    }

    /** A follow of {@code log} from its first line, the lines it handed over, the follow (closed after the test). */
    record Following(Path log, List<String> lines, Follow follow) {}

    /** Follows {@code log} with tail -F through {@code t}, until its first line came: tail has the file open. */
    Following follow(Transport t, Path log) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Follow follow = closing(t.follow(List.of("tail", "-n", "+1", "-F", log.toString()), lines::add));
        awaitLines(lines, 1);
        return new Following(log, lines, follow);
    }

    static String ping(Endpoint endpoint) {
        try (Jedis jedis = RedisConnector.connect(endpoint, null, T, T)) {
            return jedis.ping();
        }
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    /** Until at least {@code n} lines came. */
    static void awaitLines(List<String> lines, int n) {
        Await.value(n + " lines followed", T, () -> List.copyOf(lines), l -> l.size() >= n);
    }

    /** Until the process has ended (a zombie left for a reaper counts as ended). */
    static void awaitGone(long pid) {
        Await.until("pid " + pid + " gone", T, () -> !Pids.isRunning(pid));
    }

    static void awaitNothingMentioning(String text) {
        Await.value("no process mentioning " + text, T, () -> mentioning(text), List::isEmpty);
    }

    /** Live processes whose command line contains {@code text}: unique paths make this the test's own. */
    static List<String> mentioning(String text) {
        return ProcessHandle.allProcesses().filter(p -> Pids.isRunning(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .filter(line -> line.contains(text)).toList();
    }

    /** tail processes following {@code file}: the host is this machine, so its processes are visible here. */
    static List<Long> tails(Path file) {
        return ProcessHandle.allProcesses().filter(p -> Pids.isRunning(p.pid()))
                .filter(p -> p.info().command().orElse("").endsWith("/tail"))
                .filter(p -> p.info().commandLine().orElse("").contains(file.toString()))
                .map(ProcessHandle::pid).toList();
    }
}
