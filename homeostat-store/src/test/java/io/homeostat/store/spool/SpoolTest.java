package io.homeostat.store.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path directory;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(Spool spool) {
        List<String> out = new ArrayList<>();
        while (!spool.isEmpty()) {
            out.add(new String(spool.peek().orElseThrow(), StandardCharsets.UTF_8));
            spool.commit();
        }
        return out;
    }

    @Test
    void replaysEntriesInTheOrderTheyWereAppendedAndEmptiesTheFile() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            assertThat(spool.peek()).isEmpty();
            spool.append(bytes("one"));
            spool.append(bytes("two"));
            assertThat(new String(spool.peek().orElseThrow(), StandardCharsets.UTF_8)).as("peek does not consume")
                    .isEqualTo("one");
            spool.append(bytes("three"));

            assertThat(drain(spool)).containsExactly("one", "two", "three");
            assertThat(spool.stats().usedBytes()).isZero();
            assertThat(spool.stats().replayedEntries()).isEqualTo(3);
        }
        assertThat(Files.size(directory.resolve("spool.log"))).isZero();
    }

    @Test
    void forEachPendingReadsTheEntriesNotYetReplayedInOrderWithoutConsumingThem() {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(bytes("a"));
            spool.append(bytes("bb"));
            spool.append(bytes("ccc"));
            spool.peek();
            spool.commit();
            assertThat(pending(spool)).containsExactly("bb", "ccc");
            assertThat(spool.stats().pendingEntries()).isEqualTo(2);
        }
        try (Spool spool = Spool.open(directory, MIB)) {
            assertThat(pending(spool)).as("after a reopen").containsExactly("bb", "ccc");
            assertThat(drain(spool)).containsExactly("bb", "ccc");
            assertThat(pending(spool)).isEmpty();
        }
    }

    private static List<String> pending(Spool spool) {
        List<String> out = new ArrayList<>();
        spool.forEachPending(entry -> out.add(new String(entry, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void entriesNotReplayedSurviveAReopen() {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(bytes("a"));
            spool.append(bytes("b"));
            spool.append(bytes("c"));
            spool.peek();
            spool.commit();
        }
        try (Spool reopened = Spool.open(directory, MIB)) {
            assertThat(reopened.stats().pendingEntries()).isEqualTo(2);
            assertThat(drain(reopened)).containsExactly("b", "c");
        }
    }

    @Test
    void aTornTailIsCutOffAndCountedOnOpen() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(bytes("whole"));
        }
        long sound = Files.size(directory.resolve("spool.log"));
        // a crash in the middle of an append: the header promises 100 bytes, 3 arrived
        try (FileChannel file = FileChannel.open(directory.resolve("spool.log"), StandardOpenOption.APPEND)) {
            file.write(ByteBuffer.allocate(11).putInt(100).putInt(12345).put(bytes("abc")).flip());
        }

        try (Spool reopened = Spool.open(directory, MIB)) {
            assertThat(reopened.stats().discardedTailBytes()).isEqualTo(11);
            assertThat(Files.size(directory.resolve("spool.log"))).isEqualTo(sound);
            reopened.append(bytes("after"));
            assertThat(drain(reopened)).containsExactly("whole", "after");
        }
    }

    @Test
    void aCorruptEntryIsCaughtByItsChecksum() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(bytes("first"));
            spool.append(bytes("second"));
        }
        byte[] file = Files.readAllBytes(directory.resolve("spool.log"));
        file[file.length - 1] ^= 0x01; // one flipped bit in the last payload
        Files.write(directory.resolve("spool.log"), file);

        try (Spool reopened = Spool.open(directory, MIB)) {
            assertThat(reopened.stats().discardedTailBytes()).isEqualTo(8 + "second".length());
            assertThat(drain(reopened)).containsExactly("first");
        }
    }

    @Test
    void refusesAnEntryThatWouldPassTheBoundAndSaysWhenNearlyFull() {
        try (Spool spool = Spool.open(directory, 1000)) {
            byte[] tenth = new byte[100 - 8]; // with its header, a tenth of the bound
            for (int i = 0; i < 7; i++) {
                assertThat(spool.append(tenth)).isTrue();
            }
            assertThat(spool.stats().nearFull()).as("70 %").isFalse();
            assertThat(spool.append(tenth)).isTrue();
            assertThat(spool.stats().nearFull()).as("80 %").isTrue();
            assertThat(spool.append(tenth)).isTrue();
            assertThat(spool.append(tenth)).isTrue();
            assertThat(spool.append(new byte[1])).as("exactly full").isFalse();
            assertThat(spool.stats().refusedEntries()).isEqualTo(1);
            assertThat(spool.stats().pendingEntries()).isEqualTo(10);
        }
    }

    @Test
    void aStalePositionFileMeansReplayingEverything() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(bytes("x"));
            spool.append(bytes("y"));
        }
        Files.write(directory.resolve("spool.pos"), ByteBuffer.allocate(8).putLong(3).array()); // not a boundary

        try (Spool reopened = Spool.open(directory, MIB)) {
            assertThat(drain(reopened)).containsExactly("x", "y");
        }
    }

    @Test
    void aFileReplayedToTheEndButNotEmptiedIsEmptiedOnOpen() throws IOException {
        try (Spool spool = Spool.open(directory, MIB)) {
            spool.append(bytes("x"));
            spool.append(bytes("y"));
        }
        long size = Files.size(directory.resolve("spool.log"));
        // a crash after the last replay was recorded and before the file was emptied
        Files.write(directory.resolve("spool.pos"), ByteBuffer.allocate(8).putLong(size).array());

        try (Spool reopened = Spool.open(directory, MIB)) {
            assertThat(reopened.isEmpty()).isTrue();
            assertThat(reopened.stats().usedBytes()).isZero();
            assertThat(reopened.stats().discardedTailBytes()).isZero();
            reopened.append(bytes("z"));
            assertThat(drain(reopened)).containsExactly("z");
        }
        assertThat(Files.size(directory.resolve("spool.log"))).isZero();
    }

    @Test
    void rejectsEmptyEntriesAndCommitsWithoutAPeek() {
        try (Spool spool = Spool.open(directory, MIB)) {
            assertThatThrownBy(() -> spool.append(new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(spool::commit).isInstanceOf(IllegalStateException.class);
        }
        assertThatThrownBy(() -> Spool.open(directory, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
