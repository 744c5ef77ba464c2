package org.repcon.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StunnelLogTest {

    @Test
    void keepsTheNewestDistinctErrorsOfThisTunnelsPort() {
        List<String> log = List.of(
                "2026.12.01 06:31:18 LOG3[8]: s_connect: connect 127.0.0.2:6478: Connection refused (111)",
                "2026.12.01 06:31:19 LOG5[9]: Service [bayes] accepted connection from 127.0.0.1:40544",
                "2026.12.01 06:31:19 LOG4[9]: Service [bayes]: PSK identity not found (session id 1)",
                "2026.12.01 06:31:19 LOG3[10]: s_connect: connect 127.0.0.2:6477: Connection refused (111)",
                "2026.12.01 06:31:20 LOG3[11]: s_connect: connect 127.0.0.2:6478: Connection refused (111)",
                "2026.12.01 06:31:20 LOG3[11]: No more addresses to connect",
                "not a stunnel line");
        assertThat(StunnelLog.errors(log, 6478, 2)).containsExactly(
                "2026.12.01 06:31:19 Service [bayes]: PSK identity not found (session id 1)",
                "2026.12.01 06:31:20 s_connect: connect 127.0.0.2:6478: Connection refused (111)");
        assertThat(StunnelLog.errors(log, 6478, 1)).containsExactly(
                "2026.12.01 06:31:20 s_connect: connect 127.0.0.2:6478: Connection refused (111)");
        assertThat(StunnelLog.errors(List.of("2026.12.01 06:31:19 LOG5[9]: Service [bayes] accepted connection"), 6478, 2)).isEmpty();
    }
}
