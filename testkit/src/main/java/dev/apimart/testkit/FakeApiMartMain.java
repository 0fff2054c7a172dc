package dev.apimart.testkit;

import dev.apimart.core.model.ImageModel;
import dev.apimart.core.model.ModelCapabilities;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs {@link FakeApiMart} on its own, for trying the API with curl or testing a non-JVM client:
 *
 * <pre>
 * java -jar apimart-testkit-standalone.jar --port 8080 --key sk-test --speed 10
 * </pre>
 *
 * <p>It prints the base URL and key and serves until stopped. {@link #run(String[], PrintStream)}
 * does the same without blocking, for launchers such as the CLI.
 */
public final class FakeApiMartMain {

  /** What {@code --help} prints. */
  public static final String USAGE =
      """
      Usage: java -jar apimart-testkit-standalone.jar [options]

      Runs a fake ApiMart image generation service for manual tests and non-JVM clients.

      Options:
        --port <n>          port to listen on (default 0: any free port)
        --key <key>         API key to accept; repeat for several (default %s)
        --speed <x>         fake seconds per real second (default 1); 0 = virtual time, where
                            tasks finish only by polls (see --polls)
        --polls <n>         also finish every task on its n-th poll
        --url-shape <s>     how image URLs are written: array (default) or string
        --submit-shape <s>  how submissions are answered: array (default), text-code,
                            object or accepted (HTTP 202)
        --status-words <w>  running task statuses: pending (pending/processing, default)
                            or submitted (submitted/in_progress)
        --report-cost       finished tasks carry cost and credits_cost
        --unknown-task <s>  unknown task ids: 404 (default) or 400 ("invalid task ID")
        --model <id>        also serve this model (no rules checked); repeatable
        --balance <amount>  starting balance (default 100), or "unlimited"
        --host <address>    address to listen on (default: loopback only)
        --lenient           turn strict mode off (accept undocumented fields, no Content-Type check)
        --help              show this help
      """
          .formatted(FakeApiMart.DEFAULT_API_KEY);

  private FakeApiMartMain() {}

  /** Starts the fake, prints where it is, and serves until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    FakeApiMart fake;
    try {
      if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
        System.out.print(USAGE);
        return;
      }
      fake = run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    FakeApiMart running = fake;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "FakeApiMart-shutdown"));
    stopped.await();
  }

  /**
   * Parses the options, starts the fake and prints its base URL and key to {@code out}; does not
   * block. The caller closes the returned fake. {@code --help} is not an option here: print {@link
   * #USAGE} instead.
   *
   * @throws IllegalArgumentException for an unknown option or a bad value, with a message saying
   *     which
   */
  public static FakeApiMart run(String[] args, PrintStream out) {
    FakeApiMart.Builder builder = builder(args);
    FakeApiMart fake = builder.start();
    out.println("FakeApiMart is running.");
    out.println("APIMART_BASE_URL=" + fake.baseUrl());
    out.println("APIMART_API_KEY=" + fake.apiKey());
    out.println();
    out.println("Try:");
    out.println(
        "  curl -s "
            + fake.baseUrl()
            + "/v1/balance -H 'Authorization: Bearer "
            + fake.apiKey()
            + "'");
    out.println("Stop with Ctrl+C.");
    out.flush();
    return fake;
  }

  /**
   * The builder the options describe, not started.
   *
   * @throws IllegalArgumentException for an unknown option or a bad value
   */
  public static FakeApiMart.Builder builder(String[] args) {
    FakeApiMart.Builder builder = FakeApiMart.builder().realTime(1);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--lenient" -> builder.strict(false);
        case "--port" -> builder.port(integer(name, value != null ? value : next(args, ++i, name)));
        case "--key" -> keys.add(value != null ? value : next(args, ++i, name));
        case "--speed" -> {
          double speed = decimal(name, value != null ? value : next(args, ++i, name)).doubleValue();
          if (speed == 0) {
            builder.virtualTime();
          } else if (speed > 0 && !Double.isInfinite(speed)) {
            builder.realTime(speed);
          } else {
            throw new IllegalArgumentException("--speed must be 0 or positive, got " + speed);
          }
        }
        case "--polls" ->
            builder.finishAfterPolls(integer(name, value != null ? value : next(args, ++i, name)));
        case "--url-shape" -> {
          String shape = (value != null ? value : next(args, ++i, name)).toLowerCase(Locale.ROOT);
          builder.urlShape(
              switch (shape) {
                case "array" -> UrlShape.ARRAY;
                case "string" -> UrlShape.STRING;
                default ->
                    throw new IllegalArgumentException(
                        "--url-shape must be 'array' or 'string', got '" + shape + "'");
              });
        }
        case "--submit-shape" ->
            builder.submissionShape(
                switch (lower(value != null ? value : next(args, ++i, name))) {
                  case "array" -> SubmissionShape.ARRAY;
                  case "text-code" -> SubmissionShape.ARRAY_WITH_TEXT_CODE;
                  case "object" -> SubmissionShape.OBJECT;
                  case "accepted" -> SubmissionShape.ACCEPTED;
                  default ->
                      throw new IllegalArgumentException(
                          "--submit-shape must be 'array', 'text-code', 'object' or 'accepted'");
                });
        case "--status-words" ->
            builder.statusWords(
                switch (lower(value != null ? value : next(args, ++i, name))) {
                  case "pending" -> StatusWords.PENDING_PROCESSING;
                  case "submitted" -> StatusWords.SUBMITTED_IN_PROGRESS;
                  default ->
                      throw new IllegalArgumentException(
                          "--status-words must be 'pending' or 'submitted'");
                });
        case "--report-cost" -> builder.reportCost(true);
        case "--unknown-task" ->
            builder.unknownTaskAnswer(
                switch (lower(value != null ? value : next(args, ++i, name))) {
                  case "404" -> UnknownTaskAnswer.NOT_FOUND;
                  case "400" -> UnknownTaskAnswer.INVALID_TASK_ID;
                  default ->
                      throw new IllegalArgumentException("--unknown-task must be '404' or '400'");
                });
        case "--model" -> {
          String id = (value != null ? value : next(args, ++i, name)).strip();
          if (id.isEmpty()) {
            throw new IllegalArgumentException("--model needs a model id");
          }
          builder.model(ModelCapabilities.builder(ImageModel.of(id)).build());
        }
        case "--balance" -> {
          String amount = value != null ? value : next(args, ++i, name);
          if (amount.equalsIgnoreCase("unlimited")) {
            builder.unlimitedBalance();
          } else {
            builder.balance(decimal(name, amount));
          }
        }
        case "--host" -> {
          String host = value != null ? value : next(args, ++i, name);
          try {
            builder.bindAddress(InetAddress.getByName(host));
          } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host: unknown address '" + host + "'", e);
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
    }
    if (!keys.isEmpty()) {
      builder.apiKeys(keys.toArray(String[]::new));
    }
    return builder;
  }

  private static String lower(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }

  private static String next(String[] args, int i, String name) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return args[i];
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, got '" + value + "'", e);
    }
  }

  private static BigDecimal decimal(String name, String value) {
    try {
      return new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a number, got '" + value + "'", e);
    }
  }
}
