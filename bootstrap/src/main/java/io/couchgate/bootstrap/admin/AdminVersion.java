package io.couchgate.bootstrap.admin;

import picocli.CommandLine;

/** {@code --version}: the jar's {@code Implementation-Version} ({@code dev} when run from classes). */
final class AdminVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = AdminVersion.class.getPackage().getImplementationVersion();
        return new String[] {"couchgate " + (version == null ? "dev" : version)};
    }
}
