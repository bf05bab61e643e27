package io.homeostat.store.jdbc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch as one spool entry: {@code [version: byte][count: int]} then per row
 * {@code [table tag: byte][row]}. Stateless.
 */
final class BatchCodec {

    private static final byte VERSION = 1;
    private static final List<Table<?>> TABLES = List.of(FailureTable.INSTANCE, MetricTable.INSTANCE, AuditTable.INSTANCE,
            AlertEventTable.INSTANCE);

    private BatchCodec() {}

    static byte[] encode(List<Pending> batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * batch.size() + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(batch.size());
            for (Pending p : batch) {
                out.writeByte(p.table().tag());
                encodeRow(out, p.table(), p.row());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * The batch in {@code entry}.
     *
     * @throws IOException if the entry is not a batch this version can read
     */
    static List<Pending> decode(byte[] entry) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry));
        byte version = in.readByte();
        if (version != VERSION) {
            throw new IOException("unknown spool batch version " + version);
        }
        int count = in.readInt();
        List<Pending> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Table<?> table = table(in.readByte());
            batch.add(new Pending(table, table.decode(in)));
        }
        return batch;
    }

    private static Table<?> table(byte tag) throws IOException {
        for (Table<?> t : TABLES) {
            if (t.tag() == tag) {
                return t;
            }
        }
        throw new IOException("unknown table tag " + tag);
    }

    private static <T> void encodeRow(DataOutputStream out, Table<T> table, Object row) throws IOException {
        table.encode(out, table.rowType().cast(row));
    }
}
