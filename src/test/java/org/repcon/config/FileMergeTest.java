package org.repcon.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileMergeTest {

    private static final RenderedFile DIRECTIVES = new RenderedFile("/etc/redis.conf", "bind 127.0.0.1 ::1\nmaxmemory 200M\n",
            RenderedFile.Merge.REDIS_DIRECTIVES, 0644, false, "common");

    @Test
    void replacesTheActiveDirectiveInPlaceAndKeepsEverythingElse() {
        String stock = "# comment about bind\nbind 127.0.0.1 -::1\nport 6379\n# maxmemory <bytes>\ndaemonize yes\n";
        assertThat(FileMerge.apply(stock, DIRECTIVES))
                .isEqualTo("# comment about bind\nbind 127.0.0.1 ::1\nport 6379\n# maxmemory <bytes>\ndaemonize yes\nmaxmemory 200M\n");
    }

    @Test
    void dropsLaterDuplicatesThatWouldOverrideTheReplacedLine() {
        assertThat(FileMerge.apply("bind 0.0.0.0\nport 1\nBIND 10.0.0.1\n", DIRECTIVES))
                .isEqualTo("bind 127.0.0.1 ::1\nport 1\nmaxmemory 200M\n");
    }

    @Test
    void isIdempotent() {
        String once = FileMerge.apply("port 6379\n", DIRECTIVES);
        assertThat(FileMerge.apply(once, DIRECTIVES)).isEqualTo(once);
    }

    @Test
    void rcConfVariablesAreSetWithoutDisturbingOtherLines() {
        RenderedFile rc = new RenderedFile("/etc/rc.conf", "redis_enable=\"YES\"\nredis_profiles=\"redis bayes fuzzy\"\n",
                RenderedFile.Merge.SHELL_VARIABLES, 0644, false, "rc");
        String existing = "hostname=\"mx\"\nredis_enable=\"NO\"\nsshd_enable=\"YES\"\n";
        assertThat(FileMerge.apply(existing, rc))
                .isEqualTo("hostname=\"mx\"\nredis_enable=\"YES\"\nsshd_enable=\"YES\"\nredis_profiles=\"redis bayes fuzzy\"\n");
        assertThat(FileMerge.apply("", rc)).isEqualTo(rc.content());
    }
}
