package org.repcon.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.repcon.diagnosis.Thresholds;
import org.repcon.testing.Recorded;

/** status --json on real captures: each instance's server and version. */
class JsonTest {

    @Test
    void eachInstanceHasItsServerAndItsOwnVersion() {
        Recorded r = OpenMetricsTest.mixedServers();
        JsonObject root = JsonParser.parseString(Json.status(r.topology(),
                new Monitor.State(r.snapshot(), r.findings(), r.view(Thresholds.defaults())))).getAsJsonObject();
        JsonArray hosts = root.getAsJsonArray("hosts");
        JsonObject master = instance(hosts, 0, "bayes");
        assertThat(master.get("server").getAsString()).isEqualTo("valkey");
        assertThat(master.get("version").getAsString()).isEqualTo("8.0.1");
        assertThat(master.get("mode").getAsString()).as("Valkey's server_mode").isEqualTo("standalone");
        assertThat(master.get("connected_replicas").getAsLong()).isEqualTo(2);
        JsonObject replica2 = instance(hosts, 2, "bayes");
        assertThat(replica2.get("server").getAsString()).isEqualTo("redis");
        assertThat(replica2.get("version").getAsString()).isEqualTo("7.0.15");
    }

    @Test
    void rspamdsCountersAndTheHeartbeatLagAreRawNumbers() {
        Recorded r = org.repcon.testing.RecordedLab.healthy();
        r.keys("master/bayes", org.repcon.probe.RspamdCounts.bayes(12, 7), java.util.OptionalLong.of(r.now() - 1000))
                .keys("replica1/bayes", org.repcon.probe.RspamdCounts.bayes(12, 7), java.util.OptionalLong.of(r.now() - 2500));
        JsonObject root = JsonParser.parseString(Json.status(r.topology(),
                new Monitor.State(r.snapshot(), r.findings(), r.view(Thresholds.defaults())))).getAsJsonObject();
        JsonArray hosts = root.getAsJsonArray("hosts");
        JsonObject master = instance(hosts, 0, "bayes");
        assertThat(master.get("learns_spam").getAsLong()).isEqualTo(12);
        assertThat(master.get("learns_ham").getAsLong()).isEqualTo(7);
        assertThat(master.has("heartbeat_lag_seconds")).as("a master has no lag").isFalse();
        JsonObject replica1 = instance(hosts, 1, "bayes");
        assertThat(replica1.get("heartbeat_lag_seconds").getAsDouble()).isEqualTo(2.5);
        assertThat(instance(hosts, 2, "bayes").has("learns_spam")).as("nothing read: absent, not 0").isFalse();
    }

    private static JsonObject instance(JsonArray hosts, int host, String name) {
        for (var i : hosts.get(host).getAsJsonObject().getAsJsonArray("instances")) {
            if (i.getAsJsonObject().get("name").getAsString().equals(name)) return i.getAsJsonObject();
        }
        throw new AssertionError("no " + name);
    }
}
