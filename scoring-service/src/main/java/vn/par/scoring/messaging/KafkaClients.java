package vn.par.scoring.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** What the service's plain Kafka consumers (inputs, score feed, rebuild) share: their base settings and their stop. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * The consumer settings of the application's {@code kafka.*} configuration (bootstrap servers, security), with
     * no group, no automatic commits and the given client id; the caller adds its own.
     */
    public static Map<String, Object> consumerConfig(Map<String, Object> kafkaConfig, String clientId) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (ConsumerConfig.configNames().contains(k)) {
                props.put(k, v);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /** Ends a consumer loop: wakes its consumer out of a poll and waits up to {@code millis} for its thread. */
    static void stop(KafkaConsumer<?, ?> consumer, Thread thread, long millis) {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sleeps before a retry; an interrupt ends the sleep and is kept for the loop to see. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
