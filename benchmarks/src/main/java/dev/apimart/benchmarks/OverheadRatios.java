package dev.apimart.benchmarks;

import dev.apimart.testkit.FakeApiMart;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The overhead ratio measured so that a noisy machine cannot bias it: the clients of {@link
 * OverheadBenchmark} take turns, in a shuffled order, in short batches of round trips against the
 * same fake, and each round's time per round trip is divided by the raw client's in the same round.
 * Load from other processes changes slowly compared with a round, so it hits both sides of each
 * ratio alike. Prints the median ratio per client with a 95 % confidence interval (order statistics
 * of the per-round ratios) next to the targets.
 *
 * <pre>{@code java -cp benchmarks/target/benchmarks.jar dev.apimart.benchmarks.OverheadRatios \
 *     [rounds=60] [batch=40] [clients=raw,jdk,feign]}</pre>
 */
public final class OverheadRatios {

  private static final Map<String, Double> TARGETS = Map.of("jdk", 1.10, "feign", 1.25);

  private OverheadRatios() {}

  /** Runs the rounds and prints the table. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    List<String> clients =
        List.of((args.length > 2 ? args[2] : "raw,rawAsync,jdk,feign").split(","));
    if (!clients.contains("raw")) {
      throw new IllegalArgumentException("clients must include raw, the baseline");
    }
    try (FakeApiMart fake = FakeApiMart.builder().unlimitedBalance().finishAfterPolls(1).start()) {
      Map<String, OverheadBenchmark.RoundTrip> trips = new LinkedHashMap<>();
      for (String c : clients) {
        trips.put(
            c,
            switch (c) {
              case "raw" -> new OverheadBenchmark.Raw(fake, false);
              case "rawAsync" -> new OverheadBenchmark.Raw(fake, true);
              default -> new OverheadBenchmark.Sdk(fake, c);
            });
      }
      try {
        Map<String, double[]> micros = run(trips, rounds, batch);
        print(micros, rounds, batch);
      } finally {
        trips.values().forEach(OverheadBenchmark.RoundTrip::close);
      }
    }
  }

  private static Map<String, double[]> run(
      Map<String, OverheadBenchmark.RoundTrip> trips, int rounds, int batch) {
    // Warm-up: compile the hot paths of every client before anything is recorded.
    long warmUntil = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      for (OverheadBenchmark.RoundTrip t : trips.values()) {
        for (int i = 0; i < batch; i++) {
          t.run();
        }
      }
    }
    Map<String, double[]> micros = new LinkedHashMap<>();
    trips.keySet().forEach(c -> micros.put(c, new double[rounds]));
    List<String> order = new ArrayList<>(trips.keySet());
    Random random = new Random(42);
    for (int r = 0; r < rounds; r++) {
      Collections.shuffle(order, random);
      for (String c : order) {
        OverheadBenchmark.RoundTrip t = trips.get(c);
        long start = System.nanoTime();
        for (int i = 0; i < batch; i++) {
          t.run();
        }
        micros.get(c)[r] = (System.nanoTime() - start) / 1000.0 / batch;
      }
    }
    return micros;
  }

  private static void print(Map<String, double[]> micros, int rounds, int batch) {
    double[] raw = micros.get("raw");
    System.out.printf(
        Locale.ROOT,
        "%d rounds of %d submit+getTask round trips per client, shuffled order%n%n",
        rounds,
        batch);
    System.out.println(
        "| client | median µs/op | ratio to raw (median of rounds) | 95 % CI | target | met |");
    System.out.println("|---|---|---|---|---|---|");
    for (Map.Entry<String, double[]> e : micros.entrySet()) {
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = e.getValue()[r] / raw[r];
      }
      double[] ci = medianConfidenceInterval(ratios);
      Double target = TARGETS.get(e.getKey());
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.3f | %.3f – %.3f | %s | %s |%n",
          e.getKey(),
          median(e.getValue()),
          median(ratios),
          ci[0],
          ci[1],
          target == null ? "–" : String.format(Locale.ROOT, "≤ %.2f", target),
          target == null ? "–" : median(ratios) <= target ? "yes" : "no");
    }
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * A distribution-free 95 % confidence interval for the median: the order statistics at ranks n/2
   * ± 1.96·√n/2.
   */
  static double[] medianConfidenceInterval(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    double half = 1.96 * Math.sqrt(n) / 2;
    int lo = Math.max(0, (int) Math.floor(n / 2.0 - half));
    int hi = Math.min(n - 1, (int) Math.ceil(n / 2.0 + half) - 1);
    return new double[] {s[lo], s[hi]};
  }
}
