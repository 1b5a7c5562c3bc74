package vn.par.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.par.stack.ServiceJava;

/** The machine the run happened on, as it stood when the run started. */
final class Machine {

    private Machine() {
    }

    static ObjectNode describe() {
        ObjectNode m = Api.JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        long mem = memTotalBytes();
        if (mem > 0) {
            m.put("memoryGiB", Math.round(mem / 1024.0 / 1024 / 1024 * 10) / 10.0);
        } else {
            m.putNull("memoryGiB");
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + osRelease());
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + ")");
        // The services may run on another JDK than the benchmark (PAR_SERVICE_JAVA_HOME).
        ServiceJava services = ServiceJava.fromEnvironment();
        m.put("servicesJava", services.version() + " (" + services.home() + ")");
        double[] load = loadAverage();
        m.putArray("loadAverageAtStart").add(load[0]).add(load[1]).add(load[2]);
        m.put("hostname", hostname());
        return m;
    }

    /** One line for the table's header. */
    static String line(ObjectNode m) {
        return String.format(java.util.Locale.ROOT,
                "%d cores (%s), %s GiB, %s, Java %s, services on Java %s, load average at start %s",
                m.get("cores").asInt(), m.get("cpu").asText(), m.get("memoryGiB").asText(), m.get("os").asText(),
                m.get("java").asText(), m.path("servicesJava").asText("?"), m.get("loadAverageAtStart").toString());
    }

    static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] { Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]) };
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return new double[] { one, -1, -1 };
        }
    }

    private static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring(9).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        try {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            // unknown
        }
        return -1;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return "unknown CPU";
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return " (" + line.substring(12).replace("\"", "") + ")";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no os-release
        }
        return "";
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
