package org.repcon.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.testing.Await;
import org.repcon.testing.TestLab;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.Instance;
import org.repcon.topology.Platform;
import org.repcon.topology.Topology;
import org.repcon.util.Pids;

class LabTest {

    @Test
    void upReplicatesThroughStunnelAndDownLeavesNoProcess(@TempDir Path dir) throws Exception {
        Lab lab = TestLab.create(21, dir);
        List<Long> pids = new ArrayList<>();
        try {
            StringWriter out = new StringWriter();
            assertThat(lab.up(new PrintWriter(out))).as(out.toString()).isTrue();
            assertThat(out.toString()).contains("tunnels: stunnel with PSK", "replica1", "link up");
            for (LabProcess p : lab.processes()) pids.add(lab.pid(p).orElseThrow());
            assertThat(pids).hasSize(12);
            assertThat(Files.readAllLines(lab.topology().secrets())).anyMatch(l -> l.startsWith("replica1:"));

            // A second up finds everything running and starts nothing.
            lab.up(new PrintWriter(new StringWriter()));
            for (LabProcess p : lab.processes()) assertThat(lab.pid(p)).isPresent().get().isIn(pids);

            Instance replica = lab.topology().instance(new org.repcon.topology.InstanceRef("replica2", "fuzzy")).orElseThrow();
            try (var master = Lab.jedis(lab.topology().host("master").orElseThrow(), 6377)) {
                master.set("fuzzy-hash", "1");
            }
            try (var r = Lab.jedis(lab.topology().hostOf(replica), replica.port())) {
                Await.until("fuzzy-hash replicated to replica2/fuzzy", Duration.ofSeconds(10), () -> "1".equals(r.get("fuzzy-hash")));
            }
        } finally {
            List<LabProcess> stopped = lab.down();
            assertThat(stopped).hasSize(pids.size());
        }
        for (long pid : pids) assertThat(Pids.isRunning(pid)).as("pid " + pid).isFalse();
        assertThat(lab.down()).isEmpty();
    }

    @Test
    void downShutsEveryInstanceDownWithItsFinalSaveAndUpLoadsIt(@TempDir Path dir) throws Exception {
        Lab lab = TestLab.create(63, dir);
        LabProcess master = lab.process("master", "bayes").orElseThrow();
        Instance bayes = lab.topology().instance(new org.repcon.topology.InstanceRef("master", "bayes")).orElseThrow();
        long pid;
        try {
            assertThat(lab.up(new PrintWriter(new StringWriter()))).isTrue();
            pid = lab.pid(master).orElseThrow();
            try (var j = Lab.jedis(lab.topology().hostOf(bayes), bayes.port())) {
                for (int k = 0; k < 300; k++) j.set("down:" + k, "v");
            }
            assertThat(lab.infoField(bayes, "persistence", "rdb_changes_since_last_save")).isNotEqualTo("0");
        } finally {
            lab.down();
        }
        // Redis's own SHUTDOWN (not a signal), and its final save, in its log.
        List<String> log = Files.readAllLines(Path.of(lab.daemon(master).logFile().orElseThrow())).stream()
                .filter(l -> l.startsWith(pid + ":")).toList();
        assertThat(log).anyMatch(l -> l.contains("User requested shutdown")).anyMatch(l -> l.contains("DB saved on disk"))
                .noneMatch(l -> l.contains("Received SIGTERM"));
        try {
            assertThat(lab.up(new PrintWriter(new StringWriter()))).isTrue();
            try (var j = Lab.jedis(lab.topology().hostOf(bayes), bayes.port())) {
                assertThat(j.dbSize()).isEqualTo(300);
            }
        } finally {
            lab.down();
        }
    }

    @Test
    void faultsAreRecordedAndHealUndoesThem(@TempDir Path dir) {
        Lab lab = TestLab.create(22, dir);
        try {
            lab.up(new PrintWriter(new StringWriter()));
            LabFaults.inject(lab, LabFaults.Fault.KILL, "replica1/bayes");
            LabFaults.inject(lab, LabFaults.Fault.FREEZE, "master/fuzzy");
            LabFaults.inject(lab, LabFaults.Fault.REPLICA_WRITABLE, "replica2/bayes");
            assertThat(LabFaults.active(lab)).containsExactly("kill replica1/bayes", "freeze master/fuzzy",
                    "replica-writable replica2/bayes");
            assertThat(lab.pid(lab.process("replica1", "bayes").orElseThrow())).isEmpty();
            assertThat(Pids.isFrozen(lab.pid(lab.process("master", "fuzzy").orElseThrow()).orElseThrow())).isTrue();

            StringWriter out = new StringWriter();
            LabFaults.heal(lab, new PrintWriter(out));
            assertThat(out.toString()).contains("started replica1/bayes", "thawed master/fuzzy", "replica2/bayes: replica-read-only yes");
            assertThat(LabFaults.active(lab)).isEmpty();
            Instance r2 = lab.topology().instance(new org.repcon.topology.InstanceRef("replica2", "bayes")).orElseThrow();
            assertThat(lab.infoField(r2, "replication", "slave_read_only")).isEqualTo("1");
            assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
        } finally {
            lab.down();
        }
    }

    @Test
    void aProductionTopologyIsMappedOntoLoopbackAddresses(@TempDir Path dir) {
        Topology t = LabTopology.of(TestTopologies.load("rspamd-debian.yaml"), Optional.of(dir));
        assertThat(t.hosts()).extracting(h -> h.address().orElseThrow()).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
        assertThat(t.hosts()).isNotEmpty().allMatch(h -> h.platform() == Platform.LAB && h.access().isLocal());
        assertThat(t.host("edge2").orElseThrow().instancePath(t.instance(new org.repcon.topology.InstanceRef("edge2", "bayes"))
                .orElseThrow(), org.repcon.topology.Convention.INSTANCE_CONFIG)).isEqualTo(dir + "/edge2/etc/redis-bayes.conf");
        assertThat(t.secrets()).isEqualTo(dir.resolve("secrets.psk"));
        assertThat(t.counts()).isEqualTo("3 hosts, 9 instances, 6 tunnels");
    }

    @Test
    void aTakenPortStopsUpWithAOneLineReason(@TempDir Path dir) throws Exception {
        Lab lab = TestLab.create(23, dir);
        try (var blocker = new java.net.ServerSocket()) {
            blocker.bind(new java.net.InetSocketAddress("127.0.23.2", 6378));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> lab.up(new PrintWriter(new StringWriter()))))
                    .hasMessageContaining("127.0.23.2:6378 (for master/bayes) is taken by another process");
        } finally {
            lab.down();
        }
    }
}
