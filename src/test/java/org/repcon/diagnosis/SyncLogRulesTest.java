package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repcon.diagnosis.DiagnosisRulesTest.only;
import static org.repcon.testing.RecordedLab.healthy;
import static org.repcon.testing.RecordedLab.master;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.repcon.testing.Recorded;

/**
 * The master's log names a full-sync loop and a too small backlog from the first sample on (a check without state, a
 * console just started), where the counters need two: lines stamped within the event window count, older ones do not.
 */
class SyncLogRulesTest {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    /** A master's log line as Redis writes it, {@code secondsAgo} before the recording's now. */
    private static String line(Recorded r, long secondsAgo, String text) {
        return "4054:M " + STAMP.format(Instant.ofEpochMilli(r.snapshot().timeMs() - secondsAgo * 1000)) + " " + text;
    }

    private static String dropped(Recorded r, long secondsAgo) {
        return line(r, secondsAgo, "# Client id=7 addr=127.0.0.1:40112 laddr=127.0.0.1:6378 fd=11 name= age=2 idle=0 flags=S"
                + " db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 obl=0 oll=3 omem=1050016"
                + " tot-mem=1071352 events=r cmd=psync user=default redir=-1 resp=2 scheduled to be closed ASAP for"
                + " overcoming of output buffer limits.");
    }

    private static String noBacklog(Recorded r, long secondsAgo) {
        return line(r, secondsAgo, "* Unable to partial resync with replica 127.0.0.1:6378 for lack of backlog (Replica request"
                + " was: 29586).");
    }

    @Test
    void replicasDroppedForTheirOutputBufferWithinTheWindowAreALoopOnTheFirstSample() {
        Recorded r = healthy();
        r.log("master/bayes", List.of(dropped(r, 40), line(r, 39, "* Starting BGSAVE for SYNC with target: disk"),
                dropped(r, 20), line(r, 19, "* Synchronization with replica 127.0.0.1:6378 succeeded")));
        Finding f = only(r.findings(), Code.FULL_SYNC_LOOP, "master/bayes");
        assertThat(f.evidence()).first().isEqualTo("the master's log: 2 replica connections closed for their output buffer in the"
                + " last 2 min");
        assertThat(f.evidence()).last().asString().contains("overcoming of output buffer limits");
    }

    @Test
    void oneDropOrOnesOlderThanTheWindowAreNoLoop() {
        Recorded r = healthy();
        r.log("master/bayes", List.of(dropped(r, 600), dropped(r, 500), dropped(r, 30)));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aPartialResyncRefusedForLackOfBacklogWithinTheWindowIsBacklogTooSmallOnTheFirstSample() {
        Recorded r = healthy();
        r.log("master/bayes", List.of(noBacklog(r, 30), line(r, 29, "* Synchronization with replica 127.0.0.1:6378 succeeded")));
        Finding f = only(r.findings(), Code.BACKLOG_TOO_SMALL, "master/bayes");
        assertThat(f.evidence()).startsWith("the master's log: 1 partial resyncs refused for lack of backlog in the last 2 min",
                "repl_backlog_size:10485760");
        assertThat(f.evidence()).last().asString().contains("for lack of backlog");
    }

    @Test
    void aRefusalOlderThanTheWindowOrUnstampedSaysNothing() {
        Recorded r = healthy();
        r.log("master/bayes", List.of(noBacklog(r, 3600), "Unable to partial resync with replica x for lack of backlog",
                line(r, 10, "* Synchronization with replica 127.0.0.1:6378 succeeded")));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aLogStampReadsInTheGivenZone() {
        String l = "4054:M 30 Nov 2026 23:42:03.523 * Unable to partial resync";
        assertThat(LogPatterns.time(l, ZoneId.of("UTC"))).hasValue(Instant.parse("2026-11-30T23:42:03.523Z").toEpochMilli());
        assertThat(LogPatterns.time(l, ZoneId.of("Europe/Berlin"))).hasValue(Instant.parse("2026-11-30T22:42:03.523Z").toEpochMilli());
        assertThat(LogPatterns.time("[4054] 30 Nov 23:42:03 * old format", ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void theSuggestedSetsAreSizedFromWhatWasMeasured() {
        // A backlog: twice the current (10 MB) without a write rate, rounded up to a power of two.
        Recorded r = healthy();
        r.log("master/bayes", List.of(noBacklog(r, 30)));
        assertThat(only(r.findings(), Code.BACKLOG_TOO_SMALL, "master/bayes").action())
                .isEqualTo("set master/bayes repl-backlog-size 32mb");
        // Writes of 3 MB/s: 60 s of outage need 180 MB, so 256 MB.
        Recorded w = healthy().instance("master/bayes", master("valkey-8.0.1").with("master_repl_offset", 1000)
                .with("sync_partial_err", 0));
        w.refresh(java.time.Duration.ofSeconds(1));
        w.instance("master/bayes", master("valkey-8.0.1").with("master_repl_offset", 1000 + 3 * 1024 * 1024)
                .with("sync_partial_err", 2));
        Finding f = only(w.findings(), Code.BACKLOG_TOO_SMALL, "master/bayes");
        assertThat(f.action()).isEqualTo("set master/bayes repl-backlog-size 256mb");
        assertThat(f.evidence()).contains("writes up to 3.0M/s: 60 s of outage need 180M");
        // An output-buffer limit above twice the dataset, never below Redis's default of 256 MB.
        Recorded big = healthy().instance("master/bayes", master("valkey-8.0.1").with("used_memory_dataset", 300L * 1024 * 1024));
        big.log("master/bayes", List.of(dropped(big, 40), dropped(big, 20)));
        assertThat(only(big.findings(), Code.FULL_SYNC_LOOP, "master/bayes").action())
                .isEqualTo("set master/bayes client-output-buffer-limit 1024mb 256mb 60");
        Recorded small = healthy();
        small.log("master/bayes", List.of(dropped(small, 40), dropped(small, 20)));
        assertThat(only(small.findings(), Code.FULL_SYNC_LOOP, "master/bayes").action())
                .isEqualTo("set master/bayes client-output-buffer-limit 256mb 64mb 60");
    }
}
