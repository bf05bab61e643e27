package io.homeostat.engine.detect.series;

import io.homeostat.core.signal.HealthReport;
import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import java.util.Map;

/**
 * Which series a signal contributes to. A {@link MetricSample} is one value of its
 * {@code (service, metric)} series. A {@link HealthReport} contributes each detail whose value is
 * a plain finite number as the series {@code (service, detail key)}, e.g.
 * {@code (orders, heap.used.ratio)} from the heap check, {@code (orders, process.cpu.load)} from
 * the CPU check. Other signals (outcomes, transitions, failure events) are events, not series:
 * rates come from {@link OperationSampler}.
 *
 * <p>Thread-safe and stateless.
 */
public final class SignalSeries {

    private SignalSeries() {}

    /**
     * Hands every series value in {@code signal} to {@code sink}, in the calling thread. A
     * {@code MetricSample} costs no allocation.
     *
     * @return how many values were handed over
     */
    public static int forEach(Signal signal, SampleSink sink) {
        if (signal instanceof MetricSample sample) {
            sink.accept(sample.service(), sample.metric(), sample.time().toEpochMilli(), sample.value());
            return 1;
        }
        if (signal instanceof HealthReport report) {
            return details(report, sink);
        }
        return 0;
    }

    private static int details(HealthReport report, SampleSink sink) {
        int count = 0;
        long time = report.time().toEpochMilli();
        for (Map.Entry<String, String> detail : report.details().entrySet()) {
            String text = detail.getValue();
            if (looksNumeric(text)) {
                double value = Double.parseDouble(text);
                if (Double.isFinite(value)) {
                    sink.accept(report.service(), detail.getKey(), time, value);
                    count++;
                }
            }
        }
        return count;
    }

    /** Digits with an optional sign, point and exponent: what {@code Double.parseDouble} takes without throwing. */
    static boolean looksNumeric(String text) {
        int n = text.length();
        if (n == 0 || n > 40) {
            return false;
        }
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        boolean digits = false;
        boolean point = false;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point) {
                point = true;
            } else if ((c == 'e' || c == 'E') && digits) {
                return exponent(text, i + 1);
            } else {
                return false;
            }
        }
        return digits;
    }

    private static boolean exponent(String text, int from) {
        int i = from < text.length() && (text.charAt(from) == '-' || text.charAt(from) == '+') ? from + 1 : from;
        if (i >= text.length()) {
            return false;
        }
        for (; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
