package io.couchgate.adapters.couchdb.testing;

/** The dev server could not bind its port because another process took it first. */
final class PortInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Names the taken port.
     *
     * @param port the port pouchdb-server reported as already in use
     */
    PortInUseException(int port) {
        super("port " + port + " is already in use");
    }
}
