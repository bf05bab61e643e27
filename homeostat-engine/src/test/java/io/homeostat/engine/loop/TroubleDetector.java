package io.homeostat.engine.loop;

import io.homeostat.core.signal.MetricSample;
import io.homeostat.core.signal.Signal;
import io.homeostat.engine.detect.Detection;
import io.homeostat.engine.detect.Detector;
import io.homeostat.engine.detect.SeriesKey;
import io.homeostat.engine.detect.Severity;
import java.util.Map;
import java.util.function.Consumer;

/** A test detector: every {@code trouble} sample is a firing, high error detection on its service. */
final class TroubleDetector implements Detector {

    @Override
    public String name() {
        return "trouble";
    }

    @Override
    public void observe(Signal signal, Consumer<Detection> sink) {
        if (signal instanceof MetricSample m && m.metric().equals("trouble")) {
            sink.accept(new Detection("d-" + m.service() + m.time(), "threshold", Detection.Kind.THRESHOLD,
                    Detection.Status.FIRING, new SeriesKey(m.service(), "error.rate"), "errors", "error-rate",
                    Severity.HIGH, 0.9, "errors on " + m.service(), Map.of(), m.time()));
        }
    }
}
