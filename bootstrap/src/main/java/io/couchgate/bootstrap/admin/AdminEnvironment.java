package io.couchgate.bootstrap.admin;

/** The Micronaut environment the admin CLI's application context runs in. */
public final class AdminEnvironment {

    /**
     * The environment's name. Beans of the server only (the provisioning at start, the reaper, the sessions feed,
     * the TLS listener's certificate) say {@code @Requires(notEnv = AdminEnvironment.NAME)}.
     */
    public static final String NAME = "admin-cli";

    private AdminEnvironment() {
    }
}
