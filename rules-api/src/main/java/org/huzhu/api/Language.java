package org.huzhu.api;

import java.util.Locale;

/** The languages explanations are rendered in. */
public enum Language {
    /** Chinese, as the union clerks who pay read it. */
    ZH,
    /** English. */
    EN;

    /** {@code zh} or {@code en}, any case. */
    public static Language of(String code) {
        return switch (code.toLowerCase(Locale.ROOT)) {
            case "zh" -> ZH;
            case "en" -> EN;
            default -> throw new IllegalArgumentException("unknown language '" + code + "' (zh or en)");
        };
    }

    /** Chinese when the locale's language is Chinese, else English. */
    public static Language of(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? ZH : EN;
    }

    /** The code used in files and options: {@code zh}, {@code en}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
