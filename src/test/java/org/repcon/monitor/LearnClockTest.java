package org.repcon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.repcon.diagnosis.LearnActivity;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.RspamdCounts;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.topology.InstanceRef;

/** When Rspamd's counters on a master last moved, over refreshes of the recorded lab (master/bayes has two replicas). */
class LearnClockTest {

    private static final InstanceRef MASTER = InstanceRef.parse("master/bayes").orElseThrow();

    @Test
    void aMoveStartsTheClockAgainAndARefreshWithoutAnswerKeepsIt() {
        Recorded r = RecordedLab.healthy().keys("master/bayes", RspamdCounts.bayes(10, 5), OptionalLong.empty());
        LearnClock clock = new LearnClock(r.topology());
        long first = r.now();
        assertThat(clock.at(r.snapshot())).containsEntry(MASTER, new LearnActivity(15, first, false))
                .as("a replica, or an instance nothing replicates, is not watched").hasSize(1);
        r.refresh(Duration.ofMinutes(30));
        assertThat(clock.at(r.snapshot()).get(MASTER)).as("still: the clock runs from the first reading")
                .isEqualTo(new LearnActivity(15, first, false));
        r.keys("master/bayes", RspamdCounts.bayes(11, 5), OptionalLong.empty()).refresh(Duration.ofMinutes(1));
        long moved = r.now();
        assertThat(clock.at(r.snapshot()).get(MASTER)).isEqualTo(new LearnActivity(16, moved, true));
        r.instanceFailed("master/bayes", InstanceSample.Status.TIMEOUT, "no reply").refresh(Duration.ofHours(3));
        assertThat(clock.at(r.snapshot()).get(MASTER)).as("a master that did not answer has not stopped learning")
                .isEqualTo(new LearnActivity(16, moved, true));
    }

    @Test
    void perUserSumsJoiningTheTotalAreNoLearn() {
        RspamdCounts unread = new RspamdCounts(OptionalLong.of(10), OptionalLong.of(5), OptionalLong.empty(), OptionalLong.empty(),
                new RspamdCounts.PerUser(3, 2, RspamdCounts.PerUser.Sum.UNREAD, OptionalLong.empty(), OptionalLong.empty()));
        RspamdCounts summed = new RspamdCounts(OptionalLong.of(14), OptionalLong.of(7), OptionalLong.empty(), OptionalLong.empty(),
                new RspamdCounts.PerUser(3, 2, RspamdCounts.PerUser.Sum.SUMMED, OptionalLong.of(4), OptionalLong.of(2)));
        Recorded r = RecordedLab.healthy().keys("master/bayes", unread, OptionalLong.empty());
        LearnClock clock = new LearnClock(r.topology());
        assertThat(clock.at(r.snapshot())).as("the users not read yet: no reading").doesNotContainKey(MASTER);
        r.refresh(Duration.ofSeconds(1)).keys("master/bayes", summed, OptionalLong.empty());
        long first = r.now();
        assertThat(clock.at(r.snapshot()).get(MASTER)).as("the first whole reading starts the clock, not a move")
                .isEqualTo(new LearnActivity(21, first, false));
    }
}
