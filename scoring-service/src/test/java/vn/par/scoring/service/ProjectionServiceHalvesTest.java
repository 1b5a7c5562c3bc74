package vn.par.scoring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** A batch too large for the heap is applied in halves, every plan once, in the batch's order. */
class ProjectionServiceHalvesTest {

    private static SortedMap<UUID, Integer> plans(int n) {
        SortedMap<UUID, Integer> batch = new TreeMap<>(Comparator.comparing(UUID::toString));
        for (int i = 0; i < n; i++) {
            batch.put(UUID.randomUUID(), i);
        }
        return batch;
    }

    @Test
    void aBatchThatFitsIsAppliedWhole() {
        SortedMap<UUID, Integer> batch = plans(5);
        List<SortedMap<UUID, Integer>> applied = new ArrayList<>();
        ProjectionService.inHalvesWhileTooLarge(batch, applied::add);
        assertEquals(1, applied.size());
        assertSame(batch, applied.get(0));
    }

    @Test
    void aBatchTooLargeIsAppliedInPartsThatFitEveryPlanOnceInOrder() {
        SortedMap<UUID, Integer> batch = plans(732);
        List<SortedMap<UUID, Integer>> applied = new ArrayList<>();
        int[] tries = { 0 };
        ProjectionService.inHalvesWhileTooLarge(batch, part -> {
            tries[0]++;
            if (part.size() > 100) {
                throw new ProjectionService.TooLargeForTheHeap(new OutOfMemoryError("Java heap space"));
            }
            applied.add(part);
        });
        List<UUID> order = new ArrayList<>();
        applied.forEach(part -> order.addAll(part.keySet()));
        assertEquals(new ArrayList<>(batch.keySet()), order);
        assertTrue(applied.stream().allMatch(part -> part.size() <= 100 && part.size() >= 45), "parts of 45-100 plans");
        assertEquals(8, applied.size()); // 732 → 366 → 183 → 91/92
        assertEquals(15, tries[0]);
    }

    @Test
    void otherFailuresAreNotHalved() {
        SortedMap<UUID, Integer> batch = plans(4);
        int[] tries = { 0 };
        assertThrows(IllegalStateException.class, () -> ProjectionService.inHalvesWhileTooLarge(batch, part -> {
            tries[0]++;
            throw new IllegalStateException("stopping");
        }));
        assertEquals(1, tries[0]);
    }
}
