package org.repcon.action;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.repcon.util.Format;

/**
 * A replica's running full sync, from its INFO: bytes read so far and, unless the master streams
 * without knowing the size (diskless sync), the total and percentage.
 */
public record SyncProgress(String replica, long readBytes, OptionalLong totalBytes, OptionalDouble percent) {

    public String describe() {
        String read = Format.bytes(readBytes);
        if (percent.isPresent() && totalBytes.isPresent()) {
            return replica + ": full sync " + String.format("%.1f%%", percent.getAsDouble()) + " (" + read + " of "
                    + Format.bytes(totalBytes.getAsLong()) + ")";
        }
        return replica + ": full sync, " + read + " read";
    }
}
