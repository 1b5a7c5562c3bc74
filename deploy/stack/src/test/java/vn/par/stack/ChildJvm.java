package vn.par.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Another process for the tests, running until its stdin closes or it is killed: it holds a data folder's lock
 * ({@code hold <folder>}) or only runs, with the JVM options it was given naming it as an engine of a folder.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("hold")) {
            DataFolderLock.acquire(Path.of(args[1]));
        }
        System.out.println("started");
        System.out.flush();
        while (System.in.read() != -1) {
            // the test never writes; end of stream ends this process
        }
    }

    /** Starts one and waits until it says it started (for {@code hold}: holds the lock). */
    static Process start(List<String> jvmOptions, String... args) throws java.io.IOException {
        List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildJvm.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (!"started".equals(first)) {
            p.destroyForcibly();
            throw new IllegalStateException("the child JVM did not start: " + first);
        }
        return p;
    }
}
