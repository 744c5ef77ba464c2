package org.repcon.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes read as Redis's memtoll reads them: k/m/g are powers of 1000, kb/mb/gb powers of 1024. */
class SizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
            "0, 0",
            "524288, 524288",
            "100b, 100",
            "1k, 1000",
            "1kb, 1024",
            "1K, 1000",
            "1KB, 1024",
            "600M, 600000000",
            "600mb, 629145600",
            "1g, 1000000000",
            "1gb, 1073741824",
            "1GB, 1073741824",
            "1Gb, 1073741824",
    })
    void parsesLikeRedis(String text, long bytes) {
        Size size = Size.parse(text);
        assertThat(size.bytes()).isEqualTo(bytes);
        assertThat(size.text()).isEqualTo(text);
        assertThat(size).hasToString(text);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "M", "600X", "600 M", "6.5G", "1tb", "0x10", "1e3", "ten", "600MM"})
    void rejectsGarbage(String text) {
        assertThatThrownBy(() -> Size.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a size (examples: 600M, 1gb, 524288)");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"-5M", "-1"})
    void rejectsNegativeSizes(String text) {
        assertThatThrownBy(() -> Size.parse(text)).hasMessageContaining("cannot be negative");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"99999999999gb", "9223372036854775808", "99999999999999999999k"})
    void rejectsOverflow(String text) {
        assertThatThrownBy(() -> Size.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too large a size");
    }

    @Test
    void ofBytesWritesThePlainNumber() {
        assertThat(Size.ofBytes(1024)).isEqualTo(new Size("1024", 1024));
    }
}
