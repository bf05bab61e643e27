package io.homeostat.bench.nab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NAB's {@code combined_windows.json}: an object keyed by {@code category/file.csv} whose
 * values are lists of {@code [start, end]} timestamp pairs. Only that shape is understood; the
 * {@code .000000} fraction NAB appends is dropped. Stateless.
 */
final class NabLabels {

    private NabLabels() {}

    /**
     * The windows of every key, as {@code [start, end]} timestamp strings ({@code YYYY-MM-DD HH:MM:SS}).
     *
     * @throws IllegalArgumentException if the text is not of that shape
     */
    static Map<String, List<String[]>> parse(String json) {
        Map<String, List<String[]>> result = new LinkedHashMap<>();
        int depth = 0;
        String key = null;
        List<String> pair = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (depth == 3) {
                        if (pair.size() != 2) {
                            throw new IllegalArgumentException("a window needs two timestamps near offset " + i);
                        }
                        result.get(key).add(new String[] {pair.get(0), pair.get(1)});
                        pair.clear();
                    }
                    depth--;
                }
                case '"' -> {
                    int end = json.indexOf('"', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated string at offset " + i);
                    }
                    String text = json.substring(i + 1, end);
                    if (depth == 1) {
                        key = text;
                        result.put(key, new ArrayList<>());
                    } else if (depth == 3) {
                        pair.add(text.length() > 19 ? text.substring(0, 19) : text);
                    } else {
                        throw new IllegalArgumentException("unexpected string at offset " + i);
                    }
                    i = end;
                }
                default -> { }
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced brackets");
        }
        return result;
    }
}
