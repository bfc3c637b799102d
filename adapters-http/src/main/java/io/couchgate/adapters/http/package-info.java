/** couchgate adapters-http module. */
package io.couchgate.adapters.http;
