package vn.par.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import vn.par.stack.KafkaBroker;
import vn.par.stack.Stack;

/**
 * Faults against the whole running system. Each scenario ends by comparing scoring-service's scores with the
 * projection the test computes itself from the reports it knows were accepted.
 *
 * <p>CI runs a short version of every scenario; {@code -Dpar.reliability.long=true} runs the sizes of the issue
 * (5,000 reports in the consumer crash, a 30 s broker outage, a 20 s database outage).
 */
@ExtendWith(SystemStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    private static final boolean LONG = Boolean.getBoolean("par.reliability.long");
    /** A request during a database outage must be answered (503) within this; see the README's "Reliability". */
    static final Duration FAIL_FAST = Duration.ofSeconds(5);

    @Test
    @Order(1)
    void consumerCrashCountsEveryAcceptedReportExactlyOnce() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2031);
        int total = LONG ? 5000 : 1200;
        AtomicBoolean killed = new AtomicBoolean();
        List<CompletableFuture<Void>> restart = new ArrayList<>();
        Reporters.Outcome outcome = new Reporters(stack, plan.scoredTasks(), 20).post(total, accepted -> {
            if (accepted == total / 3 && killed.compareAndSet(false, true)) {
                stack.service("scoring-service").kill();
                restart.add(CompletableFuture.runAsync(() -> stack.startService("scoring-service")));
            }
        }, Duration.ofSeconds(120));
        restart.forEach(CompletableFuture::join);
        assertTrue(killed.get(), "scoring-service was never killed");
        assertEquals(List.of(), outcome.unexpected());
        assertEquals(total, outcome.accepted());
        long t0 = System.nanoTime();
        Scenario.awaitScores(stack, plan, outcome.latestPercent(), Duration.ofSeconds(120));
        // progress-service numbers a plan's events 1..n: every one of them was applied, in order, once.
        assertEquals(total, Scenario.appliedProgressSequence(stack, plan.id()));
        System.out.printf("consumer crash: %d reports from 20 reporters, scoring-service killed at %d; scores exact %d ms "
                + "after the last report%n", total, total / 3, (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    @Order(2)
    void brokerOutageLosesNothingAndCatchesUpWithinAMinute() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2032);
        Duration outage = LONG ? Duration.ofSeconds(30) : Duration.ofSeconds(15);
        AtomicBoolean keepGoing = new AtomicBoolean(true);
        AtomicLong kafkaBack = new AtomicLong();
        CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> {
            Scenario.sleep(2000);
            stack.kafka().stop();
            Scenario.sleep(outage.toMillis());
            stack.kafka().start(Duration.ofSeconds(120));
            kafkaBack.set(System.nanoTime());
            Scenario.sleep(2000);
            keepGoing.set(false);
        });
        Reporters.Outcome outcome = new Reporters(stack, plan.scoredTasks(), 10)
                .post(100_000, keepGoing::get, 100, accepted -> { }, Duration.ofSeconds(30));
        fault.join();
        assertEquals(List.of(), outcome.unexpected());
        assertEquals(0, outcome.retries(), "every report must be accepted at once while Kafka is down");
        Scenario.awaitScores(stack, plan, outcome.latestPercent(), Duration.ofSeconds(60));
        long catchUp = (System.nanoTime() - kafkaBack.get()) / 1_000_000;
        assertTrue(catchUp <= 60_000, "counted " + catchUp + " ms after Kafka's return");
        assertEquals(outcome.accepted(), Scenario.appliedProgressSequence(stack, plan.id()));
        System.out.printf("broker outage: %d reports accepted (%s without Kafka), all counted %d ms after its return%n",
                outcome.accepted(), outage, catchUp);
    }

    @Test
    @Order(3)
    void databaseRestartFailsFastRecoversByItselfAndLeavesNoHalfWrittenReport() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2033);
        Duration outage = LONG ? Duration.ofSeconds(20) : Duration.ofSeconds(8);
        AtomicBoolean keepGoing = new AtomicBoolean(true);
        List<String> readiness = new ArrayList<>();
        List<Long> failedAnswerMillis = new ArrayList<>();
        CompletableFuture<Void> fault = CompletableFuture.runAsync(() -> {
            Scenario.sleep(2000);
            stack.postgres().stop();
            long until = System.nanoTime() + outage.toNanos();
            while (System.nanoTime() < until) {
                readiness.add(ready(stack) ? "UP" : "DOWN");
                failedAnswerMillis.add(probeReport(stack, plan));
                Scenario.sleep(500);
            }
            stack.postgres().start();
            Await.until("progress-service ready again by itself", Duration.ofSeconds(60), () -> ready(stack));
            readiness.add("UP");
            Scenario.sleep(2000);
            keepGoing.set(false);
        });
        Reporters.Outcome outcome = new Reporters(stack, plan.scoredTasks(), 10)
                .post(100_000, keepGoing::get, 100, accepted -> { }, Duration.ofSeconds(120));
        fault.join();
        assertEquals(List.of(), outcome.unexpected());
        assertTrue(readiness.contains("DOWN"), "readiness never went DOWN: " + readiness);
        assertEquals("UP", readiness.get(readiness.size() - 1));
        assertTrue(failedAnswerMillis.stream().allMatch(ms -> ms >= 0 && ms <= FAIL_FAST.toMillis()),
                "requests during the outage must fail with 503 problem+json within " + FAIL_FAST + ": " + failedAnswerMillis);
        Scenario.awaitScores(stack, plan, outcome.latestPercent(), Duration.ofSeconds(60));
        // No half-written report: every stored report is one the clients know as accepted, and each was announced.
        int stored = 0;
        String viewer = stack.token("viewer", "viewer");
        for (PlanModel.Task t : plan.scoredTasks()) {
            stored += Http.get(stack.url("progress-service") + "/api/tasks/" + t.id() + "/reports?limit=1000", viewer)
                    .json().size();
        }
        assertEquals(outcome.accepted(), stored);
        assertEquals(outcome.accepted(), Scenario.appliedProgressSequence(stack, plan.id()));
        System.out.printf("database restart: %s down; %d reports accepted (%d retried after a 503); failed answers in "
                + "%s ms; readiness %s%n", outage, outcome.accepted(), outcome.retries(), failedAnswerMillis, readiness);
    }

    @Test
    @Order(4)
    void producerCrashDeliversEveryAcceptedReportFromTheOutbox() {
        Stack stack = SystemStack.stack();
        PlanModel plan = Scenario.publishedPlan(stack, 2034);
        int total = LONG ? 3000 : 600;
        AtomicBoolean killed = new AtomicBoolean();
        List<CompletableFuture<Void>> restart = new ArrayList<>();
        Reporters.Outcome outcome = new Reporters(stack, plan.scoredTasks(), 20).post(total, accepted -> {
            if (accepted == total / 2 && killed.compareAndSet(false, true)) {
                stack.service("progress-service").kill();
                restart.add(CompletableFuture.runAsync(() -> stack.startService("progress-service")));
            }
        }, Duration.ofSeconds(120));
        restart.forEach(CompletableFuture::join);
        assertEquals(List.of(), outcome.unexpected());
        assertEquals(total, outcome.accepted());
        Scenario.awaitScores(stack, plan, outcome.latestPercent(), Duration.ofSeconds(120));
        // On the topic: every report of the plan, each with its own sequence 1..n. A batch the broker had
        // acknowledged just before the kill may be sent again (same event id, same sequence): consumers skip it.
        Map<Long, String> bySequence = progressEvents(stack, plan.id());
        assertEquals(total, bySequence.size(), "distinct sequences on par.progress");
        assertTrue(bySequence.keySet().stream().allMatch(s -> s >= 1 && s <= total));
        assertEquals(total, Scenario.appliedProgressSequence(stack, plan.id()));
        System.out.printf("producer crash: %d reports, progress-service killed at %d, %d requests retried with their "
                + "Idempotency-Key; every report on par.progress once by sequence%n", total, total / 2, outcome.retries());
    }

    @Test
    @Order(5)
    void replayingParProgressFromTheBeginningChangesNothing() {
        Stack stack = SystemStack.stack();
        String viewer = stack.token("viewer", "viewer");
        JsonNode before = Http.get(stack.url("scoring-service") + "/api/scores", viewer).json();
        stack.service("scoring-service").stop();
        try (Admin admin = KafkaBroker.admin(stack.kafkaBootstrap())) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (String topic : List.of("par.plans", "par.progress")) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(p -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
            }
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            admin.listOffsets(earliest).all().get().forEach((tp, info) -> reset.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets("scoring-service", reset).all().get();
        } catch (Exception e) {
            throw new AssertionError("cannot rewind scoring-service's consumer group: " + e.getMessage(), e);
        }
        stack.startService("scoring-service");
        Await.until("scoring-service has read both topics again", Duration.ofSeconds(120), () -> lag(stack) == 0);
        JsonNode after = Http.get(stack.url("scoring-service") + "/api/scores", viewer).json();
        assertEquals(before, after, "replaying every event must change nothing");
        System.out.printf("duplicate delivery: par.plans and par.progress replayed from offset 0; %d plans unchanged%n",
                after.size());
    }

    private static boolean ready(Stack stack) {
        try {
            return Http.CLIENT.send(HttpRequest.newBuilder(URI.create(stack.managementUrl("progress-service") + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** Posts one report while the database is down: how long the 503 problem+json took, or -1 for another answer. */
    private static long probeReport(Stack stack, PlanModel plan) {
        PlanModel.Task task = plan.scoredTasks().get(0);
        String user = task.leadUnits().get(0).toLowerCase();
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = Http.CLIENT.send(HttpRequest.newBuilder(
                    URI.create(stack.url("progress-service") + "/api/tasks/" + task.id() + "/reports"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + stack.token(user, user))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"IN_PROGRESS\",\"percentComplete\":5}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            boolean problem = r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            if (r.statusCode() == 201) {
                throw new AssertionError("a report was accepted while the database was down");
            }
            return r.statusCode() == 503 && problem ? ms : -1;
        } catch (java.io.IOException | InterruptedException e) {
            return -1;
        }
    }

    /** par.progress events of one plan by sequence, read from the beginning of the topic. */
    private static Map<Long, String> progressEvents(Stack stack, UUID plan) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        Map<Long, String> bySequence = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("par.progress").stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (plan.toString().equals(r.key())) {
                        long sequence = Long.parseLong(new String(r.headers().lastHeader("ce_sequence").value()));
                        String id = new String(r.headers().lastHeader("ce_id").value());
                        String earlier = bySequence.putIfAbsent(sequence, id);
                        if (earlier != null && !earlier.equals(id)) {
                            throw new AssertionError("two different events with sequence " + sequence + ": " + earlier + ", " + id);
                        }
                    }
                }
            }
        }
        return bySequence;
    }

    /** How many input records scoring-service's consumer group has yet to read. */
    private static long lag(Stack stack) {
        try (Admin admin = KafkaBroker.admin(stack.kafkaBootstrap())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("scoring-service")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata at = committed.get(e.getKey());
                lag += e.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return committed.isEmpty() ? Long.MAX_VALUE : lag;
        } catch (Exception e) {
            return Long.MAX_VALUE;
        }
    }
}
