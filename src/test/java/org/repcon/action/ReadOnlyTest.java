package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.command.Command;
import org.repcon.command.CommandParser;
import org.repcon.command.Verb;
import org.repcon.testing.TwoMasters;
import org.repcon.testing.VerbExamples;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;

/**
 * Read-only mode refuses every verb that changes something, at the runner, before anything is probed,
 * shown or asked; the verb table drives the test, so a verb added later is covered without editing it.
 */
class ReadOnlyTest {

    @Test
    void readOnlyRefusesEveryMutatingVerbAndAuditsEachRefusal(@TempDir Path dir) throws Exception {
        Topology topology = TwoMasters.topology(33, dir);
        Audit audit = new Audit(dir.resolve("audit.log"));
        List<String> commands = VerbExamples.mutating(topology);
        assertThat(commands).contains("repoint replica1/bayes to master/bayes --force", "resync replica1/bayes --full",
                "promote replica1/bayes", "stop master/bayes");

        // Nothing may be asked or shown: the refusal comes first. Nothing is running on these addresses either.
        Confirmer mustNotAsk = q -> {
            throw new AssertionError("asked: " + q.prompt());
        };
        Reporter mustNotShow = new Reporter() {
            @Override
            public void preview(Preview p) {
                throw new AssertionError("previewed: " + p.title());
            }

            @Override
            public void note(String line) {
                throw new AssertionError("progress: " + line);
            }
        };
        CommandParser parser = new CommandParser(topology);
        try (Transports transports = new Transports(topology)) {
            ActionRunner runner = new ActionRunner(new ActionContext(topology, transports, Optional.empty(), Limits.defaults()),
                    true, mustNotAsk, mustNotShow, audit);
            for (String line : commands) {
                ActionResult r = runner.run(parser.parse(List.of(line.split(" "))));
                assertThat(r.outcome()).as(line).isEqualTo(Outcome.REFUSED);
                assertThat(r.message()).as(line).startsWith("read-only mode:");
            }
        }
        List<String> lines = Files.readAllLines(audit.file());
        assertThat(lines).hasSize(commands.size());
        for (int n = 0; n < lines.size(); n++) {
            JsonObject o = JsonParser.parseString(lines.get(n)).getAsJsonObject();
            assertThat(o.get("command").getAsString()).isEqualTo(commands.get(n));
            assertThat(o.get("outcome").getAsString()).isEqualTo("refused");
            assertThat(o.get("readOnly").getAsBoolean()).isTrue();
            assertThat(o.getAsJsonArray("ran")).isEmpty();
            assertThat(o.get("user").getAsString()).isEqualTo(System.getProperty("user.name"));
            assertThat(o.get("host").getAsString()).isNotEmpty();
            assertThat(o.get("time").getAsString()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        }
    }

    @Test
    void everyActionVerbHasAnActionThatAgreesWithTheTableAboutMutating(@TempDir Path dir) {
        Topology topology = TwoMasters.topology(33, dir);
        try (Transports transports = new Transports(topology)) {
            ActionContext ctx = new ActionContext(topology, transports, Optional.empty(), Limits.defaults());
            for (Verb verb : Verb.values()) {
                if (verb.scope() != Verb.Scope.ACTION) continue;
                Command c = new CommandParser(topology).parse(VerbExamples.example(topology, verb, false));
                Action a = Actions.create(c, ctx);
                assertThat(a.mutates()).as(verb.word()).isEqualTo(verb.mutates());
                assertThat(a.command()).isEqualTo(c);
            }
        }
        // Every verb that changes something is an action: the front end cannot carry one out around the runner.
        assertThat(Arrays.stream(Verb.values()).filter(Verb::mutates)).isNotEmpty().allMatch(v -> v.scope() == Verb.Scope.ACTION);
    }
}
