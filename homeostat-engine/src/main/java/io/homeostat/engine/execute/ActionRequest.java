package io.homeostat.engine.execute;

import io.homeostat.core.CallContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an action is asked to do: for which incident, run and step, on which service, with which
 * parameters ({@code ${service}} already replaced). Immutable.
 *
 * @param incidentId the incident being recovered
 * @param runId the workflow run
 * @param step the step's name
 * @param attempt 1 for the first attempt of the step
 * @param service the incident's service the workflow was chosen for
 * @param params the step's parameters
 * @param context what the protected calls are doing (the workflow's call context)
 */
public record ActionRequest(String incidentId, String runId, String step, int attempt, String service,
        Map<String, String> params, CallContext context) {

    public ActionRequest {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(step, "step");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        Objects.requireNonNull(service, "service");
        params = Map.copyOf(params);
        Objects.requireNonNull(context, "context");
    }

    /** The parameter, if given. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /**
     * The parameter.
     *
     * @throws ActionFailedException if it is missing
     */
    public String required(String name) {
        return param(name).orElseThrow(() -> new ActionFailedException("parameter '" + name + "' is missing"));
    }

    /** {@code incident/run/step#attempt}: one execution of one step of one incident's run. */
    public String key() {
        return incidentId + '/' + runId + '/' + step + '#' + attempt;
    }
}
