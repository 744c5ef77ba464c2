/**
 * The quoting rules of each syntax repcon writes values into, one class per target: redis.conf
 * ({@link org.repcon.syntax.RedisConfQuote}), stunnel's configuration ({@link org.repcon.syntax.StunnelValue}),
 * Rspamd's UCL ({@link org.repcon.syntax.UclQuote}) and the POSIX shell ({@link org.repcon.syntax.ShellQuote}).
 * Depends on nothing, so the topology's validation (can the value be written at all?), the renderer, the
 * transports and the actions' previews all use the same rules.
 */
package org.repcon.syntax;
