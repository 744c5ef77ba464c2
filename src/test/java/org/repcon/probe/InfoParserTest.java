package org.repcon.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** INFO replies captured from real servers (see src/test/resources/info/README.md), then garbage. */
class InfoParserTest {

    /** A test run once for each Redis version whose INFO replies were captured. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest
    @ValueSource(strings = {"redis-7.0", "redis-6.2"})
    @interface EachVersion {}

    private static final List<String> SECTIONS = List.of("Server", "Clients", "Memory", "Persistence", "Stats",
            "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace");

    static String capture(String name) {
        try (InputStream in = InfoParserTest.class.getResourceAsStream("/info/" + name + ".txt")) {
            if (in == null) throw new AssertionError("no captured INFO " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Info parsed(String name) {
        return InfoParser.parse(capture(name));
    }

    @EachVersion
    void masterWithTwoReplicas(String version) {
        Info info = parsed(version + "-master-two-replicas");

        assertThat(info.problems()).isEmpty();
        assertThat(info.skippedLines()).isZero();
        assertThat(info.sections().keySet()).containsExactlyElementsOf(SECTIONS);
        assertThat(info.string("redis_version")).hasValue(version.equals("redis-7.0") ? "7.0.15" : "6.2.11");
        assertThat(info.role()).isEqualTo(Role.MASTER);
        assertThat(info.masterLink()).isEmpty();
        assertThat(info.longValue("master_repl_offset")).hasValue(8123);
        assertThat(info.replOffset()).hasValue(8123);
        assertThat(info.longValue("connected_slaves")).hasValue(2);
        assertThat(info.longValue("sync_full")).hasValue(2);
        assertThat(info.replicas()).hasSize(2).allSatisfy(r -> {
            assertThat(r.ip()).isEqualTo("127.0.0.1");
            assertThat(r.port()).isPresent();
            assertThat(r.online()).isTrue();
            assertThat(r.offset()).hasValue(8123);
            assertThat(r.lag()).hasValue(0);
        });
        assertThat(info.replicas()).extracting(ReplicaEntry::index).containsExactly(0, 1);
        assertThat(info.longValue("used_memory")).isPresent();
        assertThat(info.doubleValue("mem_fragmentation_ratio")).isPresent();
        assertThat(info.string("maxmemory_policy")).hasValue("noeviction");
        assertThat(info.flag("loading")).hasValue(false);
        assertThat(info.string("rdb_last_bgsave_status")).hasValue("ok");
        assertThat(info.string("Replication", "role")).hasValue("master");
        assertThat(info.string("replication", "role")).hasValue("master");
        assertThat(info.string("Memory", "role")).isEmpty();
    }

    @EachVersion
    void replicaWithLinkUpIsLevelWithItsMaster(String version) {
        Info master = parsed(version + "-master-two-replicas");
        Info replica = parsed(version + "-replica-link-up");

        assertThat(replica.problems()).isEmpty();
        assertThat(replica.role()).isEqualTo(Role.REPLICA);
        assertThat(replica.replicas()).isEmpty();
        MasterLink link = replica.masterLink().orElseThrow();
        assertThat(link.up()).isTrue();
        assertThat(link.host()).isEqualTo("127.0.0.1");
        assertThat(link.port()).isPresent();
        assertThat(link.endpoint()).isEqualTo("127.0.0.1:" + link.port().getAsInt());
        assertThat(link.lastIoSecondsAgo()).isPresent();
        assertThat(link.syncInProgress()).isFalse();
        assertThat(link.linkDownSinceSeconds()).isEmpty();
        assertThat(link.readOnly()).hasValue(true);
        assertThat(replica.replOffset()).hasValue(8123);
        assertThat(replica.replid()).isEqualTo(master.replid());
        assertThat(replica.bytesBehind(master)).hasValue(0);
        assertThat(master.bytesBehind(replica)).isEmpty();
    }

    @EachVersion
    void replicaWhoseMasterDied(String version) {
        MasterLink link = parsed(version + "-replica-link-down").masterLink().orElseThrow();

        assertThat(link.up()).isFalse();
        assertThat(link.lastIoSecondsAgo()).isEmpty(); // -1: no master client
        assertThat(link.linkDownSinceSeconds()).hasValue(2);
        assertThat(link.syncInProgress()).isFalse();
    }

    @EachVersion
    void replicaThatNeverReachedItsMaster(String version) {
        Info info = parsed(version + "-replica-never-connected");
        MasterLink link = info.masterLink().orElseThrow();

        assertThat(link.up()).isFalse();
        assertThat(link.linkDownSinceSeconds()).hasValue(-1);
        // A replica that never synced holds its own replication id: no lag in bytes can be claimed.
        assertThat(info.bytesBehind(parsed(version + "-master-two-replicas"))).isEmpty();
    }

    @EachVersion
    void fullSyncWaitingForTheMastersSave(String version) {
        Info master = parsed(version + "-master-replica-wait-bgsave");
        MasterLink link = parsed(version + "-replica-sync-in-progress").masterLink().orElseThrow();

        assertThat(master.replicas()).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo("wait_bgsave");
            assertThat(r.online()).isFalse();
        });
        assertThat(link.syncInProgress()).isTrue();
        assertThat(link.up()).isFalse();
        assertThat(link.syncTotalBytes()).isEmpty(); // -1: not known yet
        assertThat(link.syncReadBytes()).hasValue(0);
    }

    @EachVersion
    void disklessFullSyncMidStream(String version) {
        Info replica = parsed(version + "-replica-diskless-transfer");
        MasterLink link = replica.masterLink().orElseThrow();

        assertThat(link.syncInProgress()).isTrue();
        assertThat(link.syncTotalBytes()).isEmpty(); // 0: a diskless stream's size is unknown
        assertThat(link.syncReadBytes().orElseThrow()).isPositive();
        assertThat(replica.longValue("master_sync_left_bytes").orElseThrow()).isNegative();
        assertThat(replica.doubleValue("master_sync_perc")).hasValue(0.0);
    }

    @Test
    void lineEndsMayBeBareNewlines() {
        String crlf = capture("redis-7.0-replica-link-up");
        Info lf = InfoParser.parse(crlf.replace("\r\n", "\n"));

        assertThat(lf.fields()).isEqualTo(InfoParser.parse(crlf).fields());
        assertThat(lf.problems()).isEmpty();
    }

    // Garbage: the parser is fed whatever answers on a port, cut anywhere.

    @Test
    void emptyAndNullGiveAnEmptyInfoWithAProblem() {
        for (String text : new String[] {"", null, "\r\n\r\n"}) {
            Info info = InfoParser.parse(text);
            assertThat(info.fields()).isEmpty();
            assertThat(info.role()).isEqualTo(Role.UNKNOWN);
            assertThat(info.masterLink()).isEmpty();
            assertThat(info.problems()).containsExactly("no INFO fields in the reply");
        }
    }

    @Test
    void everyTruncationOfARealReplyParses() {
        String full = capture("redis-7.0-master-two-replicas");
        for (int cut = 0; cut <= full.length(); cut++) {
            String prefix = full.substring(0, cut);
            Info info = InfoParser.parse(prefix);
            assertThat(info.fields().size()).isLessThanOrEqualTo(InfoParser.parse(full).fields().size());
            info.masterLink();
            info.replOffset();
        }
        // Cut inside the replica lines: what is there is kept, the rest is absent, not wrong.
        int at = full.indexOf("slave1:ip=127.0.0.1,port=") + "slave1:ip=127.0.0.1,po".length();
        Info cut = InfoParser.parse(full.substring(0, at));
        assertThat(cut.replicas()).hasSize(2);
        assertThat(cut.replicas().get(1).port()).isEmpty();
        assertThat(cut.replicas().get(1).state()).isEmpty();
        assertThat(cut.longValue("master_repl_offset")).isEmpty();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThatCode(() -> {
                Info info = InfoParser.parse(text);
                info.masterLink();
                info.replicas();
                info.doubleValue("mem_fragmentation_ratio");
            }).doesNotThrowAnyException();
        }
    }

    @Test
    void badLinesAreSkippedAndRecorded() {
        Info info = InfoParser.parse(String.join("\r\n",
                "# Replication",
                "role:slave",
                "this line has no colon",
                ":no key",
                "bad key:1",
                "role:master",
                "ctl\u0001key:1",
                "master_link_status:up",
                ""));

        assertThat(info.role()).isEqualTo(Role.REPLICA); // the first of a repeated field stands
        assertThat(info.masterLink().orElseThrow().up()).isTrue();
        assertThat(info.skippedLines()).isEqualTo(5);
        assertThat(info.problems()).hasSize(5);
        assertThat(info.problems().get(0)).isEqualTo("line 3: no colon: 'this line has no colon'");
        assertThat(info.problems()).anyMatch(p -> p.startsWith("line 6: repeated field"));
        assertThat(info.problems()).anyMatch(p -> p.contains("'ctl?key:1'"));
    }

    @Test
    void nonNumericNumbersAreAbsentNotErrors() {
        Info info = InfoParser.parse("# Replication\nrole:slave\nmaster_port:sixty\nslave_repl_offset:12x\n"
                + "master_last_io_seconds_ago:99999999999999999999999\nmaster_sync_perc:NaN\nratio:1f\nneg:-3\n"
                + "dec:-0.5\nmaster_link_status:sideways\n");

        assertThat(info.longValue("slave_repl_offset")).isEmpty();
        assertThat(info.longValue("master_last_io_seconds_ago")).isEmpty();
        assertThat(info.doubleValue("master_sync_perc")).isEmpty();
        assertThat(info.doubleValue("ratio")).isEmpty();
        assertThat(info.longValue("neg")).hasValue(-3);
        assertThat(info.doubleValue("dec")).hasValue(-0.5);
        assertThat(info.longValue("nothing_here")).isEmpty();
        MasterLink link = info.masterLink().orElseThrow();
        assertThat(link.port()).isEmpty();
        assertThat(link.endpoint()).isEqualTo(":?");
        assertThat(link.up()).isFalse();
        assertThat(info.problems()).isEmpty(); // well-formed lines with odd values are not parse problems
    }

    @Test
    void malformedReplicaLines() {
        Info info = InfoParser.parse("# Replication\nrole:master\nslave0:garbage\nslave1:ip=::1,port=99999,state=online,"
                + "offset=-,lag=\nslave2:=,=x,port=6378\nslaveX:ip=1.2.3.4\n");

        // slave0 has no pairs; slaveX is an ordinary field, not a replica line.
        assertThat(info.replicas()).extracting(ReplicaEntry::index).containsExactly(1, 2);
        ReplicaEntry v6 = info.replicas().get(0);
        assertThat(v6.ip()).isEqualTo("::1");
        assertThat(v6.port()).isEmpty(); // out of range
        assertThat(v6.offset()).isEmpty();
        assertThat(v6.lag()).isEmpty();
        assertThat(info.replicas().get(1).port()).hasValue(6378);
        assertThat(info.problems()).singleElement().asString().contains("slave0 is not a list of name=value pairs");
        assertThat(info.string("slaveX")).hasValue("ip=1.2.3.4");
    }

    @Test
    void hugeInputIsBounded() {
        String longLine = "x".repeat(5_000_000);
        Info oneHugeLine = InfoParser.parse("# Server\nredis_version:7.0.15\n" + longLine + "\nrole:master\n");
        assertThat(oneHugeLine.role()).isEqualTo(Role.MASTER);
        assertThat(oneHugeLine.skippedLines()).isEqualTo(1);
        assertThat(oneHugeLine.problems().get(0)).startsWith("line 3: longer than 8192 characters: 'xxxx").hasSizeLessThan(120);

        StringBuilder many = new StringBuilder("# Stats\n");
        for (int i = 0; i < 50_000; i++) many.append("k").append(i).append(":1\n");
        Info manyFields = InfoParser.parse(many.toString());
        assertThat(manyFields.fields()).hasSize(InfoParser.MAX_FIELDS);
        // Found through an index that grew many times over while parsing.
        assertThat(manyFields.string("k0")).hasValue("1");
        assertThat(manyFields.string("k9999")).hasValue("1");
        assertThat(manyFields.string("k10000")).isEmpty();
        assertThat(manyFields.problems()).hasSize(1);

        StringBuilder manyBad = new StringBuilder();
        for (int i = 0; i < 1000; i++) manyBad.append("no colon here\n");
        Info bad = InfoParser.parse(manyBad.toString());
        assertThat(bad.skippedLines()).isEqualTo(1000);
        assertThat(bad.problems()).hasSize(InfoParser.MAX_PROBLEMS);
    }

    @Test
    void aHugeReplyKeepsItsFieldsButNotItsJunk() {
        String real = capture("redis-7.0-master-two-replicas");
        String junk = "no colon in this line at all\n".repeat(40_000);
        Info info = InfoParser.parse(real.replace("# Replication\r\n", "# Replication\r\n" + junk));

        assertThat(info.retainedChars()).isLessThan(real.length());
        assertThat(info.fields()).isEqualTo(InfoParser.parse(real).fields());
        assertThat(info.sections()).isEqualTo(InfoParser.parse(real).sections());
        assertThat(info.replicas()).hasSize(2);
        assertThat(info.longValue("master_repl_offset")).hasValue(8123);
        assertThat(info.string("Replication", "role")).hasValue("master");
        assertThat(info.skippedLines()).isEqualTo(40_000);
    }

    @Test
    void noNameIsAbsentNotAnError() {
        Info info = parsed("redis-7.0-master-two-replicas");
        assertThat(info.string(null)).isEmpty();
        assertThat(info.string("Replication", null)).isEmpty();
        assertThat(info.string(null, "role")).isEmpty();
        assertThat(Info.EMPTY.string("role")).isEmpty();
    }

    @Test
    void fieldsBeforeAnySectionAreKept() {
        Info info = InfoParser.parse("role:master\n# Replication\nconnected_slaves:0\n");
        assertThat(info.role()).isEqualTo(Role.MASTER);
        assertThat(info.sections().keySet()).containsExactly("", "Replication");
    }

    @Test
    void aNameInTwoSectionsIsKeptInEachAndTheFirstAnswersAlone() {
        Info info = InfoParser.parse("# Server\nport:6379\n# Other\nport:1\nport:2\n# server\nextra:x\n");

        assertThat(info.string("port")).hasValue("6379");
        assertThat(info.string("other", "port")).hasValue("1");
        assertThat(info.string("Server", "port")).hasValue("6379");
        assertThat(info.string("Server", "extra")).isEmpty(); // "# server" is a section of its own
        assertThat(info.string("Other", "missing")).isEmpty();
        assertThat(info.string("Nowhere", "port")).isEmpty();
        assertThat(info.fields()).containsExactly(java.util.Map.entry("port", "6379"), java.util.Map.entry("extra", "x"));
        assertThat(info.sections().get("Other")).containsExactly(java.util.Map.entry("port", "1"));
        assertThat(info.problems()).singleElement().asString().startsWith("line 5: repeated field");
    }

    @Test
    void viewsAreImmutable() {
        Info info = parsed("redis-7.0-master-two-replicas");
        assertThatThrownBy(() -> info.fields().put("role", "slave"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> info.sections().get("Replication").clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> info.replicas().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
