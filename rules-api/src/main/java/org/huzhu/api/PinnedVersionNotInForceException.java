package org.huzhu.api;

/**
 * The request pins a version ({@code scheme@version}) that is not in force on the claim's date, and does not ask
 * for a what-if. A pinned version means "the version I expect to apply", never "these terms whatever the date".
 */
public class PinnedVersionNotInForceException extends NoVersionInForceException {
    public PinnedVersionNotInForceException(String message) {
        super(message);
    }
}
