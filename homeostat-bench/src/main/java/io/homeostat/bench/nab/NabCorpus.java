package io.homeostat.bench.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Loads a NAB data folder ({@code <category>/<name>.csv}) and its windows file. Stateless. */
public final class NabCorpus {

    private NabCorpus() {}

    /**
     * Every CSV under {@code dataDir}, sorted by category then file name, with its windows.
     *
     * @throws UncheckedIOException if a file cannot be read
     * @throws IllegalArgumentException if a file is malformed, has no labels key, or a window
     *     bound matches no row
     */
    public static List<NabDataFile> load(Path dataDir, Path labelsFile) {
        try {
            Map<String, List<String[]>> labels = NabLabels.parse(Files.readString(labelsFile, StandardCharsets.UTF_8));
            List<NabDataFile> files = new ArrayList<>();
            for (Path category : sorted(dataDir, true)) {
                for (Path csv : sorted(category, false)) {
                    if (csv.getFileName().toString().endsWith(".csv")) {
                        files.add(read(category.getFileName().toString(), csv, labels));
                    }
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> sorted(Path dir, boolean directories) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p) == directories).sorted().toList();
        }
    }

    private static NabDataFile read(String category, Path csv, Map<String, List<String[]>> labels) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int n = lines.size() - 1;
        List<String> timestamps = new ArrayList<>(n);
        long[] millis = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i + 1);
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new IllegalArgumentException(csv + " line " + (i + 2) + " has no comma");
            }
            String timestamp = line.substring(0, comma).trim();
            timestamps.add(timestamp);
            millis[i] = LocalDateTime.parse(timestamp.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
            values[i] = Double.parseDouble(line.substring(comma + 1).trim());
        }
        String key = category + "/" + csv.getFileName();
        List<String[]> bounds = labels.get(key);
        if (bounds == null) {
            throw new IllegalArgumentException("no labels for " + key);
        }
        List<NabWindow> windows = new ArrayList<>();
        for (String[] bound : bounds) {
            windows.add(new NabWindow(rowOf(timestamps, bound[0], key), rowOf(timestamps, bound[1], key)));
        }
        return new NabDataFile(category, csv.getFileName().toString(), timestamps, millis, values, windows);
    }

    private static int rowOf(List<String> timestamps, String timestamp, String key) {
        int row = timestamps.indexOf(timestamp);
        if (row < 0) {
            throw new IllegalArgumentException("window bound " + timestamp + " matches no row of " + key);
        }
        return row;
    }
}
