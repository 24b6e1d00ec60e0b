package io.meridian.resolver.config;

/** A configuration or command-line value that cannot be used; the message names the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
