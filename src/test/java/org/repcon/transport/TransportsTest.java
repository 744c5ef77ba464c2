package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.util.RepconException;

class TransportsTest {

    @Test
    void labHostsAreLocalAndShareOneTransportEach() {
        Topology lab = TopologyLoader.load(Path.of("sample-topologies/lab.yaml"));
        try (Transports transports = new Transports(lab)) {
            Transport master = transports.of("master");
            assertThat(master).isInstanceOf(LocalTransport.class);
            assertThat(transports.of(lab.host("master").orElseThrow())).isSameAs(master);
            assertThat(transports.of("replica1")).isNotSameAs(master);
        }
    }

    @Test
    void sshHostsGetAnSshTransportThatConnectsOnlyWhenUsed() {
        Topology freebsd = TopologyLoader.load(Path.of("sample-topologies/rspamd-freebsd.yaml"));
        Host host = freebsd.hosts().get(0);
        try (Transports transports = new Transports(freebsd)) {
            Transport t = transports.of(host);
            assertThat(t).isInstanceOf(SshTransport.class);
            assertThat(t.describe()).isEqualTo("ssh " + host.address().orElseThrow());
            assertThat(((SshTransport) t).masterPid()).isEmpty();
        }
    }

    @Test
    void refusedSshOptionsAreAClearError() {
        Topology t = TopologyLoader.parse("""
                name: t
                platform: debian
                hosts:
                  mx1:
                    address: mx1.example.org
                    ssh: { options: [-o, StrictHostKeyChecking=no] }
                    instances: { redis: { port: 6379 } }
                """, Path.of("t.yaml"));
        try (Transports transports = new Transports(t)) {
            assertThatThrownBy(() -> transports.of("mx1")).isInstanceOf(RepconException.class)
                    .hasMessageStartingWith("host mx1: ssh.options: -o StrictHostKeyChecking=no is refused");
        }
    }

    @Test
    void anotherFactoryCanBeGiven() {
        Topology freebsd = TopologyLoader.load(Path.of("sample-topologies/rspamd-freebsd.yaml"));
        try (Transports transports = new Transports(freebsd, h -> new LocalTransport())) {
            assertThat(transports.of(freebsd.hosts().get(0))).isInstanceOf(LocalTransport.class);
        }
    }

    @Test
    void unknownHostIsAnError() {
        Topology lab = TopologyLoader.load(Path.of("sample-topologies/lab.yaml"));
        try (Transports transports = new Transports(lab)) {
            assertThatThrownBy(() -> transports.of("mastr")).isInstanceOf(RepconException.class).hasMessage("no host 'mastr'");
        }
    }
}
