package org.huzhu.api;

/** The claim's date falls outside the effective range of every version of the scheme. */
public class NoVersionInForceException extends HuzhuException {
    public NoVersionInForceException(String message) {
        super(message);
    }
}
