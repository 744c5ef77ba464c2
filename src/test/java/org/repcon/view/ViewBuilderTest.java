package org.repcon.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repcon.testing.RecordedLab.HOSTS;
import static org.repcon.testing.RecordedLab.healthy;
import static org.repcon.testing.RecordedLab.master;
import static org.repcon.testing.RecordedLab.replica;
import static org.repcon.testing.RecordedLab.replicaDown;
import static org.repcon.testing.RecordedLab.topology;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.repcon.diagnosis.Thresholds;
import org.repcon.probe.InstanceSample.Status;
import org.repcon.probe.TunnelSample.Connect;
import org.repcon.probe.TunnelSample.Ping;
import org.repcon.testing.Recorded;
import org.repcon.topology.Topology;
import org.repcon.topology.TunnelKind;

/**
 * ViewBuilder on recorded samples, no Redis. Health is judged once: a row is coloured by its findings'
 * severities and its sample's status, and the cells that show a measure use the same thresholds as the
 * rules, so changing a threshold moves the finding, the row and the cell together.
 */
class ViewBuilderTest {

    private static final Thresholds DEFAULTS = Thresholds.defaults();

    private static Thresholds lagWarnSeconds(long seconds) {
        Thresholds d = DEFAULTS;
        return new Thresholds(seconds, d.lagWarnBytes(), d.memoryNearFraction(), d.fullSyncLoop(), d.eventWindow(), d.stalledSamples(), d.learnStall());
    }

    private static Thresholds memoryNear(double fraction) {
        Thresholds d = DEFAULTS;
        return new Thresholds(d.lagWarnSeconds(), d.lagWarnBytes(), fraction, d.fullSyncLoop(), d.eventWindow(), d.stalledSamples(), d.learnStall());
    }

    private static Row row(ConsoleView view, String key) {
        return view.hosts().stream().flatMap(h -> h.rows().stream()).filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    private static HostPane pane(ConsoleView view, String host) {
        return view.hosts().stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void aHealthyDeploymentIsAllOk() {
        ConsoleView view = healthy("redis-8.0-m01").view(DEFAULTS);
        assertThat(view.findings()).isEmpty();
        assertThat(view.hosts()).isNotEmpty().allSatisfy(h -> assertThat(h.health()).isEqualTo(Health.OK));
        assertThat(view.ok()).isEqualTo(8); // 5 instances, 3 tunnel ends
        assertThat(view.warn() + view.crit()).isZero();
        Row r = row(view, "replica1/bayes");
        assertThat(r.role()).isEqualTo(new Cell("replica", Health.OK));
        assertThat(r.link()).isEqualTo(new Cell("up", Health.OK));
        assertThat(row(view, "master/bayes").link()).isEqualTo(new Cell("2/2 replicas", Health.OK));
        assertThat(view.hops()).hasSize(2).allSatisfy(h -> assertThat(h.nodes()).extracting(Hop.Node::health).containsOnly(Health.OK));
    }

    @Test
    void changingTheLagThresholdMovesFindingRowAndCellTogether() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "valkey-8.0.1").instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1")
                .with("master_last_io_seconds_ago", 15));

        ConsoleView normal = r.view(DEFAULTS); // 15 s is within the default 20 s
        assertThat(normal.findings()).isEmpty();
        assertThat(row(normal, "replica1/bayes").health()).isEqualTo(Health.OK);
        assertThat(row(normal, "replica1/bayes").lastIo().health()).isEqualTo(Health.OK);

        ConsoleView strict = r.view(lagWarnSeconds(10));
        assertThat(strict.findings()).extracting(FindingRow::code, FindingRow::severity, FindingRow::rowKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lagging", Health.WARN, "replica1/bayes"));
        assertThat(row(strict, "replica1/bayes").health()).isEqualTo(Health.WARN);
        assertThat(row(strict, "replica1/bayes").lastIo().health()).isEqualTo(Health.WARN);
        assertThat(row(strict, "replica1/bayes").findings()).isEqualTo(1);
        assertThat(pane(strict, "replica1").health()).isEqualTo(Health.WARN);
        assertThat(strict.warn()).isEqualTo(1);
    }

    @Test
    void changingTheMemoryThresholdMovesFindingRowAndCellTogether() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "valkey-8.0.1")
                .instance("master/bayes", master("valkey-8.0.1").with("maxmemory", 1_000_000).with("used_memory", 850_000));

        ConsoleView normal = r.view(DEFAULTS); // 85 % is below the default 90 %
        assertThat(normal.findings()).isEmpty();
        assertThat(row(normal, "master/bayes").health()).isEqualTo(Health.OK);
        assertThat(row(normal, "master/bayes").memory().health()).isEqualTo(Health.OK);
        assertThat(row(normal, "master/bayes").memoryFraction()).isEqualTo(0.85);

        ConsoleView strict = r.view(memoryNear(0.8));
        assertThat(strict.findings()).extracting(FindingRow::code).containsExactly("master-near-full");
        assertThat(row(strict, "master/bayes").health()).isEqualTo(Health.WARN);
        assertThat(row(strict, "master/bayes").memory().health()).isEqualTo(Health.WARN);
    }

    @Test
    void aRowWithoutAnAnswerIsCriticalAndItsStatusShows() {
        ConsoleView view = healthy().instanceFailed("master/bayes", Status.REFUSED, "connection refused")
                .instance("replica1/bayes", replicaDown("replica1")).instance("replica2/bayes", replicaDown("replica2"))
                .view(DEFAULTS);
        Row master = row(view, "master/bayes");
        assertThat(master.role()).isEqualTo(new Cell("refused", Health.CRIT));
        assertThat(master.health()).isEqualTo(Health.CRIT);
        // The replicas' links show down, but the one finding is the master's: their rows are not trouble of their own.
        Row replica = row(view, "replica1/bayes");
        assertThat(replica.link().health()).isEqualTo(Health.CRIT);
        assertThat(replica.link().text()).startsWith("down");
        assertThat(replica.health()).isEqualTo(Health.OK);
        assertThat(view.findings()).extracting(FindingRow::code).containsExactly("instance-down");
        assertThat(view.hops().get(0).nodes().get(0)).isEqualTo(new Hop.Node("master/bayes", Health.CRIT));
    }

    @Test
    void aSampleNotYetTakenIsUnknown() {
        Topology t = topology(HOSTS);
        Recorded r = new Recorded(t).instance("master/bayes", master("valkey-8.0.1"));
        ConsoleView view = r.view(DEFAULTS);
        Row waiting = row(view, "replica2/bayes");
        assertThat(waiting.role()).isEqualTo(new Cell("waiting", Health.UNKNOWN));
        assertThat(waiting.health()).isEqualTo(Health.UNKNOWN);
        assertThat(row(view, "replica2/tunnel/bayes").link()).isEqualTo(new Cell("waiting", Health.UNKNOWN));
    }

    @Test
    void aTunnelRowIsColouredByItsProbeAndItsFinding() {
        ConsoleView view = healthy().tunnel("replica2/tunnel/bayes", Connect.REFUSED, Ping.NOT_SENT)
                .instance("replica2/bayes", replicaDown("replica2")).view(DEFAULTS);
        Row tunnel = row(view, "replica2/tunnel/bayes");
        assertThat(tunnel.link()).isEqualTo(new Cell("refused", Health.CRIT));
        assertThat(tunnel.health()).isEqualTo(Health.CRIT);
        assertThat(tunnel.findings()).isEqualTo(1);
        assertThat(pane(view, "replica2").health()).isEqualTo(Health.CRIT);
        assertThat(row(view, "replica2/bayes").health()).isEqualTo(Health.OK);
        assertThat(view.crit()).isEqualTo(1);
    }

    @Test
    void anInfoFindingIsShownButColoursNoRow() {
        ConsoleView view = healthy().instance("master/bayes", master("valkey-8.0.1")
                .with("slave0", "ip=127.0.0.1,port=6378,state=online,offset=503,lag=0,type=replica")
                .with("slave1", "ip=127.0.0.1,port=6378,state=online,offset=503,lag=0,type=replica")).view(DEFAULTS);
        assertThat(view.findings()).extracting(FindingRow::code, FindingRow::severity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("replicas-indistinguishable", Health.MUTED));
        assertThat(row(view, "master/bayes").health()).isEqualTo(Health.OK);
    }

    @Test
    void aFindingsCommandIsOfferedOnlyWhenItIsOne() {
        Topology t = topology(HOSTS);
        ConsoleView view = healthy(t, "valkey-8.0.1")
                .instance("replica1/bayes", replica(t, "valkey-8.0.1", "replica1").with("master_port", 6378))
                .instance("master/bayes", master("valkey-8.0.1").with("rdb_last_bgsave_status", "err"))
                .instanceFailed("replica2/bayes", Status.AUTH_REQUIRED, "NOAUTH").view(DEFAULTS);
        assertThat(view.findings()).extracting(FindingRow::code, FindingRow::command).contains(
                org.assertj.core.groups.Tuple.tuple("wrong-master", "repoint replica1/bayes to master/bayes"),
                org.assertj.core.groups.Tuple.tuple("rdb-failing", "logs master/bayes"),
                org.assertj.core.groups.Tuple.tuple("probe-auth", ""));
        FindingRow auth = view.findings().stream().filter(f -> f.code().equals("probe-auth")).findFirst().orElseThrow();
        assertThat(auth.suggestion()).isEqualTo(org.repcon.diagnosis.Code.PROBE_AUTH.remedy());
    }

    @Test
    void detailsCarryTheInfoSectionsAndTheLagSeries() {
        Topology t = topology(HOSTS);
        Recorded r = healthy(t, "valkey-8.0.1");
        r.refresh(Duration.ofSeconds(1));
        ConsoleView view = r.view(DEFAULTS);
        Details d = view.details("replica1/bayes").orElseThrow();
        assertThat(d.title()).isEqualTo("replica1/bayes (bayes, port 6378, valkey 8.0.1)");
        assertThat(healthy(t, "redis-8.0-m01").view(DEFAULTS).details("master/bayes").orElseThrow().title())
                .isEqualTo("master/bayes (bayes, port 6378, redis 7.9.224)");
        assertThat(d.groups()).extracting(Details.Group::title).contains("Server", "Replication", "Memory");
        assertThat(d.series()).extracting(Details.Series::title).containsExactly("lag", "offset rate");
        assertThat(d.series().get(0).values()).containsExactly(0.0, 0.0);
    }

    @Test
    void plainRelaysAreNamedRelayNoTlsInRowsHopsAndDetails() {
        Topology t = topology(HOSTS);
        ConsoleView relays = healthy(t, "valkey-8.0.1").view(DEFAULTS, TunnelKind.RELAY);
        assertThat(row(relays, "replica1/tunnel/bayes").name().text()).isEqualTo("tunnel bayes (relay, NO TLS)");
        assertThat(relays.hops()).isNotEmpty().allSatisfy(h -> assertThat(h.tunnels()).isEqualTo(TunnelKind.RELAY));
        Details client = relays.details("replica1/tunnel/bayes").orElseThrow();
        assertThat(client.title()).contains("relay, NO TLS");
        assertThat(client.groups().get(0).fields()).extracting(Details.Field::name, Details.Field::value).contains(
                org.assertj.core.groups.Tuple.tuple("carried by", "relay, NO TLS"),
                org.assertj.core.groups.Tuple.tuple("accept", "127.0.0.3:6478"),
                org.assertj.core.groups.Tuple.tuple("connect", "master/tunnel/bayes at 127.0.0.2:6478"));
        assertThat(client.groups().get(0).fields()).extracting(Details.Field::name).doesNotContain("PSK identity");

        ConsoleView stunnel = healthy(t, "valkey-8.0.1").view(DEFAULTS);
        assertThat(row(stunnel, "replica1/tunnel/bayes").name().text()).isEqualTo("tunnel bayes");
        Details server = stunnel.details("master/tunnel/bayes").orElseThrow();
        assertThat(server.groups().get(0).fields()).extracting(Details.Field::name, Details.Field::value).contains(
                org.assertj.core.groups.Tuple.tuple("carried by", "TLS tunnel (stunnel)"),
                org.assertj.core.groups.Tuple.tuple("accept", "127.0.0.2:6478"),
                org.assertj.core.groups.Tuple.tuple("PSK identities", t.host("replica1").orElseThrow().pskIdentity() + ", "
                        + t.host("replica2").orElseThrow().pskIdentity()));
        assertThat(server.groups().get(0).fields()).extracting(Details.Field::name, Details.Field::value)
                .anySatisfy(f -> assertThat(f.toList()).containsExactly("connect", "bayes at localhost:" + t.host("master")
                        .flatMap(h -> h.instance("bayes")).orElseThrow().port()));
    }
}
