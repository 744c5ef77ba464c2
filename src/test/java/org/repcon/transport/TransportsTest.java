package org.repcon.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
    void sshHostsAreRefusedWithAClearMessageUntilSshExists() {
        Topology freebsd = TopologyLoader.load(Path.of("sample-topologies/rspamd-freebsd.yaml"));
        String host = freebsd.hosts().get(0).name();
        try (Transports transports = new Transports(freebsd)) {
            assertThatThrownBy(() -> transports.of(host))
                    .isInstanceOf(RepconException.class)
                    .hasMessage("host " + host + ": ssh access comes with a later version");
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
