package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repcon.command.Command;
import org.repcon.command.CommandParser;
import org.repcon.command.Target;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;

/** What actions would run on production platforms (service managers), and the logs action's follower plug: no processes needed. */
class OfflinePlanTest {

    /**
     * The steps a service verb plans, made as its check makes them (the hosts do not exist, so the check itself would
     * refuse: cannot reach).
     */
    private static List<String> commands(Topology t, String line) {
        Command.Service c = (Command.Service) new CommandParser(t).parse(List.of(line.split(" ")));
        try (Transports transports = new Transports(t)) {
            ActionContext ctx = new ActionContext(t, transports, Optional.empty(), Limits.defaults());
            ServiceControl s = c.target() instanceof Target.OfInstance i ? ServiceControl.of(ctx, i.instance())
                    : ServiceControl.of(ctx, ((Target.OfTunnel) c.target()).tunnel());
            List<Step> steps = switch (c.verb()) {
                case START -> List.of(s.startStep());
                case STOP -> List.of(s.stopStep().orElseThrow());
                default -> s.restartSteps();
            };
            return steps.stream().map(Step::display).toList();
        }
    }

    /** What a reading action shows: its check's plan, whose verification is the reading. */
    private static Plan.Verified read(Action a) {
        return ((Checked.Ready) a.check()).plan().verification().verify(Reporter.SILENT);
    }

    @Test
    void freebsdDrivesServicesThroughRcScripts() {
        Topology t = TestTopologies.load("rspamd-freebsd.yaml");
        assertThat(commands(t, "start replica/bayes")).containsExactly("replica$ service redis start bayes");
        assertThat(commands(t, "stop master/fuzzy")).containsExactly("master$ service redis stop fuzzy");
        assertThat(commands(t, "restart replica/tunnel/bayes")).containsExactly("replica$ service stunnel restart");
    }

    @Test
    void debianDrivesServicesThroughSystemdUnits() {
        Topology t = TestTopologies.load("rspamd-debian.yaml");
        assertThat(commands(t, "start edge1/bayes")).containsExactly("edge1$ systemctl start redis-server@bayes");
        assertThat(commands(t, "restart edge2/tunnel/fuzzy")).containsExactly("edge2$ systemctl restart stunnel@rspamd-redis");
    }

    @Test
    void aTunnelWithoutItsOwnLogSaysWhereThePlatformLogsIt() {
        Topology t = TestTopologies.load("rspamd-debian.yaml");
        try (Transports transports = new Transports(t)) {
            ActionContext ctx = new ActionContext(t, transports, Optional.empty(), Limits.defaults());
            LogsAction logs = (LogsAction) Actions.create(new CommandParser(t).parse(List.of("logs", "edge1/tunnel/bayes")), ctx);
            assertThat(logs.path()).isEmpty();
            assertThat(read(logs).output()).extracting(OutputLine::text).containsExactly("stunnel on edge1 logs to the system log (its"
                    + " stunnel_log convention is empty): journalctl -u stunnel@rspamd-redis on edge1");
        }
        Topology freebsd = TestTopologies.load("rspamd-freebsd.yaml");
        try (Transports transports = new Transports(freebsd)) {
            ActionContext ctx = new ActionContext(freebsd, transports, Optional.empty(), Limits.defaults());
            Action logs = Actions.create(new CommandParser(freebsd).parse(List.of("logs", "master/tunnel/bayes")), ctx);
            assertThat(read(logs).output().get(0).text()).endsWith("grep stunnel /var/log/messages on master");
        }
    }

    @Test
    void aFollowerPlugsIntoTheLogsActionWithTheSameFilterAndMarks() throws Exception {
        Topology t = TestTopologies.load("lab.yaml");
        try (Transports transports = new Transports(t)) {
            ActionContext ctx = new ActionContext(t, transports, Optional.empty(), Limits.defaults());
            LogsAction logs = (LogsAction) Actions.create(new CommandParser(t).parse(
                    List.of("logs", "replica1/bayes", "--grep", "MASTER|SYNC")), ctx);
            List<String> followed = new ArrayList<>();
            List<OutputLine> shown = new ArrayList<>();
            LogFollower fake = (transport, path, line) -> {
                followed.add(path);
                line.accept("1:S 01 Jan 2026 00:00:00.000 * MASTER <-> REPLICA sync: Finished with success");
                line.accept("1:S 01 Jan 2026 00:00:01.000 * Background saving started");
                line.accept("1:S 01 Jan 2026 00:00:02.000 # Error condition on socket for SYNC: Connection refused");
                return () -> { };
            };
            AutoCloseable handle = logs.follow(fake, shown::add);
            assertThat(followed).containsExactly(logs.path().orElseThrow());
            handle.close();
            assertThat(shown).hasSize(2);
            assertThat(shown.get(0).meaning().orElseThrow().good()).isTrue();
            assertThat(shown.get(1).known()).isTrue();
            assertThat(shown.get(1).meaning().orElseThrow().good()).isFalse();
        }
    }
}
