package io.homeostat.core.classify.internal;

import io.homeostat.core.classify.ErrorCategory;
import io.homeostat.core.classify.ErrorClassifier;
import java.util.Objects;

/**
 * Asks classifiers in order; the first answer other than {@code UNKNOWN} wins. Thread-safe if
 * its classifiers are (the array is copied and never changed).
 */
public final class ChainedErrorClassifier implements ErrorClassifier {

    private final ErrorClassifier[] classifiers;

    private ChainedErrorClassifier(ErrorClassifier[] classifiers) {
        this.classifiers = classifiers;
    }

    /**
     * {@code first} in order, then {@code last}.
     *
     * @throws NullPointerException if {@code first}, one of its elements or {@code last} is null
     */
    public static ChainedErrorClassifier of(ErrorClassifier[] first, ErrorClassifier last) {
        Objects.requireNonNull(first, "classifiers");
        ErrorClassifier[] all = new ErrorClassifier[first.length + 1];
        for (int i = 0; i < first.length; i++) {
            all[i] = Objects.requireNonNull(first[i], "classifier " + i);
        }
        all[first.length] = Objects.requireNonNull(last, "last");
        return new ChainedErrorClassifier(all);
    }

    @Override
    public ErrorCategory classify(Throwable error) {
        for (ErrorClassifier classifier : classifiers) {
            ErrorCategory category = askSafely(classifier, error);
            if (category != ErrorCategory.UNKNOWN) {
                return category;
            }
        }
        return ErrorCategory.UNKNOWN;
    }

    private static ErrorCategory askSafely(ErrorClassifier classifier, Throwable error) {
        try {
            ErrorCategory category = classifier.classify(error);
            return category == null ? ErrorCategory.UNKNOWN : category;
        } catch (RuntimeException faulty) {
            return ErrorCategory.UNKNOWN;
        }
    }
}
