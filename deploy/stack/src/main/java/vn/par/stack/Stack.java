package vn.par.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on one machine: PostgreSQL, Kafka, Keycloak, an SMTP server (GreenMail) and the three services,
 * started in order and stopped in reverse order. Used by the launcher ({@link ParStack}) with fixed ports and kept data, and by the
 * system tests with free ports and fresh data.
 */
public final class Stack implements AutoCloseable {

    /** The three services, in start order, with their database names. */
    public static final List<String> SERVICES = List.of("criteria-service", "progress-service", "scoring-service");

    private final StackOptions options;
    private final Path logs;
    /** Held from {@link #takeDataFolder()} until {@link #close()}. */
    private DataFolderLock lock;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private KeycloakServer keycloak;
    private MailServer mail;
    /** In start order; guarded by itself (services start side by side). */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> servicePorts = new HashMap<>();
    /** Each service's management interface (/q/*): its own port, since the three run on one machine. */
    private final Map<String, Integer> managementPorts = new HashMap<>();
    private int keycloakPort;
    private final int smtpPort;
    private final int mailApiPort;

    public Stack(StackOptions options) {
        this.options = options;
        this.logs = options.dataDir().resolve("logs");
        for (int i = 0; i < SERVICES.size(); i++) {
            servicePorts.put(SERVICES.get(i), options.freePorts() ? Ports.free() : 8081 + i);
            managementPorts.put(SERVICES.get(i), options.freePorts() ? Ports.free() : 9081 + i);
        }
        keycloakPort = options.freePorts() ? Ports.free() : 8180;
        smtpPort = options.freePorts() ? Ports.free() : 2525;
        mailApiPort = options.freePorts() ? Ports.free() : 8025;
    }

    public StackOptions options() {
        return options;
    }

    public Path logs() {
        return logs;
    }

    /**
     * Takes the data folder for this stack before anything in it is touched ({@link DataFolderLock}); called by
     * {@link #start()} if not before. When the launcher before was killed, the engines it left running on the
     * folder are stopped first ({@link Leftovers}).
     *
     * @throws DataFolderInUseException when another launcher holds the folder; then nothing was changed
     */
    public synchronized void takeDataFolder() {
        if (lock != null) {
            return;
        }
        lock = DataFolderLock.acquire(options.dataDir());
        lock.stale().ifPresent(previous -> {
            say("thư mục dữ liệu " + options.dataDir() + " còn khóa của trình khởi chạy trước (tiến trình "
                    + previous.pid() + "), trình đó đã bị dừng đột ngột: lấy lại khóa và tìm các tiến trình nó để lại"
                    + " / the launcher before (pid " + previous.pid() + ") was killed without releasing "
                    + options.dataDir() + ": taking its lock over and looking for what it left running");
            if (Leftovers.stopAll(options.dataDir(), Duration.ofSeconds(30), this::say).isEmpty()) {
                say("không còn tiến trình nào của nó / none of its processes is left");
            }
        });
    }

    /**
     * Starts every piece that is not external and waits for each to be ready: the engines side by side,
     * then the three services side by side (they need the database and the broker to start; Keycloak only when
     * the first request arrives, but it is awaited first so the system is usable when this returns).
     */
    public void start() {
        takeDataFolder();
        inParallel(List.of(
                () -> step("PostgreSQL", this::startPostgres),
                () -> step("Kafka", this::startKafka),
                () -> step("Keycloak", this::startKeycloak),
                () -> step("GreenMail (SMTP)", this::startMail)));
        List<Runnable> services = new ArrayList<>();
        for (String name : SERVICES) {
            services.add(() -> step(name, () -> startService(name)));
        }
        inParallel(services);
    }

    /** Runs the steps on their own threads and fails with the first failure once all have ended. */
    private static void inParallel(List<Runnable> steps) {
        List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable step : steps) {
            running.add(java.util.concurrent.CompletableFuture.runAsync(step, r -> {
                Thread t = new Thread(r, "stack-start");
                t.setDaemon(true);
                t.start();
            }));
        }
        StackException failure = null;
        for (var future : running) {
            try {
                future.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof StackException s ? s
                            : new StackException(String.valueOf(e.getCause().getMessage()), e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void startPostgres() {
        if (options.externalPostgresUrl() != null) {
            say("using external PostgreSQL at " + options.externalPostgresUrl());
        } else {
            postgres = new PostgresServer(options.dataDir().resolve("postgres"), options.dataDir().resolve("pg-binaries"),
                    options.freePorts() ? 0 : options.postgresPort(), true, logs.resolve("postgres.log"));
            postgres.start();
        }
        for (String service : SERVICES) {
            PostgresServer.ensureDatabase(adminJdbcUrl(), postgresUser(), postgresPassword(), databaseOf(service));
        }
    }

    private void startKafka() {
        if (options.externalKafka() != null) {
            say("using external Kafka at " + options.externalKafka() + "; creating missing topics");
            KafkaBroker.createTopics(options.externalKafka(), TopicSpec.SYSTEM);
            return;
        }
        kafka = new KafkaBroker(options.dataDir().resolve("kafka"), options.freePorts() ? 0 : 9092, "256m",
                logs.resolve("kafka.log"));
        kafka.start(Duration.ofSeconds(120));
        kafka.createTopics(TopicSpec.SYSTEM);
    }

    private void startKeycloak() {
        if (options.externalKeycloakIssuer() != null) {
            say("using external Keycloak realm at " + options.externalKeycloakIssuer());
            return;
        }
        // Each service's pages sign in through a client of their own (par-web-criteria, ...): Keycloak tells each
        // one when the session ends (back-channel logout), and a client has one such address.
        Map<String, Integer> pagePorts = new HashMap<>();
        for (String service : SERVICES) {
            pagePorts.put(pageClientOf(service), servicePorts.get(service));
        }
        keycloak = new KeycloakServer(options.dataDir().resolve("keycloak-" + Engines.keycloakVersion()), keycloakPort,
                options.root().resolve("deploy/keycloak/par-realm.json"), pagePorts, logs.resolve("keycloak.log"));
        keycloak.start(Duration.ofSeconds(240));
    }

    /** The reminders' mail goes here, and stays readable: {@link MailServer#messages}. */
    private void startMail() {
        mail = new MailServer(options.dataDir().resolve("mail"), smtpPort, mailApiPort, logs.resolve("greenmail.log"));
        mail.start(Duration.ofSeconds(60));
    }

    /** Starts (or restarts) one service and waits until it is ready. */
    public void startService(String name) {
        ServiceProcess service;
        synchronized (services) {
            service = services.computeIfAbsent(name, n -> new ServiceProcess(n, options.root().resolve(n),
                    servicePorts.get(n), managementPorts.get(n), serviceEnvironment(n), options.serviceJvmOptions(),
                    logs.resolve(n + ".log")));
        }
        service.start(Duration.ofSeconds(120));
    }

    /**
     * Starts another instance of a service (same database, same Kafka consumer group) on a free port, as a
     * second replica would run in a cluster. It is stopped with the stack.
     *
     * @return its base URL
     */
    public String startReplica(String service, String replica) {
        int port = Ports.free();
        ServiceProcess process = new ServiceProcess(replica, options.root().resolve(service), port, Ports.free(),
                serviceEnvironment(service), options.serviceJvmOptions(), logs.resolve(replica + ".log"));
        synchronized (services) {
            services.put(replica, process);
        }
        process.start(Duration.ofSeconds(120));
        return process.baseUrl();
    }

    /** The environment a service reads its connections from (see each service's README). */
    public Map<String, String> serviceEnvironment(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(databaseOf(name)));
        env.put("QUARKUS_DATASOURCE_USERNAME", postgresUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", postgresPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", issuer());
        env.put("PAR_LINKS_CRITERIA", url("criteria-service"));
        env.put("PAR_LINKS_PROGRESS", url("progress-service"));
        env.put("PAR_LINKS_SCORING", url("scoring-service"));
        if ("progress-service".equals(name)) {
            // The reminders' SMTP server: the stack's GreenMail, plain SMTP on the loopback.
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
            env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        }
        env.putAll(options.serviceEnvironment());
        return env;
    }

    public static String databaseOf(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    /** The Keycloak client the service's pages sign in through (its quarkus.oidc.web.client-id). */
    public static String pageClientOf(String service) {
        return "par-web-" + databaseOf(service);
    }

    public String jdbcUrl(String database) {
        if (options.externalPostgresUrl() != null) {
            String base = options.externalPostgresUrl();
            return base.substring(0, base.lastIndexOf('/') + 1) + database;
        }
        return postgres.jdbcUrl(database);
    }

    private String adminJdbcUrl() {
        return options.externalPostgresUrl() != null ? options.externalPostgresUrl() : postgres.jdbcUrl("postgres");
    }

    public String postgresUser() {
        return options.externalPostgresUrl() != null ? options.postgresUser() : PostgresServer.USER;
    }

    public String postgresPassword() {
        return options.externalPostgresUrl() != null ? options.postgresPassword() : PostgresServer.PASSWORD;
    }

    public String kafkaBootstrap() {
        return options.externalKafka() != null ? options.externalKafka() : kafka.bootstrapServers();
    }

    public String issuer() {
        return options.externalKeycloakIssuer() != null ? options.externalKeycloakIssuer() : keycloak.issuer();
    }

    public String url(String service) {
        return "http://localhost:" + servicePorts.get(service);
    }

    /** The service's management interface: {@code /q/health}, {@code /q/metrics}, {@code /q/openapi}, Swagger UI. */
    public String managementUrl(String service) {
        return "http://localhost:" + managementPorts.get(service);
    }

    public String token(String username, String password) {
        return KeycloakServer.token(issuer(), username, password);
    }

    /**
     * The process of each part of the stack by name: the services, then PostgreSQL, Kafka, Keycloak (kc.sh, with its
     * JVM as a child) and the mail server; -1 for a part that does not run or was given from outside. Each one's
     * children (PostgreSQL's backends) belong to it.
     */
    public Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String s : SERVICES) {
            ServiceProcess p = service(s);
            pids.put(s, p == null ? -1 : p.process().pid());
        }
        pids.put("postgresql", postgres == null ? -1 : postgres.pid());
        pids.put("kafka", kafka == null ? -1 : kafka.process().pid());
        pids.put("keycloak", keycloak == null ? -1 : keycloak.process().pid());
        pids.put("greenmail", mail == null ? -1 : mail.process().pid());
        return pids;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The SMTP server progress-service sends reminders to; null before {@link #start()}. */
    public MailServer mail() {
        return mail;
    }

    public ServiceProcess service(String name) {
        synchronized (services) {
            return services.get(name);
        }
    }

    /**
     * Stops everything this stack started, services first, PostgreSQL last, then lets go of the data folder. Safe
     * to call twice.
     */
    @Override
    public synchronized void close() {
        List<String> reverse;
        synchronized (services) {
            reverse = new ArrayList<>(services.keySet());
        }
        // The services side by side: each takes up to a few seconds (a training run writes its class archive
        // as it exits, see ClassArchive), and none needs another to stop.
        List<Thread> stopping = new ArrayList<>();
        for (String name : reverse) {
            Thread t = new Thread(() -> quietly("stopping " + name, () -> service(name).stop()), "stop-" + name);
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mail != null) {
            quietly("stopping GreenMail", mail::stop);
        }
        if (keycloak != null) {
            quietly("stopping Keycloak", keycloak::stop);
        }
        if (kafka != null) {
            quietly("stopping Kafka", kafka::stop);
        }
        if (postgres != null) {
            quietly("stopping PostgreSQL", postgres::stop);
        }
        if (lock != null) {
            lock.close();
            lock = null;
        }
    }

    private void step(String what, Runnable action) {
        long t0 = System.nanoTime();
        say("starting " + what + " ...");
        action.run();
        say(String.format("%s ready (%.1f s)", what, (System.nanoTime() - t0) / 1e9));
    }

    private void quietly(String what, Runnable action) {
        try {
            say(what);
            action.run();
        } catch (RuntimeException e) {
            say(what + " failed: " + e.getMessage());
        }
    }

    private void say(String line) {
        options.out().accept(line);
    }
}
