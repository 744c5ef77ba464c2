package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TextColor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.action.ActionContext;
import org.repcon.action.Audit;
import org.repcon.action.Limits;
import org.repcon.action.OutputLine;
import org.repcon.topology.Convention;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.topology.TopologyLoader;
import org.repcon.transport.Transports;
import org.repcon.tui.paint.TextOverlay;
import org.repcon.tui.theme.ColorDepth;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Role;
import org.repcon.tui.theme.Themes;

/**
 * The output box as an operator sees it, on a topology whose instance has a password and a real log file (no Redis
 * needed: logs read and follow the file through the host's transport, {@code tail -F}): each line drawn by its kind,
 * and a followed line scrubbed of the password like the last lines.
 */
class OutputScreenTest {

    private static final String SECRET = "s3cret-Pass-42";

    @TempDir
    Path dir;

    private Topology topology() throws Exception {
        Files.writeString(dir.resolve("secret.pw"), SECRET + "\n");
        Files.setPosixFilePermissions(dir.resolve("secret.pw"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                name: t
                platform: lab
                root: %s
                hosts:
                  master:
                    address: 127.0.121.2
                    instances:
                      bayes: { port: 6378, password_file: secret.pw }
                    tunnels:
                      bayes: { accept: 6478, to: bayes }
                """.formatted(dir));
        return TopologyLoader.load(file);
    }

    private static TextColor color(Role role) {
        return new Palette(new Themes(Path.of("target", "no-user-themes")).load("dark"), ColorDepth.TRUECOLOR).color(role);
    }

    @Test
    void aLogLineStartingWithADashIsALogLineAndAFollowedPasswordIsHidden() throws Exception {
        Topology t = topology();
        Instance bayes = t.instance(InstanceRef.parse("master/bayes").orElseThrow()).orElseThrow();
        Host host = t.hostOf(bayes);
        Path log = Path.of(host.instancePath(bayes, Convention.LOGFILE));
        Files.createDirectories(log.getParent());
        // Redis marks a line by its role; a line may well begin with '-' (a client's error reply quoted, a list).
        String dashed = "- a log line that begins with a dash";
        Files.writeString(log, dashed + "\n");
        try (Transports transports = new Transports(t);
             ConsoleCommands commands = new ConsoleCommands(t, new ActionContext(t, transports, Optional.empty(), Limits.defaults()),
                     false, new Audit(dir.resolve("audit.log")), dir.resolve("history"), () -> List.of("dark"));
             ScreenDriver d = ScreenDriver.start(Fixtures.healthy(System.currentTimeMillis()), 140, 40, o -> o.withCommands(commands))) {
            d.press(":").type("logs master/bayes").press("Enter").awaitText("(following; Space pauses)").awaitText(dashed);
            assertThat(d.fgOf(dashed)).isEqualTo(color(Role.TEXT)).isNotEqualTo(color(Role.CRIT));

            // tail may open the file a moment after it started: write until the line shows.
            for (int n = 0; n < 40 && !d.text().contains("requirepass <hidden>"); n++) {
                Files.writeString(log, "1:M 01 Jan 2030 00:00:00.000 # requirepass " + SECRET + " (a test line)\n",
                        StandardOpenOption.APPEND);
                Thread.sleep(250);
            }
            Files.writeString(log, "1:M 01 Jan 2030 00:00:01.000 * masterauth " + SECRET + "\n"
                    + "- AUTH " + SECRET + "\n", StandardOpenOption.APPEND);
            d.awaitText("requirepass <hidden> (a test line)").awaitText("masterauth <hidden>").awaitText("- AUTH <hidden>");
            assertThat(d.text()).doesNotContain(SECRET);
            assertThat(d.fgOf("- AUTH <hidden>")).isEqualTo(color(Role.TEXT));
            d.press("Esc").awaitNoText("(following");
        }
    }

    @Test
    void theKindNotTheTextSaysHowALineIsDrawn() {
        String dashed = "-maxmemory 50M";
        assertThat(TextOverlay.roleOf(OutputLine.log(dashed))).isEqualTo(Role.TEXT);
        assertThat(TextOverlay.roleOf(OutputLine.diff(dashed))).isEqualTo(Role.CRIT);
        assertThat(TextOverlay.roleOf(OutputLine.diff("+maxmemory 96M"))).isEqualTo(Role.OK);
        assertThat(TextOverlay.roleOf(OutputLine.plain("+ not a diff"))).isEqualTo(Role.TEXT);
        assertThat(TextOverlay.roleOf(OutputLine.log("1:S 01 Jan 2026 00:00:00.000 * MASTER <-> REPLICA sync: Finished with success")))
                .isEqualTo(Role.OK);
        assertThat(TextOverlay.roleOf(OutputLine.of(OutputLine.Kind.WARNING, "warning: x"))).isEqualTo(Role.WARN);
    }
}
