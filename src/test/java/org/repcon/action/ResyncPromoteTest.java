package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.lab.Lab;
import org.repcon.testing.TestLab;
import org.repcon.topology.Convention;
import org.repcon.topology.Instance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** Soft and full resync and promote, against a real lab; what the master's counters say about them. */
class ResyncPromoteTest extends LabActionTest {

    @Override
    Lab createLab(Path dir) {
        return TestLab.create(32, dir);
    }

    @Test
    void softResyncReconnectsWithAPartialResync() {
        long partial = counter("sync_partial_ok");
        long full = counter("sync_full");
        ActionResult r = run("resync replica1/bayes", Scripted.answering("y"));
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).startsWith("replica1/bayes resynced from master/bayes by partial resync (sync_partial_ok on"
                + " master/bayes " + partial + " -> " + (partial + 1) + "): link up, offsets meet at");
        assertThat(counter("sync_partial_ok")).isEqualTo(partial + 1);
        assertThat(counter("sync_full")).isEqualTo(full);
    }

    @Test
    void fullResyncMakesTheMasterSendEverythingOnceAndReportsProgress() {
        try (Jedis m = master()) {
            Pipeline p = m.pipelined();
            for (int k = 0; k < 5000; k++) p.set("token:" + k, "x".repeat(512));
            p.sync();
            // Slows the master's RDB stream down (a testing knob of Redis), so the sync lasts long enough to be watched.
            m.configSet("rdb-key-save-delay", "200");
        }
        try {
            long full = counter("sync_full");
            ActionResult none = run("resync replica2/bayes --full", Scripted.replying(new Reply.Unavailable("no terminal")));
            assertThat(none.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(counter("sync_full")).isEqualTo(full);

            Scripted s = Scripted.answering("replica2/bayes");
            List<SyncProgress> progress = s.syncs;
            long start = System.nanoTime();
            ActionResult r = run("resync replica2/bayes --full", s);
            System.out.println("TIMING resync replica2/bayes --full (5000 keys, rdb-key-save-delay 200us): "
                    + (System.nanoTime() - start) / 1_000_000 + " ms, " + progress.size() + " progress reports");
            assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
            assertThat(s.questions).extracting(Question::kind).containsExactly(Confirmation.TYPE_NAME);
            assertThat(s.previews.get(0).commands()).containsExactly("replica2/bayes> REPLICAOF NO ONE",
                    "replica2/bayes> REPLICAOF 127.0.32.4 6478");
            assertThat(counter("sync_full")).isEqualTo(full + 1);
            assertThat(r.message()).startsWith("replica2/bayes resynced from master/bayes by full sync (sync_full on master/bayes "
                    + full + " -> " + (full + 1) + "): link up, offsets meet at");
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(0).describe()).startsWith("replica2/bayes: full sync");
            assertThat(lab.infoField(instance("replica2/bayes"), "keyspace", "db0")).startsWith("keys=5000,");
        } finally {
            try (Jedis m = master()) {
                m.configSet("rdb-key-save-delay", "0");
            }
        }
    }

    @Test
    void promoteNeedsTheNameTypedAndPersistsSoThatARestartKeepsIt() throws Exception {
        Instance fuzzy = instance("replica2/fuzzy");
        Path file = Path.of(topology.hostOf(fuzzy).instancePath(fuzzy, Convention.INSTANCE_CONFIG));
        String before = Files.readString(file);

        ActionResult wrong = run("promote replica2/fuzzy", Scripted.answering("replica2/bayes"));
        assertThat(wrong.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(lab.infoField(fuzzy, "replication", "role")).isEqualTo("slave");

        Scripted s = Scripted.answering("replica2/fuzzy");
        ActionResult r = run("promote replica2/fuzzy", s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).startsWith("replica2/fuzzy is a master now, its data kept (");
        // Its question says what is at stake: the split, not a loss of data (promote keeps it).
        assertThat(s.questions.get(0).prompt()).isEqualTo("this parts replica2/fuzzy from its master for good (its data stays):"
                + " type replica2/fuzzy to go on (anything else stops): ");
        assertThat(s.previews.get(0).files().get(0).diff()).contains("-replicaof 127.0.32.4 6477\n+# replicaof 127.0.32.4 6477"
                + "  # commented out by repcon promote on ");
        assertThat(lab.infoField(fuzzy, "replication", "role")).isEqualTo("master");
        assertThat(Files.readString(file)).isEqualTo(before.replaceFirst("replicaof 127.0.32.4 6477\n",
                "# replicaof 127.0.32.4 6477  # commented out by repcon promote on " + java.time.LocalDate.now() + "\n"));

        assertThat(run("restart replica2/fuzzy", Scripted.answering("y")).outcome()).isEqualTo(Outcome.DONE);
        assertThat(lab.infoField(fuzzy, "replication", "role")).isEqualTo("master");

        ActionResult again = run("promote replica2/fuzzy", new Scripted());
        assertThat(again.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(again.message()).isEqualTo("replica2/fuzzy is a master already: nothing to promote");
        ActionResult resync = run("resync replica2/fuzzy", new Scripted());
        assertThat(resync.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(resync.message()).startsWith("replica2/fuzzy is a master right now, not a replica: re-point it instead");
    }

    private long counter(String field) {
        return Long.parseLong(lab.infoField(instance("master/bayes"), "stats", field));
    }

    private Jedis master() {
        return Lab.jedis(topology.host("master").orElseThrow(), 6378);
    }
}
