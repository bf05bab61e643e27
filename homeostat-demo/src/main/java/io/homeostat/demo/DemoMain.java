package io.homeostat.demo;

import io.homeostat.core.time.Scheduler;
import io.homeostat.engine.config.ConfigException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * {@code ./homeostat demo}: runs the triage demo ({@link DemoRun}) and prints its report at the
 * end or on Ctrl-C; {@code --tour} runs the {@link KernelTour} instead.
 */
public final class DemoMain {

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--tour")) {
            KernelTour.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(DemoOptions.USAGE);
            return;
        }
        // The run prints what matters; the server's start-up chatter and its log alert channel
        // (the dashboard shows the alerts) would bury it.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.io.homeostat.alert",
                System.getProperty("org.slf4j.simpleLogger.log.io.homeostat.alert", "error"));
        PrintStream out = System.out;
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("homeostat demo: " + e.getMessage());
            System.err.print(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        DemoRun run;
        try {
            run = DemoRun.start(options, out, Scheduler.system());
        } catch (ConfigException e) {
            System.err.println("homeostat demo: " + e.getMessage());
            System.exit(2);
            return;
        } catch (UncheckedIOException e) {
            System.err.println("homeostat demo: " + e.getMessage() + " (" + e.getCause().getClass().getSimpleName() + ")");
            System.exit(2);
            return;
        }
        Thread finisher = new Thread(() -> {
            try {
                run.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                run.close();
            }
        }, "homeostat-demo-report");
        Runtime.getRuntime().addShutdownHook(finisher);
        run.await();
        run.finish();
        System.exit(0);
    }
}
