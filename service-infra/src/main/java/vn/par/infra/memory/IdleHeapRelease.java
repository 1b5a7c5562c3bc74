package vn.par.infra.memory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives the heap a burst of work left behind back to the system once the service has gone quiet. The serial
 * collector (the services' collector on small machines) only shrinks the heap in a full collection, and under a
 * normal load there is none: after the benchmark's set-up (200 plans imported) criteria-service kept about 300 MB
 * resident for hours with some 25 MB live. JDK 17's G1 does this with {@code G1PeriodicGCInterval}; for the serial
 * collector this does the same: when no collection has run and the heap has grown by less than 8 MB over
 * {@code par.memory.idle-after} (the service allocates next to nothing, so it is idle), it asks for one full
 * collection, once per quiet spell, and only if at least 32 MB of the committed heap is free. With
 * {@code -XX:-ShrinkHeapInSteps} (the stack's JVM options) that collection shrinks the heap at once.
 * {@code par.memory.idle-after=0} turns it off.
 */
@ApplicationScoped
public class IdleHeapRelease {

    private static final long QUIET_GROWTH = 8L << 20;
    private static final long WORTH_RELEASING = 32L << 20;

    /** What {@link #check} looks at: collections so far, heap used and committed. */
    record Heap(long collections, long used, long committed) {
        static Heap now() {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return new Heap(countCollections(ManagementFactory.getGarbageCollectorMXBeans()), heap.getUsed(),
                    heap.getCommitted());
        }
    }

    private final Duration idleAfter;
    private final Supplier<Heap> probe;
    private final Runnable collect;
    private final LongSupplier clock;
    private ScheduledExecutorService timer;
    private long lastCollections = -1;
    private long lastUsed;
    private long quietSince = -1;
    private boolean released;

    @Inject
    public IdleHeapRelease(@ConfigProperty(name = "par.memory.idle-after", defaultValue = "30s") Duration idleAfter) {
        this(idleAfter, Heap::now, System::gc, System::nanoTime);
    }

    IdleHeapRelease(Duration idleAfter, Supplier<Heap> probe, Runnable collect, LongSupplier clock) {
        this.idleAfter = idleAfter;
        this.probe = probe;
        this.collect = collect;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (idleAfter.isZero() || idleAfter.isNegative()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idle-heap-release");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1_000, idleAfter.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** One look at the collectors and the heap; returns whether it asked for a collection. Runs on the timer. */
    boolean check() {
        Heap heap = probe.get();
        long now = clock.getAsLong();
        boolean quiet = heap.collections() == lastCollections && heap.used() - lastUsed < QUIET_GROWTH;
        if (!quiet) {
            quietSince = -1;
            released = false;
            lastCollections = heap.collections();
            lastUsed = heap.used();
            return false;
        }
        if (quietSince < 0) {
            quietSince = now;
        }
        if (released || now - quietSince < idleAfter.toNanos() || heap.committed() - heap.used() < WORTH_RELEASING) {
            return false;
        }
        released = true;
        collect.run();
        Heap after = probe.get();
        // The collection itself is not activity: the next comparison starts from here.
        lastCollections = after.collections();
        lastUsed = after.used();
        Log.infof("Idle for %d s: heap %d MB committed → %d MB (%d MB in use)", idleAfter.toSeconds(),
                heap.committed() >> 20, after.committed() >> 20, after.used() >> 20);
        return true;
    }

    private static long countCollections(List<GarbageCollectorMXBean> collectors) {
        long total = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }
}
