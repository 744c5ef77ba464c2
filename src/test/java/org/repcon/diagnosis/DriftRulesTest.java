package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.repcon.diagnosis.DiagnosisRulesTest.only;
import static org.repcon.testing.RecordedLab.healthy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** config-drift and file-drift from the monitor's comparison (recorded lab: replica1/bayes replicates master/bayes). */
class DriftRulesTest {

    private static ConfigDrifts.Difference difference(String directive, String said, String... settle) {
        return new ConfigDrifts.Difference(directive, said, settle.length == 0 ? Optional.empty() : Optional.of(List.of(settle)));
    }

    private static ConfigDrifts running(ConfigDrifts.Difference... d) {
        return new ConfigDrifts("/etc/redis/redis-bayes.conf", List.of(d), List.of());
    }

    private static ConfigDrifts file(ConfigDrifts.Difference... d) {
        return new ConfigDrifts("/etc/redis/redis-bayes.conf", List.of(), List.of(d));
    }

    @Test
    void noDifferenceIsNoFinding() {
        assertThat(healthy().config("replica1/bayes", running()).findings()).isEmpty();
    }

    @Test
    void aConfigSetIsAWarningSettledBySetWithTheTopologysValue() {
        Finding f = only(healthy().config("master/bayes", running(difference("repl-backlog-size",
                "runs with repl-backlog-size 67108864, its file says 1mb (1048576)", "67108864"))).findings(),
                Code.CONFIG_DRIFT, "master/bayes");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).isEqualTo("master/bayes runs with repl-backlog-size otherwise than its file says: lost at its"
                + " next restart");
        assertThat(f.evidence()).containsExactly("runs with repl-backlog-size 67108864, its file says 1mb (1048576)",
                "file /etc/redis/redis-bayes.conf");
        assertThat(f.fix()).map(Suggestion::text).hasValue("set master/bayes repl-backlog-size 67108864");
    }

    @Test
    void aReplicaofEditedOnDiskWarnsThatTheNextRestartBreaksReplicationAndRepointsToTheTopologysMaster() {
        Finding f = only(healthy().config("replica1/bayes", file(difference("replicaof",
                "its file says replicaof 127.0.0.3 6479, the topology gives 127.0.0.3 6478", "127.0.0.3", "6478"))).findings(),
                Code.FILE_DRIFT, "replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.summary()).endsWith(": its next restart breaks its replication");
        assertThat(f.fix()).map(Suggestion::text).hasValue("repoint replica1/bayes to master/bayes");
    }

    @Test
    void anotherFileValueIsInformationSettledBySet() {
        Finding f = only(healthy().config("replica1/bayes", file(difference("maxmemory",
                "its file says maxmemory 80mb, the topology gives 70mb", "70mb"))).findings(), Code.FILE_DRIFT, "replica1/bayes");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.fix()).map(Suggestion::text).hasValue("set replica1/bayes maxmemory 70mb");
    }

    @Test
    void whatSetDoesNotManageGetsNoCommandAndAMasterauthWithoutAPasswordInTheTopologyNeither() {
        List<Finding> findings = healthy().config("master/bayes", running(difference("save", "runs with save \"\", its file says 3600 1")))
                .config("replica1/bayes", running(difference("masterauth", "runs with another masterauth than its file says (not shown)")))
                .findings();
        assertThat(findings).extracting(f -> f.code() + " " + f.subject().key() + " " + f.fix().map(Suggestion::text).orElse("-"))
                .containsExactlyInAnyOrder("config-drift master/bayes -", "config-drift replica1/bayes -");
    }

    @Test
    void everyDirectiveThatSetIsSuggestedForIsOneSetManages() {
        assertThat(DriftRules.SETTABLE).containsExactlyInAnyOrderElementsOf(org.repcon.command.Setting.words());
    }
}
