package org.repcon.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.diagnosis.Suggestion;
import org.repcon.testing.TwoMasters;

/**
 * A finding's fix is a command of the one language: every way the rules build one parses into an action's command,
 * and the text findings, check and status print parses back to that same command.
 */
class SuggestionTest {

    @TempDir
    Path dir;

    /** One of each factory, on the two-masters topology. */
    private static List<Suggestion> everyKind() {
        return List.of(Suggestion.start("replica1/bayes"), Suggestion.start("replica1/tunnel/bayes"),
                Suggestion.restart("master/tunnel/bayes"), Suggestion.logs("replica1/bayes"), Suggestion.promote("replica1/fuzzy"),
                Suggestion.resync("replica1/bayes", false), Suggestion.resync("replica1/bayes", true),
                Suggestion.repoint("replica1/bayes", "master2/bayes"), Suggestion.restore("master/bayes", "replica1/bayes"),
                Suggestion.set("replica1/bayes", "masterauth"), Suggestion.set("master/bayes", "client-output-buffer-limit", "512mb",
                        "128mb", "60"));
    }

    @Test
    void everySuggestionIsAnActionAndItsPrintedTextParsesBackToTheSameCommand() {
        CommandParser parser = new CommandParser(TwoMasters.topology(39, dir));
        for (Suggestion s : everyKind()) {
            Command typed = parser.parse(s);
            assertThat(typed.verb().scope()).as(s.text()).isEqualTo(Verb.Scope.ACTION);
            assertThat(typed.text()).isEqualTo(s.text());
            assertThat(parser.parse(s.text())).as("printed, then typed").isEqualTo(typed);
            assertThat(Words.split(s.text())).isEqualTo(s.words());
        }
        assertThat(parser.parse(Suggestion.resync("replica1/bayes", true))).isEqualTo(parser.parse("resync replica1/bayes --full"));
        assertThat(Suggestion.repoint("replica1/bayes", "master2/bayes").text()).isEqualTo("repoint replica1/bayes to master2/bayes");
    }

    @Test
    void everyFactoryIsCoveredAboveAndAWordWithASpaceIsRefused() {
        List<String> factories = Arrays.stream(Suggestion.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getReturnType() == Suggestion.class).map(Method::getName).distinct().sorted().toList();
        assertThat(factories).isEqualTo(everyKind().stream().map(Suggestion::verb).distinct().sorted().toList());
        // Its text must split back into its words: a word with a space would not.
        assertThatThrownBy(() -> Suggestion.start("replica1/bayes --force")).isInstanceOf(IllegalArgumentException.class);
    }
}
