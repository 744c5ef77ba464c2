package org.repcon.config;

import java.util.Optional;

/** A directory a host needs (an instance's working directory, the log and pid directories), with its owner. */
public record RenderedDirectory(String path, Optional<String> owner) {}
