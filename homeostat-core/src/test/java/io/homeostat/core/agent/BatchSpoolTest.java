package io.homeostat.core.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchSpoolTest {

    @TempDir
    Path dir;

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void givesBatchesBackOldestFirstAndForgetsThemWhenRemoved() {
        BatchSpool spool = new BatchSpool(dir, 1 << 20);
        spool.append(body("a"));
        spool.append(body("bb"));
        assertThat(spool.entries()).isEqualTo(2);
        assertThat(spool.bytes()).isEqualTo(3);
        BatchSpool.Entry head = spool.head().orElseThrow();
        assertThat(new String(head.body(), StandardCharsets.UTF_8)).isEqualTo("a");
        spool.remove(head.sequence());
        assertThat(new String(spool.head().orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("bb");
        assertThat(spool.bytes()).isEqualTo(2);
    }

    @Test
    void survivesARestartInOrderAndDropsHalfWrittenFiles() throws Exception {
        BatchSpool first = new BatchSpool(dir, 1 << 20);
        for (int i = 0; i < 12; i++) {
            first.append(body("batch-" + i));
        }
        Files.writeString(dir.resolve("0000000000000099.batch.tmp"), "cut short");
        BatchSpool second = new BatchSpool(dir, 1 << 20);
        assertThat(second.entries()).isEqualTo(12);
        for (int i = 0; i < 12; i++) {
            BatchSpool.Entry head = second.head().orElseThrow();
            assertThat(new String(head.body(), StandardCharsets.UTF_8)).isEqualTo("batch-" + i);
            second.remove(head.sequence());
        }
        assertThat(second.isEmpty()).isTrue();
        second.append(body("after"));
        assertThat(new BatchSpool(dir, 1 << 20).head().orElseThrow().sequence()).isEqualTo(13);
        assertThat(dir.resolve("0000000000000099.batch.tmp")).doesNotExist();
    }

    @Test
    void aReplacedBatchKeepsItsPlaceAndSizeAcrossARestart() {
        BatchSpool spool = new BatchSpool(dir, 1 << 20);
        spool.append(body("first-whole"));
        spool.append(body("second"));
        spool.replace(spool.head().orElseThrow().sequence(), body("rest"));
        assertThat(spool.bytes()).isEqualTo(10);

        BatchSpool reopened = new BatchSpool(dir, 1 << 20);
        assertThat(reopened.bytes()).isEqualTo(10);
        BatchSpool.Entry head = reopened.head().orElseThrow();
        assertThat(new String(head.body(), StandardCharsets.UTF_8)).isEqualTo("rest");
        reopened.remove(head.sequence());
        assertThat(new String(reopened.head().orElseThrow().body(), StandardCharsets.UTF_8)).isEqualTo("second");
        assertThat(reopened.entries()).isEqualTo(1);
    }

    @Test
    void refusesABatchPastItsLimit() {
        BatchSpool spool = new BatchSpool(dir, 10);
        assertThat(spool.append(body("12345678"))).isTrue();
        assertThat(spool.append(body("123"))).isFalse();
        assertThat(spool.entries()).isEqualTo(1);
    }
}
