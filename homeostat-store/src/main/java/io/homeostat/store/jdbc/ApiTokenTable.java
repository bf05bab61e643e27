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
 * role, in the order they were made. The server keeps them in memory and writes the one it makes
 * or revokes. Thread-safe.
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
     * Adds {@code rows}, after the tokens there already, in one transaction: all of them or (if it
     * throws) none.
     *
     * @throws NullPointerException if {@code rows} or one of them is null
     * @throws StoreUnavailableException if the database cannot take them now
     * @throws io.homeostat.engine.port.StoreRefusedException if it refused them: a name or hash it
     *     holds already, or two of them with one
     */
    public void insert(List<Row> rows) {
        List<Row> tokens = List.copyOf(rows);
        if (tokens.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement last = c.createStatement();
                    ResultSet seq = last.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM api_token");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO api_token (token_hash, name, role, seq) VALUES (?, ?, ?, ?)")) {
                seq.next();
                int next = seq.getInt(1) + 1;
                for (Row row : tokens) {
                    insert.setString(1, row.hash());
                    insert.setString(2, row.name());
                    insert.setString(3, row.role());
                    insert.setInt(4, next++);
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
            throw DataError.of("cannot store the API tokens " + tokens.stream().map(Row::name).toList(), e);
        }
    }

    /**
     * Deletes the token whose secret hashes to {@code hash}; nothing if there is none.
     *
     * @throws NullPointerException if {@code hash} is null
     * @throws StoreUnavailableException if the database cannot take it now
     */
    public void delete(String hash) {
        Objects.requireNonNull(hash, "hash");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM api_token WHERE token_hash = ?")) {
            s.setString(1, hash);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot revoke the API token", e);
        }
    }
}
