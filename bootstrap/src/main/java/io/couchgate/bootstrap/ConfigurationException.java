package io.couchgate.bootstrap;

/** The configuration is invalid; the message names the key and the fix. */
public class ConfigurationException extends RuntimeException {

    /** @param message which key, what is wrong, what to do */
    public ConfigurationException(String message) {
        super(message);
    }
}
