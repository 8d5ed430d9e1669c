package dev.miniats.local.events;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {
    private final EventIds ids = new EventIds();

    @Test
    void idsAreVersionFourUuidsAsEventBridgeDocuments() {
        UUID id = UUID.fromString(ids.next(System.currentTimeMillis()));
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void idsSortInTheOrderTheyWereIssuedEvenWithinOneMillisecond() {
        long now = System.currentTimeMillis() + 60_000;
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            issued.add(ids.next(now + i / 5_000));
        }
        List<String> sorted = new ArrayList<>(issued);
        Collections.sort(sorted);
        assertThat(sorted).isEqualTo(issued);
        assertThat(new HashSet<>(issued)).hasSize(issued.size());
    }

    @Test
    void aLaterClockGivesALaterIdAndAClockGoingBackDoesNotReorder() {
        String first = ids.next(System.currentTimeMillis() + 120_000);
        String earlierClock = ids.next(System.currentTimeMillis());
        assertThat(earlierClock).isGreaterThan(first);
    }

    @Test
    void threadsNeverShareAnId() throws InterruptedException {
        ConcurrentLinkedQueue<String> issued = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    issued.add(ids.next(System.currentTimeMillis()));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Set<String> distinct = new HashSet<>(issued);
        assertThat(distinct).hasSize(20_000);
    }
}
