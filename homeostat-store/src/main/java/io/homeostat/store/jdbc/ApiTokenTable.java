package io.homeostat.store.jdbc;

import io.homeostat.engine.port.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The server's API tokens in {@code api_token}: the hash of each secret with the token's name and
 * role, in the order they were made. The server keeps them in memory and writes them all at once
 * when one is made or revoked (they are few, and change rarely). Thread-safe.
 */
public final class ApiTokenTable {

    /**
     * One token as stored.
     *
     * @param hash the SHA-256 of its secret, 64 hex digits
     * @param name its name
     * @param role its role's wire name ({@code viewer}, {@code operator}, {@code admin})
     */
    public record Row(String hash, String name, String role) {

        /** @throws NullPointerException if an argument is null */
        public Row {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }

    private final DataSource dataSource;

    ApiTokenTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every token, in the order they were made.
     *
     * @throws StoreUnavailableException if the database cannot be read
     */
    public List<Row> all() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT token_hash, name, role FROM api_token ORDER BY seq");
                ResultSet rs = s.executeQuery()) {
            List<Row> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
            return List.copyOf(rows);
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot read the API tokens", e);
        }
    }

    /**
     * Replaces every token with {@code rows}, in one transaction: afterwards the table holds
     * exactly them, in their order, or (if it throws) what it held before.
     *
     * @throws NullPointerException if {@code rows} or one of them is null
     * @throws StoreUnavailableException if the database cannot take them now
     * @throws io.homeostat.engine.port.StoreRefusedException if it refused them (two with one name or hash)
     */
    public void replaceAll(List<Row> rows) {
        List<Row> tokens = List.copyOf(rows);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement clear = c.createStatement();
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO api_token (token_hash, name, role, seq) VALUES (?, ?, ?, ?)")) {
                clear.executeUpdate("DELETE FROM api_token");
                for (int i = 0; i < tokens.size(); i++) {
                    insert.setString(1, tokens.get(i).hash());
                    insert.setString(2, tokens.get(i).name());
                    insert.setString(3, tokens.get(i).role());
                    insert.setInt(4, i);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw DataError.of("cannot write the API tokens", e);
        }
    }
}
