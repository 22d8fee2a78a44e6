package dev.sluice.local.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A short-lived JVM in front of the job wrapper: it makes its process a child subreaper ({@code prctl(2)}
 * {@code PR_SET_CHILD_SUBREAPER}), then replaces itself ({@code execve(2)}, same pid) with the program it was given,
 * which keeps that role. Every process the job starts whose parent ends is then handed to the wrapper rather than to
 * init, whatever session, group or environment it made for itself, so the wrapper can end them all when the job
 * ends ({@link JobWrapper}). Before the exec it unblocks every signal (the JVM's main thread blocks SIGQUIT, and a
 * blocked mask would be inherited by the job) and marks every descriptor above 2 close-on-exec. Linux only.
 */
final class ChildSubreaper {
  private static final int PR_SET_CHILD_SUBREAPER = 36;
  private static final int SIG_SETMASK = 2;
  private static final int SIGSET_BYTES = 128;
  private static final int CLOSE_RANGE_CLOEXEC = 4;
  private static final Linker LINKER = Linker.nativeLinker();

  private ChildSubreaper() {
  }

  /** The command that runs {@code program} (its arguments after it) as a child subreaper, in a JVM like this one. */
  static List<String> command() {
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classes;
    try {
      classes = Path.of(ChildSubreaper.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      classes = System.getProperty("java.class.path");
    }
    // the wrapper's standard output is the pipe the launcher reads the job's group from: the JVM writes nothing there
    return List.of(java, "-XX:+DisplayVMOutputToStderr", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m",
        "-XX:-UsePerfData", "--enable-native-access=ALL-UNNAMED", "-cp", classes, ChildSubreaper.class.getName());
  }

  /** {@code args}: the program to become, by absolute path, and its arguments. Returns only on failure (exit 127). */
  static void main(String[] args) {
    if (args.length == 0 || !args[0].startsWith("/")) {
      System.err.println("sluice-job: usage: ChildSubreaper /absolute/program [argument ...]");
      System.exit(2);
    }
    try {
      call("prctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), 1, PR_SET_CHILD_SUBREAPER, 1L);
      execute(List.of(args));
    } catch (IllegalStateException e) {
      System.err.println("sluice-job: cannot start the job wrapper: " + e.getMessage());
    }
    System.exit(127);
  }

  private static void execute(List<String> args) {
    try (var arena = Arena.ofConfined()) {
      call("pthread_sigmask", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), -1,
          SIG_SETMASK, arena.allocate(SIGSET_BYTES), MemorySegment.NULL);
      closeOnExec();
      var variables = new ArrayList<String>();
      for (Map.Entry<String, String> variable : System.getenv().entrySet()) {
        variables.add(variable.getKey() + "=" + variable.getValue());
      }
      call("execve", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), -1,
          arena.allocateFrom(args.getFirst()), strings(arena, args), strings(arena, variables));
    }
  }

  /** Marks descriptors 3 and up close-on-exec, where the C library has {@code close_range} (glibc 2.34). */
  private static void closeOnExec() {
    if (LINKER.defaultLookup().find("close_range").isEmpty()) return;
    call("close_range", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), -1, 3, -1, CLOSE_RANGE_CLOEXEC);
  }

  /** A NULL-terminated array of C strings. */
  private static MemorySegment strings(Arena arena, List<String> values) {
    var array = arena.allocate(ADDRESS, values.size() + 1L);
    for (int i = 0; i < values.size(); i++) array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
    array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
    return array;
  }

  /**
   * Calls the C library's {@code function}; {@code firstVariadic} is the index of its first variadic argument (-1:
   * none). A result other than 0 is a failure.
   */
  private static void call(String function, FunctionDescriptor descriptor, int firstVariadic, Object... args) {
    MethodHandle handle = firstVariadic < 0
        ? LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(function), descriptor)
        : LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(function), descriptor,
            Linker.Option.firstVariadicArg(firstVariadic));
    int result;
    try {
      result = (int) handle.invokeWithArguments(args);
    } catch (Throwable t) {
      throw new IllegalStateException(function + " could not be called: " + t.getMessage(), t);
    }
    if (result != 0) throw new IllegalStateException(function + " failed (" + result + ")");
  }
}
