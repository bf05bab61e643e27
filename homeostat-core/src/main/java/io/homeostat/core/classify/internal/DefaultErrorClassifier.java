package io.homeostat.core.classify.internal;

import io.homeostat.core.GuardException;
import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.classify.ErrorClassifier;
import io.homeostat.core.classify.HttpStatusCarrier;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/**
 * The classifier behind {@link ErrorClassifier#defaults()}; see there for the mapping.
 * Stateless, hence thread-safe; allocation-free.
 */
public enum DefaultErrorClassifier implements ErrorClassifier {
    INSTANCE;

    /** How many exceptions of a cause chain are looked at; also what ends a cyclic chain. */
    static final int MAX_DEPTH = 16;

    @Override
    public ErrorCategory classify(Throwable error) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            ErrorCategory category = classifyOne(current);
            if (category != ErrorCategory.UNKNOWN) {
                return category;
            }
            Throwable cause = current.getCause();
            if (cause == current) {
                break;
            }
            current = cause;
        }
        return ErrorCategory.UNKNOWN;
    }

    /** The category of {@code error} alone, without looking at its causes. */
    static ErrorCategory classifyOne(Throwable error) {
        if (error instanceof GuardException guard) {
            return guard.category();
        }
        if (error instanceof HttpStatusCarrier carrier) {
            return byHttpStatus(carrier.httpStatus(), error.getMessage());
        }
        if (error instanceof SocketTimeoutException
                || error instanceof HttpTimeoutException
                || error instanceof TimeoutException) {
            return ErrorCategory.TIMEOUT;
        }
        if (error instanceof InterruptedIOException) {
            return Text.containsIgnoreCase(error.getMessage(), "timed out")
                    ? ErrorCategory.TIMEOUT : ErrorCategory.UNKNOWN;
        }
        if (error instanceof ConnectException
                || error instanceof NoRouteToHostException
                || error instanceof PortUnreachableException) {
            return ErrorCategory.CONNECTION_REFUSED;
        }
        if (error instanceof SocketException) {
            return Text.containsIgnoreCase(error.getMessage(), "connection reset")
                    ? ErrorCategory.CONNECTION_REFUSED : ErrorCategory.UNKNOWN;
        }
        if (error instanceof UnknownHostException) {
            return ErrorCategory.DNS_ERROR;
        }
        if (error instanceof SQLException sql) {
            return bySql(sql);
        }
        return ErrorCategory.UNKNOWN;
    }

    static ErrorCategory byHttpStatus(int status, String message) {
        if (status == 402 || Text.containsIgnoreCase(message, "quota")) {
            return ErrorCategory.QUOTA_EXCEEDED;
        }
        return switch (status) {
            case 429 -> ErrorCategory.RATE_LIMIT;
            case 408, 504 -> ErrorCategory.TIMEOUT;
            case 502, 503 -> ErrorCategory.UNAVAILABLE;
            default -> ErrorCategory.UNKNOWN;
        };
    }

    private static ErrorCategory bySql(SQLException sql) {
        if (sql instanceof SQLTimeoutException) {
            return ErrorCategory.TIMEOUT;
        }
        if (sql instanceof SQLTransientConnectionException
                || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLRecoverableException) {
            return ErrorCategory.UNAVAILABLE;
        }
        String state = sql.getSQLState();
        if (state != null && state.startsWith("08")) {
            return ErrorCategory.UNAVAILABLE;
        }
        return ErrorCategory.UNKNOWN;
    }
}
