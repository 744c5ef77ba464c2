package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repcon.testing.RecordedLab.cache;
import static org.repcon.testing.RecordedLab.healthy;
import static org.repcon.testing.RecordedLab.master;
import static org.repcon.testing.RecordedLab.replica;
import static org.repcon.testing.RecordedLab.replicaDown;
import static org.repcon.testing.RecordedLab.topology;
import static org.repcon.testing.RecordedLab.HOSTS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.repcon.probe.InstanceSample.Status;
import org.repcon.probe.TunnelSample.Connect;
import org.repcon.probe.TunnelSample.Ping;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;

import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;

/**
 * Every diagnosis rule on recorded INFO replies (Valkey 8.0.1, Redis 8.0-M01, Redis 7.0 logs), no Redis:
 * a healthy deployment, then one field or one probe result changed per case. Each {@link Code} has a
 * case where it is found and, where the rule has one, a case where it must not be (a suppression by a
 * finding that explains it, a threshold not reached, a log error that a later success cleared).
 */
class DiagnosisRulesTest {

    static Optional<Finding> find(List<Finding> findings, Code code, String subject) {
        return findings.stream().filter(f -> f.code() == code && f.subject().key().equals(subject)).findFirst();
    }

    static Finding only(List<Finding> findings, Code code, String subject) {
        assertThat(findings).extracting(f -> f.code() + " " + f.subject().key()).containsExactly(code + " " + subject);
        return findings.get(0);
    }

    static List<Code> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    // ---- a healthy deployment ----

    @ParameterizedTest
    @ValueSource(strings = {"valkey-8.0.1", "redis-8.0-m01"})
    void aHealthyDeploymentHasNoFindings(String version) {
        assertThat(healthy(version).findings()).isEmpty();
    }

    // ---- InstanceRules: reachability ----

    @Test
    void aStoppedInstanceQuotesWhyItExitedFromItsLog() {
        // A 6.2 replica fed a Redis 7 RDB: it exits, and only its log says why.
        List<String> log = List.of(
                "7:S 01 Dec 2026 03:00:01.100 * MASTER <-> REPLICA sync: Loading DB in memory",
                "7:S 01 Dec 2026 03:00:01.101 # Can't handle RDB format version 10",
                "7:S 01 Dec 2026 03:00:01.101 # Failed trying to load the MASTER synchronization DB from disk",
                "7:S 01 Dec 2026 03:00:01.102 * Removing the temp file");
        Finding f = only(healthy().instanceFailed("replica1/redis", Status.REFUSED, "connection refused")
                .log("replica1/redis", log).findings(), Code.INSTANCE_DOWN, "replica1/redis");
        assertThat(f.evidence()).containsExactly("REFUSED: connection refused", log.get(1), log.get(2));
        // No warning line: its last lines, as they are.
        Finding plain = only(healthy().instanceFailed("replica1/redis", Status.REFUSED, "connection refused")
                .log("replica1/redis", List.of(log.get(0), log.get(3))).findings(), Code.INSTANCE_DOWN, "replica1/redis");
        assertThat(plain.evidence()).containsExactly("REFUSED: connection refused", log.get(0), log.get(3));
    }

    @Test
    void aRefusedMasterIsInstanceDown() {
        Finding f = only(healthy().instanceFailed("master/bayes", Status.REFUSED, "connection refused")
                // its replicas lose the link; the master's own finding explains it
                .instance("replica1/bayes", replicaDown("replica1")).instance("replica2/bayes", replicaDown("replica2"))
                .findings(), Code.INSTANCE_DOWN, "master/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        // Nothing is known of what it saved, and its replicas hold data: the safe fix brings it back from one of them.
        assertThat(f.action()).isEqualTo("restore master/bayes from replica1/bayes");
        assertThat(f.evidence()).contains("REFUSED: connection refused", "replicas depending on it: replica1/bayes, replica2/bayes");
    }

    @Test
    void aMasterThatAcceptsButDoesNotAnswerIsHung() {
        Finding f = only(healthy().instanceFailed("master/bayes", Status.TIMEOUT, "read timed out after 1000 ms").findings(),
                Code.INSTANCE_HUNG, "master/bayes");
        assertThat(f.action()).isEqualTo("restart master/bayes");
        assertThat(f.evidence()).contains("replica1/bayes: master_link_status:up master_last_io_seconds_ago:2");
    }

    @Test
    void anUnreachableHostIsOneHostFinding() {
        Finding f = only(healthy().instanceFailed("replica2/bayes", Status.UNREACHABLE, "no route to host").findings(),
                Code.HOST_UNREACHABLE, "replica2");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void aMasterUnreachableFromHereWhileItsReplicasReplicateIsOnlyAWarning() {
        Recorded r = healthy().instanceFailed("master/bayes", Status.UNREACHABLE, "no route to host");
        Finding f = find(r.findings(), Code.MASTER_UNREACHABLE_FROM_HERE, "master/bayes").orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(codes(r.findings())).doesNotContain(Code.HOST_UNREACHABLE);

        // One replica's link down: the master may really be gone, so the host is unreachable.
        r.instance("replica1/bayes", replicaDown("replica1"));
        assertThat(codes(r.findings())).contains(Code.HOST_UNREACHABLE).doesNotContain(Code.MASTER_UNREACHABLE_FROM_HERE);
    }

    @Test
    void aProbeRefusedForItsPasswordSaysWhich() {
        assertThat(only(healthy().instanceFailed("replica1/bayes", Status.AUTH_REQUIRED, "NOAUTH").findings(),
                Code.PROBE_AUTH, "replica1/bayes").summary()).contains("wants a password the topology does not give");
        assertThat(only(healthy().instanceFailed("replica1/bayes", Status.AUTH_FAILED, "WRONGPASS").findings(),
                Code.PROBE_AUTH, "replica1/bayes").summary()).contains("the topology's password is wrong");
    }

    @Test
    void somethingThatIsNotRedisIsAProtocolFinding() {
        assertThat(only(healthy().instanceFailed("replica1/redis", Status.PROTOCOL, "HTTP/1.1 400").findings(),
                Code.PROBE_PROTOCOL, "replica1/redis").severity()).isEqualTo(Severity.WARNING);
    }

    // ---- InstanceRules: role, memory, persistence, versions, exposure ----

    @Test
    void aReplicaThatBecameAMasterIsARoleMismatchToRepoint() {
        Finding f = only(healthy().instance("replica1/bayes", master("valkey-8.0.1").with("connected_slaves", 0)
                .without("slave0").without("slave1")).findings(), Code.ROLE_MISMATCH, "replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.action()).isEqualTo("repoint replica1/bayes to master/bayes");
        assertThat(f.fix()).isPresent();
    }

    @Test
    void aMasterThatBecameAReplicaIsARoleMismatchToPromote() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "redis-8.0-m01").instance("master/bayes", replica(t, "redis-8.0-m01", "master"));
        assertThat(find(r.findings(), Code.ROLE_MISMATCH, "master/bayes").orElseThrow().action()).isEqualTo("promote master/bayes");
    }

    @Test
    void aReplicaPointedElsewhereIsWrongMaster() {
        Finding f = only(healthy().instance("replica1/bayes", replica(topology(HOSTS), "valkey-8.0.1", "replica1")
                .with("master_port", 6378)).findings(), Code.WRONG_MASTER, "replica1/bayes");
        assertThat(f.summary()).contains("follows 127.0.0.3:6378 (the local instance replica1/bayes), not 127.0.0.3:6478");
        assertThat(f.action()).isEqualTo("repoint replica1/bayes to master/bayes");
    }

    @Test
    void aBayesReplicaOnTheFuzzyTunnelIsToldItHoldsFuzzyData() {
        Topology t = topology("""
                  master:
                    address: 127.0.0.2
                    instances: { bayes: { port: 6378 }, fuzzy: { port: 6377 } }
                    tunnels: { bayes: { accept: 6478, to: bayes }, fuzzy: { accept: 6477, to: fuzzy } }
                  replica1:
                    address: 127.0.0.3
                    instances: { bayes: { port: 6378, replicaof: master/bayes }, fuzzy: { port: 6377, replicaof: master/fuzzy } }
                    tunnels: { bayes: { accept: 6478, client: master/bayes }, fuzzy: { accept: 6477, client: master/fuzzy } }
                """);
        Finding f = only(healthy(t, "valkey-8.0.1")
                .instance("replica1/fuzzy", replica(t, "valkey-8.0.1", "replica1").with("master_port", 6477))
                .instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1").with("master_port", 6477))
                .findings(), Code.WRONG_MASTER, "replica1/bayes");
        assertThat(f.summary()).isEqualTo("replica1/bayes follows 127.0.0.3:6477 (replica1/tunnel/fuzzy, the tunnel to master/fuzzy:"
                + " this bayes replica now holds fuzzy data), not 127.0.0.3:6478 (the tunnel to master/bayes)");
    }

    @Test
    void aWritableReplicaIsReported() {
        Topology t = topology(HOSTS);
        assertThat(only(healthy(t, "valkey-8.0.1").instance("replica2/bayes", replica(t, "valkey-8.0.1", "replica2")
                .with("slave_read_only", 0)).findings(), Code.REPLICA_WRITABLE, "replica2/bayes").evidence())
                .containsExactly("slave_read_only:0");
    }

    @Test
    void aCacheThatReplicatesIsReported() {
        Topology t = topology(HOSTS);
        Finding asReplica = only(healthy(t, "valkey-8.0.1").instance("replica1/redis", replica(t, "valkey-8.0.1", "replica1"))
                .findings(), Code.CACHE_REPLICATING, "replica1/redis");
        assertThat(asReplica.action()).isEqualTo("promote replica1/redis");
        Finding withReplicas = only(healthy().instance("master/redis", cache("valkey-8.0.1").with("connected_slaves", 1))
                .findings(), Code.CACHE_REPLICATING, "master/redis");
        assertThat(withReplicas.action()).isEmpty();
    }

    @Test
    void aMasterAtItsLimitWithNoevictionIsFull() {
        InfoText full = master("valkey-8.0.1").with("maxmemory", 1_000_000).with("used_memory", 990_000);
        assertThat(only(healthy().instance("master/bayes", full).findings(), Code.MASTER_FULL, "master/bayes").severity())
                .isEqualTo(Severity.CRITICAL);
        // Refused writes settle it below 98 % (the refused clients' buffers were freed).
        InfoText oom = master("valkey-8.0.1").with("maxmemory", 1_000_000).with("used_memory", 920_000)
                .with("errorstat_OOM", "count=3");
        assertThat(only(healthy().instance("master/bayes", oom).findings(), Code.MASTER_FULL, "master/bayes").evidence())
                .contains("errorstat_OOM:count=3");
    }

    @Test
    void aMasterNearItsLimitIsAWarningOnlyWithNoeviction() {
        InfoText near = master("redis-8.0-m01").with("maxmemory", 1_000_000).with("used_memory", 920_000);
        Finding f = only(healthy("redis-8.0-m01").instance("master/bayes", near).findings(), Code.MASTER_NEAR_FULL, "master/bayes");
        assertThat(f.summary()).contains("92% of maxmemory");
        assertThat(healthy("redis-8.0-m01").instance("master/bayes", near.with("maxmemory_policy", "allkeys-lru")).findings())
                .isEmpty();
        assertThat(healthy("redis-8.0-m01").instance("master/bayes", near.with("used_memory", 850_000)).findings()).isEmpty();
    }

    @Test
    void aReplicaNearItsLimitOrBelowItsMastersIsReported() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "valkey-8.0.1")
                .instance("master/bayes", master("valkey-8.0.1").with("maxmemory", 2_000_000).with("used_memory", 950_000))
                .instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1").with("maxmemory", 1_000_000)
                        .with("used_memory", 950_000));
        Finding f = only(r.findings(), Code.REPLICA_NEAR_LIMIT, "replica1/bayes");
        assertThat(f.evidence()).contains("used_memory:950000", "master maxmemory:2000000");
        assertThat(f.summary()).contains("95% of its maxmemory");
        // The same replica with the master's limit and room to spare: nothing.
        r.instance("master/bayes", master("valkey-8.0.1").with("maxmemory", 1_000_000).with("used_memory", 500_000))
                .instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1").with("maxmemory", 1_000_000)
                        .with("used_memory", 500_000));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void failingSavesAreRdbFailing() {
        Finding f = only(healthy().instance("master/bayes", master("valkey-8.0.1").with("rdb_last_bgsave_status", "err"))
                .findings(), Code.RDB_FAILING, "master/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).contains("rdb_last_bgsave_status:err");
        assertThat(only(healthy().instance("master/bayes", master("valkey-8.0.1").with("aof_last_write_status", "err"))
                .findings(), Code.RDB_FAILING, "master/bayes").evidence()).contains("aof_last_write_status:err");
    }

    @Test
    void rdbFailingQuotesWhyFromTheLog() {
        // As Redis 7.0 logged it after its data directory was removed (rm -rf, then BGSAVE).
        String why = "8475:C 01 Dec 2026 06:50:24.814 # Failed opening the temp RDB file temp-8475.rdb (in server root dir"
                + " unknown) for saving: No such file or directory";
        Finding f = only(healthy().instance("master/bayes", master("valkey-8.0.1").with("rdb_last_bgsave_status", "err"))
                .log("master/bayes", List.of("8467:M 01 Dec 2026 06:50:20.001 * Ready to accept connections tcp", why,
                        "8467:M 01 Dec 2026 06:50:24.827 # Background saving error")).findings(), Code.RDB_FAILING, "master/bayes");
        assertThat(f.evidence()).endsWith(why, "8467:M 01 Dec 2026 06:50:24.827 # Background saving error");
    }

    @Test
    void anOlderReplicaIsAVersionMismatch() {
        Topology t = topology(HOSTS);
        Finding f = only(healthy(t, "redis-8.0-m01").instance("replica1/bayes", replica(t, "redis-8.0-m01", "replica1")
                .with("redis_version", "7.0.15")).findings(), Code.VERSION_MISMATCH, "replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.evidence()).containsExactly("replica replica1/bayes: redis 7.0.15 (redis_version:7.0.15)",
                "master master/bayes: redis 7.9.224 (redis_version:7.9.224)");
        // A newer replica is fine.
        assertThat(healthy(t, "redis-8.0-m01").instance("replica1/bayes", replica(t, "redis-8.0-m01", "replica1")
                .with("redis_version", "8.0.1")).findings()).isEmpty();
    }

    @Test
    void aReplicaThatCannotReadItsMastersRdbIsACriticalVersionMismatch() {
        Finding f = only(healthy().instance("replica1/bayes", replicaDown("replica1"))
                .log("replica1/bayes", List.of("1:S 30 Nov 2026 23:42:15.749 # Can't handle RDB format version 12"))
                .findings(), Code.VERSION_MISMATCH, "replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void replicasBehindStunnelLookAlikeOnTheMaster() {
        InfoText alike = master("valkey-8.0.1")
                .with("slave0", "ip=127.0.0.1,port=6378,state=online,offset=503,lag=0,type=replica")
                .with("slave1", "ip=127.0.0.1,port=6378,state=online,offset=503,lag=0,type=replica");
        Finding f = only(healthy().instance("master/bayes", alike).findings(), Code.REPLICAS_INDISTINGUISHABLE, "master/bayes");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence()).containsExactly("2 replicas at 127.0.0.1:6378");
    }

    @Test
    void anInstanceListeningBeyondLoopbackWithoutAPasswordIsExposed() {
        Topology t = topology(HOSTS.replace("    address: 127.0.0.4\n", "    address: 127.0.0.4\n    bind: [127.0.0.4, 10.1.2.3]\n"));
        Finding f = only(healthy(t, "valkey-8.0.1").findings(), Code.EXPOSED_WITHOUT_PASSWORD, "replica2/bayes");
        assertThat(f.summary()).contains("listens on 10.1.2.3 without a password");
    }

    // ---- TunnelRules ----

    @Test
    void aRefusedLocalTunnelEndIsLocalTunnelDown() {
        Finding f = only(healthy().tunnel("replica1/tunnel/bayes", Connect.REFUSED, Ping.NOT_SENT)
                .instance("replica1/bayes", replicaDown("replica1"))
                .log("replica1/bayes", List.of("1:S 30 Nov 2026 23:42:15.749 # Error condition on socket for SYNC: Connection refused"))
                .findings(), Code.LOCAL_TUNNEL_DOWN, "replica1/tunnel/bayes");
        assertThat(f.action()).isEqualTo("start replica1/tunnel/bayes");
        assertThat(f.evidence()).contains("replica1/bayes: master_link_status:down",
                "1:S 30 Nov 2026 23:42:15.749 # Error condition on socket for SYNC: Connection refused");
    }

    @Test
    void aRefusedServerEndIsServerTunnelDownAndExplainsTheClientsSilence() {
        List<Finding> findings = healthy().tunnel("master/tunnel/bayes", Connect.REFUSED, Ping.NOT_SENT)
                .tunnel("replica1/tunnel/bayes", Connect.OK, Ping.CLOSED).tunnel("replica2/tunnel/bayes", Connect.OK, Ping.CLOSED)
                .instance("replica1/bayes", replicaDown("replica1")).instance("replica2/bayes", replicaDown("replica2"))
                .findings();
        Finding f = only(findings, Code.SERVER_TUNNEL_DOWN, "master/tunnel/bayes");
        assertThat(f.evidence()).contains("used by replica1/tunnel/bayes", "used by replica2/tunnel/bayes");
    }

    @Test
    void tunnelFindingsQuoteTheStunnelLogsOfBothEnds() {
        // As the lab's stunnel 5.68 logged it on replica1 while the master's stunnel was killed: the fuzzy tunnel's
        // connects (port 6477) are not this tunnel's, and the follow-up and probe lines say nothing of their own.
        List<String> replicaLog = List.of(
                "2026.12.01 06:31:19 LOG5[9]: Service [bayes] accepted connection from 127.0.0.1:40544",
                "2026.12.01 06:31:19 LOG3[9]: s_connect: connect 127.0.0.2:6478: Connection refused (111)",
                "2026.12.01 06:31:19 LOG3[9]: No more addresses to connect",
                "2026.12.01 06:31:19 LOG3[10]: s_connect: connect 127.0.0.2:6477: Connection refused (111)",
                "2026.12.01 06:31:20 LOG3[11]: s_connect: connect 127.0.0.2:6478: Connection refused (111)",
                "2026.12.01 06:31:20 LOG3[12]: SSL_accept: ../ssl/record/rec_layer_s3.c:318: error:0A000126:SSL routines::unexpected eof while reading");
        Finding f = only(healthy().tunnel("master/tunnel/bayes", Connect.REFUSED, Ping.NOT_SENT)
                .tunnel("replica1/tunnel/bayes", Connect.OK, Ping.CLOSED).tunnel("replica2/tunnel/bayes", Connect.OK, Ping.CLOSED)
                .instance("replica1/bayes", replicaDown("replica1")).instance("replica2/bayes", replicaDown("replica2"))
                .stunnelLog("replica1", replicaLog).stunnelLog("master", List.of(
                        "2026.12.01 06:30:02 LOG5[main]: Configuration successful",
                        "2026.12.01 06:30:40 LOG4[3]: Service [bayes]: PSK identity not found (session id 1)"))
                .findings(), Code.SERVER_TUNNEL_DOWN, "master/tunnel/bayes");
        assertThat(f.evidence()).containsSubsequence(
                "master stunnel: 2026.12.01 06:30:40 Service [bayes]: PSK identity not found (session id 1)",
                "replica1 stunnel: 2026.12.01 06:31:20 s_connect: connect 127.0.0.2:6478: Connection refused (111)");
        assertThat(f.evidence()).noneMatch(e -> e.contains(":6477") || e.contains("No more addresses") || e.contains("unexpected eof"));
    }

    @Test
    void aClientEndWhosePingDiesIsTheRemoteLegUnlessTheMasterExplainsIt() {
        Finding f = only(healthy().tunnel("replica1/tunnel/bayes", Connect.OK, Ping.CLOSED)
                .instance("replica1/bayes", replicaDown("replica1")).findings(), Code.REMOTE_LEG_DOWN, "replica1/tunnel/bayes");
        assertThat(f.evidence()).anyMatch(e -> e.contains("compare the PSK identity and secret"));

        List<Finding> masterDown = healthy().tunnel("replica1/tunnel/bayes", Connect.OK, Ping.CLOSED)
                .instance("replica1/bayes", replicaDown("replica1")).instance("replica2/bayes", replicaDown("replica2"))
                .instanceFailed("master/bayes", Status.REFUSED, "connection refused").findings();
        assertThat(codes(masterDown)).containsExactly(Code.INSTANCE_DOWN);
    }

    @Test
    void aTunnelThatHangsIsTunnelHungAtEitherEnd() {
        assertThat(only(healthy().tunnel("master/tunnel/bayes", Connect.TIMEOUT, Ping.NOT_SENT).findings(),
                Code.TUNNEL_HUNG, "master/tunnel/bayes").action()).isEqualTo("restart master/tunnel/bayes");
        assertThat(only(healthy().tunnel("replica2/tunnel/bayes", Connect.OK, Ping.TIMEOUT).findings(),
                Code.TUNNEL_HUNG, "replica2/tunnel/bayes").summary()).contains("gets no answer");
        // A connect that times out on the local end is no less hung (it used to make no finding at all).
        Finding connect = only(healthy().tunnel("replica2/tunnel/bayes", Connect.TIMEOUT, Ping.NOT_SENT).findings(),
                Code.TUNNEL_HUNG, "replica2/tunnel/bayes");
        assertThat(connect.summary()).contains("does not complete connections");
        assertThat(connect.action()).isEqualTo("restart replica2/tunnel/bayes");
    }

    @Test
    void whenEveryClientEndOfAServerEndHangsTheMastersStunnelIsTheOneFinding() {
        // SIGSTOP on the master host's stunnel: the kernel still accepts on its port, so only the replicas' PINGs tell.
        List<Finding> findings = healthy().tunnel("replica1/tunnel/bayes", Connect.OK, Ping.TIMEOUT)
                .tunnel("replica2/tunnel/bayes", Connect.OK, Ping.TIMEOUT)
                .instance("replica1/bayes", replicaDown("replica1")).instance("replica2/bayes", replicaDown("replica2"))
                .findings();
        Finding f = only(findings, Code.TUNNEL_HUNG, "master/tunnel/bayes");
        assertThat(f.action()).isEqualTo("restart master/tunnel/bayes");
        assertThat(f.summary()).isEqualTo("stunnel on master :6478 takes connections but passes nothing on: every replica"
                + " behind it is cut off");
        assertThat(f.evidence()).contains("replica1/tunnel/bayes: connect ok, PING timed out",
                "replica2/tunnel/bayes: connect ok, PING timed out");
        // One replica's end alone is that replica's hop.
        assertThat(only(healthy().tunnel("replica1/tunnel/bayes", Connect.OK, Ping.TIMEOUT).findings(), Code.TUNNEL_HUNG,
                "replica1/tunnel/bayes").action()).isEqualTo("restart replica1/tunnel/bayes");
        // A hung master explains it all: its own finding, not the tunnel's.
        assertThat(codes(healthy().tunnel("replica1/tunnel/bayes", Connect.OK, Ping.TIMEOUT)
                .tunnel("replica2/tunnel/bayes", Connect.OK, Ping.TIMEOUT)
                .instanceFailed("master/bayes", Status.TIMEOUT, "no reply within 1000 ms").findings()))
                .containsExactly(Code.INSTANCE_HUNG);
    }

    @Test
    void whenEveryClientEndIsDroppedTheMastersStunnelDropsThem() {
        Finding f = only(healthy().tunnel("replica1/tunnel/bayes", Connect.OK, Ping.CLOSED)
                .tunnel("replica2/tunnel/bayes", Connect.OK, Ping.CLOSED).findings(), Code.REMOTE_LEG_DOWN, "master/tunnel/bayes");
        assertThat(f.summary()).contains("drops every connection");
    }

    // ---- LinkRules ----

    @Test
    void aDownLinkWithFineTunnelsIsLinkDownWithItsLogLines() {
        Finding f = only(healthy().instance("replica1/bayes", replicaDown("replica1"))
                .log("replica1/bayes", List.of("1:S 30 Nov 2026 23:42:15.749 # Timeout connecting to the MASTER..."))
                .findings(), Code.LINK_DOWN, "replica1/bayes");
        assertThat(f.action()).isEqualTo("logs replica1/bayes");
        assertThat(f.evidence()).contains("master_link_status:down", "1:S 30 Nov 2026 23:42:15.749 # Timeout connecting to the MASTER...");
    }

    @Test
    void aDownLinkExplainedOnTheWayIsNotALinkFinding() {
        List<Finding> findings = healthy().instance("replica1/bayes", replicaDown("replica1"))
                .tunnel("replica1/tunnel/bayes", Connect.OK, Ping.TIMEOUT).findings();
        assertThat(codes(findings)).containsExactly(Code.TUNNEL_HUNG);
    }

    @Test
    void aMasterRefusingTheReplicasAuthIsAuthFailureNotLinkDown() {
        List<String> log = InfoText.Resources.lines("recorded/valkey-8.0.1-replica2-noauth-excerpt.log");
        Finding f = only(healthy().instance("replica2/bayes", replicaDown("replica2")).log("replica2/bayes", log).findings(),
                Code.AUTH_FAILURE, "replica2/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).anyMatch(e -> e.contains("NOAUTH Authentication required"));
    }

    @Test
    void anAuthErrorThatALaterSyncClearedNoLongerCounts() {
        List<String> log = new java.util.ArrayList<>(InfoText.Resources.lines("recorded/redis-8.0-m01-replica2-noauth-excerpt.log"));
        log.add("1:S 30 Nov 2026 23:50:00.000 * MASTER <-> REPLICA sync: Finished with success");
        List<Finding> findings = healthy().instance("replica2/bayes", replicaDown("replica2")).log("replica2/bayes", log).findings();
        assertThat(codes(findings)).containsExactly(Code.LINK_DOWN);
    }

    @Test
    void aSilentMasterPastTheThresholdIsLagging() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "valkey-8.0.1").instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1")
                .with("master_last_io_seconds_ago", 30));
        Finding f = only(r.findings(), Code.LAGGING, "replica1/bayes");
        assertThat(f.action()).isEqualTo("resync replica1/bayes");
        // The threshold decides, not a constant: 30 s is normal under a 60 s limit.
        assertThat(r.findings(new Thresholds(60, 4L << 20, 0.9, 2, Duration.ofMinutes(2), 5, Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void aSilentMasterBehindAHungPathIsNotLaggingToo() {
        Topology t = topology(HOSTS);
        List<Finding> findings = healthy(t, "valkey-8.0.1").instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1")
                .with("master_last_io_seconds_ago", 30)).tunnel("replica1/tunnel/bayes", Connect.OK, Ping.TIMEOUT).findings();
        assertThat(codes(findings)).containsExactly(Code.TUNNEL_HUNG);
    }

    @Test
    void aLinkDownForLessThanTheReconnectGraceIsNoFindingYet() {
        // After a repair a replica retries once a second: a link down for 2 s only flashes.
        assertThat(healthy().instance("replica1/bayes", replicaDown("replica1").with("master_link_down_since_seconds", 2))
                .findings()).isEmpty();
        // Never up since it started 2 s ago (-1): the same.
        assertThat(healthy().instance("replica1/bayes", replicaDown("replica1").with("master_link_down_since_seconds", -1)
                .with("uptime_in_seconds", 2)).findings()).isEmpty();
        assertThat(codes(healthy().instance("replica1/bayes", replicaDown("replica1").with("master_link_down_since_seconds",
                Thresholds.LINK_RECONNECT_GRACE_SECONDS + 1)).findings())).containsExactly(Code.LINK_DOWN);
    }

    /** replica1/bayes that many bytes behind its master at each of consecutive refreshes, one second apart. */
    private static Recorded behind(long... bytes) {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "valkey-8.0.1");
        for (int n = 0; n < bytes.length; n++) {
            if (n > 0) r.refresh(Duration.ofSeconds(1));
            long offset = 20_000_000 - bytes[n];
            r.instance("master/bayes", master("valkey-8.0.1").with("master_repl_offset", 20_000_000))
                    .instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1").with("slave_repl_offset", offset)
                            .with("master_repl_offset", offset));
        }
        return r;
    }

    @Test
    void aReplicaFallingFurtherBehindIsLagging() {
        Finding f = only(behind(1_000_000, 5_000_000, 9_000_000).findings(), Code.LAGGING, "replica1/bayes");
        assertThat(f.summary()).contains("9000000 bytes behind and falling back");
        assertThat(f.evidence()).containsExactly("lag bytes over the last samples: [1000000, 5000000, 9000000]");
    }

    @Test
    void aReplicaFarBehindButCatchingUpOrBelowTheThresholdIsNotLagging() {
        assertThat(behind(9_000_000, 7_000_000, 5_000_000).findings()).isEmpty();
        assertThat(behind(1_000_000, 2_000_000, 3_000_000).findings()).isEmpty(); // growing, under 4 MiB
    }

    @Test
    void aFullSyncReadingNoBytesIsStalled() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "valkey-8.0.1").instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1")
                .with("master_sync_in_progress", 1).with("master_sync_total_bytes", 5_000_000).with("master_sync_read_bytes", 1_212_885));
        for (int n = 1; n < Thresholds.defaults().stalledSamples(); n++) {
            assertThat(r.findings()).as("after %d refreshes", n).isEmpty();
            r.refresh(Duration.ofSeconds(1));
        }
        Finding f = only(r.findings(), Code.SYNC_STALLED, "replica1/bayes");
        assertThat(f.action()).isEqualTo("resync replica1/bayes --full");
    }

    /**
     * A real full sync in progress reports {@code master_link_status:down} (Redis sets "up" only once the
     * sync is done; every capture shows it): one that reads no bytes is stalled, one that moves is no
     * finding at all (not a down link: the view shows its progress).
     */
    @Test
    void aRecordedStalledFullSyncIsStalled() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "redis-8.0-m01").instance("replica1/bayes",
                InfoText.resource("recorded/redis-8.0-m01-replica-sync-in-progress-info.txt")
                        .with("master_host", "127.0.0.3").with("master_port", 6478));
        for (int n = 1; n < Thresholds.defaults().stalledSamples(); n++) r.refresh(Duration.ofSeconds(1));
        assertThat(codes(r.findings())).containsExactly(Code.SYNC_STALLED);
    }

    @Test
    void aRecordedFullSyncThatMovesIsNoFinding() {
        Topology t = topology(HOSTS);
        InfoText syncing = InfoText.resource("recorded/redis-8.0-m01-replica-sync-in-progress-info.txt")
                .with("master_host", "127.0.0.3").with("master_port", 6478);
        Recorded r = healthy(t, "redis-8.0-m01").instance("replica1/bayes", syncing.with("master_sync_read_bytes", 1000));
        for (int n = 1; n <= Thresholds.defaults().stalledSamples(); n++) {
            r.instance("replica1/bayes", syncing.with("master_sync_read_bytes", 1000 + n * 65536));
            r.refresh(Duration.ofSeconds(1));
        }
        assertThat(codes(r.findings())).isEmpty();
    }

    // ---- SyncRules ----

    @Test
    void fullSyncsBeyondOnePerReplicaWithinTheWindowAreALoop() {
        Recorded r = healthy().instance("master/bayes", master("valkey-8.0.1").with("sync_full", 2));
        r.refresh(Duration.ofSeconds(30));
        r.instance("master/bayes", master("valkey-8.0.1").with("sync_full", 4)); // one per replica: a restart
        assertThat(r.findings()).isEmpty();
        r.refresh(Duration.ofSeconds(30));
        r.instance("master/bayes", master("valkey-8.0.1").with("sync_full", 5));
        Finding f = only(r.findings(), Code.FULL_SYNC_LOOP, "master/bayes");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence()).contains("sync_full rose by 3 in the last 2 min");
    }

    @Test
    void failedPartialResyncsWithinTheWindowMeanTheBacklogIsTooSmall() {
        // The recorded master log up to its "for lack of backlog" line (the sync after it succeeded).
        List<String> all = InfoText.Resources.lines("recorded/redis-7.0.15-master.log");
        int backlog = all.indexOf(all.stream().filter(l -> l.contains("for lack of backlog")).findFirst().orElseThrow());
        List<String> masterLog = all.subList(0, backlog + 1);
        Recorded r = healthy().instance("master/bayes", master("valkey-8.0.1")).log("master/bayes", masterLog);
        r.refresh(Duration.ofSeconds(10));
        // The same master later (recorded in another run: its run_id made the healthy one's, as it would be).
        r.instance("master/bayes", InfoText.resource("recorded/valkey-8.0.1-master-after-backlog-full-resync-info.txt")
                .with("sync_full", 2).with("run_id", "ea3342c5a27e1d94247a142f54e95d77b826ed5c"));
        Finding f = only(r.findings(), Code.BACKLOG_TOO_SMALL, "master/bayes");
        assertThat(f.evidence()).contains("sync_partial_err rose by 4 in the last 2 min")
                .anyMatch(e -> e.contains("for lack of backlog"));
        // Once the rise is older than the window, it no longer counts.
        r.refresh(Duration.ofMinutes(3));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void partialResyncsRefusedByARestartedMasterSayNothingOfItsBacklog() {
        // kill -9 and a start: a new run_id and replication id, so the replicas' partial resyncs are refused and
        // sync_partial_err rises, however large the backlog is.
        Recorded r = healthy().instance("master/bayes", master("valkey-8.0.1"));
        r.refresh(Duration.ofSeconds(10));
        r.instance("master/bayes", master("valkey-8.0.1").with("run_id", "0123456789abcdef0123456789abcdef01234567")
                .with("sync_partial_err", 2));
        assertThat(codes(r.findings())).doesNotContain(Code.BACKLOG_TOO_SMALL);
    }

    // ---- every code has a case in the package's unit tests ----

    @Test
    void everyCodeHasACaseInTheDiagnosisUnitTests() throws Exception {
        java.util.Set<String> named = new java.util.HashSet<>();
        try (var tests = Files.list(Path.of("src/test/java/org/repcon/diagnosis"))) {
            for (Path test : tests.filter(f -> f.toString().endsWith("Test.java")).toList()) {
                Matcher m = Pattern.compile("Code\\.([A-Z_]+)").matcher(Files.readString(test));
                while (m.find()) named.add(m.group(1));
            }
        }
        assertThat(Arrays.stream(Code.values()).map(Code::name).filter(c -> !named.contains(c)).toList())
                .as("codes without a unit test in the diagnosis package").isEmpty();
    }
}
