package org.repcon.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.probe.RspamdCounts.PerUser;
import org.repcon.probe.RspamdCounts.PerUser.Sum;
import org.repcon.testing.RedisProcess;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Rspamd's per-user Bayes learns summed as Rspamd sums them, against a real redis-server holding what Rspamd writes:
 * the hashes {@code RS<user>} and the sets that list them. Each probe is one pipeline, as the instance probe sends it;
 * what each probe asks is counted in the server's own command statistics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatfileSumsTest {

    @TempDir
    static Path dir;

    private RedisProcess redis;
    private Jedis client;

    @BeforeAll
    void start() {
        redis = RedisProcess.start(dir);
        client = redis.client();
    }

    @AfterAll
    void stop() {
        if (client != null) client.close();
        if (redis != null) redis.close();
    }

    @BeforeEach
    void empty() {
        client.flushAll();
        client.configResetStat();
    }

    /** One probe's pipeline, as InstanceProbe sends it. */
    private PerUser probe(StatfileSums sums) {
        try (Jedis j = redis.client()) {
            Pipeline p = j.pipelined();
            StatfileSums.Pending q = sums.queue(p);
            p.sync();
            return sums.read(q);
        }
    }

    private void users(String set, String field, int count, int each) {
        for (int n = 0; n < count; n++) {
            client.hset("RSuser" + n + "@example.org", field, Integer.toString(each));
            client.sadd(set, "RSuser" + n + "@example.org");
        }
    }

    @Test
    void withoutPerUserStatisticsThereIsNothingToAdd() {
        client.hset("RS", "learns_spam", "7");
        StatfileSums sums = new StatfileSums();
        assertThat(probe(sums)).as("no sets: the global RS is all there is").isNull();
        client.sadd(StatfileSums.SPAM_SET, "RS");
        client.sadd(StatfileSums.HAM_SET, "RS");
        assertThat(probe(sums).sum()).as("sizes seen, members not read yet").isEqualTo(Sum.UNREAD);
        assertThat(probe(sums)).as("members read: only RS").isNull();
        long scans = calls("sscan");
        assertThat(probe(sums)).isNull();
        assertThat(calls("sscan")).as("members read once, the sets unchanged since").isEqualTo(scans);
    }

    @Test
    void aFewUsersAreSummedWithEveryProbeAndANewUserIsSeenAtOnce() {
        client.hset("RS", "learns_spam", "100"); // the global hash: the probe's own HMGET, never summed here
        client.sadd(StatfileSums.SPAM_SET, "RS");
        users(StatfileSums.SPAM_SET, "learns_spam", 3, 4);
        users(StatfileSums.HAM_SET, "learns_ham", 2, 5);
        StatfileSums sums = new StatfileSums();
        assertThat(probe(sums).sum()).as("sizes and members read").isEqualTo(Sum.UNREAD);
        assertThat(sums.summable()).isTrue();
        PerUser p = probe(sums);
        assertThat(p.sum()).isEqualTo(Sum.SUMMED);
        assertThat(p.spamLearns()).hasValue(12);
        assertThat(p.hamLearns()).hasValue(10);
        assertThat(p.spamKeys()).isEqualTo(4);
        assertThat(p.hamKeys()).isEqualTo(2);
        assertThat(p.complete()).isTrue();
        assertThat(probe(sums).sum()).as("few users: summed again with the next probe").isEqualTo(Sum.SUMMED);

        // Rspamd learns for a new user: the sizes change, the sum over the old list is not taken as the truth.
        client.hset("RSnew@example.org", "learns_spam", "9");
        client.sadd(StatfileSums.SPAM_SET, "RSnew@example.org");
        PerUser changed = probe(sums);
        assertThat(changed.sum()).isEqualTo(Sum.STALE);
        assertThat(changed.complete()).isFalse();
        assertThat(probe(sums).sum()).as("the new list read, the last sum carried").isEqualTo(Sum.CARRIED);
        PerUser after = probe(sums);
        assertThat(after.sum()).isEqualTo(Sum.SUMMED);
        assertThat(after.spamLearns()).hasValue(21);
    }

    @Test
    void manyUsersAreSummedWhenAskedAndCarriedBetween() {
        users(StatfileSums.SPAM_SET, "learns_spam", StatfileSums.EVERY_REFRESH + 1, 2);
        StatfileSums sums = new StatfileSums();
        probe(sums);
        assertThat(probe(sums).sum()).as("the first sum (asked at the start)").isEqualTo(Sum.SUMMED);
        long before = hgets();
        PerUser between = probe(sums);
        assertThat(between.sum()).isEqualTo(Sum.CARRIED);
        assertThat(between.spamLearns()).hasValue(2L * (StatfileSums.EVERY_REFRESH + 1));
        assertThat(between.complete()).isFalse();
        assertThat(hgets() - before).as("HGETs of a probe between the minutes").isZero();
        sums.want();
        assertThat(probe(sums).sum()).isEqualTo(Sum.SUMMED);
        assertThat(hgets() - before).isEqualTo(StatfileSums.EVERY_REFRESH + 1);
    }

    @Test
    void setsBeyondTheBoundAreNeverRead() {
        List<String> members = new ArrayList<>();
        for (int n = 0; n <= StatfileSums.AT_MOST; n++) members.add("RSu" + n);
        client.sadd(StatfileSums.SPAM_SET, members.toArray(String[]::new));
        client.sadd(StatfileSums.HAM_SET, "RS");
        StatfileSums sums = new StatfileSums();
        for (int n = 0; n < 3; n++) {
            PerUser p = probe(sums);
            assertThat(p.sum()).isEqualTo(Sum.TOO_MANY);
            assertThat(p.spamKeys()).isEqualTo(StatfileSums.AT_MOST + 1);
            assertThat(p.spamLearns()).isEmpty();
        }
        assertThat(calls("sscan")).as("a set over the bound scanned only before its size was known").isEqualTo(2);
        assertThat(probe(sums).describe()).contains("over 10000 users, not read");
    }

    @Test
    void aKeyOfAnotherTypeUnderTheSetsNameIsNotRspamdsAndAskedAgainOnlyMinutesLater() {
        client.set(StatfileSums.SPAM_SET, "not a set");
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        StatfileSums sums = new StatfileSums(now::get);
        for (int n = 0; n < 3; n++) assertThat(probe(sums)).isNull();
        // Each WRONGTYPE would count in the instance's errorstat_WRONGTYPE: one probe's, then none.
        assertThat(calls("scard")).isEqualTo(2);
        now.addAndGet(StatfileSums.ASK_AGAIN_AFTER_NANOS - 1);
        assertThat(probe(sums)).isNull();
        assertThat(calls("scard")).as("not yet asked again").isEqualTo(2);

        // The key replaced by Rspamd's set (or an ACL fixed): the next ask after the pause reads the users.
        client.del(StatfileSums.SPAM_SET);
        client.hset("RSu@example.org", "learns_spam", "4");
        client.sadd(StatfileSums.SPAM_SET, "RSu@example.org");
        now.addAndGet(1);
        probe(sums);
        PerUser p = probe(sums);
        assertThat(calls("scard")).isEqualTo(6);
        assertThat(p.spamKeys()).isEqualTo(1);
        assertThat(p.spamLearns()).hasValue(4);
    }

    @Test
    void aFullSetOfExactlyTheBoundIsReadWhole() {
        List<String> members = new ArrayList<>();
        for (int n = 0; n < StatfileSums.AT_MOST; n++) members.add("RSu" + n);
        client.sadd(StatfileSums.SPAM_SET, members.toArray(String[]::new));
        StatfileSums sums = new StatfileSums();
        probe(sums);
        PerUser p = probe(sums);
        assertThat(p.sum()).as("summed (asked at the start)").isEqualTo(Sum.SUMMED);
        assertThat(p.spamLearns()).hasValue(0);
        assertThat(calls("sscan")).as("one scan per set").isEqualTo(2);
    }

    private long hgets() {
        return calls("hget");
    }

    /** How often the server ran a command (INFO commandstats), reset by nothing: compare two readings. */
    private long calls(String command) {
        String stats = client.info("commandstats");
        for (String line : stats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }
}
