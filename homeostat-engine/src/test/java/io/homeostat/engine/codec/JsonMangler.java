package io.homeostat.engine.codec;

import java.util.SplittableRandom;

/**
 * Damages JSON the way the readers' differential tests need: one character changed, inserted or
 * dropped, drawn from the characters that matter to JSON (and an escape, a non-ASCII letter, a tab).
 */
public final class JsonMangler {

    private static final String ALPHABET = "{}[]\":,.-+0123456789eEnul \\ü\t";

    private JsonMangler() {}

    /** {@code json} with one character changed, inserted or dropped at a random place. */
    public static String mangled(String json, SplittableRandom random) {
        StringBuilder text = new StringBuilder(json);
        int at = random.nextInt(text.length());
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        switch (random.nextInt(3)) {
            case 0 -> text.setCharAt(at, c);
            case 1 -> text.insert(at, c);
            default -> text.deleteCharAt(at);
        }
        return text.toString();
    }
}
