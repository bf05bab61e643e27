package io.homeostat.engine.execute.action;

import io.homeostat.core.CallContext;
import io.homeostat.engine.execute.ActionRequest;
import java.util.Map;

final class Requests {

    private Requests() {
    }

    static ActionRequest on(String service, Map<String, String> params) {
        return new ActionRequest("inc-1", "run-1", "step", 1, service, params, CallContext.DEFAULT);
    }
}
