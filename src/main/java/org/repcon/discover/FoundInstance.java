package org.repcon.discover;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.topology.Convention;
import org.repcon.topology.Kind;

/** One Redis instance as read on its host, then placed in the deployment (its kind, its master). */
final class FoundInstance {

    final String host;
    final String name;
    final String config;
    final RedisConf conf;
    int port = 6379;
    Optional<RedisConf.Line> replicaof = Optional.empty();
    Optional<RedisConf.Line> maxmemory = Optional.empty();
    Optional<RedisConf.Line> requirepass = Optional.empty();
    Optional<RedisConf.Line> masterauth = Optional.empty();
    /** Per-instance paths that differ from the platform's conventions: the topology's overrides. */
    final Map<Convention, String> paths = new EnumMap<>(Convention.class);
    final Map<String, RedisConf.Line> settings = new LinkedHashMap<>();
    /** Comment lines written above the instance: where things came from, what was not decided. */
    final List<String> comments = new ArrayList<>();
    Kind kind;
    /** The master as {@code HOST/INSTANCE}, once its tunnel is followed; null for a master. */
    String master;
    /** The client tunnel carrying its replication, when not named like the instance. */
    String via;

    FoundInstance(String host, String name, String config, RedisConf conf) {
        this.host = host;
        this.name = name;
        this.config = config;
        this.conf = conf;
    }

    String ref() {
        return host + "/" + name;
    }
}
