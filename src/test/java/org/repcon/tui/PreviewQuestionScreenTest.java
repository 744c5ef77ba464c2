package org.repcon.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.action.OutputLine;

/**
 * A preview longer than the screen with its question open, at 80x24: the keys that cannot be typed into an answer
 * (PgDn/PgUp, Down/Up) scroll the preview, so its last warnings can be read before answering; what is typed still
 * goes to the answer.
 */
class PreviewQuestionScreenTest {

    /** ':go' shows a 60-line preview ending in a warning, then asks on the bottom line, as an action does. */
    private static final class Asking implements CommandHandler {
        volatile String answer;

        @Override
        public Result execute(String line, ConsoleControl console) {
            List<OutputLine> lines = new ArrayList<>();
            lines.add(OutputLine.of(OutputLine.Kind.HEADING, "restart replica1/bayes"));
            for (int i = 1; i <= 58; i++) lines.add(OutputLine.plain("step " + i));
            lines.add(OutputLine.of(OutputLine.Kind.WARNING, "the last warning: replica1/bayes holds 3 keys more than its master"));
            console.showOutput("preview", lines, null);
            console.ask("restart replica1/bayes? [y/N]", typed -> {
                answer = typed;
                console.showMessage("answered " + typed, false);
            });
            return Result.NONE;
        }

        @Override
        public Result run(List<String> words, ConsoleControl console) {
            return execute(String.join(" ", words), console);
        }
    }

    @Test
    void thePreviewScrollsWhileItsQuestionIsAsked() {
        Asking handler = new Asking();
        try (ScreenDriver d = ScreenDriver.start(Fixtures.faulted(System.currentTimeMillis()), 80, 24,
                o -> o.withCommands(handler))) {
            d.press(":").type("go").press("Enter").awaitText("restart replica1/bayes? [y/N]");
            assertThat(d.text()).contains("step 1", "PgUp/PgDn, answer below").doesNotContain("the last warning");
            d.press("PgDn", "PgDn", "PgDn").awaitText("the last warning: replica1/bayes holds 3 keys more");
            assertThat(d.lines().get(23)).startsWith("restart replica1/bayes? [y/N]");
            d.press("PgUp", "PgUp", "PgUp", "PgUp").awaitText("│ restart replica1/bayes ");
            d.press("Down").awaitNoText("│ restart replica1/bayes ");
            assertThat(d.text()).contains("2-21/60");
            d.press("Up").awaitText("│ restart replica1/bayes ");
            // The question is still open and takes what is typed.
            d.type("y").press("Enter").awaitText("answered y");
            assertThat(handler.answer).isEqualTo("y");
        }
    }
}
