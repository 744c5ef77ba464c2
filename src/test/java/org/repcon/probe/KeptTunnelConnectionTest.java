package org.repcon.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repcon.topology.Convention.STUNNEL_LOG;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.repcon.lab.LabProcess;
import org.repcon.probe.TunnelSample.Connect;
import org.repcon.testing.Await;
import org.repcon.testing.LabClassTest;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.TunnelRef;
import org.repcon.topology.Tunnel;
import org.repcon.transport.Transports;
import org.repcon.util.Pids;

/**
 * The tunnel probe's kept connections against a real stunnel lab: in steady state a refresh opens no new
 * session on the master's stunnel (its log does not grow), and a killed or restarted stunnel is still seen.
 */
class KeptTunnelConnectionTest extends LabClassTest {

    KeptTunnelConnectionTest() {
        super(47);
    }

    private static final Duration REFRESH = Duration.ofMillis(200);

    private Transports transports;
    private Prober prober;

    @BeforeAll
    void connect() {
        transports = new Transports(lab.topology());
    }

    /** A prober of its own per test: its server-end probes (one per 30 s) fall at its first refresh. */
    @BeforeEach
    void newProber() {
        prober = new Prober(lab.topology(), transports, ProbeOptions.defaults().withInterval(REFRESH));
    }

    @AfterEach
    void closeProber() {
        prober.close();
    }

    @AfterAll
    void disconnect() {
        if (transports != null) transports.close();
    }

    @Test
    void steadyRefreshesOpenNoSessionOnTheMastersStunnel() throws InterruptedException {
        Path masterLog = stunnelLog("master");
        refreshUntilAllTunnelsAnswer();
        // The first refresh's connects (and the server ends' connect-only probes) have been logged by now.
        long before = settledLineCount(masterLog);
        assertThat(before).as("the master's stunnel logs sessions (else this test proves nothing)").isPositive();

        // Paced as the console refreshes (not a wait for anything): a counted run, not a timed one.
        int refreshes = 20;
        for (int n = 0; n < refreshes; n++) {
            Snapshot s = prober.refresh();
            assertThat(clientEnds(s)).as("client tunnel ends probed").isNotEmpty();
            clientEnds(s).forEach((ref, t) -> assertThat(t.ok()).as(ref + ": " + t.summary()).isTrue());
            Thread.sleep(REFRESH.toMillis());
        }

        long after = settledLineCount(masterLog);
        System.out.println(refreshes + " refreshes; master stunnel log " + before + " -> " + after + " lines");
        assertThat(after - before).as("lines the master's stunnel logged during " + refreshes + " refreshes").isZero();
    }

    @Test
    void aKilledAndRestartedClientStunnelIsReportedDownThenUp() {
        refreshUntilAllTunnelsAnswer();
        LabProcess stunnel = killStunnel("replica1");
        long killedAt = System.nanoTime();
        Snapshot down = Await.value("replica1's client ends refused", Duration.ofSeconds(2), REFRESH, prober::refresh,
                s -> clientEnds(s, "replica1").values().stream().allMatch(t -> t.connect() == Connect.REFUSED));
        System.out.println("killed stunnel reported after " + (System.nanoTime() - killedAt) / 1_000_000 + " ms");
        assertThat(clientEnds(down, "replica2")).isNotEmpty().allSatisfy((ref, t) -> assertThat(t.ok()).isTrue());

        lab.start(stunnel);
        Await.value("replica1's client ends answer again", Duration.ofSeconds(15), REFRESH, prober::refresh,
                s -> clientEnds(s, "replica1").values().stream().allMatch(TunnelSample::ok));
    }

    @Test
    void aStunnelRestartedBetweenTwoRefreshesIsReachedOnAFreshConnection() {
        refreshUntilAllTunnelsAnswer();
        lab.start(killStunnel("replica2"));
        Snapshot s = prober.refresh();

        // The kept connections died with the old process: the probe reconnects to the new one rather than
        // reporting a closed connection it had kept.
        clientEnds(s, "replica2").forEach((ref, t) -> {
            assertThat(t.freshness()).isEqualTo(Freshness.FRESH);
            assertThat(t.ok()).as(ref + ": " + t.summary()).isTrue();
        });
    }

    /** kill -9 from outside, as a crash: the kept connections break without a goodbye. */
    private LabProcess killStunnel(String host) {
        LabProcess stunnel = lab.tunnelProcess(host).orElseThrow();
        long pid = lab.pid(stunnel).orElseThrow();
        Pids.signal(pid, "KILL");
        Pids.waitGone(pid, Duration.ofSeconds(5));
        return stunnel;
    }

    private void refreshUntilAllTunnelsAnswer() {
        Await.value("every tunnel answers", Duration.ofSeconds(15), REFRESH, prober::refresh,
                s -> s.tunnels().values().stream().allMatch(TunnelSample::ok));
    }

    private Map<TunnelRef, TunnelSample> clientEnds(Snapshot s) {
        return clientEnds(s, null);
    }

    private Map<TunnelRef, TunnelSample> clientEnds(Snapshot s, String host) {
        Map<TunnelRef, TunnelSample> ends = new java.util.LinkedHashMap<>();
        lab.topology().tunnels().filter(t -> !t.isServer() && (host == null || lab.topology().hostOf(t).name().equals(host)))
                .map(Tunnel::ref).forEach(ref -> ends.put(ref, s.tunnel(ref).orElseThrow()));
        assertThat(ends).isNotEmpty();
        return ends;
    }

    private Path stunnelLog(String host) {
        String file = lab.topology().host(host).flatMap(h -> h.path(STUNNEL_LOG, "")).orElseThrow();
        return lab.root().resolve(file);
    }

    /** The log's line count once stunnel has stopped writing (a closed session's lines come a moment later). */
    private static long settledLineCount(Path log) {
        return Await.settled("the line count of " + log, Duration.ofSeconds(10), Duration.ofMillis(500), () -> lines(log));
    }

    private static long lines(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
