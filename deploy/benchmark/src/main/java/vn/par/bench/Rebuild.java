package vn.par.bench;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.infra.events.Topics;
import vn.par.stack.Stack;

/**
 * scoring-service's rebuild over a large history: synthetic plans (copies of a loaded seed plan) published on
 * par.plans, then {@code --rebuild-events} progress events produced straight to par.progress while
 * scoring-service is stopped; its consumer group is moved to the end (so its live consumer does not apply them one
 * by one), it is started again, and {@code POST /api/admin/rebuild} replays both topics from the beginning.
 */
final class Rebuild {

    private Rebuild() {
    }

    static ObjectNode run(Stack stack, Options options, Fixture fixture, Consumer<String> log) {
        ObjectNode out = Api.JSON.createObjectNode();
        String bootstrap = stack.kafkaBootstrap();
        ObjectNode template = (ObjectNode) parse(Kafka.firstSnapshot(bootstrap, new HashSet<>(fixture.plans),
                Duration.ofSeconds(60)));
        List<Synthetic.Plan> plans = new ArrayList<>();
        for (int i = 1; i <= options.rebuildPlans(); i++) {
            plans.add(Synthetic.copyOf(template, "Sở benchmark rebuild " + i));
        }
        log.accept("rebuild: publishing " + plans.size() + " synthetic plans on par.plans ...");
        try (KafkaProducer<String, String> planProducer = Kafka.planProducer(bootstrap);
                KafkaProducer<String, String> producer = Kafka.eventProducer(bootstrap); Admin admin = Kafka.admin(bootstrap)) {
            Synthetic.publish(planProducer, plans);
            awaitKnown(stack, Synthetic.ids(plans), Duration.ofSeconds(120 + plans.size()));

            log.accept("rebuild: stopping scoring-service, producing " + options.rebuildEvents() + " progress events ...");
            stack.service("scoring-service").stop();
            try {
                produce(stack, options, plans, producer, admin, out, log);
            } catch (RuntimeException e) {
                stack.startService("scoring-service"); // the next phases need it
                throw e;
            }
        }
        long t1 = System.nanoTime();
        stack.startService("scoring-service");
        out.put("scoringRestartSeconds", Util.round(Util.seconds(System.nanoTime() - t1), 2));
        String admin = stack.token("admin", "admin");
        log.accept("rebuild: POST /api/admin/rebuild ...");
        long t2 = System.nanoTime();
        Api.Reply reply = Api.send("POST", stack.url("scoring-service") + "/api/admin/rebuild", admin, "application/json",
                new byte[0], Duration.ofMinutes(30));
        double wall = Util.seconds(System.nanoTime() - t2);
        JsonNode answer = Api.expect(reply, "POST /api/admin/rebuild", 200).json();
        out.set("answer", answer);
        long events = answer.path("events").asLong();
        out.put("events", events);
        out.put("eventsPerSecond", answer.path("eventsPerSecond").asDouble());
        out.put("wallSeconds", Util.round(wall, 2));
        out.put("wallEventsPerSecond", Util.round(events / wall, 1));
        log.accept(String.format(java.util.Locale.ROOT, "rebuild: %d events, %d plans; service says %s events/s "
                + "(replay %s ms, total %s ms); wall clock %.1f s = %s events/s", events, answer.path("plans").asLong(),
                Util.f0(answer.path("eventsPerSecond").asDouble()), answer.path("replayMillis").asText(),
                answer.path("durationMillis").asText(), wall, Util.f0(events / wall)));
        return out;
    }

    /** The progress events (scoring-service stopped), then its consumer group moved to the end. */
    private static void produce(Stack stack, Options options, List<Synthetic.Plan> plans,
            KafkaProducer<String, String> producer, Admin admin, ObjectNode out, Consumer<String> log) {
        long[] sequences = new long[plans.size()];
        Random random = new Random(4);
        Instant time = Instant.now();
        long t0 = System.nanoTime();
        for (long n = 0; n < options.rebuildEvents(); n++) {
            int p = random.nextInt(plans.size());
            Synthetic.Plan plan = plans.get(p);
            Synthetic.Task task = plan.tasks().get(random.nextInt(plan.tasks().size()));
            producer.send(Kafka.record(Topics.PROGRESS, Kafka.leadReport(plan.id(), ++sequences[p], task.id(),
                    task.criterion(), task.unit(), 1 + random.nextInt(99), time.plusMillis(n))));
            if (n > 0 && n % 200_000 == 0) {
                log.accept("  " + n + " produced");
            }
        }
        producer.flush();
        double produceSeconds = Util.seconds(System.nanoTime() - t0);
        out.put("syntheticPlans", plans.size());
        out.put("producedEvents", options.rebuildEvents());
        out.put("produceSeconds", Util.round(produceSeconds, 2));
        out.put("producedPerSecond", Util.round(options.rebuildEvents() / produceSeconds, 1));
        log.accept(String.format(java.util.Locale.ROOT, "rebuild: produced in %.1f s (%s events/s); moving consumer "
                + "group scoring-service to the end", produceSeconds, Util.f0(options.rebuildEvents() / produceSeconds)));
        Kafka.moveGroupToEnd(admin, Kafka.SCORING_GROUP, List.of(Topics.PLANS, Topics.PROGRESS), Duration.ofSeconds(90));
        long progressEnd = Kafka.endOffsets(admin, List.of(Topics.PROGRESS)).values().stream().mapToLong(Long::longValue)
                .sum();
        out.put("parProgressRecords", progressEnd);
    }

    /** Waits until both consumers of par.plans hold the plans (so nothing else runs during what follows). */
    static void awaitKnown(Stack stack, List<java.util.UUID> plans, Duration timeout) {
        Connection scoring = Pg.connect(stack, "scoring");
        Connection progress = Pg.connect(stack, "progress");
        try {
            Util.await("scoring-service to score the synthetic plans", timeout, 200,
                    () -> Pg.scoredPlans(scoring, plans) == plans.size());
            Util.await("progress-service to hold the synthetic plans", timeout, 200,
                    () -> Pg.progressPlans(progress, plans) == plans.size());
        } finally {
            Pg.close(scoring);
            Pg.close(progress);
        }
    }

    static JsonNode parse(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new BenchmarkException("unreadable snapshot: " + e.getMessage(), e);
        }
    }
}
