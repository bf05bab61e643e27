package io.homeostat.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the members of many owners at once (an incident's services, a pattern's services) from a
 * table of {@code (owner key, member)} rows, {@value #CHUNK} owners per query. Stateless.
 */
final class MemberRows {

    /** How many keys one {@code IN (...)} list carries. */
    private static final int CHUNK = 500;

    private MemberRows() {}

    /**
     * The members of each of {@code keys}, in {@code orderBy} order within each; owners without
     * members are absent from the map.
     *
     * @param table the member table
     * @param keyColumn its column naming the owner
     * @param memberColumn its column holding the member
     * @param orderBy the column (or columns) that order one owner's members
     */
    static Map<String, List<String>> read(Connection c, String table, String keyColumn, String memberColumn,
            String orderBy, Collection<String> keys) throws SQLException {
        Map<String, List<String>> members = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT " + keyColumn + ", " + memberColumn + " FROM " + table
                    + " WHERE " + keyColumn + " IN (" + marks + ") ORDER BY " + keyColumn + ", " + orderBy)) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
        }
        return members;
    }
}
