package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.TestLab;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.transport.Transport;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;

/**
 * The host lock through a real transport (the local one; the ssh one runs the same command, see SshActionTest): who
 * holds it and why a second taker is refused, what counts as a gone holder, and where it lives per platform.
 */
class HostLockTest {

    private static final String ME = System.getProperty("user.name") + "@" + AuditRecord.machine();

    private static void writeOwner(Path lock, String machine, long pid, String what, OffsetDateTime since) throws Exception {
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("owner"), new HostLock.Owner("op", machine, pid, what,
                since.truncatedTo(ChronoUnit.SECONDS).toString()).line() + "\n");
    }

    @Test
    void aSecondTakerIsRefusedNamingTheHolderUntilItIsReleased(@TempDir Path dir) throws Exception {
        Topology topology = TestLab.create(173, dir).topology();
        Host replica1 = topology.host("replica1").orElseThrow();
        try (Transports transports = new Transports(topology)) {
            Transport t = transports.of(replica1);
            Path path = Path.of(HostLock.path(replica1));
            assertThat(path).isEqualTo(dir.resolve("replica1/run/repcon/lock"));
            HostLock held = HostLock.acquire(t, replica1, "setup --apply: replica1", n -> { });
            JsonObject owner = JsonParser.parseString(Files.readString(path.resolve("owner"))).getAsJsonObject();
            assertThat(owner.get("user").getAsString()).isEqualTo(System.getProperty("user.name"));
            assertThat(owner.get("machine").getAsString()).isEqualTo(AuditRecord.machine());
            assertThat(owner.get("pid").getAsLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(owner.get("what").getAsString()).isEqualTo("setup --apply: replica1");
            assertThat(OffsetDateTime.parse(owner.get("since").getAsString())).isBetween(OffsetDateTime.now().minusMinutes(1),
                    OffsetDateTime.now().plusSeconds(1));

            assertThatThrownBy(() -> HostLock.acquire(t, replica1, "stop replica1/bayes", n -> { }))
                    .isInstanceOf(RepconException.class)
                    .hasMessageMatching("replica1 is locked by " + java.util.regex.Pattern.quote(ME) + " pid "
                            + ProcessHandle.current().pid() + " since (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d: setup --apply: replica1");
            // Another host is another lock.
            try (HostLock other = HostLock.acquire(transports.of(topology.host("replica2").orElseThrow()),
                    topology.host("replica2").orElseThrow(), "stop replica2/bayes", n -> { })) {
                assertThat(other.host().name()).isEqualTo("replica2");
            }
            held.close();
            assertThat(path).doesNotExist();
            HostLock.acquire(t, replica1, "stop replica1/bayes", n -> { }).close();
            assertThat(path).doesNotExist();
        }
    }

    @Test
    void aLockOfAGoneHolderIsTakenOverAndSaidSoAndALiveOneIsNot(@TempDir Path dir) throws Exception {
        Topology topology = TestLab.create(173, dir).topology();
        Host host = topology.host("master").orElseThrow();
        Path path = Path.of(HostLock.path(host));
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        try (Transports transports = new Transports(topology)) {
            Transport t = transports.of(host);
            List<String> notes = new ArrayList<>();

            // This machine, a pid that no longer runs.
            writeOwner(path, AuditRecord.machine(), ended.pid(), "setup --apply: master", OffsetDateTime.now().minusMinutes(5));
            HostLock.acquire(t, host, "stop master/bayes", notes::add).close();
            assertThat(notes).singleElement().asString().startsWith("took over the lock of master from op@" + AuditRecord.machine()
                    + " pid " + ended.pid() + " since ").endsWith("(process " + ended.pid() + " no longer runs on "
                    + AuditRecord.machine() + ")");

            // Another machine: its pid says nothing here; recent, so it holds.
            writeOwner(path, "elsewhere.example", 4242, "setup --apply: master", OffsetDateTime.now().minusMinutes(30));
            assertThatThrownBy(() -> HostLock.acquire(t, host, "stop master/bayes", notes::add))
                    .hasMessageMatching("master is locked by op@elsewhere\\.example pid 4242 since (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d:\\d\\d: setup --apply: master");
            assertThat(path.resolve("owner")).exists();

            // ... until it is older than the stale bound.
            notes.clear();
            writeOwner(path, "elsewhere.example", 4242, "setup --apply: master", OffsetDateTime.now().minusHours(3));
            HostLock.acquire(t, host, "stop master/bayes", notes::add).close();
            assertThat(notes).singleElement().asString().startsWith("took over the lock of master from op@elsewhere.example pid 4242")
                    .endsWith("(held for more than 2 hours, longer than any change takes)");

            // This machine, a live process (this one) that took it: it holds.
            writeOwner(path, AuditRecord.machine(), ProcessHandle.current().pid(), "restart master/bayes", OffsetDateTime.now());
            assertThatThrownBy(() -> HostLock.acquire(t, host, "stop master/bayes", n -> { })).hasMessageContaining("restart master/bayes");

            // A lock with no owner: nobody can tell, so it is refused and the way out named.
            Files.delete(path.resolve("owner"));
            assertThatThrownBy(() -> HostLock.acquire(t, host, "stop master/bayes", n -> { }))
                    .hasMessage("master is locked by an unknown holder (no owner in " + path + "/owner); if no repcon is changing it,"
                            + " remove " + path);
        }
    }

    @Test
    void releasingNeverRemovesAnotherHoldersLock(@TempDir Path dir) throws Exception {
        Topology topology = TestLab.create(173, dir).topology();
        Host host = topology.host("master").orElseThrow();
        Path path = Path.of(HostLock.path(host));
        try (Transports transports = new Transports(topology)) {
            HostLock mine = HostLock.acquire(transports.of(host), host, "stop master/bayes", n -> { });
            writeOwner(path, "elsewhere.example", 4242, "setup --apply: master", OffsetDateTime.now()); // taken over meanwhile
            mine.close();
            assertThat(path.resolve("owner")).exists();
        }
    }

    @Test
    void aLockThatCannotBeMadeSaysWhyInOneLine(@TempDir Path dir) throws Exception {
        Topology topology = TestLab.create(173, dir).topology();
        Host host = topology.host("master").orElseThrow();
        Files.createDirectories(dir.resolve("master"));
        Files.writeString(dir.resolve("master/run"), "a file where the run directory should be\n");
        try (Transports transports = new Transports(topology)) {
            assertThatThrownBy(() -> HostLock.acquire(transports.of(host), host, "stop master/bayes", n -> { }))
                    .isInstanceOf(RepconException.class)
                    .hasMessageStartingWith("cannot lock master (" + HostLock.path(host) + "): mkdir: ")
                    .hasMessageNotContaining("\n").hasMessageNotContaining("sh -c");
        }
    }

    @Test
    void eachPlatformHasItsPlace() {
        assertThat(HostLock.path(TestTopologies.load("rspamd-freebsd.yaml").hosts().get(0))).isEqualTo("/var/run/repcon/lock");
        assertThat(HostLock.path(TestTopologies.load("rspamd-debian.yaml").hosts().get(0))).isEqualTo("/run/repcon/lock");
    }
}
