package org.repcon.config;

import org.repcon.topology.Secret;

/**
 * Where rendered files get their secret values: masked for display, revealed only when the files
 * are written. Rendering itself never decides, so no code path can print a secret by accident.
 */
public interface SecretValues {

    String psk(String identity);

    String password(Secret secret);

    /** Placeholders that say where the value lives. */
    static SecretValues masked(java.nio.file.Path pskFile) {
        return new SecretValues() {
            @Override
            public String psk(String identity) {
                return "<secret of '" + identity + "' from " + pskFile + ">";
            }

            @Override
            public String password(Secret secret) {
                return secret.toString();
            }
        };
    }

    /** The real values, for writing files. */
    static SecretValues revealed(PskStore store) {
        return new SecretValues() {
            @Override
            public String psk(String identity) {
                return store.secret(identity);
            }

            @Override
            public String password(Secret secret) {
                return secret.reveal();
            }
        };
    }
}
