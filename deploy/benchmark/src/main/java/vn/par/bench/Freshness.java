package vn.par.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.infra.events.Topics;
import vn.par.stack.Stack;

/**
 * At a fixed rate (an open-loop schedule: a report is sent when its time comes, whatever the previous ones are
 * doing), the time from each POST's response to the matching ScoreChanged read from par.scores and to the
 * matching event on the all-plans SSE stream. The rate is kept for a warm-up before the measured window: the
 * stream's and the readers' code is compiled then, not in the window (in a profile of a run without it, half of
 * scoring-service's CPU and of the client's in the window was the JIT compiler). The match: par.progress maps the
 * report's id to its event's ce_id; par.scores maps causedBy (that ce_id) to the plan and score sequence; the
 * stream's {@code id:} is {@code <planId>:<sequence>}.
 */
final class Freshness {

    /** Connections that send the scheduled reports (the schedule never waits for an answer). */
    static final int SENDERS = 32;

    private Freshness() {
    }

    static ObjectNode run(Stack stack, Fixture fixture, Footprint footprint, double rate, int warmupSeconds,
            int seconds, Consumer<String> log) {
        String progressUrl = stack.url("progress-service");
        String bootstrap = stack.kafkaBootstrap();
        Map<String, Long> responded = new ConcurrentHashMap<>();     // report id → nanos of the 201 (measured)
        Map<String, Long> warmUpResponded = new ConcurrentHashMap<>(); // the same for the warm-up's reports
        Map<String, String> eventOf = new ConcurrentHashMap<>();     // report id → ce_id
        Map<String, String> scoreOf = new ConcurrentHashMap<>();     // ce_id (causedBy) → planId:sequence
        Map<String, Long> onTopic = new ConcurrentHashMap<>();       // ce_id (causedBy) → nanos read from par.scores
        Map<String, Long> onProgress = new ConcurrentHashMap<>();    // ce_id → nanos read from par.progress
        // planId → (score sequence → nanos read from the stream)
        Map<String, ConcurrentSkipListMap<Long, Long>> onStream = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();

        // One consumer for both topics: a fetch brings the records of both (two readers cost the client and the
        // broker twice the fetches, CPU taken from the system under test).
        Thread eventReader = reader("bench-read-events", bootstrap, reading, r -> {
            long now = System.nanoTime();
            if (r.topic().equals(Topics.PROGRESS)) {
                String reportId = field(r.value(), "reportId");
                Header id = r.headers().lastHeader("ce_id");
                if (reportId != null && id != null) {
                    String ceId = new String(id.value(), StandardCharsets.UTF_8);
                    onProgress.putIfAbsent(ceId, now);
                    eventOf.put(reportId, ceId);
                }
                return;
            }
            try {
                JsonNode e = Api.JSON.readTree(r.value());
                String cause = e.path("causedBy").asText(null);
                if (cause != null) {
                    onTopic.putIfAbsent(cause, now);
                    scoreOf.put(cause, e.get("planId").asText() + ":" + e.get("sequence").asLong());
                }
            } catch (java.io.IOException ignored) {
                // not a ScoreChanged we can read
            }
        });
        HttpClient client = Throughput.client();
        InputStream stream = openStream(client, stack.url("scoring-service") + "/api/scores/stream", fixture.viewerToken);
        Thread streamReader = new Thread(() -> readStream(stream, onStream), "bench-read-sse");
        streamReader.setDaemon(true);
        streamReader.start();
        Util.sleep(2_000); // the stream's opening summaries, and the readers positioned at the end

        List<Fixture.TaskRef> tasks = new ArrayList<>(fixture.tasks);
        Collections.shuffle(tasks, new Random(20));
        long interval = (long) (1e9 / rate);
        long count = Math.max(1, (long) (rate * seconds));
        long warmUp = Math.max(0, (long) (rate * warmupSeconds));
        log.accept(String.format(java.util.Locale.ROOT, "freshness: %s reports/s, %d s of warm-up (not counted), then "
                + "%d s measured (open loop, %d reports) ...", Util.f1(rate), warmupSeconds, seconds, count));
        AtomicLong inFlight = new AtomicLong();
        AtomicLong maxQueued = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        // Senders with a connection each: the schedule hands a report over when its time comes and never waits
        // for an answer (a slow answer delays that report only).
        LinkedBlockingQueue<long[]> due = new LinkedBlockingQueue<>();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread t = new Thread(() -> {
                RawHttp http = new RawHttp(progressUrl);
                try {
                    while (true) {
                        long[] job = due.take();
                        if (job[0] < 0) {
                            return;
                        }
                        if (job[0] >= warmUp) {
                            maxQueued.accumulateAndGet(System.nanoTime() - job[1], Math::max);
                        }
                        Fixture.TaskRef task = tasks.get((int) (job[0] % tasks.size()));
                        String failure = null;
                        RawHttp.Response r = null;
                        try {
                            r = Throughput.post(http, fixture, task);
                            if (r.status() != 201) {
                                failure = "HTTP " + r.status() + " " + Api.abbreviate(r.body(), 300);
                            }
                        } catch (java.io.IOException | RuntimeException e) {
                            failure = e.toString();
                        }
                        long now = System.nanoTime();
                        if (failure == null) {
                            fixture.accepted.incrementAndGet();
                            String location = r.location() == null ? "" : r.location();
                            (job[0] < warmUp ? warmUpResponded : responded)
                                    .put(location.substring(location.lastIndexOf('/') + 1), now);
                        } else {
                            errors.incrementAndGet();
                            if (errorSamples.size() < 10) {
                                errorSamples.add(failure);
                            }
                        }
                        inFlight.decrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    retries.addAndGet(http.retries);
                    http.close();
                }
            }, "bench-fresh-sender-" + s);
            t.setDaemon(true);
            t.start();
            senders.add(t);
        }
        long maxBehind = 0;
        Map<String, Double> cpuBefore = footprint.cpu();
        long scheduleStart = System.nanoTime();
        long start = scheduleStart + warmUp * interval; // the measured window's
        for (long i = 0; i < warmUp + count; i++) {
            long at = scheduleStart + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (i >= warmUp) {
                maxBehind = Math.max(maxBehind, -wait);
            }
            if (i == warmUp) {
                cpuBefore = footprint.cpu();
            }
            inFlight.incrementAndGet();
            due.add(new long[] { i, System.nanoTime() });
        }
        double sendSeconds = Util.seconds(System.nanoTime() - start);
        Map<String, Double> cpuAfter = footprint.cpu();
        long settleDeadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < settleDeadline) {
            if (inFlight.get() == 0 && matched(responded, eventOf, scoreOf, onStream) >= responded.size()) {
                break;
            }
            Util.sleep(100);
        }
        for (int i = 0; i < SENDERS; i++) {
            due.add(new long[] { -1, 0 });
        }
        Util.sleep(200);
        reading.set(false);
        try {
            stream.close();
        } catch (java.io.IOException ignored) {
            // closed
        }
        join(eventReader);

        Latencies measured = latencies(responded, start, eventOf, scoreOf, onTopic, onProgress, onStream);
        Latencies warm = latencies(warmUpResponded, scheduleStart, eventOf, scoreOf, onTopic, onProgress, onStream);
        ObjectNode out = Api.JSON.createObjectNode();
        out.put("ratePerSecond", Util.round(rate, 1));
        out.put("seconds", seconds);
        out.put("sent", count);
        out.put("sendSeconds", Util.round(sendSeconds, 2));
        out.put("maxScheduleSlipMillis", Util.round(maxBehind / 1e6, 1));
        out.put("maxWaitForASenderMillis", Util.round(maxQueued.get() / 1e6, 1));
        out.put("senders", SENDERS);
        out.put("resentOnAFreshConnection", retries.get());
        out.put("accepted", responded.size());
        out.put("errors", errors.get());
        errorSamples.forEach(out.putArray("errorSamples")::add);
        out.set("toParScoresMillis", Stats.millis(measured.toTopic));
        out.set("toStreamMillis", Stats.millis(measured.toStream));
        // Where the time to par.scores goes: progress-service's side (its outbox relay to par.progress) and
        // scoring-service's (from par.progress to its ScoreChanged on par.scores), as read by the same consumers.
        out.set("toParProgressMillis", Stats.millis(measured.toProgress));
        out.set("parProgressToParScoresMillis", Stats.millis(measured.progressToScores));
        ArrayNode bySecond = out.putArray("toStreamBySecondMillis");
        StringBuilder p99s = new StringBuilder();
        measured.toStreamBySecond.forEach((second, nanos) -> {
            ObjectNode o = Stats.millis(nanos);
            bySecond.add(o.put("second", second));
            p99s.append(p99s.length() == 0 ? "" : " ").append(Math.round(o.path("p99").asDouble()));
        });
        out.set("cpu", Footprint.cpuBetween(cpuBefore, cpuAfter, sendSeconds));
        out.put("unmatchedParScores", measured.unmatchedTopic);
        out.put("unmatchedStream", measured.unmatchedStream);
        out.put("streamShownByALaterEvent", measured.coveredByLater);
        // The warm-up's own figures, for comparison (they are not the result).
        ObjectNode warmOut = out.putObject("warmUp");
        warmOut.put("seconds", warmupSeconds);
        warmOut.put("accepted", warmUpResponded.size());
        warmOut.set("toParScoresMillis", Stats.millis(warm.toTopic));
        warmOut.set("toStreamMillis", Stats.millis(warm.toStream));
        out.put("note", "from the 201 response received by the client to the ScoreChanged read from par.scores / the "
                + "event read from /api/scores/stream by the client (same JVM clock); negative values mean the score "
                + "arrived before the response. The stream sends the latest state of a plan per poll of par.scores "
                + "(ScoreFeed coalesces), so a report counts as shown with the first stream event of its plan whose "
                + "sequence is at or after its ScoreChanged's (streamShownByALaterEvent counts those)");
        log.accept(String.format(java.util.Locale.ROOT, "freshness: %d accepted, %d errors; par.scores p50 %s p99 %s max %s ms "
                + "(%d unmatched); SSE p50 %s p99 %s max %s ms (%d unmatched)", responded.size(), errors.get(),
                out.get("toParScoresMillis").path("p50").asText("-"), out.get("toParScoresMillis").path("p99").asText("-"),
                out.get("toParScoresMillis").path("max").asText("-"), measured.unmatchedTopic,
                out.get("toStreamMillis").path("p50").asText("-"), out.get("toStreamMillis").path("p99").asText("-"),
                out.get("toStreamMillis").path("max").asText("-"), measured.unmatchedStream));
        log.accept("freshness: SSE p99 of each second of the window (ms): " + p99s + "; in the warm-up: SSE p50 "
                + warmOut.get("toStreamMillis").path("p50").asText("-") + " p99 "
                + warmOut.get("toStreamMillis").path("p99").asText("-") + " ms");
        return out;
    }

    /** The answers' times to the events read, where in the window the slow ones are, and what was not matched. */
    private record Latencies(List<Long> toTopic, List<Long> toProgress, List<Long> progressToScores, List<Long> toStream,
            Map<Integer, List<Long>> toStreamBySecond, long unmatchedTopic, long unmatchedStream, long coveredByLater) {
    }

    private static Latencies latencies(Map<String, Long> responded, long start, Map<String, String> eventOf,
            Map<String, String> scoreOf, Map<String, Long> onTopic, Map<String, Long> onProgress,
            Map<String, ConcurrentSkipListMap<Long, Long>> onStream) {
        List<Long> toTopic = new ArrayList<>();
        List<Long> toProgress = new ArrayList<>();
        List<Long> progressToScores = new ArrayList<>();
        List<Long> toStream = new ArrayList<>();
        // Where in the window the slow ones are: the time to the stream by the second of the report's answer.
        Map<Integer, List<Long>> toStreamBySecond = new TreeMap<>();
        long unmatchedTopic = 0;
        long unmatchedStream = 0;
        long coveredByLater = 0;
        for (Map.Entry<String, Long> r : responded.entrySet()) {
            String event = eventOf.get(r.getKey());
            Long topic = event == null ? null : onTopic.get(event);
            String score = event == null ? null : scoreOf.get(event);
            Map.Entry<Long, Long> shown = shownOnStream(onStream, score);
            Long sse = shown == null ? null : shown.getValue();
            if (shown != null && !score.endsWith(":" + shown.getKey())) {
                coveredByLater++;
            }
            Long progress = event == null ? null : onProgress.get(event);
            if (progress != null) {
                toProgress.add(progress - r.getValue());
                if (topic != null) {
                    progressToScores.add(topic - progress);
                }
            }
            if (topic != null) {
                toTopic.add(topic - r.getValue());
            } else {
                unmatchedTopic++;
            }
            if (sse != null) {
                toStream.add(sse - r.getValue());
                toStreamBySecond.computeIfAbsent((int) ((r.getValue() - start) / 1_000_000_000L),
                        k -> new ArrayList<>()).add(sse - r.getValue());
            } else {
                unmatchedStream++;
            }
        }
        return new Latencies(toTopic, toProgress, progressToScores, toStream, toStreamBySecond, unmatchedTopic,
                unmatchedStream, coveredByLater);
    }

    private static long matched(Map<String, Long> responded, Map<String, String> eventOf, Map<String, String> scoreOf,
            Map<String, ConcurrentSkipListMap<Long, Long>> onStream) {
        long n = 0;
        for (String report : responded.keySet()) {
            String event = eventOf.get(report);
            String score = event == null ? null : scoreOf.get(event);
            if (shownOnStream(onStream, score) != null) {
                n++;
            }
        }
        return n;
    }

    /** The first stream event of the score's plan at or after its sequence ({@code planId:sequence}), or null. */
    private static Map.Entry<Long, Long> shownOnStream(Map<String, ConcurrentSkipListMap<Long, Long>> onStream,
            String score) {
        if (score == null) {
            return null;
        }
        int colon = score.lastIndexOf(':');
        ConcurrentSkipListMap<Long, Long> plan = onStream.get(score.substring(0, colon));
        return plan == null ? null : plan.ceilingEntry(Long.parseLong(score.substring(colon + 1)));
    }

    /**
     * A consumer of every partition of par.progress and par.scores from their current ends, handing each record to
     * {@code onRecord}.
     */
    private static Thread reader(String name, String bootstrap, AtomicBoolean reading,
            Consumer<ConsumerRecord<String, String>> onRecord) {
        KafkaConsumer<String, String> consumer = Kafka.consumer(bootstrap);
        Kafka.assignAtEnd(consumer, Topics.PROGRESS, Topics.SCORES);
        Thread t = new Thread(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                        onRecord.accept(r);
                    }
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static InputStream openStream(HttpClient client, String url, String token) {
        try {
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new BenchmarkException("the score stream " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new BenchmarkException("cannot open the score stream " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkException("interrupted");
        }
    }

    /** Server-Sent Events: an event ends at an empty line; its {@code id:} names the plan and score sequence. */
    private static void readStream(InputStream body, Map<String, ConcurrentSkipListMap<Long, Long>> onStream) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            boolean data = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    int colon = id == null ? -1 : id.lastIndexOf(':');
                    if (data && colon > 0) {
                        long now = System.nanoTime();
                        try {
                            onStream.computeIfAbsent(id.substring(0, colon), p -> new ConcurrentSkipListMap<>())
                                    .putIfAbsent(Long.parseLong(id.substring(colon + 1)), now);
                        } catch (NumberFormatException notOurs) {
                            // an id of another shape: not a score event
                        }
                    }
                    id = null;
                    data = false;
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data = true;
                }
            }
        } catch (Exception ignored) {
            // closed
        }
    }

    /** A string member's value in a flat JSON object, without parsing the whole object. */
    static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }

    private static void join(Thread... threads) {
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
