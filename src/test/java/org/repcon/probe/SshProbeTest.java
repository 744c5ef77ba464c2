package org.repcon.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.probe.InstanceSample.Status;
import org.repcon.testing.Await;
import org.repcon.testing.RedisProcess;
import org.repcon.testing.SshServer;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.SshTransport;
import org.repcon.transport.Transports;

/**
 * End to end over ssh: a topology whose host is reached by ssh (a real sshd on 127.0.0.1, its ssh options a
 * config file of the test's own), the default Transports, and the real prober reading INFO through the forward.
 */
@Tag("slow")
class SshProbeTest {

    @TempDir
    Path dir;

    @Test
    void anInstanceOnAnSshHostIsProbedThroughTheForward() throws InterruptedException {
        try (SshServer sshd = SshServer.start(dir); RedisProcess redis = RedisProcess.start(dir)) {
            Topology topology = TopologyLoader.parse("""
                    name: over-ssh
                    platform: debian
                    hosts:
                      remote:
                        address: 127.0.0.1
                        ssh:
                          options: [-F, "%s"]
                        instances:
                          redis: { port: %d }
                    """.formatted(sshd.clientConfig(), redis.port()), dir.resolve("topology.yaml"));
            try (Transports transports = new Transports(topology);
                 Prober prober = new Prober(topology, transports, ProbeOptions.defaults())) {
                assertThat(transports.of("remote")).isInstanceOf(SshTransport.class);
                InstanceRef ref = InstanceRef.parse("remote/redis").orElseThrow();

                // The first ssh connect may outlast several refreshes on a busy machine: bounded by time, not by count.
                InstanceSample sample = Await.value("a first sample of remote/redis over ssh", java.time.Duration.ofSeconds(20),
                        java.time.Duration.ofMillis(200), () -> prober.refresh().instance(ref).orElseThrow(),
                        s -> s.status() != Status.PENDING);

                assertThat(sample.status()).as(sample.summary()).isEqualTo(Status.OK);
                Info info = sample.info().orElseThrow();
                assertThat(info.role()).isEqualTo(Role.MASTER);
                assertThat(info.string("tcp_port")).hasValue(String.valueOf(redis.port())); // INFO of the instance on the host, not of the forward

                // Stopped on the host: ssh's forward accepts locally and closes at once; that is "refused", not garbage.
                redis.close();
                InstanceSample stopped = prober.refresh().instance(ref).orElseThrow();
                for (int i = 0; i < 3 && stopped.status() == Status.OK; i++) stopped = prober.refresh().instance(ref).orElseThrow();
                assertThat(stopped.status()).as(stopped.summary()).isEqualTo(Status.REFUSED);
            }
        }
    }
}
