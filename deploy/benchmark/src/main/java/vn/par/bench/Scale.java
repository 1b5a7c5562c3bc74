package vn.par.bench;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.KafkaProducer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.infra.events.Topics;
import vn.par.stack.Stack;

/**
 * How scoring's cost per event through the live path grows with the size of a plan (35 vs 3,507 criteria, one task
 * per leaf in both) and with the number of plans the events are spread over: K lead reports produced straight to
 * par.progress, timed from the first one sent until scoring-service's {@code scored_plan.progress_sequence} says
 * all K are applied (its database polled every 10 ms). Two rounds each; the second (warm) gives the ratio.
 */
final class Scale {

    static final int ROUNDS = 2;

    private Scale() {
    }

    static ObjectNode run(Stack stack, Options options, Fixture fixture, Consumer<String> log) {
        ObjectNode out = Api.JSON.createObjectNode();
        String bootstrap = stack.kafkaBootstrap();
        int k = options.scaleEvents();
        out.put("eventsPerMeasurement", k);
        Map<UUID, Long> sequences = new HashMap<>();
        Connection scoring = Pg.connect(stack, "scoring");
        try (KafkaProducer<String, String> plansOut = Kafka.planProducer(bootstrap);
                KafkaProducer<String, String> producer = Kafka.eventProducer(bootstrap)) {
            // 35 vs 3,507 criteria, same depth, one task per leaf.
            Synthetic.Plan small = Synthetic.tree("Sở benchmark 35", 5, 1, 5, "4", "2", "3.5");
            Synthetic.Plan large = Synthetic.tree("Sở benchmark 3507", 7, 20, 24, "0.03", "0.01", "0.02");
            log.accept(String.format("scale: publishing plans of %d and %d criteria (snapshots of %d and %d bytes) ...",
                    small.criteria(), large.criteria(), small.snapshot().length(), large.snapshot().length()));
            Synthetic.publish(plansOut, List.of(small, large));
            Rebuild.awaitKnown(stack, List.of(small.id(), large.id()), Duration.ofSeconds(180));
            ObjectNode criteria = out.putObject("criteria");
            ObjectNode smallOut = criteria.putObject("small").put("criteria", small.criteria())
                    .put("tasks", small.tasks().size()).put("snapshotBytes", small.snapshot().length());
            ObjectNode largeOut = criteria.putObject("large").put("criteria", large.criteria())
                    .put("tasks", large.tasks().size()).put("snapshotBytes", large.snapshot().length());
            double s = 0;
            double l = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                s = measure(producer, scoring, List.of(small), k, sequences);
                addRound(smallOut, round, s);
                l = measure(producer, scoring, List.of(large), k, sequences);
                addRound(largeOut, round, l);
                log.accept(String.format(java.util.Locale.ROOT, "scale round %d: %d criteria %s µs/event, %d criteria %s "
                        + "µs/event, ratio %.2f", round, small.criteria(), Util.f1(s), large.criteria(), Util.f1(l), l / s));
            }
            criteria.put("ratio", Util.round(l / s, 2));

            // The same events spread over few vs many plans shaped like the seed.
            ObjectNode template = (ObjectNode) Rebuild.parse(Kafka.firstSnapshot(bootstrap, new HashSet<>(fixture.plans),
                    Duration.ofSeconds(60)));
            List<Synthetic.Plan> few = new ArrayList<>();
            for (int i = 1; i <= options.spreadFew(); i++) {
                few.add(Synthetic.copyOf(template, "Sở benchmark few " + i));
            }
            List<Synthetic.Plan> many = new ArrayList<>();
            for (int i = 1; i <= options.spreadMany(); i++) {
                many.add(Synthetic.copyOf(template, "Sở benchmark many " + i));
            }
            log.accept("scale: publishing " + few.size() + " + " + many.size() + " plans shaped like the seed ...");
            long t0 = System.nanoTime();
            Synthetic.publish(plansOut, few);
            Synthetic.publish(plansOut, many);
            List<Synthetic.Plan> all = new ArrayList<>(few);
            all.addAll(many);
            Rebuild.awaitKnown(stack, Synthetic.ids(all), Duration.ofSeconds(120 + all.size() / 4));
            log.accept(String.format(java.util.Locale.ROOT, "scale: both consumers hold them after %.1f s",
                    Util.seconds(System.nanoTime() - t0)));
            ObjectNode spread = out.putObject("plans");
            ObjectNode fewOut = spread.putObject("few").put("plans", few.size());
            ObjectNode manyOut = spread.putObject("many").put("plans", many.size());
            double f = 0;
            double m = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                f = measure(producer, scoring, few, k, sequences);
                addRound(fewOut, round, f);
                m = measure(producer, scoring, many, k, sequences);
                addRound(manyOut, round, m);
                log.accept(String.format(java.util.Locale.ROOT, "scale round %d: %d plans %s µs/event, %d plans %s "
                        + "µs/event, ratio %.2f", round, few.size(), Util.f1(f), many.size(), Util.f1(m), m / f));
            }
            spread.put("ratio", Util.round(m / f, 2));
        } finally {
            Pg.close(scoring);
        }
        return out;
    }

    private static void addRound(ObjectNode into, int round, double micros) {
        ArrayNode rounds = into.has("microsPerEventByRound") ? (ArrayNode) into.get("microsPerEventByRound")
                : into.putArray("microsPerEventByRound");
        rounds.add(Util.round(micros, 1));
        into.put("microsPerEvent", Util.round(micros, 1));
    }

    /**
     * Produces K lead reports round-robin over the plans (each plan's tasks in turn, each report moving its task's
     * percent) and returns µs per event from the first send until scoring has applied them all.
     */
    private static double measure(KafkaProducer<String, String> producer, Connection scoring, List<Synthetic.Plan> plans,
            int k, Map<UUID, Long> sequences) {
        Util.sleep(1_000); // let the previous measurement's ScoreChanged relay settle
        List<UUID> ids = Synthetic.ids(plans);
        long target = Pg.appliedProgress(scoring, ids) + k;
        Instant time = Instant.now();
        long t0 = System.nanoTime();
        for (int n = 0; n < k; n++) {
            Synthetic.Plan plan = plans.get(n % plans.size());
            long sequence = sequences.merge(plan.id(), 1L, Long::sum);
            long j = sequence - 1;
            Synthetic.Task task = plan.tasks().get((int) (j % plan.tasks().size()));
            int percent = 1 + (int) ((j / plan.tasks().size()) % 99);
            producer.send(Kafka.record(Topics.PROGRESS, Kafka.leadReport(plan.id(), sequence, task.id(), task.criterion(),
                    task.unit(), percent, time)));
        }
        producer.flush();
        long deadline = t0 + Duration.ofMinutes(10).toNanos();
        while (Pg.appliedProgress(scoring, ids) < target) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkException("scoring-service did not apply " + k + " events on " + plans.size()
                        + " plans within 10 minutes");
            }
            Util.sleep(10);
        }
        return (System.nanoTime() - t0) / 1e3 / k;
    }
}
