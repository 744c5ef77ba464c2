package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TextColor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.action.Reply;
import org.repcon.lab.Lab;
import org.repcon.setup.HostPlan;
import org.repcon.setup.Setup;
import org.repcon.setup.SetupPlan;
import org.repcon.setup.SetupProgress;
import org.repcon.setup.SetupRunner;
import org.repcon.setup.StepKind;
import org.repcon.testing.TestLab;
import org.repcon.topology.Host;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.Transports;
import org.repcon.tui.theme.ColorDepth;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Role;
import org.repcon.tui.theme.Themes;

/**
 * The console's setup view on a lab topology whose master has its files (one of them edited by hand) and no
 * process: the steps with their states, the diff of the differing file, one step applied after y, and --read-only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SetupScreenTest {

    private static final EnumSet<StepKind> FILES = EnumSet.of(StepKind.COMMON_CONFIG, StepKind.INSTANCE_CONFIG,
            StepKind.STUNNEL_CONFIG, StepKind.PSK, StepKind.RSPAMD);

    private Path dir;
    private Topology topology;
    private Transports transports;
    private Path bayes;

    @BeforeAll
    void masterHasItsFilesOneEditedByHand() throws Exception {
        dir = Files.createTempDirectory("repcon-setup-screen");
        topology = TopologyLoader.load(TestLab.file(43, dir));
        transports = new Transports(topology);
        Setup setup = setup();
        Host master = topology.host("master").orElseThrow();
        HostPlan plan = setup.plan(master);
        HostPlan files = new HostPlan(master, Optional.empty(), plan.steps().stream().filter(p -> FILES.contains(p.step().kind())).toList());
        assertThat(new SetupRunner(setup, false, q -> new Reply.Answer("y")).apply(new SetupPlan(List.of(files)), SetupProgress.NONE).ok())
                .isTrue();
        bayes = dir.resolve("master/etc/redis-bayes.conf");
        Files.writeString(bayes, Files.readString(bayes).replace("maxmemory 96M", "maxmemory 50M"));
    }

    @AfterAll
    void close() {
        transports.close();
    }

    private Setup setup() {
        return new Setup(new ActionContext(topology, transports, Lab.directProcesses(topology), Limits.defaults()),
                new Audit(dir.resolve("audit.log")));
    }

    private static TextColor color(Role role) {
        return new Palette(new Themes(Path.of("target", "no-user-themes")).load("dark"), ColorDepth.TRUECOLOR).color(role);
    }

    @Test
    void theStepsWithTheirStatesAndTheDiffOfADifferingFileThenOneStepApplied() throws Exception {
        try (ScreenDriver d = ScreenDriver.start(Fixtures.healthy(System.currentTimeMillis()), 140, 45, o -> o.withSetup(setup()))) {
            d.press("S").awaitText("Setup master (lab, local): 15 steps");
            d.awaitText("differs  instance config     write " + bayes);
            assertThat(d.text()).contains(" done     packages", " missing  directories", " done     common config",
                    " missing  start redis         start master/bayes", " missing  start stunnel");
            assertThat(d.fgOf("differs  instance")).isEqualTo(color(Role.WARN));
            assertThat(d.lines().get(d.height() - 1)).contains("a apply step", "A apply all");

            d.press("n", "n").awaitText("Step: write " + bayes);
            d.awaitText("-maxmemory 50M");
            assertThat(d.text()).contains("+maxmemory 96M", "applying runs:", "write " + bayes + " (mode 0644");
            assertThat(d.fgOf("+maxmemory 96M")).isEqualTo(color(Role.OK));
            assertThat(d.fgOf("-maxmemory 50M")).isEqualTo(color(Role.CRIT));

            d.press("a").awaitText("apply 1 step on master? [y/n]");
            // Asked on the bottom line, like an action's question: typed, then Enter.
            d.press("Enter").awaitText("please answer y or n. apply 1 step on master? [y/n]"); // Enter alone is no answer
            d.type("y").press("Enter").awaitText("applied 1 step on master");
            d.awaitText(" done     instance config     write " + bayes);
            assertThat(Files.readString(bayes)).contains("maxmemory 96M");
            try (Stream<Path> s = Files.list(bayes.getParent())) {
                assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("redis-bayes.conf.bak-"));
            }
            d.press("Esc").awaitText("─ Hosts");
        }
    }

    @Test
    void aReportOpenedOverTheSetupViewOwnsTheKeys() {
        try (ScreenDriver d = ScreenDriver.start(Fixtures.healthy(System.currentTimeMillis()), 140, 45,
                o -> o.withSetup(setup()).withCommands(new TestCommands()))) {
            d.press("S").awaitText("Setup master (lab, local)").awaitText("missing  directories");
            d.press("j").awaitText("Step: create directories");
            d.press(":").type("lines 200").press("Enter").awaitText("line 001");
            // a and j go to the box on top: a applies nothing, j scrolls the box.
            d.press("a", "j").awaitNoText("line 001").awaitText("line 002");
            assertThat(d.text()).doesNotContain("applying on", "[y/n]");
            d.press("Esc").awaitNoText("line 002").awaitText("Step: create directories");
            assertThat(d.text()).doesNotContain("applying on", "[y/n]");
        }
    }

    @Test
    void escAndCtrlCCancelASetupQuestionAndTheConsoleStays() {
        try (ScreenDriver d = ScreenDriver.start(Fixtures.healthy(System.currentTimeMillis()), 140, 45, o -> o.withSetup(setup()))) {
            d.press("S").awaitText("Setup master (lab, local)").awaitText("missing  directories");
            d.press("j").awaitText("Step: create directories");
            d.press("a").awaitText("apply 1 step on master? [y/n]");
            d.press("Esc").awaitNoText("[y/n]").awaitText("declined: cancelled: nothing done");
            d.press("a").awaitText("applying on master").awaitText("apply 1 step on master? [y/n]");
            d.press("Ctrl-C").awaitNoText("[y/n]").awaitText("declined: cancelled: nothing done");
            assertThat(d.text()).contains("Setup master", "missing  directories");
        }
        assertThat(dir.resolve("master/db")).doesNotExist();
    }

    @Test
    void theViewFitsSmallAndLargeScreens() {
        for (int[] size : new int[][] {{40, 10}, {80, 24}, {231, 72}}) {
            try (ScreenDriver d = ScreenDriver.start(Fixtures.healthy(System.currentTimeMillis()), size[0], size[1],
                    o -> o.withSetup(setup()))) {
                d.press("S").awaitText("Setup master").awaitText("packages");
                d.press("G", "Enter", "?").awaitText("─ Keys");
                d.press("Esc", "Esc").awaitNoText("Setup master");
            }
        }
    }

    @Test
    void readOnlyRefusesWithoutAskingAndTheCommandOpensAHost() {
        try (ScreenDriver d = ScreenDriver.start(Fixtures.healthy(System.currentTimeMillis()), 140, 45,
                o -> o.withReadOnly(true).withSetup(setup()))) {
            d.press(":").type("setup replica9").press("Enter").awaitText("no host 'replica9' (did you mean 'replica1'?)");
            d.press(":").type("setup replica1").press("Enter").awaitText("Setup replica1 (lab, local): 17 steps");
            d.awaitText("missing  verify replication");
            d.press("A").awaitText("refused: read-only mode: setup changes the deployment");
            assertThat(d.text()).doesNotContain("[y/n]");
            d.press("Tab").awaitText("Setup replica2 (lab, local)");
        }
        assertThat(dir.resolve("replica1")).doesNotExist();
    }
}
