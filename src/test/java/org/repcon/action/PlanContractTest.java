package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.repcon.command.Command;
import org.repcon.command.CommandParser;
import org.repcon.command.Verb;
import org.repcon.testing.TestTopologies;
import org.repcon.topology.Topology;
import org.repcon.transport.Transports;

/**
 * The action contract, for every action: its plan is reachable only through a passed check (no public method but
 * {@code check()} gives a plan), and it keeps no state between two checks (every field is final and none
 * is a mutable collection), so each check, the one after the confirmation too, reads anew.
 */
class PlanContractTest {

    /** One command line per verb an action carries out. */
    private static final Map<Verb, String> LINES = Map.of(
            Verb.START, "start replica1/bayes", Verb.STOP, "stop replica1/bayes", Verb.RESTART, "restart replica1/tunnel/bayes",
            Verb.REPOINT, "repoint replica1/bayes to master/bayes", Verb.RESYNC, "resync replica1/bayes",
            Verb.PROMOTE, "promote replica1/bayes", Verb.RESTORE, "restore master/bayes", Verb.LOGS, "logs replica1/bayes",
            Verb.EXPLAIN, "explain local-tunnel-down", Verb.SET, "set replica1/bayes replica-read-only yes");

    private static List<Action> everyAction(Topology t, Transports transports) {
        ActionContext ctx = new ActionContext(t, transports, Optional.empty(), Limits.defaults());
        List<Action> actions = new ArrayList<>();
        for (Verb verb : Verb.values()) {
            if (verb.scope() != Verb.Scope.ACTION) continue;
            assertThat(LINES).as("a command line for " + verb).containsKey(verb);
            Command c = new CommandParser(t).parse(List.of(LINES.get(verb).split(" ")));
            actions.add(Actions.create(c, ctx));
        }
        return actions;
    }

    @Test
    void aPlanIsReachableOnlyThroughACheckAndNothingIsKeptBetweenChecks() {
        Topology t = TestTopologies.load("lab.yaml");
        try (Transports transports = new Transports(t)) {
            List<Action> actions = everyAction(t, transports);
            assertThat(actions).extracting(a -> a.getClass().getSimpleName()).containsExactlyInAnyOrder("StartAction",
                    "StopAction", "RestartAction", "RepointAction", "ResyncAction", "PromoteAction", "RestoreAction",
                    "LogsAction", "ExplainAction", "SetAction");
            for (Action a : actions) {
                // What a caller outside the action can call: only check() leads to a plan.
                for (Method m : a.getClass().getMethods()) {
                    if (m.getName().equals("check") && m.getParameterCount() == 0) continue;
                    assertThat(m.getReturnType()).as(a.getClass().getSimpleName() + "." + m.getName() + " gives a plan besides check()")
                            .isNotIn(Plan.class, Checked.class, Checked.Ready.class);
                }
                for (Class<?> c = a.getClass(); c != Object.class; c = c.getSuperclass()) {
                    for (Field f : c.getDeclaredFields()) {
                        if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
                        assertThat(Modifier.isFinal(f.getModifiers())).as(c.getSimpleName() + "." + f.getName() + " is final").isTrue();
                        assertThat(Collection.class.isAssignableFrom(f.getType()) || Map.class.isAssignableFrom(f.getType()))
                                .as(c.getSimpleName() + "." + f.getName() + " holds no collection a check could fill").isFalse();
                    }
                }
            }
        }
    }

    @Test
    void aRefusalCarriesNoPlanAndAReadyCheckNothingButItsPlan() {
        assertThat(Checked.Refused.class.getRecordComponents()).extracting(c -> (Object) c.getType()).containsExactly(String.class);
        assertThat(Checked.Ready.class.getRecordComponents()).extracting(c -> (Object) c.getType()).containsExactly(Plan.class);
        assertThat(Checked.class.getPermittedSubclasses()).containsExactlyInAnyOrder(Checked.Refused.class, Checked.Ready.class);
    }

    @Test
    void aServiceOnAHostThatCannotBeReachedIsRefusedWithoutAPlan() {
        // Production hosts that do not exist: the check reads, finds nothing to reach, and refuses.
        Topology t = TestTopologies.load("rspamd-debian.yaml");
        try (Transports transports = new Transports(t)) {
            ActionContext ctx = new ActionContext(t, transports, Optional.empty(), Limits.defaults());
            Action start = Actions.create(new CommandParser(t).parse(List.of("start", "edge1/bayes")), ctx);
            Checked checked = start.check();
            assertThat(checked).isInstanceOf(Checked.Refused.class);
            assertThat(((Checked.Refused) checked).why()).startsWith("cannot reach edge1/bayes: ");
        }
    }

    @Test
    void aPlanDerivesTheHostsItLocksFromItsSteps() {
        Topology t = TestTopologies.load("lab.yaml");
        var replica = t.instance(org.repcon.topology.InstanceRef.parse("replica1/bayes").orElseThrow()).orElseThrow();
        Plan plan = Plan.change("restore", List.of(), List.of(new Step.Snapshot(replica),
                new Step.CopyFile("replica1", "/a", "master", "/b", 0644), new Step.Exec("master", List.of("true"))),
                List.of(), Confirmation.TYPE_NAME, p -> "ok");
        assertThat(plan.hosts()).containsExactly("replica1", "master");
        assertThat(Plan.reading("logs", () -> new Plan.Verified("none", List.of())).hosts()).isEmpty();
    }
}
