package org.repcon.util;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file named on the command line, read whole; a failure is the user's one-line error (exit 2), not a trace. */
public final class UserFile {

    private UserFile() {}

    public static String read(Path file, Charset charset) {
        try {
            return Files.readString(file, charset);
        } catch (NoSuchFileException e) {
            throw RepconException.invalid(file + ": no such file");
        } catch (IOException e) {
            throw RepconException.invalid(file + ": cannot read: " + e.getMessage());
        }
    }
}
