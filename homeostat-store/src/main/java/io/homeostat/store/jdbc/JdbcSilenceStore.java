package io.homeostat.store.jdbc;

import io.homeostat.engine.alert.Matcher;
import io.homeostat.engine.alert.Silence;
import io.homeostat.engine.port.SilenceStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The silences not over yet in {@code alert_silence}, one row per silence with its matchers as
 * JSON, written through (people make silences now and then). Thread-safe.
 */
final class JdbcSilenceStore implements SilenceStore {

    private static final System.Logger LOG = System.getLogger(JdbcSilenceStore.class.getName());

    private static final String COLUMNS = "id, matchers, starts_at, ends_at, author, comment";

    private final DataSource dataSource;
    private final String upsert;

    JdbcSilenceStore(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.upsert = switch (dialect) {
            case H2 -> "MERGE INTO alert_silence (" + COLUMNS + ") KEY (id) VALUES (?, ?, ?, ?, ?, ?)";
            case POSTGRESQL -> "INSERT INTO alert_silence (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (id) DO UPDATE SET matchers = EXCLUDED.matchers, starts_at = EXCLUDED.starts_at, "
                    + "ends_at = EXCLUDED.ends_at, author = EXCLUDED.author, comment = EXCLUDED.comment";
        };
    }

    @Override
    public void save(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(upsert)) {
            s.setString(1, silence.id());
            s.setString(2, JsonText.ofObjects(silence.matchers().stream().map(JdbcSilenceStore::matcher).toList()));
            s.setObject(3, Wire.sqlTime(silence.startsAt()));
            s.setObject(4, Wire.sqlTime(silence.endsAt()));
            s.setString(5, silence.author());
            s.setString(6, silence.comment());
            s.executeUpdate();
        } catch (SQLException e) {
            throw DataError.of("cannot save " + silence.id(), e);
        }
    }

    @Override
    public void remove(String id) {
        Objects.requireNonNull(id, "id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM alert_silence WHERE id = ?")) {
            s.setString(1, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot remove " + id, e);
        }
    }

    @Override
    public List<Silence> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alert_silence");
                ResultSet rs = s.executeQuery()) {
            List<Silence> silences = new ArrayList<>();
            while (rs.next()) {
                try {
                    List<Matcher> matchers = JsonText.objects(rs.getString(2)).stream().map(JdbcSilenceStore::matcher).toList();
                    silences.add(new Silence(rs.getString(1), matchers, rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6)));
                } catch (RuntimeException e) {
                    // One row this version cannot read (a newer one wrote it) must not keep the server from starting.
                    LOG.log(System.Logger.Level.ERROR, "silence " + rs.getString(1) + " cannot be read and is skipped", e);
                }
            }
            // Sorted here, not by SQL: ids by code point on every database.
            silences.sort(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id));
            return List.copyOf(silences);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the silences", e);
        }
    }

    private static Map<String, String> matcher(Matcher matcher) {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("label", matcher.label());
        json.put("op", matcher.op().name().toLowerCase(Locale.ROOT));
        json.put("value", matcher.value());
        return json;
    }

    private static Matcher matcher(Map<String, String> json) {
        return new Matcher(json.get("label"), Matcher.Op.valueOf(json.get("op").toUpperCase(Locale.ROOT)), json.get("value"));
    }
}
