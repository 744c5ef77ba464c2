package org.repcon.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.repcon.action.Audit;
import org.repcon.command.Command.Refresh;
import org.repcon.setup.Setup;
import org.repcon.topology.Topology;
import org.repcon.tui.Console;
import org.repcon.tui.ConsoleOptions;
import org.repcon.tui.FullScreen;
import org.repcon.tui.LiveSource;
import org.repcon.tui.ConsoleCommands;
import org.repcon.tui.theme.Themes;
import org.repcon.util.Xdg;
import org.repcon.util.RepconException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "console", description = "The full-screen console on a topology (also: repcon FILE).")
final class ConsoleCommand implements Callable<Integer> {

    @Mixin
    TopologyFile topologyFile;
    @Mixin
    ConsoleFlags flags;

    @Override
    public Integer call() {
        return flags.run(topologyFile.load());
    }

    /** The options every way into the console shares (console, repcon FILE, demo). */
    static final class ConsoleFlags {
        @Mixin
        MonitorOptions monitorOptions;

        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        /** What a test changes in the console's options: a virtual terminal, say. */
        UnaryOperator<ConsoleOptions> adjust = UnaryOperator.identity();

        @Option(names = "--theme", paramLabel = "NAME", description = "Theme (dark, light, mono, or one of yours).")
        String theme;

        @Option(names = "--refresh", paramLabel = "SECONDS", defaultValue = "1",
                description = "Refresh interval in seconds (default: ${DEFAULT-VALUE}).")
        double refreshSeconds;

        /**
         * Refuses, before anything starts (a lab, ssh connections), a terminal the console cannot drive full screen:
         * one line pointing to 'repcon status --watch', exit 2.
         */
        void requireFullScreen() {
            if (adjust.apply(ConsoleOptions.defaults()).terminal() != null) return; // a test's own terminal
            FullScreen.refusal(System.getenv(), Tty.interactive()).ifPresent(why -> {
                throw RepconException.invalid(why);
            });
        }

        /** Whether the console may write the heartbeat: not under --read-only. */
        boolean heartbeatWrites() {
            return !Main.readOnly(mixee);
        }

        int run(Topology topology) {
            return run(topology, Main.readOnly(mixee));
        }

        /** @param readOnly refuse every change and write no heartbeat (--read-only, or a benchmark's console) */
        int run(Topology topology, boolean readOnly) {
            requireFullScreen();
            if (!Refresh.within(refreshSeconds)) throw RepconException.invalid("--refresh takes " + Refresh.RANGE + " seconds");
            Duration interval = Refresh.of(refreshSeconds);
            // The monitor first: its first refresh (connects, reads, diagnosis) runs while the rest of the console starts.
            try (LiveSource source = new LiveSource(monitorOptions.open(topology, interval, readOnly))) {
                return run(topology, readOnly, interval, source);
            }
        }

        private int run(Topology topology, boolean readOnly, Duration interval, LiveSource source) {
            Themes themes = new Themes(ConsoleOptions.defaults().userThemes());
            try (ConsoleCommands commands = new ConsoleCommands(topology, monitorOptions.actionContext(topology,
                         source.monitor()), readOnly, Audit.standard(), Xdg.stateHome().resolve("history"), themes::names)) {
                // The setup view goes through the monitor's transports: one ssh connection per host for both.
                Setup setup = new Setup(monitorOptions.actionContext(topology, source.monitor()), Audit.standard());
                ConsoleOptions options = ConsoleOptions.defaults().withReadOnly(readOnly).withTheme(theme)
                        .withRefreshInterval(interval).withCommands(commands).withSetup(setup);
                options = adjust.apply(options);
                return Console.run(source, options);
            }
        }
    }
}
