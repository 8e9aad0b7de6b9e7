package org.huzhu.api;

import java.util.List;

/**
 * Input names a field the model does not have (a misspelt {@code copay}): refused, because a misspelt field must
 * never become a silent zero or a missing value.
 */
public final class UnknownFieldException extends InvalidInputException {
    private final String path;
    private final String name;
    private final List<String> known;

    /**
     * @param location where the input came from (a file), or empty
     * @param path     the field's path from the document's root, e.g. {@code claim.stays[0].outOfPolcy}
     * @param name     the unknown field's name
     * @param owner    the type that lacks it
     * @param known    the fields that type has
     */
    public UnknownFieldException(String location, String path, String name, String owner, List<String> known) {
        super(location == null || location.isEmpty() ? path : path.isEmpty() ? location : location + " " + path,
                "unknown field (" + owner + " has " + String.join(", ", known) + ")");
        this.path = path;
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** The field's path from the document's root, e.g. {@code claim.stays[0].outOfPolcy}. */
    public String path() {
        return path;
    }

    /** The unknown field's name. */
    public String name() {
        return name;
    }

    /** The fields the enclosing type has. */
    public List<String> known() {
        return known;
    }
}
