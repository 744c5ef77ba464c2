package org.repcon.diagnosis;

/** How bad a finding is; {@code monitor.Nagios} turns the worst into the plugin's exit code (INFO counts as OK). */
public enum Severity {
    INFO, WARNING, CRITICAL
}
