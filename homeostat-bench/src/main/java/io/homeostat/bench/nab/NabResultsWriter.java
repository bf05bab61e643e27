package io.homeostat.bench.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes scores in NAB's results layout,
 * {@code <results>/<detector>/<category>/<detector>_<file>.csv} with columns
 * {@code timestamp,value,anomaly_score}, so NAB's own scorer can read them. Stateless.
 */
final class NabResultsWriter {

    private NabResultsWriter() {}

    /**
     * Writes one file's scores.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    static void write(Path results, String detector, NabDataFile file, double[] scores) {
        Path dir = results.resolve(detector).resolve(file.category());
        try {
            Files.createDirectories(dir);
            try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(detector + "_" + file.fileName()),
                    StandardCharsets.UTF_8)) {
                out.write("timestamp,value,anomaly_score\n");
                for (int i = 0; i < file.rows(); i++) {
                    out.write(file.timestamps().get(i));
                    out.write(',');
                    out.write(Double.toString(file.value(i)));
                    out.write(',');
                    out.write(Double.toString(scores[i]));
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
