package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.repcon.cli.CliRunner;
import org.repcon.lab.LabFaults;
import org.repcon.lab.LabProcess;
import org.repcon.probe.ProbeOptions;
import org.repcon.testing.Healthy;
import org.repcon.testing.LabClassTest;
import org.repcon.topology.Convention;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.util.Pids;

/**
 * The fault matrix of docs/diagnosis.md: each fault injected from outside repcon (kill, redis-cli, a file edited
 * with sed), then what an operator sees and does: seconds until the console's refresh names the expected code, what a
 * `check` run says (one run before the fault, one after, as Nagios runs it), the suggested command run as a script
 * would (`shell -c CMD --yes`), and seconds until the finding clears. Prints a Markdown table and writes it to
 * target/fault-matrix.md. Not part of the default run (about five minutes): {@code scripts/fault-matrix}.
 */
@Tag("matrix")
class FaultMatrixTest extends LabClassTest {

    FaultMatrixTest() {
        super(28, ProbeOptions.defaults(), Thresholds.defaults().withEventWindow(Duration.ofSeconds(20)));
    }

    private static final Duration FIND_LIMIT = Duration.ofSeconds(20);
    /** Drift is compared once a minute, as the console compares it (never each refresh). */
    private static final Duration DRIFT_FIND_LIMIT = Duration.ofSeconds(70);
    private static final Duration CLEAR_LIMIT = Duration.ofSeconds(25);
    private static final Duration REFRESH = Duration.ofSeconds(1);

    /** A step run from outside repcon: a shell command, redis-cli, a signal. */
    @FunctionalInterface
    interface Outside {
        void run() throws Exception;
    }

    /** One row: what is done, the code and subject expected, and how the operator would undo it by hand. */
    record Fault(String what, String code, String subject, Outside inject, Outside undo) {}

    private List<Fault> faults() {
        return List.of(
                new Fault("`kill -9` a replica", "instance-down", "replica1/bayes", () -> kill("replica1", "bayes", "KILL"), this::none),
                new Fault("`redis-cli SAVE`, then `kill -9` the master", "instance-down", "master/bayes",
                        () -> { cli("master/bayes", "SAVE"); kill("master", "bayes", "KILL"); }, this::none),
                new Fault("`kill -9` the master with 200 unsaved writes", "instance-down", "master/fuzzy",
                        () -> { cli("master/fuzzy", "CONFIG", "SET", "save", ""); writes("master/fuzzy", "unsaved", 200);
                            kill("master", "fuzzy", "KILL"); }, this::none),
                new Fault("`kill -STOP` a replica", "instance-hung", "replica2/fuzzy", () -> kill("replica2", "fuzzy", "STOP"),
                        () -> kill("replica2", "fuzzy", "CONT")),
                new Fault("`kill -STOP` the master", "instance-hung", "master/bayes", () -> kill("master", "bayes", "STOP"),
                        () -> kill("master", "bayes", "CONT")),
                new Fault("`kill -9` a replica host's stunnel", "local-tunnel-down", "replica1/tunnel/bayes",
                        () -> killTunnel("replica1", "KILL"), this::none),
                new Fault("`kill -9` the master host's stunnel", "server-tunnel-down", "master/tunnel/bayes",
                        () -> killTunnel("master", "KILL"), this::none),
                new Fault("`kill -STOP` the master host's stunnel", "tunnel-hung", "master/tunnel/bayes",
                        () -> killTunnel("master", "STOP"), () -> killTunnel("master", "CONT")),
                new Fault("`kill -STOP` a replica host's stunnel", "tunnel-hung", "replica2/tunnel/bayes",
                        () -> killTunnel("replica2", "STOP"), () -> killTunnel("replica2", "CONT")),
                new Fault("`CONFIG SET min-replicas-to-write 3`, then a learn", "writes-refused", "master/bayes",
                        () -> { cli("master/bayes", "CONFIG", "SET", "min-replicas-to-write", "3");
                            cli("master/bayes", "HINCRBY", "RS", "learns_spam", "1"); },
                        () -> cli("master/bayes", "CONFIG", "SET", "min-replicas-to-write", "0")),
                new Fault("`EVAL` a script that never ends", "instance-busy", "master/fuzzy", this::busyScript,
                        () -> cli("master/fuzzy", "SCRIPT", "KILL")),
                new Fault("`REPLICAOF` the fuzzy tunnel on a bayes replica", "wrong-master", "replica1/bayes",
                        () -> cli("replica1/bayes", "REPLICAOF", address("replica1"), "6477"),
                        () -> cli("replica1/bayes", "REPLICAOF", address("replica1"), "6478")),
                new Fault("`ACL SETUSER repl` on the master; `masteruser repl` and a wrong `masterauth` on the replica", "auth-failure", "replica2/bayes",
                        this::wrongMasterauth, this::rightMasterauth),
                new Fault("`CONFIG SET replica-read-only no`", "replica-writable", "replica2/fuzzy",
                        () -> cli("replica2/fuzzy", "CONFIG", "SET", "replica-read-only", "no"),
                        () -> cli("replica2/fuzzy", "CONFIG", "SET", "replica-read-only", "yes")),
                new Fault("`REPLICAOF NO ONE` on a replica", "role-mismatch", "replica2/bayes",
                        () -> cli("replica2/bayes", "REPLICAOF", "NO", "ONE"),
                        () -> cli("replica2/bayes", "REPLICAOF", address("replica2"), "6478")),
                new Fault("`CONFIG SET maxmemory 1mb` on the master, then writes", "master-full", "master/fuzzy",
                        () -> { saved = configGet("master/fuzzy", "maxmemory"); cli("master/fuzzy", "CONFIG", "SET", "maxmemory", "1mb");
                            writes("master/fuzzy", "fill", 300); },
                        () -> { cli("master/fuzzy", "CONFIG", "SET", "maxmemory", saved); cli("master/fuzzy", "FLUSHALL"); }),
                new Fault("`replica-serve-stale-data no`, its stunnel killed, a read", "reads-refused", "replica1/fuzzy",
                        () -> { cli("replica1/fuzzy", "CONFIG", "SET", "replica-serve-stale-data", "no"); killTunnel("replica1", "KILL");
                            Thread.sleep(1500); cli("replica1/fuzzy", "GET", "fuzzy_count"); },
                        () -> cli("replica1/fuzzy", "CONFIG", "SET", "replica-serve-stale-data", "yes")),
                new Fault("a learn written to a replica (`HINCRBY` gets READONLY)", "writes-to-replica", "replica1/bayes",
                        () -> cli("replica1/bayes", "HINCRBY", "RS", "learns_spam", "1"), this::none),
                new Fault("keys written while a replica was writable", "replica-diverged", "replica2/fuzzy",
                        () -> { cli("replica2/fuzzy", "CONFIG", "SET", "replica-read-only", "no"); writes("replica2/fuzzy", "stray", 20);
                            cli("replica2/fuzzy", "CONFIG", "SET", "replica-read-only", "yes"); },
                        () -> cli("replica2/fuzzy", "REPLICAOF", address("replica2"), "6477")),
                new Fault("`repl-backlog-size 16kb`, replicas held, 2 MB written", "backlog-too-small", "master/bayes",
                        this::backlogBurst, () -> cli("master/bayes", "CONFIG", "SET", "repl-backlog-size", "1048576")),
                new Fault("`client-output-buffer-limit replica 1kb 1kb 0` on a 4 MB master, `redis-cli -r -1` writing",
                        "full-sync-loop", "master/fuzzy", this::outputBufferLoop, this::endOutputBufferLoop),
                new Fault("a replica's file edited: `replicaof` to another port (sed)", "file-drift", "replica1/fuzzy",
                        () -> editReplicaof("replica1/fuzzy", "6477", "6999"), () -> editReplicaof("replica1/fuzzy", "6999", "6477")),
                new Fault("`CONFIG SET maxmemory 50mb` at runtime on a replica", "config-drift", "replica2/bayes",
                        () -> { saved = configGet("replica2/bayes", "maxmemory"); cli("replica2/bayes", "CONFIG", "SET", "maxmemory", "50mb"); },
                        () -> cli("replica2/bayes", "CONFIG", "SET", "maxmemory", saved)),
                // Last: the process keeps the removed directory as its working directory, so nothing short of a
                // restart mends it (dir is a protected config), and a master that cannot save fails its full syncs.
                new Fault("the master's data directory removed (`rm -rf`), then `BGSAVE`", "rdb-failing", "master/bayes",
                        this::rdbFailing, () -> { Files.createDirectories(saved == null ? dir : Path.of(saved)); cli("master/bayes", "BGSAVE"); }));
    }

    @Test
    void everyFaultFromOutside() throws Exception {
        // Written row by row, so a long run can be followed (tail -f) and a cut one keeps what it measured.
        Path out = Path.of("target", "fault-matrix.md");
        Files.writeString(out, "| fault (from outside) | expected | console: the finding | s to finding | `check` after"
                + " (exit: first line) | suggested | ran it (exit: last line) | repairs | s to clear |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        int found = 0;
        List<Fault> faults = faults();
        for (Fault f : faults) {
            String row = run(f);
            if (!row.contains("| not found |")) found++;
            Files.writeString(out, row + "\n", StandardOpenOption.APPEND);
        }
        Files.writeString(out, "\n" + found + " of " + faults.size() + " faults found with the expected code.\n",
                StandardOpenOption.APPEND);
        assertThat(found).as("faults found with their expected code").isPositive();
    }

    private String run(Fault f) throws Exception {
        settle();
        CliRunner.run("check", file.toString()); // the run a minute before: the counters' baseline
        long t0 = System.nanoTime();
        try {
            f.inject().run();
        } catch (Exception e) {
            heal(f);
            return "| " + f.what() + " | `" + f.code() + "` | could not inject: " + cell(e.getMessage()) + " | | | | | | |";
        }
        Optional<Finding> seen = Optional.empty();
        List<Finding> last = List.of();
        Duration limit = f.code().endsWith("-drift") ? DRIFT_FIND_LIMIT : FIND_LIMIT;
        while (seen.isEmpty() && System.nanoTime() - t0 < limit.toNanos()) {
            last = monitor().refresh().findings();
            seen = last.stream().filter(x -> x.code().id().equals(f.code()) && x.subject().toString().equals(f.subject())).findFirst();
            if (seen.isEmpty()) Thread.sleep(REFRESH.toMillis());
        }
        double toFind = (System.nanoTime() - t0) / 1e9;
        CliRunner.Result check = CliRunner.run("check", file.toString());
        String checkCell = check.exitCode() + ": " + cell(check.out().lines().findFirst().orElse(""));
        if (seen.isEmpty()) {
            String instead = last.stream().filter(x -> x.severity() != Severity.INFO)
                    .map(x -> x.code().id() + " " + x.subject()).distinct().limit(3).reduce((a, b) -> a + ", " + b).orElse("nothing");
            heal(f);
            return "| " + f.what() + " | `" + f.code() + "` on " + f.subject() + " | not found | instead: " + cell(instead) + " | "
                    + checkCell + " | | | | |";
        }
        Finding finding = seen.get();
        String fix = finding.action();
        String ran = "";
        boolean repaired = false;
        double toClear = -1;
        if (!fix.isEmpty()) {
            long tf = System.nanoTime();
            CliRunner.Result r = CliRunner.run("shell", file.toString(), "-c", fix, "--yes");
            ran = r.exitCode() + ": " + cell((r.out() + r.err()).lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse(""));
            repaired = cleared(f, tf);
            if (repaired) toClear = (System.nanoTime() - tf) / 1e9;
        }
        heal(f);
        return "| " + f.what() + " | `" + f.code() + "` on " + f.subject() + " | " + finding.severity() + " " + cell(finding.summary())
                + " | " + String.format("%.1f", toFind) + " | " + checkCell + " | " + (fix.isEmpty() ? "(advice only)" : "`" + fix + "`")
                + " | " + ran + " | " + (fix.isEmpty() ? "-" : repaired ? "yes" : "no") + " | "
                + (toClear < 0 ? "-" : String.format("%.1f", toClear)) + " |";
    }

    private boolean cleared(Fault f, long since) throws InterruptedException {
        while (System.nanoTime() - since < CLEAR_LIMIT.toNanos()) {
            boolean present = monitor().refresh().findings().stream()
                    .anyMatch(x -> x.code().id().equals(f.code()) && x.subject().toString().equals(f.subject()));
            if (!present) return true;
            Thread.sleep(REFRESH.toMillis());
        }
        return false;
    }

    /** The operator's own undo, then the lab's processes back and every link up, then a quiet refresh. */
    private void heal(Fault f) throws Exception {
        try {
            f.undo().run();
        } catch (Exception e) {
            System.out.println("undo of '" + f.what() + "': " + e.getMessage());
        }
        LabFaults.heal(lab, new PrintWriter(new StringWriter()));
        lab.awaitReplication(new PrintWriter(new StringWriter()));
    }

    private void settle() throws InterruptedException {
        long t0 = System.nanoTime();
        while (!Healthy.quiet(monitor().refresh()) && System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos()) {
            Thread.sleep(REFRESH.toMillis());
        }
    }

    private static String cell(String s) {
        String one = s == null ? "" : s.replace('\n', ' ').replace("|", "\\|").strip();
        return one.length() > 110 ? one.substring(0, 107) + "..." : one;
    }

    // ---- what an operator types in another terminal ----

    private void none() {}

    private Instance instance(String ref) {
        return lab.topology().instance(InstanceRef.parse(ref).orElseThrow()).orElseThrow();
    }

    private String address(String host) {
        return lab.topology().host(host).orElseThrow().address().orElseThrow();
    }

    /** redis-cli against an instance; returns its output (an error reply is output too, as an operator sees it). */
    private String cli(String ref, String... args) throws Exception {
        Instance i = instance(ref);
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", address(i.host()), "-p", Integer.toString(i.port())));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private static String exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": no answer in 20 s");
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private void kill(String host, String name, String signal) throws Exception {
        LabProcess p = lab.process(host, name).orElseThrow();
        long pid = lab.pid(p).orElseThrow(() -> new IOException(p.label() + " is not running"));
        exec(List.of("kill", "-" + signal, Long.toString(pid)));
        if (signal.equals("KILL")) Pids.waitGone(pid, Duration.ofSeconds(10));
    }

    private void killTunnel(String host, String signal) throws Exception {
        LabProcess p = lab.tunnelProcess(host).orElseThrow();
        long pid = lab.pid(p).orElseThrow(() -> new IOException(p.label() + " is not running"));
        exec(List.of("kill", "-" + signal, Long.toString(pid)));
        if (signal.equals("KILL")) Pids.waitGone(pid, Duration.ofSeconds(10));
    }

    /** Keys written as a client would, through redis-cli's pipe mode. */
    private void writes(String ref, String prefix, int count) throws Exception {
        Instance i = instance(ref);
        StringBuilder in = new StringBuilder();
        String value = "v".repeat(10_000);
        for (int n = 0; n < count; n++) in.append("SET ").append(prefix).append(n).append(' ').append(value).append('\n');
        Process p = new ProcessBuilder("redis-cli", "-h", address(i.host()), "-p", Integer.toString(i.port()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().write(in.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private Process busy;

    private void busyScript() throws Exception {
        Instance i = instance("master/fuzzy");
        busy = new ProcessBuilder("redis-cli", "-h", address(i.host()), "-p", Integer.toString(i.port()), "EVAL",
                "local i = 0 while true do i = i + 1 end", "0").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(300);
    }

    private void wrongMasterauth() throws Exception {
        cli("master/bayes", "ACL", "SETUSER", "repl", "on", ">the-right-password", "+psync", "+replconf", "+ping");
        cli("replica2/bayes", "CONFIG", "SET", "masteruser", "repl");
        cli("replica2/bayes", "CONFIG", "SET", "masterauth", "a-wrong-one");
        cli("replica2/bayes", "CLIENT", "KILL", "TYPE", "master");
    }

    private void rightMasterauth() throws Exception {
        cli("master/bayes", "ACL", "DELUSER", "repl");
        cli("replica2/bayes", "CONFIG", "SET", "masteruser", "");
        cli("replica2/bayes", "CONFIG", "SET", "masterauth", "");
    }

    /** A value an inject read, for its undo (maxmemory in bytes: "64M" in a file is 64000000, "64mb" 67108864). */
    private String saved;

    private String configGet(String ref, String parameter) throws Exception {
        return cli(ref, "CONFIG", "GET", parameter).lines().skip(1).findFirst().orElseThrow();
    }

    private Path dataDir(String ref) throws Exception {
        return Path.of(configGet(ref, "dir"));
    }

    private void rdbFailing() throws Exception {
        Path data = dataDir("master/bayes");
        saved = data.toString();
        exec(List.of("rm", "-rf", data.toString()));
        cli("master/bayes", "BGSAVE");
    }

    private void backlogBurst() throws Exception {
        cli("master/bayes", "CONFIG", "SET", "repl-backlog-size", "16384");
        kill("replica1", "bayes", "STOP");
        kill("replica2", "bayes", "STOP");
        try {
            cli("master/bayes", "CLIENT", "KILL", "TYPE", "replica");
            writes("master/bayes", "burst", 200);
            Thread.sleep(1500);
        } finally {
            kill("replica1", "bayes", "CONT");
            kill("replica2", "bayes", "CONT");
        }
    }

    /** redis-cli repeating a 16 kB SET every 10 ms (as Rspamd learning at a busy site), until the undo stops it. */
    private Process writer;

    /**
     * A loop needs writes while the RDB is transferred: a 4 MB dataset, the replica class's limit at 1 kB, a 16 kB
     * backlog (no partial resync to fall back on), writes running, and the replicas' links cut once.
     */
    private void outputBufferLoop() throws Exception {
        writes("master/fuzzy", "big", 400);
        cli("master/fuzzy", "CONFIG", "SET", "repl-backlog-size", "16384");
        cli("master/fuzzy", "CONFIG", "SET", "client-output-buffer-limit", "replica 1kb 1kb 0");
        Instance i = instance("master/fuzzy");
        writer = new ProcessBuilder("redis-cli", "-h", address(i.host()), "-p", Integer.toString(i.port()), "-r", "-1", "-i",
                "0.01", "SET", "write:loop", "w".repeat(16384)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        cli("master/fuzzy", "CLIENT", "KILL", "TYPE", "replica");
    }

    private void endOutputBufferLoop() throws Exception {
        if (writer != null) {
            writer.destroyForcibly();
            writer.waitFor(5, TimeUnit.SECONDS);
        }
        cli("master/fuzzy", "CONFIG", "SET", "client-output-buffer-limit", "replica 256mb 64mb 60");
        cli("master/fuzzy", "CONFIG", "SET", "repl-backlog-size", "1048576");
        cli("master/fuzzy", "FLUSHALL");
    }

    private void editReplicaof(String ref, String from, String to) throws Exception {
        Instance i = instance(ref);
        Path conf = Path.of(lab.topology().hostOf(i).instancePath(i, Convention.INSTANCE_CONFIG));
        exec(List.of("sed", "-i", "s/^replicaof \\(.*\\) " + from + "$/replicaof \\1 " + to + "/", conf.toString()));
    }
}
