package org.repcon.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An instance's file as it read before a change, to hold the change to what its preview promised: the file written
 * with mode 640, the old one kept as a backup beside it.
 */
record FileBefore(Path path, String text) {

    static FileBefore read(Path path) throws IOException {
        return new FileBefore(path, Files.readString(path));
    }

    /** The preview's line for writing it on {@code host}. */
    String writing(String host) {
        return host + ": write " + path + " (mode 640, the old file kept as a backup beside it)";
    }

    /** It reads {@code now} (mode 640); the audit record's written file is it, its backup beside it reading as before. */
    void rewrittenAs(String now, JsonObject audit) throws IOException {
        assertThat(Files.readString(path)).isEqualTo(now);
        assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        JsonObject written = audit.getAsJsonArray("files").get(0).getAsJsonObject();
        assertThat(written.get("path").getAsString()).isEqualTo(path.toString());
        Path backup = Path.of(written.get("backup").getAsString());
        assertThat(backup.getParent()).isEqualTo(path.getParent());
        assertThat(Files.readString(backup)).isEqualTo(text);
    }
}
