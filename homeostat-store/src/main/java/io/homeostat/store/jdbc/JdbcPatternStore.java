package io.homeostat.store.jdbc;

import io.homeostat.engine.detect.pattern.Pattern;
import io.homeostat.engine.detect.pattern.PatternKind;
import io.homeostat.engine.port.PatternStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Failure patterns in {@code error_pattern}, one row per signature, their services in
 * {@code error_pattern_service}. Thread-safe; each method is one transaction.
 *
 * <p>Saves are synchronous JDBC through the pool on the calling thread: the pattern detector runs
 * on the control loop's thread, never on an application thread. A save replaces the whole pattern
 * (delete, then insert; two concurrent first saves of one signature are retried, the later wins).
 * Every {@link SQLException} becomes a {@link StoreUnavailableException}.
 */
final class JdbcPatternStore implements PatternStore {

    private static final String SELECT = "SELECT p.signature, p.kind, p.description, p.typical_cause, "
            + "p.recommended_action, p.occurrence_count, p.first_seen, p.last_seen, p.confidence FROM error_pattern p";

    private final DataSource dataSource;

    JdbcPatternStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void save(Pattern pattern) {
        Objects.requireNonNull(pattern, "pattern");
        try {
            InTransaction.retryingDuplicates(dataSource, c -> {
                delete(c, pattern.signature());
                try (PreparedStatement s = c.prepareStatement("INSERT INTO error_pattern (signature, kind, description, "
                        + "typical_cause, recommended_action, occurrence_count, first_seen, last_seen, confidence) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, pattern.signature());
                    s.setString(2, pattern.kind().label());
                    s.setString(3, pattern.description());
                    s.setString(4, pattern.typicalCause());
                    s.setString(5, pattern.recommendedAction());
                    s.setLong(6, pattern.occurrences());
                    s.setObject(7, Wire.sqlTime(pattern.firstSeen()));
                    s.setObject(8, Wire.sqlTime(pattern.lastSeen()));
                    s.setDouble(9, pattern.confidence());
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO error_pattern_service (signature, service) VALUES (?, ?)")) {
                    for (String service : pattern.services()) {
                        s.setString(1, pattern.signature());
                        s.setString(2, service);
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot save pattern " + pattern.signature(), e);
        }
    }

    @Override
    public Optional<Pattern> find(String signature) {
        List<Pattern> found = select(SELECT + " WHERE p.signature = ?", List.of(signature));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<Pattern> forService(String service) {
        return select(SELECT + " JOIN error_pattern_service m ON m.signature = p.signature WHERE m.service = ? "
                + "ORDER BY p.confidence DESC, p.signature", List.of(service));
    }

    @Override
    public List<Pattern> list(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
        }
        return select(SELECT + " ORDER BY p.last_seen DESC, p.signature FETCH FIRST ? ROWS ONLY", List.of(limit));
    }

    @Override
    public boolean delete(String signature) {
        try {
            return InTransaction.run(dataSource, c -> delete(c, signature));
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot delete pattern " + signature, e);
        }
    }

    private static boolean delete(Connection c, String signature) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM error_pattern WHERE signature = ?")) {
            s.setString(1, signature);
            return s.executeUpdate() > 0;
        }
    }

    private List<Pattern> select(String sql, List<Object> values) {
        try {
            return InTransaction.read(dataSource, c -> {
                List<Row> rows = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    for (int i = 0; i < values.size(); i++) {
                        s.setObject(i + 1, values.get(i));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Row(rs.getString(1), kind(rs.getString(2)), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                                    rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getDouble(9)));
                        }
                    }
                }
                Map<String, List<String>> services = MemberRows.read(c, "error_pattern_service", "signature", "service",
                        "service", rows.stream().map(Row::signature).toList());
                List<Pattern> patterns = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    patterns.add(row.with(Set.copyOf(services.getOrDefault(row.signature(), List.of()))));
                }
                return List.copyOf(patterns);
            });
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read patterns", e);
        }
    }

    /** A row of {@code error_pattern}, before its services are read. */
    private record Row(String signature, PatternKind kind, String description, String cause, String action,
            long occurrences, Instant firstSeen, Instant lastSeen, double confidence) {

        Pattern with(Set<String> services) {
            return new Pattern(signature, kind, services, description, cause, action, occurrences, firstSeen, lastSeen,
                    confidence);
        }
    }

    private static PatternKind kind(String label) {
        for (PatternKind kind : PatternKind.values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalStateException("unknown pattern kind in the store: " + label);
    }
}
