package org.repcon.transport;

import java.util.Optional;

/**
 * A file written on a host.
 *
 * @param backup where the content it replaced was kept; empty when there was no file before
 */
public record FileWrite(String path, Optional<String> backup) {}
