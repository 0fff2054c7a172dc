package dev.apimart.cli;

import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.FakeApiMartMain;
import dev.apimart.testkit.Fault;
import dev.apimart.testkit.Outcome;
import dev.apimart.testkit.RateLimit;
import dev.apimart.testkit.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apimart fake}: the fake server until stopped, scriptable so that every exit code of the
 * command can be tried by hand.
 */
@Command(
    name = "fake",
    description = "run the fake ApiMart server until stopped (Ctrl-C)",
    footer = {
      "",
      "Try every exit code by hand (in another shell, with the printed variables set):",
      "  apimart fake --fail-prompt fail --cancel-prompt cancel --stall-prompt slow \\",
      "               --fault submit=429 --balance 0.05",
      "  apimart generate 'a cat that will fail'        # 4: the task failed",
      "  apimart generate --timeout 3s 'a slow cat'     # 5: timed out, resume command printed",
      "  --fault submit=drop      # 6: the answer to a submission is lost (outcome unknown)",
      "  --fault image=missing    # 7: the task finished, its image cannot be downloaded",
      "  --fault submit=429       # rate limited on every submission (Retry-After 1s)",
      "  --rate-limit 2           # at most 2 submissions a second, 429 beyond (try apimart batch)",
      "  --fault ROUTE=STATUS     # any HTTP status; ROUTE: submit, task, balance, image",
      "  --balance 0              # 3: insufficient balance; --key K and a wrong key: 3 too"
    })
final class FakeCommand extends CliCommand {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "port to listen on (default: any free port)")
  @Nullable String port;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "API key the fake accepts (default: generated)")
  @Nullable String key;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      description = "how much faster than real tasks run; the estimates it reports scale too")
  @Nullable String speed;

  @Option(
      names = "--url-shape",
      paramLabel = "string|array",
      description = "shape of result.images[].url")
  @Nullable String urlShape;

  @Option(
      names = "--balance",
      paramLabel = "AMOUNT",
      description = "starting balance (default 100), or unlimited")
  @Nullable String balance;

  @Option(
      names = "--fail-prompt",
      paramLabel = "REGEX",
      description = "tasks whose prompt matches fail")
  @Nullable String failPrompt;

  @Option(
      names = "--cancel-prompt",
      paramLabel = "REGEX",
      description = "tasks whose prompt matches are cancelled")
  @Nullable String cancelPrompt;

  @Option(
      names = "--stall-prompt",
      paramLabel = "REGEX",
      description = "tasks whose prompt matches never finish")
  @Nullable String stallPrompt;

  @Option(
      names = "--fault",
      paramLabel = "ROUTE=WHAT",
      description =
          "on every request of ROUTE (submit, task, balance, image): an HTTP STATUS, 429 (rate"
              + " limited, Retry-After 1s), drop (answer lost after processing), missing (image"
              + " file gone); repeatable")
  List<String> faults = new ArrayList<>();

  @Option(
      names = "--rate-limit",
      paramLabel = "PER_SECOND",
      description =
          "accept at most this many submissions a second (e.g. 10, or 0.5); beyond it 429 with"
              + " Retry-After, nothing created")
  @Nullable String rateLimit;

  private @Nullable RateLimit limit;

  private final List<Fault> armed = new ArrayList<>();
  private double speedFactor = 1;

  @Override
  void check(List<String> problems) {
    if (speed != null) {
      try {
        speedFactor = Double.parseDouble(speed.strip());
        if (!(speedFactor > 0) || Double.isInfinite(speedFactor)) {
          problems.add("--speed: must be a positive number, got '" + speed + "'");
        }
      } catch (NumberFormatException e) {
        problems.add("--speed: '" + speed + "' is not a number");
      }
    }
    if (rateLimit != null) {
      try {
        limit = RateLimit.perSecond(Double.parseDouble(rateLimit.strip()));
      } catch (NumberFormatException e) {
        problems.add("--rate-limit: '" + rateLimit + "' is not a number");
      } catch (IllegalArgumentException e) {
        problems.add("--rate-limit: must be a positive number, got '" + rateLimit + "'");
      }
    }
    for (String fault : faults) {
      Fault f = fault(fault, problems);
      if (f != null) {
        armed.add(f);
      }
    }
    for (String regex : new String[] {failPrompt, cancelPrompt, stallPrompt}) {
      if (regex != null) {
        try {
          java.util.regex.Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException e) {
          problems.add("'" + regex + "' is not a regular expression: " + e.getDescription());
        }
      }
    }
  }

  private static @Nullable Fault fault(String text, List<String> problems) {
    int eq = text.indexOf('=');
    if (eq < 0) {
      problems.add("--fault '" + text + "': write ROUTE=WHAT, e.g. --fault submit=429");
      return null;
    }
    String routeName = text.substring(0, eq).strip().toLowerCase(Locale.ROOT);
    String what = text.substring(eq + 1).strip().toLowerCase(Locale.ROOT);
    Route route =
        switch (routeName) {
          case "submit" -> Route.SUBMIT_GENERATION;
          case "task" -> Route.GET_TASK;
          case "balance" -> Route.GET_BALANCE;
          case "image" -> Route.IMAGE_FILE;
          default -> null;
        };
    if (route == null) {
      problems.add("--fault '" + text + "': ROUTE is one of submit, task, balance, image");
      return null;
    }
    Fault fault;
    if (what.equals("drop")) {
      fault = Fault.dropConnectionAfterProcessing();
    } else if (what.equals("missing")) {
      fault = Fault.missingImageFile();
    } else {
      try {
        int status = Integer.parseInt(what);
        if (status < 400 || status > 599) {
          problems.add("--fault '" + text + "': STATUS must be 400-599");
          return null;
        }
        fault = Fault.status(status);
        if (status == 429 || status == 503) {
          fault = fault.withRetryAfter(Duration.ofSeconds(1));
        }
      } catch (NumberFormatException e) {
        problems.add("--fault '" + text + "': WHAT is an HTTP status, drop or missing");
        return null;
      }
    }
    return fault.on(route).always();
  }

  @Override
  int execute() {
    FakeApiMart fake;
    try {
      fake = start();
    } catch (IllegalArgumentException e) {
      return cli().invalid(List.of(CliWords.of(e.getMessage())), "fake", false);
    }
    ApimartCli cli = cli();
    cli.out.println("FakeApiMart is running.");
    cli.out.println("APIMART_BASE_URL=" + fake.baseUrl());
    cli.out.println("APIMART_API_KEY=" + fake.apiKey());
    cli.out.println();
    cli.out.println(
        "Try:  export APIMART_BASE_URL=" + fake.baseUrl() + " APIMART_API_KEY=" + fake.apiKey());
    cli.out.println("      apimart balance; apimart generate 'a lighthouse'");
    cli.out.println("Stop with Ctrl+C.");
    cli.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    FakeApiMart running = fake;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  stopped.countDown();
                },
                "apimart-fake-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fake.close();
    }
    return ExitCode.OK.code();
  }

  /** Starts the fake as the options (checked by {@link #check}) describe it, scripted. */
  FakeApiMart start() {
    List<String> args = new ArrayList<>();
    add(args, "--port", port);
    add(args, "--key", key);
    add(args, "--url-shape", urlShape);
    add(args, "--balance", balance);
    FakeApiMart.Builder builder = FakeApiMartMain.builder(args.toArray(String[]::new));
    if (speed != null) {
      // Shorter tasks rather than a faster clock, so the estimates the fake reports scale too.
      builder.realTime(1);
      builder.taskDuration(scaled(Duration.ofSeconds(30)));
      builder.taskDuration(
          dev.apimart.core.model.ImageModel.Z_IMAGE_TURBO, scaled(Duration.ofSeconds(5)));
      builder.taskDuration(
          dev.apimart.core.model.ImageModel.of("qwen-image-2.0"), scaled(Duration.ofSeconds(20)));
    }
    if (limit != null) {
      builder.rateLimit(limit);
    }
    FakeApiMart fake = builder.start();
    if (failPrompt != null) {
      fake.onPromptMatching(
          failPrompt,
          Outcome.fails("content_policy", "prompt rejected (scripted by --fail-prompt)"));
    }
    if (cancelPrompt != null) {
      fake.onPromptMatching(cancelPrompt, Outcome.getsCancelled());
    }
    if (stallPrompt != null) {
      fake.onPromptMatching(stallPrompt, Outcome.neverFinishes());
    }
    armed.forEach(fake::inject);
    return fake;
  }

  private Duration scaled(Duration d) {
    return Duration.ofNanos((long) (d.toNanos() / speedFactor));
  }

  private static void add(List<String> args, String name, @Nullable String value) {
    if (value != null) {
      args.add(name);
      args.add(value);
    }
  }
}
