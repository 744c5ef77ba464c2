package org.repcon.action;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.repcon.command.Command;
import org.repcon.command.CommandParser;
import org.repcon.lab.Lab;
import org.repcon.testing.TestLab;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;
import redis.clients.jedis.Jedis;

/**
 * Action tests against one real lab per class: the lab is up before the first test and down after the last
 * (also when a test or the setup fails), and each test runs command lines as an operator types them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LabActionTest {

    Path dir;
    Lab lab;
    Topology topology;
    Transports transports;
    Audit audit;

    /** The lab this class acts on, its files under {@code dir}; each class takes its own addresses. */
    abstract Lab createLab(Path dir);

    /** After the lab is up: the data the tests expect. */
    void prepare() throws Exception {}

    @BeforeAll
    final void up() throws Exception {
        dir = Files.createTempDirectory("repcon-" + getClass().getSimpleName());
        lab = createLab(dir);
        topology = lab.topology();
        transports = new Transports(topology);
        audit = new Audit(dir.resolve("audit.log"));
        TestLab.up(lab);
        prepare();
    }

    @AfterAll
    final void down() {
        try {
            if (transports != null) transports.close();
        } finally {
            if (lab != null) lab.down();
        }
    }

    ActionRunner runner(Confirmer confirmer, Reporter reporter) {
        return new ActionRunner(new ActionContext(topology, transports, Optional.of(lab), Limits.defaults()), false,
                confirmer, reporter, audit);
    }

    /** Runs a command line, answered by {@code s}; its time goes to the test output for the notes. */
    ActionResult run(String line, Scripted s) {
        return run(line, runner(s, s));
    }

    ActionResult run(String line, ActionRunner runner) {
        long start = System.nanoTime();
        ActionResult r = runner.run(parse(line));
        System.out.println("TIMING " + line + ": " + (System.nanoTime() - start) / 1_000_000 + " ms (" + r.outcome() + ")");
        return r;
    }

    Command parse(String line) {
        return new CommandParser(topology).parse(List.of(line.split(" ")));
    }

    Instance instance(String ref) {
        return topology.instance(InstanceRef.parse(ref).orElseThrow()).orElseThrow();
    }

    /** A connection to a lab instance, authenticated when the topology gives it a password; the caller closes it. */
    Jedis jedis(String ref) {
        Instance i = instance(ref);
        Jedis j = Lab.jedis(topology.hostOf(i), i.port());
        if (i.password().isPresent()) j.auth(i.password().get().reveal());
        return j;
    }

    /** The audit log's newest record. */
    JsonObject lastAudit() throws IOException {
        List<String> lines = Files.readAllLines(audit.file());
        return JsonParser.parseString(lines.get(lines.size() - 1)).getAsJsonObject();
    }
}
