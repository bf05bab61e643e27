package io.homeostat.bench.overhead;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the process's CPU time and that of its platform threads, grouped by what runs on them.
 * Virtual threads (the requests, the upstreams' handlers, the HTTP client's tasks) run on the
 * carrier threads and are counted there. The JIT compilers' time is read from the JVM's
 * compilation counter (elapsed time of the compiler threads, close to their CPU time); what
 * nothing accounts for (the garbage collector, threads that ended, the VM's own threads) is the
 * rest of the process's time. Not thread-safe.
 */
final class CpuMeter {

    /** The thread groups, in the order the tables show them. */
    static final String BUS = "signal bus thread";
    static final String TIMER = "scheduler thread (traffic ticks, guard timeouts, sampler)";
    static final String CARRIERS = "virtual-thread carriers (requests, upstream handlers, HTTP client)";
    static final String HTTP = "HTTP client selector and servers' dispatchers";
    static final String OTHER = "other live threads";
    static final String JIT = "JIT compiler threads (compilation time)";
    static final String REST = "rest of the process (GC, ended threads, VM)";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();

    /**
     * CPU times at one moment.
     *
     * @param allocatedBytes heap bytes allocated by every thread since the JVM started (virtual
     *     threads' allocations count on their carriers); -1 if the JVM cannot tell
     * @param compileMillis the JIT compilers' total time since the JVM started; 0 if the JVM cannot tell
     */
    record Reading(long processNanos, Map<Long, Long> threadNanos, Map<Long, String> groups, long allocatedBytes,
            long compileMillis) {}

    Reading read() {
        long[] ids = threads.getAllThreadIds();
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu >= 0 && infos[i] != null) {
                nanos.put(ids[i], cpu);
                groups.put(ids[i], group(infos[i].getThreadName()));
            }
        }
        long allocated = threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemoryEnabled()
                ? sun.getTotalThreadAllocatedBytes() : -1;
        long compiled = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime() : 0;
        return new Reading(os.getProcessCpuTime(), nanos, groups, allocated, compiled);
    }

    /** CPU nanoseconds per group between two readings; threads born in between count from zero. */
    static Map<String, Long> byGroup(Reading before, Reading after) {
        Map<String, Long> spent = new LinkedHashMap<>();
        for (String group : new String[] {BUS, TIMER, CARRIERS, HTTP, OTHER, JIT, REST}) {
            spent.put(group, 0L);
        }
        long threadsTotal = 0;
        for (var entry : after.threadNanos().entrySet()) {
            long delta = entry.getValue() - before.threadNanos().getOrDefault(entry.getKey(), 0L);
            spent.merge(after.groups().get(entry.getKey()), delta, Long::sum);
            threadsTotal += delta;
        }
        long jit = (after.compileMillis() - before.compileMillis()) * 1_000_000;
        spent.put(JIT, jit);
        spent.put(REST, after.processNanos() - before.processNanos() - threadsTotal - jit);
        return spent;
    }

    static String group(String threadName) {
        if (threadName.startsWith("homeostat-bus")) {
            return BUS;
        }
        if (threadName.startsWith("homeostat-timer") || threadName.startsWith("homeostat-deadlines")) {
            return TIMER;
        }
        if (threadName.startsWith("ForkJoinPool")) {
            return CARRIERS;
        }
        if (threadName.contains("SelectorManager") || threadName.startsWith("HTTP-Dispatcher")) {
            return HTTP;
        }
        return OTHER;
    }
}
