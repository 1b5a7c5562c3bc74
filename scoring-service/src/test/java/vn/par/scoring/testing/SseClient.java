package vn.par.scoring.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** A minimal Server-Sent Events client over the JDK's HttpClient, reading the stream line by line. */
public final class SseClient implements AutoCloseable {

    /** One dispatched event. */
    public record Event(String id, String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile Stream<String> lines;
    private volatile int status;
    private volatile String contentType;
    private String id;
    private String name;
    private StringBuilder data;

    public SseClient(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            lines = response.body();
            try {
                lines.forEach(this::line);
            } catch (RuntimeException closed) {
                // the test closed the stream
            }
        });
    }

    /** The next event, or null after {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int comments() {
        return comments.get();
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public void close() {
        Stream<String> s = lines;
        if (s != null) {
            s.close();
        }
    }

    private void line(String line) {
        if (line.isEmpty()) {
            if (data != null) {
                events.add(new Event(id, name == null ? "message" : name, data.toString()));
            }
            name = null;
            data = null;
            return;
        }
        if (line.startsWith(":")) {
            comments.incrementAndGet();
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
            }
        }
    }
}
