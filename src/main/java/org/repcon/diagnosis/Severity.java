package org.repcon.diagnosis;

/** How bad a finding is; maps onto Nagios states (INFO counts as OK). */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public int nagios() {
        return switch (this) {
            case INFO -> 0;
            case WARNING -> 1;
            case CRITICAL -> 2;
        };
    }
}
