package io.homeostat.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.homeostat.core.BulkheadFullException;
import io.homeostat.core.CallTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DefaultErrorClassifierTest {

    private final ErrorClassifier classifier = ErrorClassifier.defaults();

    @Test
    void refusedLoopbackConnectionIsConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }
        Throwable refused = catchThrowable(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), closedPort), 2_000);
            }
        });

        assertThat(refused).isInstanceOf(ConnectException.class);
        assertThat(classifier.classify(refused)).isEqualTo(ErrorCategory.CONNECTION_REFUSED);
    }

    @Test
    void unresolvableHostIsDnsError() {
        Throwable unknown = catchThrowable(() -> InetAddress.getByName("nonexistent.invalid"));

        assertThat(unknown).isInstanceOf(UnknownHostException.class);
        assertThat(classifier.classify(unknown)).isEqualTo(ErrorCategory.DNS_ERROR);
    }

    @Test
    void socketHttpAndFutureTimeoutsAreTimeouts() {
        assertThat(classifier.classify(new SocketTimeoutException("Read timed out"))).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(new HttpTimeoutException("request timed out"))).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(new TimeoutException())).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(new SQLTimeoutException("query timeout"))).isEqualTo(ErrorCategory.TIMEOUT);
    }

    @Test
    void interruptedIoIsTimeoutOnlyWhenItSaysItTimedOut() {
        assertThat(classifier.classify(new InterruptedIOException("Connect Timed Out"))).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(new InterruptedIOException("interrupted"))).isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(classifier.classify(new InterruptedIOException())).isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void unreachablePortsRoutesAndResetsAreConnectionRefused() {
        assertThat(classifier.classify(new NoRouteToHostException("No route to host")))
                .isEqualTo(ErrorCategory.CONNECTION_REFUSED);
        assertThat(classifier.classify(new PortUnreachableException("ICMP Port Unreachable")))
                .isEqualTo(ErrorCategory.CONNECTION_REFUSED);
        assertThat(classifier.classify(new SocketException("Connection reset by peer")))
                .isEqualTo(ErrorCategory.CONNECTION_REFUSED);
        assertThat(classifier.classify(new SocketException("Socket closed"))).isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void sqlConnectionProblemsAreUnavailable() {
        assertThat(classifier.classify(new SQLTransientConnectionException("pool exhausted")))
                .isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(classifier.classify(new SQLNonTransientConnectionException("gone")))
                .isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(classifier.classify(new SQLRecoverableException("failover"))).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(classifier.classify(new SQLException("connection failure", "08006")))
                .isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(classifier.classify(new SQLException("unique violation", "23505"))).isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(classifier.classify(new SQLException("no state"))).isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void httpStatusesMapToCategories() {
        assertThat(classifier.classify(new HttpStatusException(429, "slow down"))).isEqualTo(ErrorCategory.RATE_LIMIT);
        assertThat(classifier.classify(new HttpStatusException(408, "request timeout"))).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(new HttpStatusException(504, "gateway timeout"))).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(new HttpStatusException(502, "bad gateway"))).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(classifier.classify(new HttpStatusException(503, "unavailable"))).isEqualTo(ErrorCategory.UNAVAILABLE);
        assertThat(classifier.classify(new HttpStatusException(402, "payment required")))
                .isEqualTo(ErrorCategory.QUOTA_EXCEEDED);
        assertThat(classifier.classify(new HttpStatusException(500, "boom"))).isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void quotaInTheMessageWinsOverRateLimitStatus() {
        HttpStatusException openAiStyle = new HttpStatusException(429,
                "{\"error\":{\"code\":\"insufficient_quota\",\"message\":\"You exceeded your current quota\"}}");

        assertThat(classifier.classify(openAiStyle)).isEqualTo(ErrorCategory.QUOTA_EXCEEDED);
    }

    @Test
    void anyExceptionCarryingAStatusIsClassifiedByIt() {
        class ClientException extends RuntimeException implements HttpStatusCarrier {
            @Override
            public int httpStatus() {
                return 503;
            }
        }

        assertThat(classifier.classify(new ClientException())).isEqualTo(ErrorCategory.UNAVAILABLE);
    }

    @Test
    void guardExceptionsKeepTheirOwnCategory() {
        assertThat(classifier.classify(new BulkheadFullException("db", 10))).isEqualTo(ErrorCategory.REJECTED);
        assertThat(classifier.classify(new CallTimeoutException("db", Duration.ofSeconds(1))))
                .isEqualTo(ErrorCategory.TIMEOUT);
    }

    @Test
    void looksThroughWrappersToTheFirstRecognisedCause() {
        Throwable wrapped = new ExecutionException(new UncheckedIOException(new SocketTimeoutException("Read timed out")));
        Throwable outerWins = new RuntimeException(new HttpStatusException(429, "later", new ConnectException("refused")));

        assertThat(classifier.classify(wrapped)).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(classifier.classify(outerWins)).isEqualTo(ErrorCategory.RATE_LIMIT);
    }

    @Test
    void endsOnCyclicCauseChains() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(classifier.classify(a)).isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void stopsLookingAfterSixteenLevels() {
        Throwable shallow = new ConnectException("refused");
        for (int i = 0; i < 15; i++) {
            shallow = new RuntimeException(shallow);
        }
        Throwable deep = new RuntimeException(shallow);

        assertThat(classifier.classify(shallow)).isEqualTo(ErrorCategory.CONNECTION_REFUSED);
        assertThat(classifier.classify(deep)).isEqualTo(ErrorCategory.UNKNOWN);
    }

    @Test
    void nullAndUnrecognisedErrorsAreUnknown() {
        assertThat(classifier.classify(null)).isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(classifier.classify(new IllegalStateException("bug"))).isEqualTo(ErrorCategory.UNKNOWN);
    }
}
