package io.homeostat.core.degrade;

/** A feature name was asked about that was never registered with the {@link FeatureToggles}. */
public final class UnknownFeatureException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String feature;

    UnknownFeatureException(String feature) {
        super("unknown feature: " + feature);
        this.feature = feature;
    }

    /** The name that was asked about. */
    public String feature() {
        return feature;
    }
}
