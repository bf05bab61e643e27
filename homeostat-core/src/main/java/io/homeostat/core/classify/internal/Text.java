package io.homeostat.core.classify.internal;

/** Allocation-free text matching for exception messages. Stateless, hence thread-safe. */
final class Text {

    private Text() {}

    /** Whether {@code text} contains {@code needle}, ignoring case; false for a null text. */
    static boolean containsIgnoreCase(String text, String needle) {
        if (text == null) {
            return false;
        }
        int last = text.length() - needle.length();
        for (int i = 0; i <= last; i++) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }
}
