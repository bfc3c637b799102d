/**
 * Metrics (README "Metrics"): couchgate's series on Micrometer's Prometheus registry, and the management listener
 * that serves them on loopback, apart from the main port.
 */
package io.couchgate.bootstrap.metrics;
