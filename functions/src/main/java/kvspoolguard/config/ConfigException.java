package kvspoolguard.config;

/** The function's environment is not a configuration it can run with; the message lists every problem. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
