package org.repcon.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Opens a Redis connection the way every part of repcon does: bounded timeouts, AUTH only when a password is given. */
public final class RedisConnector {

    private RedisConnector() {}

    /**
     * Connects (and authenticates) to {@code address}, as {@link Transport#reach} returned it. Throws Jedis's
     * exceptions: the caller knows whether a failure is an answer (a probe) or an error (an action).
     *
     * @param password null for none
     */
    public static Jedis connect(InetSocketAddress address, String password, Duration connectTimeout, Duration readTimeout) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMillis())
                .socketTimeoutMillis((int) readTimeout.toMillis())
                .password(password)
                // No CLIENT SETINFO on connect: AUTH is the only extra round trip a (re)connect costs.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        // The constructor connects and authenticates.
        return new Jedis(new HostAndPort(address.getHostString(), address.getPort()), config);
    }
}
