package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.diagnosis.Thresholds;
import org.repcon.probe.TunnelSample;
import org.repcon.testing.InfoText;
import org.repcon.testing.Recorded;
import org.repcon.testing.RecordedLab;
import org.repcon.topology.Topology;
import org.repcon.tui.theme.ColorDepth;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Role;
import org.repcon.tui.theme.Themes;
import org.repcon.view.ConsoleView;

/**
 * A master and 30 replica hosts (62 instances, 31 tunnel ends: 93 rows), each answering with a recorded reply, one of
 * them (replica17) with its tunnel refusing and its link down: the real diagnosis and view builder make the view, the
 * console shows it on a virtual terminal. The one broken host must be easy to see and to keep track of.
 */
class ManyHostsScreenTest {

    private static final int REPLICAS = 30;
    private static final String BROKEN = "replica17";

    @TempDir
    Path state;

    private static Topology topology() {
        StringBuilder hosts = new StringBuilder("""
                  master:
                    address: 127.0.1.1
                    instances:
                      redis: { port: 6379 }
                      bayes: { port: 6378 }
                    tunnels:
                      bayes: { accept: 6478, to: bayes }
                """);
        for (int n = 1; n <= REPLICAS; n++) {
            hosts.append(String.format("""
                      replica%02d:
                        address: 127.0.1.%d
                        instances:
                          redis: { port: 6379 }
                          bayes: { port: 6378, replicaof: master/bayes }
                        tunnels:
                          bayes: { accept: 6478, client: master/bayes }
                    """, n, n + 1));
        }
        return RecordedLab.topology(hosts.toString());
    }

    /** The recorded state after a few refreshes; {@code now} is when the console shows it refreshed. */
    private static ConsoleView view(long now) {
        Topology t = topology();
        Recorded r = RecordedLab.healthy(t, "valkey-8.0.1");
        r.instance(BROKEN + "/bayes", InfoText.resource("recorded/valkey-8.0.1-replica-link-down-info.txt")
                .with("master_host", t.host(BROKEN).orElseThrow().loopback()).with("master_port", 6478));
        r.tunnel(BROKEN + "/tunnel/bayes", TunnelSample.Connect.REFUSED, TunnelSample.Ping.NOT_SENT);
        r.refresh(Duration.ofSeconds(1)).refresh(Duration.ofSeconds(1));
        ConsoleView v = r.view(Thresholds.defaults());
        return new ConsoleView(v.topologyName(), now, v.ok(), v.warn(), v.crit(), v.hosts(), v.findings(), v.hops(), v.details());
    }

    private ScreenDriver start(ConsoleView view) {
        return ScreenDriver.start(view, 120, 40, o -> o.withStateDir(state));
    }

    /** The hosts as of now, once the broken host shows. */
    private ScreenDriver startShowingBroken() {
        return start(view(System.currentTimeMillis())).startedWith("● " + BROKEN);
    }

    /** The row of the first line that shows the text, or -1. */
    private static int rowOf(ScreenDriver d, String text) {
        int[] at = d.find(text);
        return at == null ? -1 : at[1];
    }

    @Test
    void theBrokenHostComesFirstAndSortsByNameOnRequest() {
        try (ScreenDriver d = startShowingBroken()) {
            // By health, the worst first: the broken replica above the master and every healthy replica.
            assertThat(rowOf(d, "● " + BROKEN)).isEqualTo(3);
            assertThat(d.lines().get(1)).contains("─ Hosts ─").doesNotContain("by name");
            d.press("s").awaitText("hosts by name");
            // The selection (the refusing tunnel) stays in view, now among the hosts by name.
            d.await("sorted by name", x -> x.lines().get(1).contains("Hosts  by name")
                    && rowOf(x, "● replica16") >= 0 && rowOf(x, "● replica16") < rowOf(x, "● " + BROKEN));
            d.press("g").await("master first", x -> rowOf(x, "● master") == 3 && rowOf(x, "● replica01") > 3);
            d.press(":").type("sort health").press("Enter").awaitText("hosts by health, the worst first");
            d.press("g").await("the broken host first again", x -> rowOf(x, "● " + BROKEN) == 3
                    && !x.lines().get(1).contains("by name"));
            d.press(":").type("sort size").press("Enter").awaitText("sort: sorts by health or name, not 'size'");
        }
    }

    @Test
    void problemsOnlyByKeyAndByFilterWord() {
        try (ScreenDriver d = startShowingBroken()) {
            d.press("p").awaitText("problems only (p again: everything)");
            // The tunnel end that refuses; its replica's link is down as a consequence, a row without a finding of its own.
            assertThat(d.lines().get(1)).contains("/problems (1 of 93)");
            assertThat(d.lines().get(4)).contains("!!tunnel bayes", "refused");
            assertThat(d.text()).contains("● " + BROKEN).doesNotContain("● master", "● replica01");
            d.press("p").awaitText("everything").awaitNoText("/problems");
            assertThat(d.text()).contains("● master");
            // The same through the filter verb, and with other words: problems among the rows that match them.
            d.press(":").type("filter problems bayes").press("Enter").awaitText("/problems bayes (1 of 93)");
            assertThat(d.text()).contains("tunnel bayes").doesNotContain("● master");
            d.press(":").type("filter crit").press("Enter").awaitText("/crit (");
            assertThat(d.text()).contains("● " + BROKEN).doesNotContain("● replica01");
            d.press("Esc").awaitNoText("/crit");
        }
    }

    @Test
    void healthyHostsFoldToOneLineEach() {
        try (ScreenDriver d = startShowingBroken()) {
            d.press("z").awaitText("healthy hosts folded (z unfolds)");
            assertThat(d.lines().get(1)).contains("healthy folded");
            int broken = rowOf(d, "● " + BROKEN);
            // The broken host keeps its rows; each healthy one is its title line, saying what it hides.
            assertThat(d.lines().get(broken + 1)).contains("redis ");
            assertThat(d.lines().get(broken + 3)).contains("tunnel bayes");
            int master = rowOf(d, "● master");
            assertThat(d.lines().get(master)).contains("3 rows ok, folded ('z' unfolds)");
            assertThat(d.lines().get(master + 1)).contains("● replica01").contains("folded");
            assertThat(d.lines().get(master + 2)).contains("● replica02");
            // 31 title lines and the broken host's 3 rows, where there were 124 lines.
            assertThat(d.text()).contains("/34 ─┘").doesNotContain("/124 ─┘");
            d.press("z").awaitText("healthy hosts unfolded");
            assertThat(d.text()).contains("/124 ─┘").doesNotContain("rows ok, folded");
        }
    }

    @Test
    void aFindingIsAcknowledgedDimmedKeptAndAudited() throws Exception {
        long start = System.currentTimeMillis();
        ConsoleView first = view(start);
        Themes themes = new Themes(Path.of("target", "no-user-themes"));
        var muted = new Palette(themes.load("dark"), ColorDepth.TRUECOLOR).color(Role.MUTED);
        String since = "since " + FindingNotes.when(start, start);
        try (ScreenDriver d = start(first)) {
            d.awaitText("● " + BROKEN);
            String finding = first.findings().get(0).code() + "  " + first.findings().get(0).target();
            d.awaitText(finding + "  " + since);
            // A later refresh with the same finding: its first-seen time stays.
            d.source.set(view(start + 5000));
            d.awaitText(finding + "  " + since);

            d.press("Tab", "a").awaitText("acknowledged " + first.findings().get(0).code() + " " + first.findings().get(0).target()
                    + " until it changes");
            d.awaitText("[ack until it changes]");
            d.press("Tab"); // the focus back on the hosts: the finding's line unselected shows its own colours
            d.await("the acknowledged finding dimmed", s -> s.fgOf(finding).equals(muted));
            assertThat(d.fgOf("[ack until it changes]")).isEqualTo(muted);
            d.press("Tab");
            assertThat(Files.readString(state.resolve("acknowledged"))).contains(first.findings().get(0).id());
            assertThat(Files.readString(state.resolve("audit.log"))).contains("\"verb\":\"ack\"")
                    .contains("\"target\":\"" + first.findings().get(0).target() + "\"");

            d.press("y").awaitText("copied the finding to " + state.resolve("copied.txt"));
            assertThat(Files.readString(state.resolve("copied.txt"))).startsWith("CRIT " + first.findings().get(0).code())
                    .contains(first.findings().get(0).summary(), "first seen: ");

            d.press(":").type("ack 8h").press("Enter").awaitNoText("[ack until it changes]").awaitText("[ack until ");
            assertThat(d.text()).contains("acknowledged " + first.findings().get(0).code());
        }
        // Kept across consoles: a new one shows it acknowledged from the start.
        try (ScreenDriver d = start(view(System.currentTimeMillis()))) {
            d.awaitText("[ack until ");
            d.press("Tab", "a").awaitText("no longer acknowledged");
            d.awaitNoText("[ack until");
            assertThat(Files.readString(state.resolve("audit.log"))).contains("\"verb\":\"unack\"");
        }
    }

    @Test
    void anAcknowledgementUntilItChangesEndsWhenItChanges() {
        ConsoleView v = view(System.currentTimeMillis());
        try (ScreenDriver d = start(v)) {
            d.awaitText("● " + BROKEN);
            d.source.set(withEvidence(v, List.of("master_link_down_since_seconds:97")));
            d.awaitText("master_link_down_since_seconds:97");
            d.press("Tab", "a").awaitText("[ack until it changes]");
            // The same finding, its numbers moved on and a line more of the same kind: still acknowledged.
            d.source.set(withEvidence(v, List.of("master_link_down_since_seconds:98", "master_link_down_since_seconds:99")));
            d.awaitText("master_link_down_since_seconds:99");
            assertThat(d.text()).contains("[ack until it changes]");
            // Another cause: not any more.
            d.source.set(withEvidence(v, List.of("master_link_status:down, auth failed")));
            d.awaitNoText("[ack until it changes]");
        }
    }

    @Test
    void completionsThatDoNotFitComePageByPage() {
        ConsoleCommands commands = ConsoleCommands.withoutActions(topology(), () -> List.of("dark"));
        try (ScreenDriver d = ScreenDriver.start(view(System.currentTimeMillis()), 80, 24,
                o -> o.withStateDir(state).withCommands(commands))) {
            d.awaitText("● " + BROKEN);
            d.press(":").type("start ").press("Tab").awaitText(", Tab: more)");
            String first = d.lines().get(23);
            var page = java.util.regex.Pattern.compile("\\((\\d+)/(\\d+) of (\\d+), Tab: more\\)").matcher(first);
            assertThat(page.find()).as(first).isTrue();
            int pages = Integer.parseInt(page.group(2));
            assertThat(page.group(1)).isEqualTo("1");
            assertThat(Integer.parseInt(page.group(3))).isEqualTo(commands.complete("start ", null).size());
            assertThat(first).startsWith(":start ").contains("master/redis", "master/bayes");
            assertThat(pages).isGreaterThan(3);
            // Each Tab the next page, every candidate once, then round to the first.
            java.util.Set<String> seen = new java.util.LinkedHashSet<>();
            for (int p = 1; p <= pages; p++) {
                String at = "(" + p + "/" + pages + " of ";
                d.await("page " + p, x -> x.lines().get(23).contains(at));
                String line = d.lines().get(23);
                seen.addAll(List.of(line.substring(":start ".length(), line.indexOf(at)).strip().split("\\s+")));
                d.press("Tab");
            }
            d.await("round to the first page", x -> x.lines().get(23).contains("(1/" + pages + " of "));
            assertThat(seen).hasSize(commands.complete("start ", null).size()).contains(BROKEN + "/tunnel/bayes", "replica30/bayes");
            // Typing narrows them: one page again, without a page marker.
            d.type("replica3").press("Tab").awaitText(":start replica30/");
            assertThat(d.lines().get(23)).contains("replica30/redis", "replica30/bayes", "replica30/tunnel/bayes")
                    .doesNotContain("Tab: more");
            d.press("Esc");
        }
    }

    /** The view with its first finding's evidence replaced. */
    private static ConsoleView withEvidence(ConsoleView v, List<String> evidence) {
        var f = v.findings().get(0);
        var changed = new org.repcon.view.FindingRow(f.code(), f.severity(), f.target(), f.rowKey(), f.summary(), evidence,
                f.suggestion(), f.fix());
        var findings = new java.util.ArrayList<>(v.findings());
        findings.set(0, changed);
        return new ConsoleView(v.topologyName(), v.refreshedAt() + 1000, v.ok(), v.warn(), v.crit(), v.hosts(), findings,
                v.hops(), v.details());
    }
}
