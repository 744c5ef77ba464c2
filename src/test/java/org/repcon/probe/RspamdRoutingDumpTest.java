package org.repcon.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repcon.topology.Kind;

/**
 * Rspamd's routing as {@code rspamadm configdump -j} resolves it (recorded from rspamadm 3.4 on the tutorial's rendered
 * files, trimmed to the sections read), and settling what the files' lines say.
 */
class RspamdRoutingDumpTest {

    private static String dump(String name) throws IOException {
        try (InputStream in = RspamdRoutingDumpTest.class.getResourceAsStream("/rspamd/configdump-" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aReplicaHostsDumpGivesItsBayesAndFuzzyServersAsRspamdResolvedThem() throws IOException {
        RspamdRouting r = RspamdRouting.fromDump(dump("replica")).orElseThrow();
        assertThat(r.route(Kind.BAYES, "read_servers")).map(RspamdRouting.Route::servers).hasValue(java.util.List.of("localhost:6378"));
        assertThat(r.route(Kind.BAYES, "write_servers")).map(RspamdRouting.Route::where)
                .hasValue("rspamadm configdump (classifier.bayes)");
        assertThat(r.route(Kind.FUZZY, "write_servers")).map(RspamdRouting.Route::ports).hasValue(java.util.List.of(6477));
        assertThat(r.route(Kind.CACHE, "servers")).map(RspamdRouting.Route::ports).hasValue(java.util.List.of(6379));
        assertThat(r.route(Kind.BAYES, "servers")).isEmpty();
    }

    @Test
    void aLineThatSaysWhatRspamdResolvedStaysAsEvidenceAndOneThatDoesNotGivesWayToTheDump() throws IOException {
        RspamdRouting dump = RspamdRouting.fromDump(dump("replica")).orElseThrow();
        // The files' lines: local.d says the tutorial's, but a block elsewhere overrides write_servers (unseen by lines).
        RspamdRouting lines = RspamdRouting.read(p -> Optional.ofNullable(Map.of(
                "/etc/rspamd/local.d/classifier-bayes.conf", "read_servers = \"localhost:6378\";\nwrite_servers = \"localhost:6379\";\n")
                .get(p)), "/etc/rspamd");
        RspamdRouting settled = lines.resolvedBy(dump);
        assertThat(settled.route(Kind.BAYES, "read_servers")).map(RspamdRouting.Route::where)
                .hasValue("local.d/classifier-bayes.conf:1");
        assertThat(settled.route(Kind.BAYES, "write_servers")).map(RspamdRouting.Route::ports).hasValue(java.util.List.of(6478));
        assertThat(settled.route(Kind.BAYES, "write_servers")).map(RspamdRouting.Route::where)
                .hasValue("rspamadm configdump (classifier.bayes)");
    }

    @Test
    void whatIsNotADumpIsNone() {
        assertThat(RspamdRouting.fromDump("rspamadm: cannot load config")).isEmpty();
        assertThat(RspamdRouting.fromDump("[1, 2]")).isEmpty();
    }

    @Test
    void theDumpsSecretsAreNotKept() throws IOException {
        String withPassword = dump("master").replaceFirst("\\{", "{\"worker_controller\": {\"password\": \"q1-secret\"},");
        assertThat(RspamdRouting.fromDump(withPassword).orElseThrow().routes().toString()).doesNotContain("q1-secret");
    }
}
