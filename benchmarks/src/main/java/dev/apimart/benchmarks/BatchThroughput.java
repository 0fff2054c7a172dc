package dev.apimart.benchmarks;

import dev.apimart.cli.batch.BatchOptions;
import dev.apimart.cli.batch.BatchRunner;
import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.RateLimit;
import dev.apimart.testkit.RecordedRequest;
import dev.apimart.testkit.Route;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures {@code apimart batch} against a rate-limited service, in real time: a batch of prompts
 * against the fake limited to R submissions a second (a token bucket with one second's burst,
 * answering 429 with {@code Retry-After}), once with the adaptive pace and once with a fixed
 * concurrency, and prints for each the wall time against the floor (lines / R seconds) and the
 * share of requests answered 429.
 *
 * <p>Realistic on purpose: the fake runs in real time at speed 1, so each task takes the 5 s the
 * fake gives z-image-turbo, the client polls with its default plan (first status request after 2 s,
 * then on the task's estimate), and every image is downloaded and written through the ledger with
 * its fsyncs — the floor is what the rate limit allows, the rest is what a user would wait. Not run
 * by {@code verify} (it takes minutes):
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.apimart.benchmarks.BatchThroughput \
 *     [--lines 1000] [--rate 10] [--mode adaptive|fixed] [--concurrency 16] [--warmup 30]
 * }</pre>
 *
 * Without {@code --mode} both modes run, one after the other, after a small unlimited warm-up batch
 * in the same JVM (JVM start-up is the cold-start benchmark's subject).
 */
public final class BatchThroughput {

  private BatchThroughput() {}

  /** One measured run. */
  record Result(
      String mode,
      int lines,
      double rate,
      double wallSeconds,
      long submissionRequests,
      long refused429,
      long allRequests,
      int exitCode) {

    double floorSeconds() {
      return lines / rate;
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %.0f/s | %.1f s | %.0f s | %.3f | %d of %d (%.2f %%) | %.2f %% | %d |",
          mode,
          lines,
          rate,
          wallSeconds,
          floorSeconds(),
          wallSeconds / floorSeconds(),
          refused429,
          submissionRequests,
          100.0 * refused429 / Math.max(1, submissionRequests),
          100.0 * refused429 / Math.max(1, allRequests),
          exitCode);
    }
  }

  /** Runs the measurement and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    int lines = 1000;
    double rate = 10;
    int concurrency = 16;
    String mode = "both";
    int warmup = 30;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--lines" -> lines = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Double.parseDouble(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--mode" -> mode = args[++i];
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (warmup > 0) {
      // Class loading, JIT and the first connections are the cold-start benchmark's subject, not
      // this one's: a small unlimited batch first, not reported.
      run(warmup, 1000, 0);
    }
    List<Result> results = new ArrayList<>();
    if (!mode.equals("fixed")) {
      results.add(run(lines, rate, 0));
    }
    if (!mode.equals("adaptive")) {
      results.add(run(lines, rate, concurrency));
    }
    System.out.println(
        "| pace | lines | limit | wall time | floor | wall / floor | 429 of submissions |"
            + " 429 of all requests | exit |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    results.forEach(r -> System.out.println(r.row()));
  }

  /**
   * One batch against a fresh fake.
   *
   * @param concurrency 0 for the adaptive pace, else the fixed number of lines in flight
   */
  static Result run(int lines, double rate, int concurrency) throws IOException {
    Path dir = Files.createTempDirectory("apimart-batch-bench-");
    Path input = dir.resolve("prompts.txt");
    List<String> prompts = new ArrayList<>();
    for (int i = 1; i <= lines; i++) {
      prompts.add("Benchmark prompt number " + i + ": a lighthouse at dawn, ink painting");
    }
    Files.write(input, prompts, StandardCharsets.UTF_8);
    try (FakeApiMart fake =
        FakeApiMart.builder()
            .realTime(1.0)
            .unlimitedBalance()
            .rateLimit(RateLimit.perSecond(rate))
            .journalCapacity(50 * lines + 1000)
            .workerThreads(16)
            .start()) {
      BatchOptions.Builder options = BatchOptions.builder().input(input).outDir(dir.resolve("out"));
      if (concurrency > 0) {
        options.concurrency(concurrency);
      }
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8");
      long start = System.nanoTime();
      int exit =
          BatchRunner.builder()
              .clients(fake.clientBuilder())
              .out(quiet)
              .err(quiet)
              .build()
              .run(options.build());
      double wall = (System.nanoTime() - start) / 1e9;
      List<RecordedRequest> submissions = fake.journal().requests(Route.SUBMIT_GENERATION);
      long all = fake.journal().requests().size();
      Result result =
          new Result(
              concurrency > 0 ? "fixed concurrency " + concurrency : "adaptive",
              lines,
              rate,
              wall,
              submissions.size(),
              fake.rateLimitedRequests(),
              all,
              exit);
      System.err.println(result.row());
      return result;
    }
  }
}
