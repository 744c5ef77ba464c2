package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repcon.diagnosis.LogPatterns.Meaning;
import org.repcon.probe.Info;
import org.repcon.probe.InfoParser;
import org.repcon.probe.MasterLink;
import org.repcon.probe.ReplicaEntry;
import org.repcon.probe.Role;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.topology.Topology;

/**
 * Every capture of real servers in {@code src/test/resources/fixtures} (Valkey 8.0.1, Redis 8.0-M01, 7.4.1, 7.0.15;
 * see the README there): each INFO reply parses whole, says the role, link and offsets its scenario had, names its
 * server and version, and, dropped into a deployment of the same server, gives the findings its scenario calls for
 * (none for a healthy one), the same on every server. Every log's replication lines are known in either wording.
 */
class CapturesTest {

    private static final Path FIXTURES = fixtures();
    private static final Topology TOPOLOGY = RecordedLab.topology(RecordedLab.HOSTS);

    /** What each folder's servers call themselves. */
    private static final Map<String, String> SERVERS = Map.of("valkey-8.0.1", "valkey 8.0.1", "redis-8.0-m01", "redis 7.9.224",
            "redis-7.4.1", "redis 7.4.1", "redis-7.0.15", "redis 7.0.15");

    /** One INFO capture: its folder (the server) and file name (the scenario). */
    record Capture(String version, String name) {
        @Override
        public String toString() {
            return version + "/" + name;
        }

        boolean isMaster() {
            return name.startsWith("master-");
        }

        boolean isReplica() {
            return name.startsWith("replica-");
        }

        /** Whole INFO replies or their Replication section; the rest are other sections alone. */
        boolean hasReplication() {
            return (isMaster() || isReplica()) && !name.contains("errorstats") && !name.contains("info-server");
        }

        /** A sync of the whole dataset under way (not a partial resync). */
        boolean fullSync() {
            return name.contains("-sync-");
        }

        boolean hasServer() {
            return !name.contains("info-replication") && !name.startsWith("errors-") && !name.contains("errorstats");
        }

        String resource() {
            return "fixtures/" + version + "/" + name;
        }

        /** The INFO text: a .resp file is the raw bulk-string reply, its {@code $LENGTH} line first. */
        String text() {
            String raw = InfoText.Resources.text(resource());
            return name.endsWith(".resp") ? raw.substring(raw.indexOf("\r\n") + 2) : raw;
        }

        Info info() {
            return InfoParser.parse(text());
        }
    }

    static Stream<Capture> captures() {
        List<Capture> all = new ArrayList<>();
        for (String version : SERVERS.keySet().stream().sorted().toList()) {
            try (Stream<Path> files = Files.list(FIXTURES.resolve(version))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.contains("info") || n.contains("errorstats")).sorted()
                        .forEach(n -> all.add(new Capture(version, n)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.stream();
    }

    @Test
    void everyFolderAndEveryInfoCaptureIsHere() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList())
                    .containsExactlyInAnyOrderElementsOf(SERVERS.keySet());
        }
        // Valkey has four more: the dual-channel sync (master, replica receiving and loading), extended-redis-compatibility.
        assertThat(captures().filter(c -> c.version().equals("valkey-8.0.1")).count()).isEqualTo(29);
        assertThat(captures().count()).isEqualTo(29 + 3 * 25);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void parsesWholeWithItsRoleLinkOffsetsAndServer(Capture c) {
        Info info = c.info();
        assertThat(info.problems()).as("lines the parser skipped").isEmpty();
        assertThat(info.skippedLines()).isZero();
        if (c.hasServer() && !c.name().contains("errors")) {
            assertThat(info.serverAndVersion()).contains(SERVERS.get(c.version()));
            assertThat(info.mode()).contains("standalone");
        }
        if (!c.hasReplication()) {
            assertThat(info.role()).isEqualTo(Role.UNKNOWN);
            assertThat(info.masterLink()).isEmpty();
            return;
        }
        assertThat(info.replid()).isPresent();
        assertThat(info.longValue("master_repl_offset")).isPresent();
        if (c.isMaster()) {
            assertThat(info.role()).isEqualTo(Role.MASTER);
            assertThat(info.replOffset()).isEqualTo(info.longValue("master_repl_offset"));
            assertThat(info.connectedReplicas().orElseThrow()).as("connected replicas, a dual-channel sync's RDB channel not counted")
                    .isEqualTo(info.replicas().stream().filter(e -> !e.rdbChannel()).count());
            if (c.name().contains("healthy")) {
                assertThat(info.replicas()).hasSize(2).allMatch(ReplicaEntry::online);
                assertThat(info.replicas()).allMatch(e -> e.offset().equals(info.longValue("master_repl_offset")));
            }
            if (c.name().contains("dual-channel")) {
                assertThat(info.longValue("connected_slaves")).hasValue(3);
                assertThat(info.connectedReplicas()).hasValue(2);
                assertThat(info.replicas()).extracting(ReplicaEntry::type).containsExactly("replica", "rdb-channel", "main-channel");
            } else if (c.version().startsWith("valkey")) {
                assertThat(info.replicas()).allMatch(e -> e.type().equals("replica"));
            } else {
                assertThat(info.replicas()).allMatch(e -> e.type().isEmpty());
            }
            return;
        }
        assertThat(info.role()).isEqualTo(Role.REPLICA);
        MasterLink link = info.masterLink().orElseThrow();
        assertThat(link.endpoint()).matches("127\\.0\\.5\\.\\d+:7001");
        assertThat(info.replOffset()).isEqualTo(info.longValue("slave_repl_offset")).isPresent();
        boolean up = c.name().contains("healthy") || c.name().contains("after-partial-resync");
        assertThat(link.up()).as("link up").isEqualTo(up);
        assertThat(link.syncInProgress()).as("sync in progress").isEqualTo(c.fullSync());
        if (up) assertThat(link.lastIoSecondsAgo()).isPresent();
        if (c.name().contains("disk-based")) {
            assertThat(link.syncTotalBytes()).isPresent();
            assertThat(link.syncReadBytes().getAsLong()).isPositive().isLessThanOrEqualTo(link.syncTotalBytes().getAsLong());
        } else if (c.name().contains("sync-in-progress")) {
            assertThat(link.syncTotalBytes()).as("diskless: size unknown").isEmpty();
        }
        // None of these servers has Redis 8.x's sync-attempt fields (DIFFERENCES.md).
        assertThat(link.syncAttempts().known()).isFalse();
    }

    /** The master capture of the same moment as a replica's, where there is one (its keys, its offsets). */
    private static String masterBeside(Capture replica) {
        String n = replica.name();
        if (n.contains("dual-channel")) return "master-dual-channel-sync-info.txt";
        if (n.contains("disk-based")) return "master-sync-disk-based-send-bulk-info.txt";
        if (replica.fullSync()) return "master-sync-in-progress-info.txt";
        if (n.contains("after-partial-resync")) return "master-after-partial-resync-info.txt";
        return "master-healthy-info.txt";
    }

    /** The findings each scenario calls for, on every server (by the file name's scenario). */
    private static List<String> expectedCodes(Capture c) {
        String n = c.name();
        if (n.startsWith("replica-link-down")) return List.of("replica1/bayes link-down");
        if (n.startsWith("replica-auth-failed") || n.startsWith("replica-noauth")) return List.of("replica1/bayes auth-failure");
        return List.of();
    }

    /** Whole INFO replies, as the probe reads them (a Replication section alone has no keyspace: 0 keys to the rules). */
    static Stream<Capture> deployable() {
        return captures().filter(c -> c.hasReplication() && c.hasServer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployable")
    void diagnosedInADeploymentOfItsServerItGivesItsScenariosFindings(Capture c) {
        Recorded r = new Recorded(TOPOLOGY);
        r.instance("master/bayes", InfoText.resource("fixtures/" + c.version() + "/" + (c.isMaster() ? c.name() : masterBeside(c))));
        r.instance("master/redis", cache(c.version()));
        r.instance("replica1/redis", cache(c.version()));
        r.instance("replica2/bayes", replica(c.version(), "replica-healthy-info.txt", "replica2"));
        r.instance("replica1/bayes", c.isReplica() ? replica(c.version(), c.name(), "replica1")
                : replica(c.version(), "replica-healthy-info.txt", "replica1"));
        r.tunnelsFine();
        if (c.name().startsWith("replica-auth-failed")) r.log("replica1/bayes", untilLast(c.version(), "replica2.log", "Unable to AUTH"));
        if (c.name().startsWith("replica-noauth")) r.log("replica1/bayes", log(c.version(), "replica2-noauth-excerpt.log"));
        List<String> found = r.findings().stream().filter(f -> f.severity() != Severity.INFO || c.name().contains("dual-channel"))
                .map(f -> f.subject().key() + " " + f.code().id()).toList();
        assertThat(found).as(c + " gives").containsExactlyElementsOf(expectedCodes(c));
    }

    private static InfoText cache(String version) {
        return InfoText.resource("fixtures/" + version + "/master-healthy-info.txt").with("connected_slaves", 0)
                .without("slave0").without("slave1");
    }

    /** A replica's capture pointed at its host's tunnel end, as the topology has it. */
    private static InfoText replica(String version, String name, String host) {
        return InfoText.resource("fixtures/" + version + "/" + name)
                .with("master_host", TOPOLOGY.host(host).orElseThrow().loopback()).with("master_port", 6478);
    }

    private static List<String> log(String version, String name) {
        return InfoText.Resources.lines("fixtures/" + version + "/" + name);
    }

    /** The log as it stood when the last line containing {@code text} was written. */
    private static List<String> untilLast(String version, String name, String text) {
        List<String> lines = log(version, name);
        for (int i = lines.size() - 1; i >= 0; i--) if (lines.get(i).contains(text)) return lines.subList(0, i + 1);
        throw new AssertionError("no '" + text + "' in " + version + "/" + name);
    }

    static Stream<String> logs() {
        return SERVERS.keySet().stream().sorted().flatMap(v -> {
            try (Stream<Path> files = Files.list(FIXTURES.resolve(v))) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().map(n -> v + "/" + n).toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Lines found by their own words (either server's), and what LogPatterns must call them. */
    private static final Map<Pattern, Meaning> KNOWN = Map.of(
            Pattern.compile("(MASTER|PRIMARY) <-> REPLICA sync: Finished with success"), Meaning.SYNC_SUCCESS,
            Pattern.compile("Connection with (master|primary) lost"), Meaning.CONNECTION_LOST,
            Pattern.compile("Unable to AUTH to (MASTER|PRIMARY)"), Meaning.AUTH_WRONG,
            Pattern.compile("Full resync from (master|primary)"), Meaning.FULL_RESYNC,
            Pattern.compile("(Master|Primary) accepted a Partial Resynchronization"), Meaning.PSYNC_ACCEPTED,
            Pattern.compile("Synchronization with replica .* succeeded"), Meaning.REPLICA_SYNCED,
            Pattern.compile("for lack of backlog"), Meaning.NO_BACKLOG,
            Pattern.compile("Disconnecting timedout replica"), Meaning.REPLICA_TIMEDOUT,
            Pattern.compile("NOAUTH Authentication required"), Meaning.AUTH_MISSING);

    @ParameterizedTest(name = "{0}")
    @MethodSource("logs")
    void everyReplicationLineOfEveryLogIsKnownInEitherWording(String log) {
        List<String> lines = InfoText.Resources.lines("fixtures/" + log);
        int matched = 0;
        for (String line : lines) {
            for (var e : KNOWN.entrySet()) {
                if (e.getKey().matcher(line).find()) {
                    assertThat(LogPatterns.meaning(line)).as(line).contains(e.getValue());
                    matched++;
                }
            }
        }
        // Redis 7.0's protected-mode refusal (a replica from 127.0.5.12) is no line repcon knows: behind stunnel
        // replicas connect from 127.0.0.1.
        if (!log.contains("protected-mode")) assertThat(matched).as("replication lines in " + log).isPositive();
        if (log.matches(".*/replica[12]\\.log")) {
            assertThat(lines).as("a replica's log has a finished sync").anyMatch(l -> LogPatterns.meaning(l).equals(Optional.of(Meaning.SYNC_SUCCESS)));
        }
        if (log.endsWith("noauth-excerpt.log")) {
            assertThat(LogPatterns.standing(lines, Meaning.AUTH_MISSING)).isNotEmpty();
        }
    }

    private static Path fixtures() {
        try {
            return Path.of(CapturesTest.class.getClassLoader().getResource("fixtures").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
