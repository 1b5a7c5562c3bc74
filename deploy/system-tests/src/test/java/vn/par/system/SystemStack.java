package vn.par.system;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.UUID;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import vn.par.stack.SampleData;
import vn.par.stack.Stack;
import vn.par.stack.StackOptions;

/**
 * One running system for the whole test run: started before the first system test, with the sample plan
 * loaded through the public API, and stopped (in order) when the run ends. Every piece is real: PostgreSQL,
 * Kafka, Keycloak and the three packaged services, on free ports.
 */
public final class SystemStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static Stack stack;
    private static UUID samplePlan;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (SystemStack.class) {
            if (stack != null) {
                return;
            }
            Path root = Path.of(System.getProperty("par.root", "../..")).toAbsolutePath().normalize();
            Path data = root.resolve("deploy/system-tests/target/stack-" + UUID.randomUUID().toString().substring(0, 8));
            stack = new Stack(StackOptions.forTests(root, data, SystemStack::log));
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(SystemStack.class.getName(), this);
            stack.start();
            samplePlan = new SampleData().load(stack.url("criteria-service"), stack.token("admin", "admin"), SystemStack::log);
        }
    }

    /** Runs once, after the last test of the run. */
    @Override
    public void close() {
        synchronized (SystemStack.class) {
            if (stack != null) {
                stack.close();
                stack = null;
            }
        }
    }

    public static Stack stack() {
        return stack;
    }

    public static UUID samplePlan() {
        return samplePlan;
    }

    static void log(String line) {
        System.out.println(LocalTime.now().withNano(0) + " [stack] " + line);
    }
}
