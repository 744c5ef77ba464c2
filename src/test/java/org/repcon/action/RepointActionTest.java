package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.repcon.lab.Lab;
import org.repcon.testing.Await;
import org.repcon.testing.TwoMasters;
import org.repcon.topology.Convention;
import org.repcon.util.Log;
import redis.clients.jedis.Jedis;

/**
 * Re-pointing in a lab with two masters whose bayes instances hold different data: the replica ends up
 * with the new master's data, its file says so in its replicaof line and nowhere else, and a restart
 * keeps it there. Then the dataset guard, and that the password of the masters shows up nowhere.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RepointActionTest extends LabActionTest {

    @Override
    Lab createLab(Path dir) {
        return new Lab(TwoMasters.topology(31, dir));
    }

    @Override
    void prepare() throws Exception {
        fill("master/bayes", "m1:", 5);
        fill("master2/bayes", "m2:", 50);
        awaitKeys("replica1/bayes", 5);
    }

    @Test
    @Order(1)
    void repointFollowsTheNewMasterEditsOnlyItsLineAndSurvivesARestart() throws Exception {
        FileBefore file = FileBefore.read(Path.of(topology.host("replica1").orElseThrow().instancePath(instance("replica1/bayes"),
                Convention.INSTANCE_CONFIG)));
        assertThat(file.text()).contains("replicaof 127.0.31.4 6478\nmasterauth " + TwoMasters.PASSWORD + "\n");

        Scripted s = Scripted.answering("y");
        ActionResult r = run("repoint replica1/bayes to master2/bayes", s);
        assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.DONE);
        assertThat(r.message()).startsWith("replica1/bayes replicates from master2/bayes through 127.0.31.4:6480: link up, offsets meet at");
        Preview p = s.previews.get(0);
        assertThat(p.commands()).containsExactly("replica1/bayes> REPLICAOF 127.0.31.4 6480", file.writing("replica1"));
        assertThat(p.files().get(0).diff()).contains("-replicaof 127.0.31.4 6478\n+replicaof 127.0.31.4 6480\n masterauth <hidden>\n");
        assertThat(p.facts().get(0)).startsWith("replica1/bayes holds 5 keys, ").contains("master2/bayes holds 50 keys, ");
        assertThat(p.warnings()).containsExactly("the topology says replica1/bayes replicates from master/bayes: set 'replicaof:"
                + " master2/bayes' there, or the console will report it");
        assertThat(s.questions).extracting(Question::kind).containsExactly(Confirmation.YES_NO);

        try (Jedis j = jedis("replica1/bayes")) {
            repointed(j, file, "replicaof 127.0.31.4 6478", "replicaof 127.0.31.4 6480", lastAudit());
        }

        // After a restart it reads its file and still follows the new master, which still has its data.
        ActionResult restart = run("restart replica1/bayes", Scripted.answering("y"));
        assertThat(restart.outcome()).as(restart.message()).isEqualTo(Outcome.DONE);
        assertThat(lab.awaitReplication(new PrintWriter(new StringWriter()))).isTrue();
        assertThat(lab.infoField(instance("replica1/bayes"), "replication", "master_port")).isEqualTo("6480");
        try (Jedis m = jedis("master2/bayes")) {
            m.set("m2:after-restart", "1");
        }
        awaitKeys("replica1/bayes", 51);
        assertNoPassword(s.shown() + r.message());
    }

    /**
     * A replica re-pointed from the master with 5 keys "m1:*" to the one with 50 "m2:*" (here and over ssh): it holds the
     * new master's data; its file changed in the replicaof line only, the old one kept as the backup; the audit record
     * done, two commands run.
     */
    static void repointed(Jedis replica, FileBefore file, String replicaofBefore, String replicaofAfter, JsonObject audit)
            throws IOException {
        assertThat(replica.dbSize()).isEqualTo(50);
        assertThat(replica.keys("m1:*")).isEmpty();
        file.rewrittenAs(file.text().replace(replicaofBefore, replicaofAfter), audit);
        assertThat(audit.get("outcome").getAsString()).isEqualTo("done");
        assertThat(audit.getAsJsonArray("ran")).hasSize(2);
    }

    @Test
    @Order(2)
    void theDatasetGuardRefusesWhatWouldDestroyMoreDataUnlessForcedWithTheNameTyped() throws Exception {
        // replica1/bayes now holds master2's 51 keys; master/bayes has 5: going back would destroy 46.
        Scripted refused = new Scripted();
        ActionResult r = run("repoint replica1/bayes to master/bayes", refused);
        assertThat(r.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(r.message()).startsWith("replica1/bayes holds more data than master/bayes (51 keys, ")
                .endsWith("the full sync from master/bayes would destroy it; add --force (and type replica1/bayes) to do it anyway");
        assertThat(refused.questions).isEmpty();
        assertThat(lastAudit().get("outcome").getAsString()).isEqualTo("refused");

        // Forced, the name must be typed; y is not enough, another name declines.
        ActionResult wrong = run("repoint replica1/bayes to master/bayes --force", Scripted.answering("y"));
        assertThat(wrong.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(wrong.message()).isEqualTo("typed 'y', not 'replica1/bayes': nothing done");
        assertThat(lab.infoField(instance("replica1/bayes"), "replication", "master_port")).isEqualTo("6480");

        Scripted typed = Scripted.answering("", "replica1/bayes");
        ActionResult forced = run("repoint replica1/bayes to master/bayes --force", typed);
        assertThat(forced.outcome()).as(forced.message()).isEqualTo(Outcome.DONE);
        assertThat(typed.questions).extracting(Question::kind).containsExactly(Confirmation.TYPE_NAME, Confirmation.TYPE_NAME);
        assertThat(typed.questions.get(0).prompt()).isEqualTo("this destroys data on replica1/bayes: type replica1/bayes to go on"
                + " (anything else stops): ");
        assertThat(typed.previews.get(0).warnings()).anyMatch(w -> w.startsWith("replica1/bayes holds more data than master/bayes"));
        try (Jedis j = jedis("replica1/bayes")) {
            assertThat(j.dbSize()).isEqualTo(5);
        }
        List<String> outcomes = Files.readAllLines(audit.file()).stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject().get("outcome").getAsString()).toList();
        assertThat(outcomes.subList(outcomes.size() - 4, outcomes.size())).containsExactly("refused", "declined", "started", "done");
    }

    @Test
    @Order(3)
    void aMasterWithReplicasAndTheTopologysMasterAreGuarded() {
        ActionResult followed = run("repoint master/bayes to master2/bayes --force", new Scripted());
        assertThat(followed.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(followed.message()).startsWith("master/bayes has 1 replica connected: re-pointing it would make them");

        // master2/bayes has no replica connected any more, but it is a master in the topology.
        ActionResult master = run("repoint master2/bayes to master/bayes", new Scripted());
        assertThat(master.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(master.message()).startsWith("master2/bayes is the topology's master: its data (51 keys, ")
                .endsWith("add --force (and type master2/bayes) to do it anyway");
        try (Jedis m = jedis("master2/bayes")) {
            assertThat(m.dbSize()).isEqualTo(51);
        }
    }

    @Test
    @Order(4)
    void thePasswordAppearsInNoPreviewLogOrAuditLine() throws Exception {
        assertNoPassword(Files.readString(audit.file()));
        if (Files.exists(Log.file())) assertNoPassword(Files.readString(Log.file()));
        // The lab's own files hold it (that is where Redis reads it); nothing of repcon's shows it.
        assertThat(Files.readString(Path.of(topology.host("master").orElseThrow().instancePath(instance("master/bayes"),
                Convention.INSTANCE_CONFIG)))).contains("requirepass " + TwoMasters.PASSWORD);
    }

    @Override
    ActionResult run(String line, Scripted s) {
        ActionResult r = super.run(line, s);
        assertNoPassword(s.shown() + r.message());
        return r;
    }

    private static void assertNoPassword(String text) {
        assertThat(text).doesNotContain(TwoMasters.PASSWORD);
    }


    private void fill(String ref, String prefix, int n) {
        try (Jedis j = jedis(ref)) {
            for (int k = 0; k < n; k++) j.set(prefix + k, "x".repeat(1024));
        }
    }

    private void awaitKeys(String ref, long n) {
        try (Jedis j = jedis(ref)) {
            Await.value(ref + " holds " + n + " keys", Duration.ofSeconds(10), j::dbSize, keys -> keys == n);
        }
    }

}
