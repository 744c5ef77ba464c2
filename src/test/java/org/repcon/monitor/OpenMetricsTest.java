package org.repcon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.repcon.diagnosis.Thresholds;
import java.util.OptionalLong;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.RspamdCounts;
import org.repcon.probe.TunnelSample;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.testing.TestTopology;
import org.repcon.topology.Topology;

/** The metrics renderer on recorded snapshots: names, escaping, values, and every family it has. */
class OpenMetricsTest {

    /** The recorded lab and a third replica, so that one snapshot can hold a healthy, a syncing and a cut-off replica. */
    private static final Topology TOPOLOGY = RecordedLab.topology(RecordedLab.HOSTS + TestTopology.bayesReplica("replica3", "127.0.0.5"));

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"(,|$)");

    /**
     * replica1 healthy but 103 bytes behind (with the sync-attempt fields of Redis 8.x, which no capture has),
     * replica2 in a disk-based full sync, replica3 cut off with its tunnel down.
     */
    private static Recorded troubled() {
        Recorded r = RecordedLab.healthy(TOPOLOGY, "valkey-8.0.1");
        r.instance("replica1/bayes", RecordedLab.replica(TOPOLOGY, "valkey-8.0.1", "replica1").with("slave_repl_offset", 400)
                .with("master_current_sync_attempts", 0).with("master_total_sync_attempts", 2));
        r.instance("replica2/bayes", InfoText.resource("fixtures/valkey-8.0.1/replica-sync-disk-based-in-progress-info.txt")
                .with("master_host", "127.0.0.4").with("master_port", 6478));
        r.instance("replica3/bayes", InfoText.resource("recorded/valkey-8.0.1-replica-link-down-info.txt")
                .with("master_host", "127.0.0.5").with("master_port", 6478));
        r.tunnel("replica3/tunnel/bayes", TunnelSample.Connect.REFUSED, TunnelSample.Ping.NOT_SENT);
        r.instanceFailed("replica1/redis", InstanceSample.Status.REFUSED, "connection refused");
        // Rspamd's counters and the heartbeat (replica1's 3 s old); the cache given a fuzzy instance's counters, since
        // the renderer writes what a sample holds.
        r.keys("master/bayes", RspamdCounts.bayes(12, 7), OptionalLong.of(r.now() - 1000))
                .keys("replica1/bayes", new RspamdCounts(OptionalLong.of(12), OptionalLong.of(7), OptionalLong.empty(),
                        OptionalLong.empty(), new RspamdCounts.PerUser(3, 2, RspamdCounts.PerUser.Sum.SUMMED, OptionalLong.of(5),
                        OptionalLong.of(2))), OptionalLong.of(r.now() - 3000))
                .keys("master/redis", RspamdCounts.fuzzy(340, OptionalLong.of(9)), OptionalLong.empty());
        return r;
    }

    @Test
    void rspamdsCountersAndTheHeartbeatAreGaugesOfTheirInstance() {
        List<String> samples = samples(render(troubled()));
        assertThat(samples).contains("repcon_learns{host=\"master\",redis=\"bayes\",class=\"spam\"} 12",
                "repcon_learns{host=\"replica1\",redis=\"bayes\",class=\"ham\"} 7",
                "repcon_fuzzy_hashes{host=\"master\",redis=\"redis\"} 340",
                "repcon_fuzzy_version{host=\"master\",redis=\"redis\"} 9",
                "repcon_heartbeat_lag_seconds{host=\"replica1\",redis=\"bayes\"} 3",
                "repcon_bayes_user_hashes{host=\"replica1\",redis=\"bayes\",class=\"spam\"} 3",
                "repcon_bayes_user_hashes{host=\"replica1\",redis=\"bayes\",class=\"ham\"} 2");
        // Without per-user statistics, no such family's sample, rather than a 0.
        assertThat(samples).noneMatch(l -> l.startsWith("repcon_bayes_user_hashes{host=\"master\""));
        // No heartbeat read on replica2 (in a full sync): no lag, rather than a 0.
        assertThat(samples).noneMatch(l -> l.startsWith("repcon_heartbeat_lag_seconds{host=\"replica2\""));
    }

    private static String render(Recorded r) {
        return OpenMetrics.exposition(r.topology(), state(r));
    }

    private static Monitor.State state(Recorded r) {
        return new Monitor.State(r.snapshot(), r.findings(), r.view(Thresholds.defaults()));
    }

    @Test
    void everyFamilyAppearsWithOneHelpAndOneTypeAheadOfItsSamples() {
        String text = render(troubled());
        List<String> lines = text.lines().toList();
        assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
        assertThat(text).endsWith("# EOF\n");
        Set<String> families = new LinkedHashSet<>();
        String current = null;
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (line.startsWith("# HELP ")) {
                current = line.split(" ")[2];
                assertThat(families.add(current)).as("one HELP for " + current).isTrue();
            } else if (line.startsWith("# TYPE ")) {
                assertThat(line).isEqualTo("# TYPE " + current + " gauge");
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertThat(m.matches()).as(line).isTrue();
                assertThat(m.group(1)).as("a sample of the family declared above it").isEqualTo(current);
                Double.parseDouble(m.group(4));
            }
        }
        assertThat(families).containsExactlyElementsOf(Arrays.stream(OpenMetrics.Family.values())
                .map(OpenMetrics.Family::metric).toList());
    }

    @Test
    void namesFollowPrometheusConventions() {
        for (OpenMetrics.Family f : OpenMetrics.Family.values()) {
            assertThat(f.metric()).matches("repcon_[a-z_]+[a-z]");
            // Gauges only: these suffixes belong to counters, summaries and histograms.
            assertThat(f.metric()).doesNotEndWith("_total").doesNotEndWith("_count").doesNotEndWith("_sum")
                    .doesNotEndWith("_bucket").doesNotEndWith("_created");
            // Base units: no milliseconds, kilobytes or percentages.
            assertThat(f.metric()).doesNotContain("_ms").doesNotContain("_milliseconds").doesNotContain("_kb")
                    .doesNotContain("_percent");
            assertThat(f.help()).doesNotContain("\\").doesNotContain("\"").doesNotContain("\n").endsWith(".");
        }
        assertThat(OpenMetrics.Family.REPLICA_LAG.metric()).endsWith("_bytes");
        assertThat(OpenMetrics.Family.TUNNEL_PING.metric()).endsWith("_seconds");
    }

    @Test
    void noSeriesRepeats() {
        List<String> series = samples(render(troubled())).stream().map(s -> s.substring(0, s.lastIndexOf(' '))).toList();
        assertThat(new HashSet<>(series)).hasSameSizeAs(series);
    }

    @Test
    void valuesAreTheSnapshotsInBaseUnits() {
        List<String> s = samples(render(troubled()));
        assertThat(s).contains(
                "repcon_instance_up{host=\"master\",redis=\"bayes\"} 1",
                "repcon_instance_up{host=\"replica1\",redis=\"redis\"} 0",
                "repcon_probe_status{host=\"replica1\",redis=\"redis\",status=\"refused\"} 1",
                "repcon_instance_role{host=\"replica1\",redis=\"bayes\",role=\"replica\",expected=\"replica\"} 1",
                "repcon_master_repl_offset_bytes{host=\"master\",redis=\"bayes\"} 503",
                "repcon_connected_replicas{host=\"master\",redis=\"bayes\"} 2",
                "repcon_master_replica_offset_bytes{host=\"master\",redis=\"bayes\",slave=\"0\",addr=\"127.0.5.2:7001\",state=\"online\",type=\"replica\"} 503",
                "repcon_master_replica_ack_age_seconds{host=\"master\",redis=\"bayes\",slave=\"1\",addr=\"127.0.5.3:7001\",state=\"online\",type=\"replica\"} 0",
                "repcon_instance_info{host=\"replica2\",redis=\"bayes\",server=\"valkey\",version=\"8.0.1\",mode=\"standalone\"} 1",
                "repcon_replica_sync_attempts{host=\"replica1\",redis=\"bayes\"} 0",
                "repcon_replica_repl_offset_bytes{host=\"replica1\",redis=\"bayes\"} 400",
                "repcon_replica_lag_bytes{host=\"replica1\",redis=\"bayes\"} 103",
                "repcon_replica_link_up{host=\"replica1\",redis=\"bayes\"} 1",
                "repcon_replica_link_up{host=\"replica3\",redis=\"bayes\"} 0",
                "repcon_replica_link_down_seconds{host=\"replica3\",redis=\"bayes\"} 5",
                "repcon_replica_sync_in_progress{host=\"replica2\",redis=\"bayes\"} 1",
                "repcon_replica_sync_in_progress{host=\"replica1\",redis=\"bayes\"} 0",
                "repcon_replica_sync_read_bytes{host=\"replica2\",redis=\"bayes\"} 16777216",
                "repcon_replica_sync_total_bytes{host=\"replica2\",redis=\"bayes\"} 71063825",
                "repcon_tunnel_up{host=\"replica3\",tunnel=\"bayes\",end=\"client\"} 0",
                "repcon_tunnel_up{host=\"master\",tunnel=\"bayes\",end=\"server\"} 1",
                "repcon_tunnel_ping_seconds{host=\"replica1\",tunnel=\"bayes\",end=\"client\"} 0.00042",
                "repcon_finding{code=\"local-tunnel-down\",severity=\"critical\",subject=\"replica3/tunnel/bayes\"} 1",
                "repcon_findings{severity=\"info\"} 0",
                "repcon_scrape_duration_seconds 0.005",
                "repcon_scrape_timestamp_seconds 1000");
        // 16777216 of 71063825 bytes read; the capture's master_sync_perc says 23.61.
        String ratio = value(s, "repcon_replica_sync_progress_ratio{host=\"replica2\",redis=\"bayes\"}");
        assertThat(Double.parseDouble(ratio)).isBetween(0.2360, 0.2362);
        // A link down since -1 (never up, as after REPLICAOF) is no duration, and a tunnel without an answer no latency.
        assertThat(s).noneMatch(l -> l.startsWith("repcon_replica_link_down_seconds{host=\"replica2\""))
                .noneMatch(l -> l.startsWith("repcon_tunnel_ping_seconds{host=\"replica3\""))
                .noneMatch(l -> l.startsWith("repcon_tunnel_ping_seconds{host=\"master\""))
                .noneMatch(l -> l.startsWith("repcon_memory_used_bytes{host=\"replica1\",redis=\"redis\"}"));
        long critical = Long.parseLong(value(s, "repcon_findings{severity=\"critical\"}"));
        assertThat(critical).isEqualTo(s.stream().filter(l -> l.startsWith("repcon_finding{") && l.contains("severity=\"critical\"")).count());
        assertThat(critical).isPositive();
    }

    @Test
    void aHealthyDeploymentHasNoFindingSeriesAndZeroCounts() {
        List<String> s = samples(render(RecordedLab.healthy()));
        assertThat(s).noneMatch(l -> l.startsWith("repcon_finding{"))
                .contains("repcon_findings{severity=\"critical\"} 0", "repcon_findings{severity=\"warning\"} 0");
    }

    /** The Valkey lab with its master/bayes in a dual-channel sync and replica2/bayes a Redis 7.0.15. */
    static Recorded mixedServers() {
        Recorded r = RecordedLab.healthy();
        r.instance("replica2/bayes", InfoText.resource("fixtures/redis-7.0.15/replica-healthy-info.txt")
                .with("master_host", "127.0.0.4").with("master_port", 6478));
        return r.instance("master/bayes", InfoText.resource("fixtures/valkey-8.0.1/master-dual-channel-sync-info.txt"));
    }

    @Test
    void eachInstanceSaysItsServerAndVersionAndADualChannelSyncCountsOneReplicaOnce() {
        List<String> s = samples(render(mixedServers()));
        assertThat(s).contains("repcon_instance_info{host=\"master\",redis=\"bayes\",server=\"valkey\",version=\"8.0.1\",mode=\"standalone\"} 1",
                "repcon_instance_info{host=\"replica2\",redis=\"bayes\",server=\"redis\",version=\"7.0.15\",mode=\"standalone\"} 1",
                "repcon_connected_replicas{host=\"master\",redis=\"bayes\"} 2");
        assertThat(s).filteredOn(l -> l.startsWith("repcon_master_replica_offset_bytes{host=\"master\",redis=\"bayes\""))
                .extracting(l -> l.replaceAll(".*type=\"([^\"]*)\".*", "$1")).containsExactly("replica", "rdb-channel", "main-channel");
        assertThat(s).contains("repcon_finding{code=\"version-mismatch\",severity=\"warning\",subject=\"replica2/bayes\"} 1");
    }

    @Test
    void labelValuesFromTheServerAreEscaped() {
        Recorded r = RecordedLab.healthy();
        r.instance("master/bayes", RecordedLab.master("valkey-8.0.1").with("slave0", "ip=a\"b\\c,port=7001,state=on\"line,offset=503,lag=0"));
        List<String> s = samples(render(r));
        assertThat(s).contains("repcon_master_replica_offset_bytes{host=\"master\",redis=\"bayes\",slave=\"0\",addr=\"a\\\"b\\\\c:7001\","
                + "state=\"on\\\"line\",type=\"\"} 503");
        for (String line : s) {
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            if (m.group(3) != null) assertThat(LABEL.matcher(m.group(3)).results().map(x -> x.group()).reduce("", String::concat))
                    .as("labels of " + line).isEqualTo(m.group(3));
        }
    }

    @Test
    void escapeCoversTheThreeEscapesAndNothingElse() {
        assertThat(OpenMetrics.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        assertThat(OpenMetrics.escape("tab\there, ünïcode, {}=,")).isEqualTo("tab\there, ünïcode, {}=,");
    }

    @Test
    void theTextfileIsTheSameMetricsWithoutTheOpenMetricsEnd() {
        Recorded r = troubled();
        Monitor.State state = state(r);
        String textfile = OpenMetrics.textfile(r.topology(), state);
        assertThat(textfile).doesNotContain("# EOF");
        assertThat(textfile + "# EOF\n").isEqualTo(OpenMetrics.exposition(r.topology(), state));
    }

    private static List<String> samples(String text) {
        List<String> out = new ArrayList<>();
        text.lines().filter(l -> !l.startsWith("#")).forEach(out::add);
        return out;
    }

    private static String value(List<String> samples, String series) {
        return samples.stream().filter(l -> l.startsWith(series + " ")).findFirst().orElseThrow(() -> new AssertionError("no " + series))
                .substring(series.length() + 1);
    }
}
