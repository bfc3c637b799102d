package io.couchgate.adapters.http.proxy;

import io.couchgate.adapters.http.security.CorsPolicy;
import io.couchgate.application.port.in.DropVanishedSessionUseCase;
import io.couchgate.application.port.in.ResolveDatabaseCredentialsUseCase;
import io.couchgate.application.port.out.Metrics;
import java.time.Duration;

/**
 * What every relayed exchange ({@link RelayExchange}) shares.
 *
 * @param connections the pooled connections to CouchDB
 * @param basePath the path of CouchDB's URL without a trailing slash ({@code ""} for none), put before each path
 * @param locations moves CouchDB's {@code Location} headers under {@code /database}
 * @param cors the CORS policy applied to every answer
 * @param sessions resolves tokens again (a session ended while its stream was being registered)
 * @param vanished drops a session whose CouchDB user vanished (blocking: called on a worker thread)
 * @param streams the open long transfers per session, closed when it ends
 * @param readTimeout the longest silence of CouchDB while an answer is awaited
 * @param maxRequestSize the largest request body relayed, in bytes
 * @param refusals audits couchgate's own refusals (a session whose CouchDB user vanished)
 * @param stop whether a graceful stop has begun (a connection then closes once its relayed answer is whole)
 * @param metrics where each answer's status and latency are reported
 */
record RelayServices(UpstreamConnections connections, String basePath, LocationRewriter locations, CorsPolicy cors,
                     ResolveDatabaseCredentialsUseCase sessions, DropVanishedSessionUseCase vanished,
                     NettySessionStreams streams, Duration readTimeout, long maxRequestSize,
                     DatabaseRefusalAudit refusals, GracefulStop stop, Metrics metrics) {
}
