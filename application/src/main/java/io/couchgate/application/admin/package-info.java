/** The administrator's use cases (the admin CLI): accounts and signup invitations, run outside any server. */
package io.couchgate.application.admin;
