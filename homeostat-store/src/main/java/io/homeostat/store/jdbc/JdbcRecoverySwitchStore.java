package io.homeostat.store.jdbc;

import io.homeostat.engine.execute.AutomationMode;
import io.homeostat.engine.port.RecoverySwitch;
import io.homeostat.engine.port.RecoverySwitchStore;
import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Recovery's switches in {@code recovery_switch}, one row per kind and target, written through
 * (a person flips one now and then). Thread-safe.
 */
final class JdbcRecoverySwitchStore implements RecoverySwitchStore {

    private static final String COLUMNS = "kind, target, enabled, mode, actor, reason, changed_at";

    private final DataSource dataSource;
    private final String upsert;

    JdbcRecoverySwitchStore(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.upsert = switch (dialect) {
            case H2 -> "MERGE INTO recovery_switch (" + COLUMNS + ") KEY (kind, target) VALUES (?, ?, ?, ?, ?, ?, ?)";
            case POSTGRESQL -> "INSERT INTO recovery_switch (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (kind, target) DO UPDATE SET enabled = EXCLUDED.enabled, mode = EXCLUDED.mode, "
                    + "actor = EXCLUDED.actor, reason = EXCLUDED.reason, changed_at = EXCLUDED.changed_at";
        };
    }

    @Override
    public void save(RecoverySwitch setting) {
        Objects.requireNonNull(setting, "setting");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(upsert)) {
            s.setString(1, setting.kind().name().toLowerCase(Locale.ROOT));
            s.setString(2, setting.target());
            s.setBoolean(3, setting.enabled());
            s.setString(4, setting.mode().name().toLowerCase(Locale.ROOT));
            s.setString(5, setting.actor());
            s.setString(6, setting.reason());
            s.setObject(7, Wire.sqlTime(setting.time()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot save recovery switch " + setting.kind() + " " + setting.target(), e);
        }
    }

    @Override
    public List<RecoverySwitch> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM recovery_switch");
                ResultSet rs = s.executeQuery()) {
            List<RecoverySwitch> settings = new ArrayList<>();
            while (rs.next()) {
                settings.add(new RecoverySwitch(RecoverySwitch.Kind.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)),
                        rs.getString(2), rs.getBoolean(3), AutomationMode.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant()));
            }
            // Sorted here, not by SQL: kinds in their enum order, targets by code point on every database.
            settings.sort(Comparator.comparing(RecoverySwitch::kind).thenComparing(RecoverySwitch::target));
            return List.copyOf(settings);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read recovery switches", e);
        }
    }
}
