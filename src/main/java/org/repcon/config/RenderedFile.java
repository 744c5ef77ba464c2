package org.repcon.config;

/**
 * One file a host needs, at its target path (already under the topology's root).
 *
 * @param merge whether repcon owns the whole file or only some lines of a file the system owns
 * @param mode POSIX permission bits, 0600 for files that hold secrets
 * @param secret whether {@code content} carries secret values (masked unless rendered for writing)
 */
public record RenderedFile(String path, String content, Merge merge, int mode, boolean secret, String purpose) {

    /** How the content meets a file that is already there. */
    public enum Merge {
        /** The whole file is repcon's. */
        WHOLE,
        /** Each line sets one redis directive (first word); it replaces that directive in the stock file. */
        REDIS_DIRECTIVES,
        /** Each line sets one shell variable (NAME=...); it replaces that variable, other lines stay (rc.conf). */
        SHELL_VARIABLES
    }

    public static RenderedFile whole(String path, String content, String purpose) {
        return new RenderedFile(path, content, Merge.WHOLE, 0644, false, purpose);
    }
}
