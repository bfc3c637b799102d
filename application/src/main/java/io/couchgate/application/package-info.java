/** couchgate application module. */
package io.couchgate.application;
