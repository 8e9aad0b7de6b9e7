package org.huzhu.api;

/** Base of every error Huzhu reports; the message is meant for the person who supplied the input. */
public class HuzhuException extends RuntimeException {
    public HuzhuException(String message) {
        super(message);
    }

    public HuzhuException(String message, Throwable cause) {
        super(message, cause);
    }
}
