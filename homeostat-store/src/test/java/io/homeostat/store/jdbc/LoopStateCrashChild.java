package io.homeostat.store.jdbc;

import io.homeostat.core.time.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process {@link LoopStateCrashTest} kills: it opens a {@link JdbcStore} on an H2 TCP server
 * (through the test's proxy), makes the loop's writes for incidents {@code 0 .. before - 1}
 * ({@link LoopStateWrites}) and prints {@code ready}; waits for a line on its input (the test cuts
 * the network meanwhile), makes the writes for the next {@code during} incidents, which go to the
 * spool, printing {@code spooled k} after each, then {@code all spooled}, and waits to be killed.
 * Arguments: the test directory, the JDBC URL, {@code before}, {@code during}.
 */
final class LoopStateCrashChild {

    private LoopStateCrashChild() {}

    static StoreConfig config(Path directory, String url) {
        return TestDatabases.h2(directory).withJdbc(url, "sa", "").withConnectTimeout(Duration.ofMillis(500));
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        int before = Integer.parseInt(args[2]);
        int during = Integer.parseInt(args[3]);
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ManualClock clock = ManualClock.at(LoopStateWrites.T0);
        JdbcStore store = JdbcStore.open(config(directory, args[1]), clock.scheduler()); // never closed: killed
        for (int k = 0; k < before; k++) {
            LoopStateWrites.write(store.incidents(), store.diagnoses(), store.workflows(), k);
        }
        System.out.println("ready");
        System.out.flush();
        input.readLine();
        for (int k = before; k < before + during; k++) {
            LoopStateWrites.write(store.incidents(), store.diagnoses(), store.workflows(), k);
            System.out.println("spooled " + k);
            System.out.flush();
        }
        System.out.println("all spooled " + store.loopStateStats().spooledWrites());
        System.out.flush();
        input.readLine(); // killed while waiting here
        System.exit(4);
    }
}
