/** couchgate adapters-couchdb module. */
package io.couchgate.adapters.couchdb;
