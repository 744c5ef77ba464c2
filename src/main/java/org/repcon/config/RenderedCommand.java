package org.repcon.config;

/** A command a host needs run (install, create a directory, enable or start a service), as a shell line. */
public record RenderedCommand(Step step, String command, String purpose) {

    /** The tutorial's order: install, directories, enable at boot, then start. */
    public enum Step { INSTALL, DIRECTORIES, ENABLE, START }
}
