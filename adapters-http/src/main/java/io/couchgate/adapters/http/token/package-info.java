/** The {@link io.couchgate.domain.port.TokenService} adapter: HS256 JWTs via micronaut-security-jwt. */
package io.couchgate.adapters.http.token;
