/** couchgate's model and outgoing ports: plain Java, no framework, no I/O. */
package io.couchgate.domain;
