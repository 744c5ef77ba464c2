package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.graphics.BasicTextImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.repcon.tui.theme.Palette;
import org.repcon.tui.theme.Themes;

/**
 * Every screen state at every size from the smallest to very large: painting never aims outside a
 * pane (the canvas asserts, and tests run with assertions on) and the header and hint line are there.
 */
class FrameSweepTest {

    private static final Map<String, Consumer<Ui>> STATES = Map.of(
            "hosts", ui -> {},
            "findings", Ui::nextPane,
            "topology", Ui::toggleTopology,
            "details", ui -> ui.openDetails(),
            "help", Ui::toggleHelp,
            "filter", ui -> {
                ui.startFilter();
                for (char c : "replica2".toCharArray()) ui.handle(new KeyStroke(c, false, false));
            },
            "command", ui -> {
                ui.startCommand();
                for (char c : "theme".toCharArray()) ui.handle(new KeyStroke(c, false, false));
                ui.handle(new KeyStroke(KeyType.Tab));
            },
            "nothing matches", ui -> ui.setFilter("no-such-host"),
            "output box asking", ui -> {
                ui.showReport("preview", java.util.Collections.nCopies(80, "-maxmemory 50M"));
                ui.ask("start replica1/fuzzy? [y/n]", answer -> {});
            },
            "details over the topology with help", ui -> {
                ui.toggleTopology();
                ui.nextPane();
                ui.openDetails();
                ui.toggleHelp();
            });

    @Test
    void everyStateAtEverySize() {
        Themes themes = new Themes(Path.of("target", "no-user-themes"));
        for (boolean unicode : List.of(true, false)) {
            Capabilities caps = Capabilities.detect(unicode ? ScreenDriver.TRUECOLOR_UTF8 : Map.of("LANG", "C"));
            for (var state : STATES.entrySet()) {
                for (var view : List.of(Fixtures.faulted(System.currentTimeMillis()), Fixtures.healthy(0))) {
                    FixedConsoleSource source = new FixedConsoleSource(view);
                    Ui ui = new Ui(source, ConsoleCommands.withoutActions(null, themes::names), themes, caps, true,
                            new Palette(themes.load("dark"), caps.depth()), Duration.ofSeconds(1), Runnable::run,
                            System::currentTimeMillis);
                    ui.setView(view);
                    state.getValue().accept(ui);
                    for (int w : new int[] {20, 39, 40, 41, 57, 80, 99, 100, 120, 149, 150, 173, 200, 231}) {
                        for (int h : new int[] {5, 9, 10, 13, 24, 31, 40, 60, 72}) {
                            BasicTextImage image = new BasicTextImage(w, h);
                            Frame.paint(image.newTextGraphics(), w, h, ui, System.currentTimeMillis());
                            String at = state.getKey() + " at " + w + "x" + h;
                            if (w >= 40 && h >= 10) {
                                assertThat(image.getCharacterAt(1, 0).getCharacterString()).as(at).isEqualTo("r");
                                assertThat(image.getCharacterAt(0, h - 1).getCharacterString()
                                        + image.getCharacterAt(1, h - 1).getCharacterString()).as(at).isNotBlank();
                            }
                        }
                    }
                }
            }
        }
    }
}
