package dev.apimart.testkit.junit.oldest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes on whatever JUnit its own class loader holds. {@code OldestJUnitTest} loads it
 * in a class loader with only an old JUnit's jars (and the testkit), and calls {@link #run} by
 * reflection; it answers in JDK types only, which both class loaders share. Not a test itself.
 */
public final class IsolatedLauncher {

  private IsolatedLauncher() {}

  /**
   * Runs the classes; the first line reads {@code jupiter=<version> found=N succeeded=N failed=N},
   * each further line is one failure with its stack trace.
   */
  public static List<String> run(String... classNames) throws ClassNotFoundException {
    ClassLoader loader = IsolatedLauncher.class.getClassLoader();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader); // engines are found through the ServiceLoader
    try {
      LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request();
      for (String name : classNames) {
        builder.selectors(selectClass(Class.forName(name, false, loader)));
      }
      LauncherDiscoveryRequest request = builder.build();
      Launcher launcher = LauncherFactory.create();
      SummaryGeneratingListener listener = new SummaryGeneratingListener();
      launcher.execute(request, listener);
      TestExecutionSummary summary = listener.getSummary();
      List<String> lines = new ArrayList<>();
      lines.add(
          "jupiter="
              + org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion()
              + " found="
              + summary.getTestsFoundCount()
              + " succeeded="
              + summary.getTestsSucceededCount()
              + " failed="
              + (summary.getTestsFailedCount() + summary.getContainersFailedCount()));
      for (TestExecutionSummary.Failure failure : summary.getFailures()) {
        StringWriter trace = new StringWriter();
        failure.getException().printStackTrace(new PrintWriter(trace));
        lines.add(failure.getTestIdentifier().getDisplayName() + ": " + trace);
      }
      return lines;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
