package vn.par.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.ProcessMemory;
import vn.par.stack.ServiceProcess;
import vn.par.stack.Stack;

/**
 * Resident memory and CPU time of every process of the stack (Linux /proc), sampled while phases run, and each
 * service's start time to ready.
 */
final class Footprint {

    private final Stack stack;

    Footprint(Stack stack) {
        this.stack = stack;
    }

    /** Every process of the run by name (the services, the engines, this benchmark), with its current pid. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>(stack.processes());
        pids.put("benchmark (client)", ProcessHandle.current().pid());
        return pids;
    }

    /**
     * The whole local stack's proportional set size now, by process and in total: the three services, PostgreSQL
     * (with its backends), Kafka, Keycloak (with kc.sh), the mail server. The benchmark's own JVM, which also runs the
     * stack's launcher code, is listed apart: it is mostly the load generator (the launcher's own JVM, in a stack
     * started with par-stack.jar, is not in the total).
     */
    ObjectNode stackPss() {
        ObjectNode o = Api.JSON.createObjectNode();
        long total = 0;
        for (Map.Entry<String, Long> e : pids().entrySet()) {
            long pss = ProcessMemory.treePssBytes(e.getValue());
            o.put(e.getKey(), pss < 0 ? null : pss / 1024 / 1024);
            if (pss > 0 && !e.getKey().startsWith("benchmark")) {
                total += pss;
            }
        }
        o.put("stackTotal", total / 1024 / 1024);
        return o;
    }

    /** VmRSS of each service now. */
    ObjectNode servicesRss() {
        ObjectNode o = Api.JSON.createObjectNode();
        for (String s : Stack.SERVICES) {
            long rss = Proc.rssBytes(pids().get(s));
            o.put(s, rss < 0 ? null : rss / 1024 / 1024);
        }
        return o;
    }

    /** CPU seconds of every process so far, plus the machine's busy and total seconds. */
    Map<String, Double> cpu() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        pids().forEach((name, pid) -> cpu.put(name, name.startsWith("benchmark")
                ? Proc.ownCpuSeconds(pid) // its descendants are the stack's processes, counted above
                : Proc.cpuSeconds(pid)));
        double[] machine = Proc.machineCpu();
        cpu.put("#machine-busy", machine[0]);
        cpu.put("#machine-total", machine[1]);
        return cpu;
    }

    /**
     * Where the CPU went between two readings: each process's CPU seconds, the share of the machine's capacity it
     * used, and the machine's busy share (which includes anything else running on it).
     */
    static ObjectNode cpuBetween(Map<String, Double> before, Map<String, Double> after, double seconds) {
        ObjectNode o = Api.JSON.createObjectNode();
        int cores = Runtime.getRuntime().availableProcessors();
        ObjectNode processes = o.putObject("processes");
        double ours = 0;
        for (String name : after.keySet()) {
            if (name.startsWith("#")) {
                continue;
            }
            Double b = before.get(name);
            Double a = after.get(name);
            if (b == null || a == null || b < 0 || a < 0) {
                processes.putNull(name);
                continue;
            }
            double used = Math.max(0, a - b);
            ours += used;
            processes.putObject(name).put("cpuSeconds", Util.round(used, 2))
                    .put("coresUsed", Util.round(used / seconds, 2))
                    .put("percentOfMachine", Util.round(100 * used / seconds / cores, 1));
        }
        double busy = after.get("#machine-busy") - before.get("#machine-busy");
        double total = after.get("#machine-total") - before.get("#machine-total");
        if (total > 0 && before.get("#machine-total") >= 0) {
            o.put("machineBusyPercent", Util.round(100 * busy / total, 1));
            o.put("othersPercentOfMachine", Util.round(Math.max(0, 100 * (busy - ours) / total), 1));
        }
        o.put("seconds", Util.round(seconds, 2));
        return o;
    }

    /** Samples the services' RSS in the background until closed; keeps each one's maximum. */
    final class Sampler implements AutoCloseable {
        private final Map<String, Long> max = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private final Thread thread;

        Sampler(long everyMillis) {
            thread = new Thread(() -> {
                while (running) {
                    for (String s : Stack.SERVICES) {
                        long rss = Proc.rssBytes(pids().get(s));
                        if (rss > 0) {
                            max.merge(s, rss, Math::max);
                        }
                    }
                    try {
                        Thread.sleep(everyMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        ObjectNode maxMiB() {
            ObjectNode o = Api.JSON.createObjectNode();
            for (String s : Stack.SERVICES) {
                Long v = max.get(s);
                o.put(s, v == null ? null : v / 1024 / 1024);
            }
            return o;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    Sampler sample(long everyMillis) {
        return new Sampler(everyMillis);
    }

    /**
     * Restarts each service in turn and times it from the start of its JVM until {@code /q/health/ready} answers
     * 200 (polled every 20 ms); then its resident memory a few seconds after (fresh, idle).
     */
    ObjectNode restartEach(Consumer<String> log) {
        ObjectNode out = Api.JSON.createObjectNode();
        for (String name : Stack.SERVICES) {
            ServiceProcess service = stack.service(name);
            log.accept("restarting " + name + " to time its start ...");
            service.stop();
            double[] machineBefore = Proc.machineCpu();
            long t0 = System.nanoTime();
            service.process().start();
            long deadline = t0 + Duration.ofSeconds(120).toNanos();
            while (!service.ready()) {
                if (!service.process().isAlive()) {
                    throw new BenchmarkException(name + " exited while starting; see " + service.process().logFile());
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchmarkException(name + " was not ready within 120 s; see " + service.process().logFile());
                }
                Util.sleep(20);
            }
            double seconds = Util.seconds(System.nanoTime() - t0);
            // How busy the machine was meanwhile, and with what: a start on two shared cores is as quick as the
            // other processes let it be (the figure varies with them and with the machine's hour).
            double[] machineAfter = Proc.machineCpu();
            double own = Proc.cpuSeconds(service.process().pid());
            double busy = machineAfter[0] - machineBefore[0];
            double total = machineAfter[1] - machineBefore[1];
            Util.sleep(3000);
            long rss = Proc.rssBytes(service.process().pid());
            ObjectNode s = out.putObject(name);
            s.put("startToReadySeconds", Util.round(seconds, 2));
            Double quarkus = quarkusStartedIn(service.process().logFile());
            if (quarkus != null) {
                s.put("quarkusStartedInSeconds", quarkus);
            }
            s.put("rssMiB3sAfterReady", rss < 0 ? null : rss / 1024 / 1024);
            if (total > 0 && machineBefore[1] >= 0 && own >= 0) {
                s.put("cpuSecondsToReady", Util.round(own, 2));
                s.put("machineBusyPercentDuringStart", Util.round(100 * busy / total, 1));
                s.put("othersPercentOfMachineDuringStart", Util.round(Math.max(0, 100 * (busy - own) / total), 1));
            }
            s.put("pid", service.process().pid());
            log.accept(String.format(java.util.Locale.ROOT,
                    "  %s ready in %.2f s (Quarkus says %s s), RSS %s; it used %s s of CPU, the machine was %s %% busy"
                            + " (%s %% by other processes)",
                    name, seconds, quarkus == null ? "?" : Util.f2(quarkus), Util.mib(rss),
                    s.path("cpuSecondsToReady").asText("?"), s.path("machineBusyPercentDuringStart").asText("?"),
                    s.path("othersPercentOfMachineDuringStart").asText("?")));
        }
        return out;
    }

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    /** The last "started in N s" Quarkus logged. */
    private static Double quarkusStartedIn(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = STARTED.matcher(lines.get(i));
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        } catch (IOException | RuntimeException e) {
            // no log
        }
        return null;
    }

    /** Pids of each service over the run (they change on restarts), for matching JFR files to services. */
    static final Map<Long, String> SERVICE_PIDS = new ConcurrentHashMap<>();

    void rememberServicePids() {
        for (String s : Stack.SERVICES) {
            long pid = pids().get(s);
            if (pid > 0) {
                SERVICE_PIDS.put(pid, s);
            }
        }
    }

    static List<String> describePids() {
        List<String> all = new ArrayList<>();
        SERVICE_PIDS.forEach((pid, name) -> all.add(pid + "=" + name));
        return all;
    }
}
