package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcon.cli.CliRunner;
import org.repcon.command.CommandParser;
import org.repcon.lab.Lab;
import org.repcon.setup.PlannedStep;
import org.repcon.setup.Setup;
import org.repcon.setup.SetupPlan;
import org.repcon.setup.SetupProgress;
import org.repcon.setup.SetupResult;
import org.repcon.setup.SetupRunner;
import org.repcon.testing.Await;
import org.repcon.testing.LabClassTest;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.transport.Transports;
import org.repcon.util.Pids;

/**
 * The rails on a live lab: an action or a setup step whose audit record cannot be written (the log a directory, its
 * disk full) does not start, and nothing changes; one change at a time per host (a second setup, or an action, during
 * a setup is refused in one line naming the holder); a lock whose holder is gone is taken over, and said so.
 */
class RailsLabTest extends LabClassTest {

    RailsLabTest() {
        super(172);
    }

    private Transports transports;
    private ActionContext ctx;

    @BeforeAll
    void connect() {
        transports = new Transports(lab.topology());
        ctx = new ActionContext(lab.topology(), transports, Lab.directProcesses(lab.topology()), Limits.defaults());
    }

    @AfterAll
    void disconnect() {
        if (transports != null) transports.close();
    }

    @AfterEach
    void noLockLeft() {
        for (Host h : lab.topology().hosts()) assertThat(Path.of(HostLock.path(h))).as("lock of " + h.name()).doesNotExist();
    }

    private ActionResult run(String line, Scripted s, Audit audit) {
        return new ActionRunner(ctx, false, s, s, audit).run(new CommandParser(lab.topology()).parse(List.of(line.split(" "))));
    }

    private long pid(String host, String name) {
        return lab.pid(lab.process(host, name).orElseThrow()).orElseThrow();
    }

    private Path config(String host, String instance) {
        return Path.of(lab.topology().host(host).orElseThrow().path(Convention.INSTANCE_CONFIG, instance).orElseThrow());
    }

    /** A local edit of replica1/bayes's file: setup has a step to apply (write it back, restart the instance). */
    private String touchConfig() throws Exception {
        String touched = Files.readString(config("replica1", "bayes")) + "# a local change setup undoes\n";
        Files.writeString(config("replica1", "bayes"), touched);
        return touched;
    }

    private SetupResult applySetup(Audit audit, SetupProgress progress) {
        Setup setup = new Setup(ctx, audit);
        SetupPlan plan = setup.plan(List.of(lab.topology().host("replica1").orElseThrow()));
        assertThat(plan.pending()).isNotEmpty();
        return new SetupRunner(setup, false, q -> new Reply.Answer("y")).apply(plan, progress);
    }

    @Test
    void anAuditLogThatIsADirectoryRefusesActionsAndSetupAndNothingChanges() throws Exception {
        Path logDir = Files.createDirectories(dir.resolve("audit-is-a-directory"));
        Audit audit = new Audit(logDir);
        long pid = pid("replica2", "fuzzy");
        ActionResult r = run("stop replica2/fuzzy", Scripted.answering("y"), audit);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.message()).isEqualTo("cannot write the audit log " + logDir + " (it is a directory); nothing runs unrecorded:"
                + " the log must be a writable file at " + logDir);
        assertThat(Pids.isRunning(pid)).isTrue();
        assertThat(pid("replica2", "fuzzy")).isEqualTo(pid);

        String touched = touchConfig();
        long bayes = pid("replica1", "bayes");
        SetupResult s = applySetup(audit, SetupProgress.NONE);
        assertThat(s.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(s.said()).startsWith("refused: cannot write the audit log " + logDir + " (it is a directory)");
        assertThat(Files.readString(config("replica1", "bayes"))).isEqualTo(touched);
        assertThat(pid("replica1", "bayes")).isEqualTo(bayes);
        restoreConfig();
    }

    @Test
    void aFullDiskRefusesTheChangeBeforeItStartsAndNothingChanges() throws Exception {
        Path full = fullDisk("full", "audit.log");
        try {
            Audit audit = new Audit(full.resolve("audit.log"));
            long pid = pid("replica2", "fuzzy");
            Scripted yes = Scripted.answering("y");
            ActionResult r = run("stop replica2/fuzzy", yes, audit);
            assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(r.message()).startsWith("cannot write the audit log " + full.resolve("audit.log") + " (No space left on device)")
                    .endsWith("nothing runs unrecorded: the log must be a writable file at " + full.resolve("audit.log"));
            assertThat(yes.previews).hasSize(1); // it got as far as the question: the 'started' record is what stopped it
            assertThat(yes.notes).noneMatch(n -> n.startsWith("running:"));
            assertThat(Pids.isRunning(pid)).isTrue();

            String touched = touchConfig();
            long bayes = pid("replica1", "bayes");
            SetupResult s = applySetup(audit, SetupProgress.NONE);
            assertThat(s.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(s.message()).startsWith("cannot write the audit log ").contains("No space left on device");
            assertThat(Files.readString(config("replica1", "bayes"))).isEqualTo(touched);
            assertThat(pid("replica1", "bayes")).isEqualTo(bayes);
            assertThat(Files.size(full.resolve("audit.log"))).isZero();
        } finally {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor();
            restoreConfig();
        }
    }

    /**
     * A 16k tmpfs at DIR/NAME holding the given (empty) files, then filled to the last byte; unmounted by the caller.
     * Mounting needs root: the test says so rather than pass without a full disk.
     */
    private Path fullDisk(String name, String... files) throws Exception {
        Path full = Files.createDirectories(dir.resolve(name));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", full.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        assertThat(mount.waitFor()).as("this test mounts a 16k tmpfs to fill it, which needs root: " + said).isZero();
        try {
            for (String f : files) {
                Files.createDirectories(full.resolve(f).getParent());
                Files.createFile(full.resolve(f));
            }
            Files.write(full.resolve("filler"), new byte[64 * 1024]);
        } catch (java.io.IOException expected) {
            assertThat(expected.getMessage()).contains("No space left on device"); // the filler is meant to fail half-way
        } catch (Exception | AssertionError e) {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor();
            throw e;
        }
        return full;
    }

    /** repcon ARGS in a process of its own, with its state (audit log, log, history) in {@code state}. */
    private Process repcon(Path state, Path output, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.repcon.cli.Main"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(output.toFile()).redirectError(output.resolveSibling(
                output.getFileName() + ".err").toFile());
        pb.environment().put("XDG_STATE_HOME", state.toString());
        return pb.start();
    }

    @Test
    void onAFullDiskTheShellSaysWhyInOneLineAndNothingChanges() throws Exception {
        Path full = fullDisk("full-state", "repcon/audit.log");
        try {
            long pid = pid("replica2", "fuzzy");
            Path out = dir.resolve("full-shell.out");
            Process p = repcon(full, out, "shell", file.toString(), "--yes", "-c", "stop replica2/fuzzy");
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("full-shell.out.err"));
            assertThat(p.exitValue()).as(err).isEqualTo(4);
            Path log = full.resolve("repcon/audit.log");
            assertThat(err).isEqualTo("repcon: refused: cannot write the audit log " + log + " (No space left on device);"
                    + " nothing runs unrecorded: the log must be a writable file at " + log + "\n");
            assertThat(Files.readString(out)).contains("will run:"); // it came as far as the 'started' record
            assertThat(Pids.isRunning(pid)).isTrue();
        } finally {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor();
        }
    }

    /** Setup as the operator runs it: the file written back, the instance restarted on it; and the lock released. */
    private void restoreConfig() {
        // A setup terminated late may have written the file back already (the touch is a comment: no restart due).
        Setup setup = new Setup(ctx, new Audit(dir.resolve("audit.log")));
        SetupPlan plan = setup.plan(List.of(lab.topology().host("replica1").orElseThrow()));
        if (plan.pending().isEmpty()) return;
        SetupResult s = new SetupRunner(setup, false, q -> new Reply.Answer("y")).apply(plan, SetupProgress.NONE);
        assertThat(s.outcome()).as(s.said()).isEqualTo(Outcome.DONE);
    }

    @Test
    void aSecondSetupAndAnActionDuringASetupAreRefusedNamingTheHolder() throws Exception {
        touchConfig();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        SetupProgress blocking = new SetupProgress() {
            @Override
            public void note(String line) {}

            @Override
            public void starting(PlannedStep step) {
                holding.countDown(); // replica1 is locked by now: its first step is about to be detected again
                try {
                    goOn.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CompletableFuture<SetupResult> first = CompletableFuture.supplyAsync(() -> applySetup(new Audit(dir.resolve("audit.log")), blocking));
        try {
            assertThat(holding.await(60, TimeUnit.SECONDS)).isTrue();
            String holder = "replica1 is locked by " + System.getProperty("user.name") + "@" + AuditRecord.machine() + " pid "
                    + ProcessHandle.current().pid() + " since ";

            CliRunner.Result second = CliRunner.run("setup", file.toString(), "--host", "replica1", "--apply", "--yes");
            assertThat(second.exitCode()).as(second.err()).isEqualTo(4);
            assertThat(second.err().lines()).hasSize(1);
            assertThat(second.firstErrLine()).startsWith("repcon: refused: " + holder).endsWith(": setup --apply: replica1");

            long fuzzy = pid("replica1", "fuzzy");
            CliRunner.Result action = CliRunner.run("shell", file.toString(), "--yes", "-c", "stop replica1/fuzzy");
            assertThat(action.exitCode()).as(action.err()).isEqualTo(4);
            assertThat(action.err().lines()).hasSize(1);
            assertThat(action.firstErrLine()).matches("repcon: refused: " + java.util.regex.Pattern.quote(holder)
                    + "(\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d: setup --apply: replica1");
            assertThat(Pids.isRunning(fuzzy)).isTrue();
        } finally {
            goOn.countDown();
        }
        SetupResult done = first.get(120, TimeUnit.SECONDS);
        assertThat(done.outcome()).as(done.said()).isEqualTo(Outcome.DONE);
        assertThat(Files.readString(config("replica1", "bayes"))).doesNotContain("a local change setup undoes");
    }

    @Test
    void aLockWhoseHolderIsGoneIsTakenOverAndSaidSo() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Host replica2 = lab.topology().host("replica2").orElseThrow();
        Path lock = Files.createDirectories(Path.of(HostLock.path(replica2)));
        String since = java.time.OffsetDateTime.now().minusMinutes(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        Files.writeString(lock.resolve("owner"), new HostLock.Owner("op", AuditRecord.machine(), gone.pid(), "setup --apply: replica2",
                since).line() + "\n");
        Scripted yes = Scripted.answering("y");
        ActionResult r = run("resync replica2/fuzzy", yes, new Audit(dir.resolve("audit.log")));
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(yes.notes).anyMatch(n -> n.startsWith("took over the lock of replica2 from op@" + AuditRecord.machine() + " pid "
                + gone.pid() + " since ") && n.endsWith(": setup --apply: replica2 (process " + gone.pid() + " no longer runs on "
                + AuditRecord.machine() + ")"));
        assertThat(lock).doesNotExist(); // released when the action ended
    }

    @Test
    void theLockIsReleasedWhenAnActionFails() throws Exception {
        Audit audit = new Audit(dir.resolve("audit.log"));
        assertThat(run("stop replica2/fuzzy", Scripted.answering("y"), audit).outcome()).isEqualTo(Outcome.DONE);
        Path conf = config("replica2", "fuzzy");
        String good = Files.readString(conf);
        Files.writeString(conf, good + "no-such-directive yes\n");
        try {
            ActionResult failed = run("start replica2/fuzzy", Scripted.answering("y"), audit);
            assertThat(failed.outcome()).as(failed.message()).isEqualTo(Outcome.FAILED);
            assertThat(Path.of(HostLock.path(lab.topology().host("replica2").orElseThrow()))).doesNotExist();
        } finally {
            Files.writeString(conf, good);
        }
        ActionResult started = run("start replica2/fuzzy", Scripted.answering("y"), audit);
        assertThat(started.outcome()).as(started.message()).isEqualTo(Outcome.DONE);
    }

    @Test
    void theLockIsReleasedWhenRepconIsTerminatedMidChange() throws Exception {
        touchConfig();
        Path lock = Path.of(HostLock.path(lab.topology().host("replica1").orElseThrow()));
        Path state = Files.createDirectories(dir.resolve("terminated-state"));
        Process repcon = repcon(state, dir.resolve("terminated.out"), "setup", file.toString(), "--host", "replica1", "--apply",
                "--yes");
        try {
            try {
                // Polled often: the lock is held only while the setup runs.
                Await.value("the lock taken", Duration.ofSeconds(60), Duration.ofMillis(2), () -> Files.exists(lock.resolve("owner")),
                        taken -> taken, Await.whileAlive(repcon));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; output: " + Files.readString(dir.resolve("terminated.out")));
            }
            assertThat(repcon.isAlive()).isTrue();
            repcon.destroy(); // SIGTERM, as a shutdown or kill would send
            assertThat(repcon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(repcon.exitValue()).as("ended by the signal, not done").isEqualTo(143);
            assertThat(lock).doesNotExist();
            assertThat(Files.readString(state.resolve("repcon/audit.log"))).contains("\"outcome\":\"started\"");
        } finally {
            repcon.destroyForcibly();
            restoreConfig();
        }
    }
}
