package io.homeostat.core;

import io.homeostat.core.classify.ErrorCategory;

/** The guard's bulkhead had no free slot; the call was not made. */
public final class BulkheadFullException extends GuardException {

    public BulkheadFullException(String guard, int limit) {
        super(guard, ErrorCategory.REJECTED, "bulkhead of '" + guard + "' is full (limit " + limit + ")", null, false);
    }
}
