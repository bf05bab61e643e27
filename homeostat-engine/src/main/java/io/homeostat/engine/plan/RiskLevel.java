package io.homeostat.engine.plan;

/** How much harm an action can do. Low runs automatically, medium automatically within daily caps, high only with approval. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH;

    /** True if this is riskier than {@code other}. */
    public boolean above(RiskLevel other) {
        return compareTo(other) > 0;
    }
}
