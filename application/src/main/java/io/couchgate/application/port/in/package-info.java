/** Incoming ports: one use case per interface, each with one method. */
package io.couchgate.application.port.in;
