package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTransportTest {

    private final LocalTransport local = new LocalTransport();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        local.close();
    }

    @Test
    void reachIsTheAddressItself() {
        assertThat(local.reach("127.0.0.3", 6378)).isEqualTo(new Endpoint.Tcp("127.0.0.3", 6378));
        assertThat(local.describe()).isEqualTo("local");
    }

    @Test
    void execCapturesOutputAndExitCode() {
        ExecResult r = local.exec(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(5));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
        assertThat(r.timedOut()).isFalse();
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).isEqualTo("sh -c echo out; echo err >&2; exit 3: exit 3: err");
        assertThat(local.exec(List.of("true"), Duration.ofSeconds(5)).ok()).isTrue();
    }

    @Test
    void execHasNoShellAndNoStdin() {
        ExecResult r = local.exec(List.of("cat"), Duration.ofSeconds(5)); // would hang if stdin were a pipe left open
        assertThat(r.ok()).isTrue();
        assertThat(local.exec(List.of("echo", "$HOME", ";", "x"), Duration.ofSeconds(5)).stdout()).isEqualTo("$HOME ; x\n");
    }

    @Test
    void aCommandThatCannotStartIsExit127() {
        ExecResult r = local.exec(List.of("/nonexistent/repcon-no-such-command"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.stderr()).startsWith("cannot run /nonexistent/repcon-no-such-command");
    }

    @Test
    void timeoutKillsTheProcessAndItsChildren() throws IOException {
        Path pidFile = dir.resolve("child.pid");
        long start = System.nanoTime();
        ExecResult r = local.exec(List.of("sh", "-c", "sleep 30 & echo $! > " + pidFile + "; wait"), Duration.ofMillis(300));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(tookMs).isLessThan(5_000);
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(gone(child)).as("child sleep killed").isTrue();
    }

    /** Dead, or a zombie waiting for a reaper (in a container, pid 1 may never reap it). */
    private static boolean gone(long pid) throws IOException {
        for (int i = 0; i < 100; i++) {
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isEmpty() || !handle.get().isAlive()) return true;
            Path stat = Path.of("/proc", String.valueOf(pid), "stat");
            if (Files.exists(stat) && Files.readString(stat).contains(") Z ")) return true;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return false;
    }

    @Test
    void aBackgroundChildHoldingThePipeDoesNotHoldTheCaller() {
        long start = System.nanoTime();
        // The shell exits at once; its child keeps stdout open for 30 s.
        ExecResult r = local.exec(List.of("sh", "-c", "echo started; (sleep 30; echo late) &"), Duration.ofSeconds(2));
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.timedOut()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("started");
        assertThat(tookMs).isLessThan(5_000);
    }

    @Test
    void outputIsBounded() {
        ExecResult r = local.exec(List.of("sh", "-c", "head -c 5000000 /dev/zero; echo done >&2"), Duration.ofSeconds(10));

        assertThat(r.exitCode()).isZero();
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout()).hasSize(ProcessRunner.MAX_OUTPUT_BYTES);
        assertThat(r.stderr()).isEqualTo("done\n");
    }

    @Test
    void tailGivesTheLastLines() throws IOException {
        Path log = dir.resolve("redis.log");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 1000; i++) text.append("line ").append(i).append("\r\n");
        Files.writeString(log, text + "partial last line without newline");

        assertThat(local.tail(log.toString(), 3)).containsExactly("line 999", "line 1000", "partial last line without newline");
        assertThat(local.tail(log.toString(), 5000)).hasSize(1001).startsWith("line 1");
        assertThat(local.tail(log.toString(), 0)).isEmpty();
    }

    @Test
    void tailReadsABoundedAmountOfAHugeFile() throws IOException {
        Path log = dir.resolve("huge.log");
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(3L << 30); // 3 GiB, sparse
            f.seek(f.length());
            f.write("\nthe end\n".getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = local.tail(log.toString(), 100_000);

        assertThat(lines.get(lines.size() - 1)).isEqualTo("the end");
        int read = lines.stream().mapToInt(l -> l.length() + 1).sum();
        assertThat(read).isLessThanOrEqualTo(Tails.MAX_TAIL_BYTES);
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
        assertThat(local.tail(log.toString(), 3)).containsExactly("a\uFFFDb", "ok");
    }

    @Test
    void tailOfAMissingOrUnreadableFileIsEmpty() {
        assertThat(local.tail(dir.resolve("nope.log").toString(), 10)).isEmpty();
        assertThat(local.tail(dir.toString(), 10)).isEmpty(); // a directory
    }

    @Test
    void followHandsOverLinesUntilClosedAndKillsTheCommand() throws Exception {
        Path log = dir.resolve("follow.log");
        Files.writeString(log, "old\n");
        List<String> lines = new CopyOnWriteArrayList<>();
        Follow follow = local.follow(List.of("tail", "-n", "+1", "-F", log.toString()), lines::add);
        long pid;
        try {
            assertThat(follow.running()).isTrue();
            await(() -> lines.size() == 1); // tail has the file open: what is appended now is followed
            append(log, "one\r\ntwo\n");
            await(() -> lines.size() == 3);
            pid = tailPid(log);
        } finally {
            follow.close();
        }
        assertThat(lines).containsExactly("old", "one", "two");
        assertThat(follow.running()).isFalse();
        assertThat(follow.ended()).isEmpty(); // closed, not ended by itself
        assertThat(gone(pid)).as("tail killed").isTrue();
        append(log, "three\n");
        Thread.sleep(100);
        assertThat(lines).hasSize(3);
        follow.close(); // idempotent
    }

    @Test
    void aFollowThatEndsByItselfSaysWhy() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Follow follow = local.follow(List.of("sh", "-c", "echo last; echo oops >&2; exit 4"), lines::add)) {
            await(() -> !follow.running());
            assertThat(lines).containsExactly("last");
            assertThat(follow.ended()).contains("sh -c echo last; echo oops >&2; exit 4: exit 4: oops");
        }
        try (Follow follow = local.follow(List.of("/nonexistent/repcon-no-such-command"), lines::add)) {
            assertThat(follow.running()).isFalse();
            assertThat(follow.ended().orElseThrow()).startsWith("cannot run /nonexistent/repcon-no-such-command");
        }
    }

    @Test
    void aRunawayLineIsCut() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Follow follow = local.follow(List.of("sh", "-c", "head -c 200000 /dev/zero | tr '\\0' x; echo; echo next"), lines::add)) {
            await(() -> !follow.running());
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(ProcessFollow.MAX_LINE_BYTES);
        assertThat(lines.get(1)).isEqualTo("next");
    }

    @Test
    void closingTheTransportStopsItsFollows() throws Exception {
        Path log = dir.resolve("f.log");
        Files.writeString(log, "");
        LocalTransport other = new LocalTransport();
        Follow follow = other.follow(List.of("tail", "-F", log.toString()), line -> {});
        await(() -> tailPidOrZero(log) != 0);
        long pid = tailPid(log);
        other.close();
        assertThat(follow.running()).isFalse();
        assertThat(gone(pid)).isTrue();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static long tailPid(Path file) {
        long pid = tailPidOrZero(file);
        assertThat(pid).as("a tail of " + file + " runs").isNotZero();
        return pid;
    }

    /** The tail this test started: its command line names the test's own file. */
    private static long tailPidOrZero(Path file) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(file.toString()))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(10);
        }
    }

    @Test
    void readFileIsWholeBoundedAndEmptyWhenMissing() throws IOException {
        Path f = dir.resolve("redis-bayes.conf");
        Files.writeString(f, "port 6378\nreplicaof localhost 6478\n");
        assertThat(local.readFile(f.toString())).contains("port 6378\nreplicaof localhost 6478\n");
        assertThat(local.readFile(dir.resolve("missing.conf").toString())).isEmpty();
        Path big = dir.resolve("big");
        try (RandomAccessFile r = new RandomAccessFile(big.toFile(), "rw")) {
            r.setLength(LocalTransport.MAX_READ_BYTES + 1);
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> local.readFile(big.toString())))
                .hasMessage(big + " is larger than 1 MiB; not a config file");
    }

    @Test
    void writeFileReplacesAtomicallyAndKeepsTheOldOneAsABackup() throws IOException {
        Path f = dir.resolve("etc/redis-bayes.conf");
        FileWrite first = local.writeFile(f.toString(), "one\n", 0640);
        assertThat(first.backup()).isEmpty();
        FileWrite second = local.writeFile(f.toString(), "two\n", 0640);
        assertThat(Files.readString(f)).isEqualTo("two\n");
        assertThat(Files.readString(Path.of(second.backup().orElseThrow()))).isEqualTo("one\n");
        assertThat(second.backup().get()).startsWith(f + ".bak-");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    }

    @Test
    void writeFileKeepsTheOwnerAndGroupOfTheFileItReplaces() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "changing owners needs root");
        Path f = dir.resolve("redis-bayes.conf");
        Files.writeString(f, "port 6378\n");
        var lookup = f.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(f, lookup.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(f, java.nio.file.attribute.PosixFileAttributeView.class)
                .setGroup(lookup.lookupPrincipalByGroupName("nogroup"));
        local.writeFile(f.toString(), "port 6379\n", 0640);
        var a = Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class);
        assertThat(a.owner().getName()).isEqualTo("nobody");
        assertThat(a.group().getName()).isEqualTo("nogroup");
        assertThat(Files.readString(f)).isEqualTo("port 6379\n");
    }
}
