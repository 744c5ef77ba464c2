package org.repcon.action;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the first few KB of an RDB file say: its auxiliary fields (the replication id and offset it was saved at,
 * its creation time) and the key count of its first database (the RESIZEDB record that precedes it). Enough for the
 * dataset guard to tell whether a stopped master's file is behind its replicas, without loading it.
 *
 * @param firstDb the number of the first database in the file, -1 when none was reached (an empty RDB has none)
 * @param firstDbKeys its key count, when the header reached it
 * @param complete whether the parse reached the first database or the end of the file (so "no database" means empty)
 */
record RdbHeader(Map<String, String> aux, int firstDb, OptionalLong firstDbKeys, boolean complete) {

    /** How much of the file is read for the header: aux fields are a few hundred bytes. */
    static final int PREFIX = 8192;

    private static final int OP_AUX = 0xFA;
    private static final int OP_RESIZEDB = 0xFB;
    private static final int OP_SELECTDB = 0xFE;
    private static final int OP_EOF = 0xFF;

    Optional<String> replid() {
        return Optional.ofNullable(aux.get("repl-id"));
    }

    OptionalLong replOffset() {
        try {
            return aux.containsKey("repl-offset") ? OptionalLong.of(Long.parseLong(aux.get("repl-offset"))) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether the file holds no key at all: its header ends without any database. */
    boolean empty() {
        return complete && firstDb < 0;
    }

    /** Parses a file's first bytes; empty when they are not an RDB. */
    static Optional<RdbHeader> parse(byte[] b) {
        if (b.length < 9 || !new String(b, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) return Optional.empty();
        Map<String, String> aux = new HashMap<>();
        Cursor c = new Cursor(b, 9);
        try {
            while (c.has()) {
                int op = c.u8();
                if (op == OP_AUX) {
                    String key = c.string();
                    aux.put(key, c.string());
                } else if (op == OP_SELECTDB) {
                    int db = (int) c.length();
                    OptionalLong keys = OptionalLong.empty();
                    if (c.has() && c.peek() == OP_RESIZEDB) {
                        c.u8();
                        keys = OptionalLong.of(c.length());
                    }
                    return Optional.of(new RdbHeader(aux, db, keys, true));
                } else if (op == OP_EOF) {
                    return Optional.of(new RdbHeader(aux, -1, OptionalLong.empty(), true));
                } else {
                    break; // a module's aux record or a function: what follows needs no reading here
                }
            }
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            // cut off inside a record: what was read stands
        }
        return Optional.of(new RdbHeader(aux, -1, OptionalLong.empty(), false));
    }

    /** RDB's length and string encodings, as far as aux fields and RESIZEDB use them. */
    private static final class Cursor {
        final byte[] b;
        int at;

        Cursor(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        boolean has() {
            return at < b.length;
        }

        int peek() {
            return b[at] & 0xFF;
        }

        int u8() {
            if (at >= b.length) throw new IndexOutOfBoundsException();
            return b[at++] & 0xFF;
        }

        long length() {
            int first = u8();
            return switch (first >> 6) {
                case 0 -> first & 0x3F;
                case 1 -> ((first & 0x3F) << 8) | u8();
                case 2 -> first == 0x80 ? bigEndian(4) : first == 0x81 ? bigEndian(8) : fail();
                default -> fail(); // an encoded string where a length belongs
            };
        }

        String string() {
            int first = peek();
            if (first >> 6 != 3) {
                int n = (int) length();
                if (n < 0 || at + n > b.length) throw new IndexOutOfBoundsException();
                String s = new String(b, at, n, StandardCharsets.ISO_8859_1);
                at += n;
                return s;
            }
            u8();
            return switch (first & 0x3F) {
                case 0 -> Long.toString((byte) u8());
                case 1 -> Long.toString((short) littleEndian(2));
                case 2 -> Long.toString((int) littleEndian(4));
                default -> fail(); // LZF-compressed: not in aux fields of any Redis version
            };
        }

        private long bigEndian(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v = (v << 8) | u8();
            return v;
        }

        private long littleEndian(int n) {
            long v = 0;
            for (int i = 0; i < n; i++) v |= (long) u8() << (8 * i);
            return v;
        }

        private static <T> T fail() {
            throw new IllegalStateException("not an RDB header");
        }
    }
}
