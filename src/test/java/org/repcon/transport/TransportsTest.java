package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyException;
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
    void refusedSshOptionsAreRefusedWhenTheTopologyLoadsByTheListTheTransportEnforces() {
        // One list (topology.SshOptions) for validate and for the ssh command line: what ssh would be refused at
        // connect time never gets past loading.
        assertThatThrownBy(() -> TopologyLoader.parse("""
                name: t
                platform: debian
                hosts:
                  mx1:
                    address: mx1.example.org
                    ssh: { options: [-o, StrictHostKeyChecking=no] }
                    instances: { redis: { port: 6379 } }
                """, Path.of("t.yaml"))).isInstanceOf(TopologyException.class)
                .hasMessageStartingWith("t.yaml:6:21: host 'mx1': ssh.options: -o StrictHostKeyChecking=no is refused");
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
