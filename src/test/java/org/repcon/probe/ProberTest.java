package org.repcon.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.probe.InstanceSample.Status;
import org.repcon.probe.TunnelSample.Connect;
import org.repcon.probe.TunnelSample.Ping;
import org.repcon.testing.Await;
import org.repcon.testing.RedisProcess;
import org.repcon.testing.TcpRelay;
import org.repcon.testing.TestTopology;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.TunnelRef;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.Transports;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;

/** The prober against real redis-server processes on 127.0.0.1, started and killed by each test. */
class ProberTest {

    private static final Duration GENEROUS = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        // Reverse order: the prober before its transports, processes (thawed, then killed) last.
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).close();
            } catch (Exception | AssertionError e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        cleanup.add(resource);
        return resource;
    }

    private RedisProcess redis(String... args) {
        return closing(RedisProcess.start(dir, args));
    }

    private Prober prober(Topology topology, ProbeOptions options) {
        Transports transports = closing(new Transports(topology));
        return closing(new Prober(topology, transports, options));
    }

    private Prober prober(Topology topology) {
        return prober(topology, ProbeOptions.defaults());
    }

    /** A tunnel as the topology file names a server end: {@code HOST/TUNNEL}. */
    private static TunnelRef tunnel(String text) {
        return TunnelRef.of(ref(text));
    }

    private static InstanceRef ref(String text) {
        return InstanceRef.parse(text).orElseThrow();
    }

    private Topology twoInstances(int a, int b) {
        return TestTopology.lab(dir, """
                  local:
                    address: 127.0.0.1
                    instances:
                      a: { kind: cache, port: %d }
                      b: { kind: cache, port: %d }
                """.formatted(a, b));
    }

    @Test
    void masterAndReplicaAreReadInOneRefresh() throws Exception {
        RedisProcess master = redis();
        RedisProcess replica = redis("--replicaof", "127.0.0.1", String.valueOf(master.port()));
        try (Jedis m = master.client(); Jedis r = replica.client()) {
            for (int i = 0; i < 100; i++) m.incr("counter");
            // The master counts the replica online a moment after the replica sees its link up: wait for both sides.
            Await.until("replica in sync", Duration.ofSeconds(10), () -> r.info("replication").contains("master_link_status:up")
                    && "100".equals(r.get("counter")) && m.info("replication").contains("state=online"));
        }
        Prober prober = prober(twoInstances(master.port(), replica.port()));

        Snapshot snapshot = prober.refresh();

        InstanceSample a = snapshot.instance(ref("local/a")).orElseThrow();
        InstanceSample b = snapshot.instance(ref("local/b")).orElseThrow();
        assertThat(a.status()).isEqualTo(Status.OK);
        assertThat(a.freshness()).isEqualTo(Freshness.FRESH);
        assertThat(a.rttMicros()).isPositive();
        Info m = a.info().orElseThrow();
        Info r = b.info().orElseThrow();
        assertThat(m.role()).isEqualTo(Role.MASTER);
        assertThat(m.replOffset().orElseThrow()).isPositive();
        assertThat(m.replicas()).singleElement().satisfies(e -> {
            assertThat(e.port()).hasValue(replica.port());
            assertThat(e.online()).isTrue();
        });
        assertThat(r.role()).isEqualTo(Role.REPLICA);
        assertThat(r.masterLink().orElseThrow().up()).isTrue();
        assertThat(r.masterLink().orElseThrow().port()).hasValue(master.port());
        assertThat(r.replid()).isEqualTo(m.replid());
        assertThat(r.bytesBehind(m).orElseThrow()).isBetween(0L, 1000L); // master PINGs are in the stream
        assertThat(snapshot.tunnels()).isEmpty();
        assertThat(snapshot.refreshDuration()).isLessThan(GENEROUS);
        assertThat(prober.latest()).isSameAs(snapshot);
    }

    @Test
    void aKilledInstanceIsRefusedAndKeepsShowingWhileBackingOff() {
        RedisProcess a = redis();
        RedisProcess b = redis();
        Prober prober = prober(twoInstances(a.port(), b.port()));
        assertThat(prober.refresh().instance(ref("local/a")).orElseThrow().ok()).isTrue();

        a.kill();
        InstanceSample first = prober.refresh().instance(ref("local/a")).orElseThrow();
        InstanceSample second = prober.refresh().instance(ref("local/a")).orElseThrow();
        Snapshot third = prober.refresh();

        assertThat(first.status()).as(first.message()).isEqualTo(Status.REFUSED);
        assertThat(first.freshness()).isEqualTo(Freshness.FRESH);
        assertThat(first.message()).isEqualTo("connection refused");
        assertThat(second.status()).isEqualTo(Status.REFUSED); // one failure: retried at the next refresh
        assertThat(second.freshness()).isEqualTo(Freshness.FRESH);
        InstanceSample backingOff = third.instance(ref("local/a")).orElseThrow();
        assertThat(backingOff.status()).isEqualTo(Status.REFUSED); // the failure stays visible
        assertThat(backingOff.freshness()).isEqualTo(Freshness.BACKOFF);
        assertThat(backingOff.timeMs()).isEqualTo(second.timeMs());
        assertThat(third.instance(ref("local/b")).orElseThrow().freshness()).isEqualTo(Freshness.FRESH);
    }

    @Test
    void aRestartedInstanceAnswersOnTheNextRefresh() {
        RedisProcess a = redis();
        RedisProcess b = redis();
        Prober prober = prober(twoInstances(a.port(), b.port()));
        String before = prober.refresh().instance(ref("local/a")).orElseThrow().info().orElseThrow().string("run_id").orElseThrow();

        a.kill();
        closing(RedisProcess.start(dir, a.port()));
        InstanceSample after = prober.refresh().instance(ref("local/a")).orElseThrow();

        // The kept connection died with the old process; the probe reconnects instead of reporting it.
        assertThat(after.status()).isEqualTo(Status.OK);
        assertThat(after.info().orElseThrow().string("run_id")).isPresent().isNotEqualTo(java.util.Optional.of(before));
    }

    @Test
    void aFrozenInstanceTimesOutWhileTheOtherStaysFresh() {
        RedisProcess a = redis();
        RedisProcess b = redis();
        Prober prober = prober(twoInstances(a.port(), b.port()));
        assertThat(prober.refresh().instances().values()).isNotEmpty().allMatch(InstanceSample::ok);

        a.freeze();
        long start = System.nanoTime();
        Snapshot frozen = prober.refresh();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        InstanceSample timedOut = frozen.instance(ref("local/a")).orElseThrow();
        assertThat(timedOut.status()).isEqualTo(Status.TIMEOUT);
        assertThat(timedOut.freshness()).isEqualTo(Freshness.FRESH);
        assertThat(timedOut.message()).isEqualTo("no reply within 1000 ms");
        InstanceSample healthy = frozen.instance(ref("local/b")).orElseThrow();
        assertThat(healthy.status()).isEqualTo(Status.OK);
        assertThat(healthy.freshness()).isEqualTo(Freshness.FRESH);
        assertThat(took).isLessThan(GENEROUS);

        // Known to hang: probed again on its own thread and not waited for.
        Snapshot next = prober.refresh();
        assertThat(next.instance(ref("local/a")).orElseThrow().freshness()).isEqualTo(Freshness.IN_FLIGHT);
        assertThat(next.instance(ref("local/a")).orElseThrow().status()).isEqualTo(Status.TIMEOUT);
        assertThat(next.instance(ref("local/b")).orElseThrow().freshness()).isEqualTo(Freshness.FRESH);

        a.thaw();
        Snapshot recovered = Await.value("local/a answers again", Duration.ofSeconds(15), Duration.ofMillis(200), prober::refresh,
                s -> s.instance(ref("local/a")).orElseThrow().ok());
        assertThat(recovered.instance(ref("local/a")).orElseThrow().freshness()).isEqualTo(Freshness.FRESH);
    }

    @Test
    void passwordsAreSentOnConnectOnlyAndEachRefreshIsOneInfo() throws IOException {
        RedisProcess good = redis("--requirepass", "s3cret");
        RedisProcess missing = redis("--requirepass", "s3cret");
        RedisProcess wrong = redis("--requirepass", "s3cret");
        RedisProcess none = redis();
        Files.writeString(dir.resolve("good.pw"), "s3cret\n");
        Files.writeString(dir.resolve("wrong.pw"), "guess\n");
        // Loading checks every password file; this one goes after, as a file removed while repcon runs.
        Files.writeString(dir.resolve("no-such.pw"), "gone\n");
        Topology topology = TestTopology.lab(dir, """
                  local:
                    address: 127.0.0.1
                    instances:
                      good: { kind: cache, port: %d, password_file: good.pw }
                      missing: { kind: cache, port: %d }
                      wrong: { kind: cache, port: %d, password_file: wrong.pw }
                      none: { kind: cache, port: %d, password_file: good.pw }
                      unreadable: { kind: cache, port: %d, password_file: no-such.pw }
                """.formatted(good.port(), missing.port(), wrong.port(), none.port(), RedisProcess.freePort()));
        Files.delete(dir.resolve("no-such.pw"));
        Prober prober = prober(topology);

        int refreshes = 5;
        Snapshot snapshot = null;
        for (int i = 0; i < refreshes; i++) snapshot = prober.refresh();

        assertThat(snapshot.instance(ref("local/good")).orElseThrow().status()).isEqualTo(Status.OK);
        InstanceSample noauth = snapshot.instance(ref("local/missing")).orElseThrow();
        assertThat(noauth.status()).isEqualTo(Status.AUTH_REQUIRED);
        assertThat(noauth.message()).startsWith("NOAUTH");
        InstanceSample wrongpass = snapshot.instance(ref("local/wrong")).orElseThrow();
        assertThat(wrongpass.status()).isEqualTo(Status.AUTH_FAILED);
        assertThat(wrongpass.message()).startsWith("WRONGPASS");
        assertThat(snapshot.instance(ref("local/none")).orElseThrow().status()).isEqualTo(Status.AUTH_FAILED);
        InstanceSample unreadable = snapshot.instance(ref("local/unreadable")).orElseThrow();
        assertThat(unreadable.status()).isEqualTo(Status.AUTH_FAILED);
        assertThat(unreadable.message()).contains("no such file").contains("no-such.pw");

        // Rejected connections are closed, not leaked: the only client left is the one asking.
        try (Jedis admin = wrong.client()) {
            assertThat(admin.info("clients")).contains("connected_clients:1\r\n");
        }
        try (Jedis admin = good.client()) {
            String stats = admin.info("commandstats");
            // AUTH twice: once by the prober on connecting, once by this admin connection.
            assertThat(stats).contains("cmdstat_auth:calls=2,").contains("cmdstat_info:calls=" + refreshes + ",");
            // CONFIG GET of each compared directive went with the first probe only, not with every refresh.
            assertThat(stats).contains("cmdstat_config|get:calls=" + RunningConfig.DIRECTIVES.size() + ",");
            // Nothing else was run (the PING is the test helper's readiness check, rejected without AUTH).
            assertThat(stats.lines().filter(l -> l.startsWith("cmdstat_")).map(l -> l.substring(0, l.indexOf(':'))))
                    .containsExactlyInAnyOrder("cmdstat_info", "cmdstat_auth", "cmdstat_ping", "cmdstat_config|get");
            assertThat(stats).contains("cmdstat_ping:calls=0,");
        }
    }

    @Test
    void configRefusedIsNotAskedAgainOnTheConnectionButAgainOnTheNext() {
        // An ACL without CONFIG, as a hardened deployment may have.
        RedisProcess noConfig = redis("--user", "default", "on", "nopass", "~*", "&*", "+@all", "-config");
        Topology topology = TestTopology.lab(dir, """
                  local:
                    address: 127.0.0.1
                    instances:
                      cache: { kind: cache, port: %d }
                """.formatted(noConfig.port()));
        Prober prober = prober(topology);
        long before = refusals(noConfig);
        int asked = RunningConfig.DIRECTIVES.size(); // one CONFIG GET a directive, in one pipeline
        for (int i = 0; i < 3; i++) {
            prober.readConfigNext();
            assertThat(prober.refresh().instance(ref("local/cache")).orElseThrow().status()).isEqualTo(Status.OK);
        }
        assertThat(refusals(noConfig) - before).as("refused on the first connection's first probe, then not asked").isEqualTo(asked);

        // From outside, as a restart would: the connection is dropped; the next one asks once more.
        try (Jedis admin = noConfig.client()) {
            admin.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "KILL", "TYPE", "normal", "SKIPME", "yes");
        }
        for (int i = 0; i < 4; i++) {
            prober.readConfigNext();
            prober.refresh();
        }
        assertThat(prober.refresh().instance(ref("local/cache")).orElseThrow().status()).isEqualTo(Status.OK);
        assertThat(refusals(noConfig) - before).as("once more on the new connection").isEqualTo(2L * asked);
    }

    /** The CONFIG GETs the instance refused, as its commandstats count them. */
    private static long refusals(RedisProcess redis) {
        try (Jedis admin = redis.client()) {
            return admin.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_config|get:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll(".*rejected_calls=(\\d+).*", "$1"))).sum();
        }
    }

    @Test
    void tunnelsAreProbedThroughToRedis() {
        RedisProcess open = redis();
        RedisProcess locked = redis("--requirepass", "s3cret");
        TcpRelay pong = closing(TcpRelay.forwardingTo(open.port()));
        TcpRelay noauth = closing(TcpRelay.forwardingTo(locked.port()));
        TcpRelay closed = closing(TcpRelay.closing());
        TcpRelay silent = closing(TcpRelay.silent());
        Topology topology = TestTopology.lab(dir, """
                  master:
                    address: 127.0.0.1
                    instances:
                      bayes: { port: %d }
                    tunnels:
                      up: { accept: %d, to: bayes }
                      down: { accept: %d, to: bayes }
                  replica:
                    address: 127.0.0.2
                    loopback: 127.0.0.1
                    instances:
                      redis: { port: %d }
                    tunnels:
                      pong: { accept: %d, client: master/up }
                      noauth: { accept: %d, client: master/up }
                      closed: { accept: %d, client: master/up }
                      silent: { accept: %d, client: master/up }
                      refused: { accept: %d, client: master/up }
                """.formatted(open.port(), locked.port(), RedisProcess.freePort(), RedisProcess.freePort(),
                pong.port(), noauth.port(), closed.port(), silent.port(), RedisProcess.freePort()));
        Prober prober = prober(topology);

        Snapshot s = prober.refresh();

        TunnelSample up = s.tunnel(tunnel("master/up")).orElseThrow();
        assertThat(up.server()).isTrue();
        assertThat(up.connect()).isEqualTo(Connect.OK);
        assertThat(up.ping()).isEqualTo(Ping.NOT_SENT); // TLS-PSK: connect only
        assertThat(up.ok()).isTrue();
        assertThat(s.tunnel(tunnel("master/down")).orElseThrow().connect()).isEqualTo(Connect.REFUSED);

        TunnelSample through = s.tunnel(tunnel("replica/pong")).orElseThrow();
        assertThat(through.ping()).isEqualTo(Ping.PONG);
        assertThat(through.ok()).isTrue();
        TunnelSample auth = s.tunnel(tunnel("replica/noauth")).orElseThrow();
        assertThat(auth.ping()).isEqualTo(Ping.ERROR_REPLY);
        assertThat(auth.message()).startsWith("NOAUTH");
        assertThat(auth.reachesRedis()).isTrue();
        TunnelSample dropped = s.tunnel(tunnel("replica/closed")).orElseThrow();
        assertThat(dropped.connect()).isEqualTo(Connect.OK);
        assertThat(dropped.ping()).isEqualTo(Ping.CLOSED);
        assertThat(dropped.ok()).isFalse();
        TunnelSample hung = s.tunnel(tunnel("replica/silent")).orElseThrow();
        assertThat(hung.connect()).isEqualTo(Connect.OK);
        assertThat(hung.ping()).isEqualTo(Ping.TIMEOUT);
        assertThat(hung.freshness()).isEqualTo(Freshness.FRESH);
        TunnelSample refused = s.tunnel(tunnel("replica/refused")).orElseThrow();
        assertThat(refused.connect()).isEqualTo(Connect.REFUSED);
        assertThat(refused.ping()).isEqualTo(Ping.NOT_SENT);
        // The evidence line a finding shows, in words.
        assertThat(refused.summary()).startsWith("connect refused").doesNotContain("PING");
        assertThat(hung.summary()).startsWith("connect ok, PING timed out");
        assertThat(auth.summary()).startsWith("connect ok, PING answered with an error: NOAUTH");

        assertThat(s.instance(ref("replica/redis")).orElseThrow().status()).isEqualTo(Status.REFUSED);
        assertThat(s.refreshDuration()).isLessThan(GENEROUS);
    }

    @Test
    void aServerEndIsProbedSparinglyWhileItsClientEndAnswers() {
        RedisProcess bayes = redis();
        TcpRelay server = closing(TcpRelay.forwardingTo(bayes.port()));
        TcpRelay client = closing(TcpRelay.forwardingTo(bayes.port()));
        Topology topology = throughOneTunnel(bayes.port(), server.port(), "bayes: { port: %d, replicaof: master/bayes }", client.port());
        Prober prober = prober(topology);
        TunnelRef serverEnd = tunnel("master/bayes");
        TunnelRef clientEnd = tunnel("replica/bayes");

        Snapshot first = prober.refresh();
        Snapshot second = prober.refresh();
        client.close(); // the replica's stunnel stops
        // On a loaded machine a probe may overrun the refresh budget and be carried: wait (a few refreshes at
        // most) for a fresh result that sees the closed end.
        Snapshot third = Await.value("a fresh sample of the stopped client end", GENEROUS, Duration.ZERO, prober::refresh,
                s -> s.tunnel(clientEnd).orElseThrow().freshness() == Freshness.FRESH
                        && s.tunnel(clientEnd).orElseThrow().connect() == Connect.REFUSED);
        Snapshot fourth = prober.refresh();

        assertThat(first.tunnel(serverEnd).orElseThrow().freshness()).isEqualTo(Freshness.FRESH);
        assertThat(first.tunnel(clientEnd).orElseThrow().ping()).isEqualTo(Ping.PONG);
        TunnelSample rested = second.tunnel(serverEnd).orElseThrow();
        assertThat(rested.freshness()).isEqualTo(Freshness.NOT_DUE);
        assertThat(rested.ok()).isTrue();
        assertThat(second.tunnel(clientEnd).orElseThrow().freshness()).isEqualTo(Freshness.FRESH);
        TunnelSample stopped = third.tunnel(clientEnd).orElseThrow();
        assertThat(stopped.connect()).as(stopped.freshness() + ": " + stopped.summary()).isEqualTo(Connect.REFUSED);
        // Once a client end fails, its server end is probed at every refresh to place the fault.
        assertThat(fourth.tunnel(serverEnd).orElseThrow().freshness()).isEqualTo(Freshness.FRESH);
        assertThat(fourth.tunnel(serverEnd).orElseThrow().connect()).isEqualTo(Connect.OK);
    }

    @Test
    void hostsWithoutATransportAreUnreachableNotFatal() {
        Topology topology = TopologyLoader.parse("""
                name: remote
                platform: debian
                hosts:
                  mx:
                    address: 192.0.2.10
                    instances:
                      redis: { port: 6379 }
                """, dir.resolve("remote.yaml"));
        Transports transports = closing(new Transports(topology, h -> {
            throw RepconException.failed("ssh to 192.0.2.10 failed: Connection timed out during banner exchange");
        }));
        Prober prober = closing(new Prober(topology, transports, ProbeOptions.defaults()));

        InstanceSample s = prober.refresh().instance(ref("mx/redis")).orElseThrow();

        assertThat(s.status()).isEqualTo(Status.UNREACHABLE);
        assertThat(s.message()).isEqualTo("ssh to 192.0.2.10 failed: Connection timed out during banner exchange");
    }

    @Test
    void aFrozenMasterBehindATunnelShowsInBackgroundModeWithinSeconds() throws InterruptedException {
        RedisProcess master = redis();
        TcpRelay tunnel = closing(TcpRelay.forwardingTo(master.port()));
        Topology topology = throughOneTunnel(master.port(), RedisProcess.freePort(), "redis: { port: %d }", tunnel.port());
        Prober prober = prober(topology);
        BlockingQueue<Snapshot> snapshots = new LinkedBlockingQueue<>();
        prober.start(snapshots::add);
        Snapshot healthy = snapshots.poll(5, TimeUnit.SECONDS);
        assertThat(healthy).isNotNull();
        assertThat(healthy.tunnel(tunnel("replica/bayes")).orElseThrow().ping()).isEqualTo(Ping.PONG);

        master.freeze();
        long frozenAt = System.nanoTime();
        // Every snapshot since the freeze (the prober delivers them on its own thread), until one says each.
        List<Snapshot> since = new ArrayList<>();
        Await.value("the frozen instance and the hung path through the tunnel reported", GENEROUS, Duration.ofMillis(100),
                () -> {
                    snapshots.drainTo(since);
                    return since;
                },
                seen -> seen.stream().anyMatch(s -> s.instance(ref("master/bayes")).orElseThrow().timedOut())
                        && seen.stream().anyMatch(s -> s.tunnel(tunnel("replica/bayes")).orElseThrow().ping() == Ping.TIMEOUT));
        System.out.println("frozen instance and hung tunnel path reported after " + (System.nanoTime() - frozenAt) / 1_000_000 + " ms");
    }

    @Test
    void backgroundModeRefreshesOnItsOwnThreadUntilClosed() throws InterruptedException {
        RedisProcess a = redis();
        RedisProcess b = redis();
        Prober prober = prober(twoInstances(a.port(), b.port()), ProbeOptions.defaults().withInterval(Duration.ofMillis(100)));
        Set<Thread> delivering = ConcurrentHashMap.newKeySet();
        BlockingQueue<Snapshot> snapshots = new LinkedBlockingQueue<>();

        prober.start(snapshot -> {
            delivering.add(Thread.currentThread());
            snapshots.add(snapshot);
        });

        Snapshot first = snapshots.poll(5, TimeUnit.SECONDS);
        Snapshot second = snapshots.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(second.timeMs()).isGreaterThanOrEqualTo(first.timeMs());
        assertThat(second.instances().values()).isNotEmpty().allMatch(InstanceSample::ok);
        assertThat(delivering).isNotEmpty().allMatch(t -> t.getName().startsWith("repcon-prober"));

        prober.close();
        // Nothing delivers once the prober's thread has ended: its end, not a pause, proves the refreshes stopped.
        Await.until("the prober's thread ended", GENEROUS, () -> delivering.stream().noneMatch(Thread::isAlive));
    }

    /**
     * master/bayes on {@code bayes} behind the tunnel "bayes" (server end on {@code serverAccept}), and a replica host
     * with one instance ({@code replicaInstance}, its port a free one) whose client end of the tunnel is {@code clientAccept}.
     */
    private Topology throughOneTunnel(int bayes, int serverAccept, String replicaInstance, int clientAccept) {
        return TestTopology.lab(dir, """
                  master:
                    address: 127.0.0.1
                    instances:
                      bayes: { port: %d }
                    tunnels:
                      bayes: { accept: %d, to: bayes }
                  replica:
                    address: 127.0.0.2
                    loopback: 127.0.0.1
                    instances:
                      %s
                    tunnels:
                      bayes: { accept: %d, client: master/bayes }
                """.formatted(bayes, serverAccept, replicaInstance.formatted(RedisProcess.freePort()), clientAccept));
    }
}
