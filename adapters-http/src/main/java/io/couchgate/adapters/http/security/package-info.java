/** How micronaut-security's filter treats couchgate's self-authenticating paths. */
package io.couchgate.adapters.http.security;
