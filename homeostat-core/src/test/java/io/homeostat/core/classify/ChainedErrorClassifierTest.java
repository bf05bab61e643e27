package io.homeostat.core.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ChainedErrorClassifierTest {

    static final class QuotaException extends RuntimeException {
        QuotaException() {
            super("monthly budget spent");
        }
    }

    private final ErrorClassifier quota = e -> e instanceof QuotaException ? ErrorCategory.QUOTA_EXCEEDED : ErrorCategory.UNKNOWN;

    @Test
    void applicationClassifierTakesPrecedenceOverDefaults() {
        ErrorClassifier everythingRateLimited = e -> ErrorCategory.RATE_LIMIT;

        assertThat(ErrorClassifier.chain(everythingRateLimited).classify(new ConnectException("refused")))
                .isEqualTo(ErrorCategory.RATE_LIMIT);
        assertThat(ErrorClassifier.chain(quota).classify(new QuotaException())).isEqualTo(ErrorCategory.QUOTA_EXCEEDED);
    }

    @Test
    void unknownAnswerPassesToTheNextClassifierAndFinallyToDefaults() {
        ErrorClassifier passes = e -> ErrorCategory.UNKNOWN;

        assertThat(ErrorClassifier.chain(passes, quota).classify(new QuotaException()))
                .isEqualTo(ErrorCategory.QUOTA_EXCEEDED);
        assertThat(ErrorClassifier.chain(passes, quota).classify(new ConnectException("refused")))
                .isEqualTo(ErrorCategory.CONNECTION_REFUSED);
    }

    @Test
    void faultyClassifierCountsAsPassing() {
        ErrorClassifier throwing = e -> {
            throw new IllegalStateException("classifier bug");
        };
        ErrorClassifier answersNull = e -> null;

        assertThat(ErrorClassifier.chain(throwing, answersNull).classify(new ConnectException("refused")))
                .isEqualTo(ErrorCategory.CONNECTION_REFUSED);
    }

    @Test
    void rejectsNullClassifiers() {
        assertThatThrownBy(() -> ErrorClassifier.chain(quota, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("classifier 1");
        assertThatThrownBy(() -> ErrorClassifier.chain((ErrorClassifier[]) null))
                .isInstanceOf(NullPointerException.class);
    }
}
