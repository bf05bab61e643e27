package io.homeostat.bench.overhead;

/** A child JVM of a {@link KernelOverheadPair} run failed, was late or reported what cannot be paired. */
final class ChildFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ChildFailedException(String message) {
        super(message);
    }
}
