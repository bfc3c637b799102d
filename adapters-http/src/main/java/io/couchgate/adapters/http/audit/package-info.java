/** The audit log: who did what from where, without secrets ({@link io.couchgate.adapters.http.audit.AuditLog}). */
package io.couchgate.adapters.http.audit;
