package org.repcon.transport;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Opens a Redis connection the way every part of repcon does: bounded timeouts, AUTH only when a password is given. */
public final class RedisConnector {

    private RedisConnector() {}

    /**
     * Connects (and authenticates) to {@code endpoint}, as {@link Transport#reach} returned it: a TCP address or
     * an ssh forward's unix socket. Throws Jedis's exceptions, the socket's own as the cause of a connection
     * failure: the caller knows whether a failure is an answer (a probe) or an error (an action).
     *
     * @param password null for none
     */
    public static Jedis connect(Endpoint endpoint, String password, Duration connectTimeout, Duration readTimeout) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) connectTimeout.toMillis())
                .socketTimeoutMillis((int) readTimeout.toMillis())
                .password(password)
                // No CLIENT SETINFO on connect: AUTH is the only extra round trip a (re)connect costs.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                .build();
        JedisSocketFactory sockets = () -> {
            try {
                Socket socket = endpoint.connect(connectTimeout);
                try {
                    socket.setSoTimeout((int) readTimeout.toMillis());
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                return socket;
            } catch (IOException e) {
                throw new JedisConnectionException("Failed to connect to " + endpoint + ": " + e.getMessage(), e);
            }
        };
        // The constructor connects and authenticates.
        return new Jedis(sockets, config);
    }
}
