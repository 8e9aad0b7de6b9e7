package org.huzhu.api;

/**
 * A ruleset reference: {@code scheme} (the version in force on the claim's date) or {@code scheme@version}
 * (that version, pinned).
 */
public record RulesetId(String scheme, String version) {
    public RulesetId {
        Checks.requiredText(scheme, "ruleset");
        if (version != null && version.isBlank()) {
            version = null;
        }
    }

    public static RulesetId parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("ruleset", "is required (scheme or scheme@version)");
        }
        int at = text.indexOf('@');
        return at < 0 ? new RulesetId(text.trim(), null)
                : new RulesetId(text.substring(0, at).trim(), text.substring(at + 1).trim());
    }

    public boolean pinned() {
        return version != null;
    }

    @Override
    public String toString() {
        return version == null ? scheme : scheme + "@" + version;
    }
}
