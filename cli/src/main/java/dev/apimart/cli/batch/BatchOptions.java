package dev.apimart.cli.batch;

import dev.apimart.core.model.ImageModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What {@code apimart batch FILE} was asked to do: the command line's flags, already parsed. The
 * {@code batch} command fills one from its flags and hands it to {@link BatchRunner#run}.
 *
 * <p>Flags and what they set:
 *
 * <ul>
 *   <li>{@code FILE} → {@link Builder#input(Path)} (required);
 *   <li>{@code --out DIR} → {@link Builder#outDir(Path)} (default {@code ./apimart-images}): the
 *       images and the ledger {@code apimart-batch.jsonl} that makes a re-run resume;
 *   <li>{@code --concurrency N} → {@link Builder#concurrency(int)}: at most N lines in flight, no
 *       pacing (the comparison baseline); without it the pace adapts to the service's rate limits;
 *   <li>{@code --resubmit-unknown} → {@link Builder#resubmitUnknown(boolean)};
 *   <li>{@code --retry-failed} → {@link Builder#retryFailed(boolean)};
 *   <li>{@code --skip-invalid} → {@link Builder#skipInvalid(boolean)};
 *   <li>{@code --format jsonl|text} → {@link Builder#format(InputFormat)} (default: by the file);
 *   <li>{@code --timeout DURATION} → {@link Builder#timeout(Duration)}: how long each line's task
 *       is waited for;
 *   <li>{@code --json} → {@link Builder#json(boolean)};
 *   <li>{@code generate}'s request flags — {@code --model}, {@code --size}, {@code --resolution},
 *       {@code --n}, {@code --negative-prompt}, {@code --image-url} (repeatable), {@code --param
 *       NAME=VALUE} (repeatable) — → the defaults every line starts from ({@link
 *       Builder#model(String)} …); a JSONL line's own fields win.
 * </ul>
 *
 * <p>Whether the progress line is drawn is {@link Builder#terminal(boolean)}: true only when the
 * stream the runner's {@code err} writes to is an interactive terminal. Immutable.
 */
public final class BatchOptions {

  /** The model a line gets when neither it nor {@code --model} names one, as for generate. */
  public static final String DEFAULT_MODEL = ImageModel.Z_IMAGE_TURBO.id();

  /** How the input file is read. */
  public enum InputFormat {
    /**
     * By the file: {@code .jsonl}/{@code .ndjson} are JSONL, {@code .txt} is text, anything else is
     * JSONL when its first non-blank line starts with <code>{</code>, else text.
     */
    AUTO,
    /** One JSON object per line with the fields of {@code generate}. */
    JSONL,
    /** One prompt per line; every other field from the command's flags. */
    TEXT
  }

  private final Path input;
  private final Path outDir;
  private final @Nullable Integer concurrency;
  private final InputFormat format;
  private final String model;
  private final @Nullable String size;
  private final @Nullable String resolution;
  private final @Nullable Integer n;
  private final @Nullable String negativePrompt;
  private final List<String> imageUrls;
  private final Map<String, String> params;
  private final boolean resubmitUnknown;
  private final boolean retryFailed;
  private final boolean skipInvalid;
  private final @Nullable Duration timeout;
  private final boolean json;
  private final boolean terminal;
  private final String commandLine;

  private BatchOptions(Builder b) {
    this.input = Objects.requireNonNull(b.input, "input");
    this.outDir = b.outDir == null ? Path.of("apimart-images") : b.outDir;
    this.concurrency = b.concurrency;
    this.format = b.format;
    this.model = b.model == null ? DEFAULT_MODEL : b.model;
    this.size = b.size;
    this.resolution = b.resolution;
    this.n = b.n;
    this.negativePrompt = b.negativePrompt;
    this.imageUrls = List.copyOf(b.imageUrls);
    this.params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
    this.resubmitUnknown = b.resubmitUnknown;
    this.retryFailed = b.retryFailed;
    this.skipInvalid = b.skipInvalid;
    this.timeout = b.timeout;
    this.json = b.json;
    this.terminal = b.terminal;
    this.commandLine =
        b.commandLine != null
            ? b.commandLine
            : "apimart batch " + quote(input.toString()) + " --out " + quote(outDir.toString());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The input file. */
  public Path input() {
    return input;
  }

  /** The output folder: images and the ledger. */
  public Path outDir() {
    return outDir;
  }

  /** The fixed number of lines in flight ({@code --concurrency}); empty for the adaptive pace. */
  public OptionalInt concurrency() {
    return concurrency == null ? OptionalInt.empty() : OptionalInt.of(concurrency);
  }

  /** How the input file is read. */
  public InputFormat format() {
    return format;
  }

  /** The model for lines that name none. */
  public String model() {
    return model;
  }

  /** The size for lines that give none. */
  public Optional<String> size() {
    return Optional.ofNullable(size);
  }

  /** The resolution for lines that give none. */
  public Optional<String> resolution() {
    return Optional.ofNullable(resolution);
  }

  /** The image count for lines that give none. */
  public Optional<Integer> n() {
    return Optional.ofNullable(n);
  }

  /** The negative prompt for lines that give none. */
  public Optional<String> negativePrompt() {
    return Optional.ofNullable(negativePrompt);
  }

  /** The reference image URLs for lines that give none. */
  public List<String> imageUrls() {
    return imageUrls;
  }

  /** {@code --param NAME=VALUE} pairs as typed (VALUE is read as JSON when it is JSON). */
  public Map<String, String> params() {
    return params;
  }

  /** Whether lines whose submission outcome is unknown are submitted again. */
  public boolean resubmitUnknown() {
    return resubmitUnknown;
  }

  /** Whether lines whose task failed or was cancelled on the service are submitted again. */
  public boolean retryFailed() {
    return retryFailed;
  }

  /** Whether invalid lines are reported and skipped instead of stopping the batch. */
  public boolean skipInvalid() {
    return skipInvalid;
  }

  /** How long each task is waited for; empty for the client's default. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Whether the result is one JSON object on standard output. */
  public boolean json() {
    return json;
  }

  /** Whether the error stream is an interactive terminal (the progress line is drawn). */
  public boolean terminal() {
    return terminal;
  }

  /** The command that resumes this batch, as printed in messages. */
  public String commandLine() {
    return commandLine;
  }

  private static String quote(String text) {
    return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }

  /** Builds {@link BatchOptions}; only the input file is required. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path input;
    private @Nullable Path outDir;
    private @Nullable Integer concurrency;
    private InputFormat format = InputFormat.AUTO;
    private @Nullable String model;
    private @Nullable String size;
    private @Nullable String resolution;
    private @Nullable Integer n;
    private @Nullable String negativePrompt;
    private final List<String> imageUrls = new ArrayList<>();
    private final Map<String, String> params = new LinkedHashMap<>();
    private boolean resubmitUnknown;
    private boolean retryFailed;
    private boolean skipInvalid;
    private @Nullable Duration timeout;
    private boolean json;
    private boolean terminal;
    private @Nullable String commandLine;

    private Builder() {}

    /** The input file ({@code FILE}), resolved against the working directory by the caller. */
    public Builder input(Path input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    /** The output folder ({@code --out}); default {@code ./apimart-images}. */
    public Builder outDir(Path outDir) {
      this.outDir = Objects.requireNonNull(outDir, "outDir");
      return this;
    }

    /**
     * A fixed number of lines in flight ({@code --concurrency N}, 1–1000), with no pacing: a 429
     * only delays the line it hit. Without it the batch paces its submissions and adapts the pace.
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 1000) {
        throw new IllegalArgumentException(
            "--concurrency takes a whole number from 1 to 1000, got " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /** How the input is read ({@code --format}); default {@link InputFormat#AUTO}. */
    public Builder format(InputFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * {@code --model}: the model of lines that name none; default {@link
     * BatchOptions#DEFAULT_MODEL}.
     */
    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    /** {@code --size}: the size of lines that give none. */
    public Builder size(@Nullable String size) {
      this.size = size;
      return this;
    }

    /** {@code --resolution}: the resolution of lines that give none. */
    public Builder resolution(@Nullable String resolution) {
      this.resolution = resolution;
      return this;
    }

    /** {@code --n}: the image count of lines that give none. */
    public Builder n(@Nullable Integer n) {
      this.n = n;
      return this;
    }

    /** {@code --negative-prompt}: for lines that give none. */
    public Builder negativePrompt(@Nullable String negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /** {@code --image-url}, repeatable: reference images of lines that give none. */
    public Builder addImageUrl(String url) {
      imageUrls.add(Objects.requireNonNull(url, "url"));
      return this;
    }

    /**
     * {@code --param NAME=VALUE}, repeatable: a request field for every line; a line's own {@code
     * params} entry of the same name wins. VALUE is read as JSON when it is JSON ({@code 42},
     * {@code true}), else taken as text, as for generate. The command checks the NAME=VALUE syntax.
     */
    public Builder param(String name, String value) {
      params.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** {@code --resubmit-unknown}: submit again lines whose submission outcome is unknown. */
    public Builder resubmitUnknown(boolean resubmitUnknown) {
      this.resubmitUnknown = resubmitUnknown;
      return this;
    }

    /** {@code --retry-failed}: submit again lines whose task failed on the service. */
    public Builder retryFailed(boolean retryFailed) {
      this.retryFailed = retryFailed;
      return this;
    }

    /**
     * {@code --skip-invalid}: report invalid lines and run the others; without it an invalid line
     * stops the batch before anything is submitted (exit 2).
     */
    public Builder skipInvalid(boolean skipInvalid) {
      this.skipInvalid = skipInvalid;
      return this;
    }

    /** {@code --timeout}: how long each line's task is waited for. */
    public Builder timeout(@Nullable Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("--timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** {@code --json}: one JSON report on standard output. */
    public Builder json(boolean json) {
      this.json = json;
      return this;
    }

    /** Whether the error stream is an interactive terminal; draws the progress line. */
    public Builder terminal(boolean terminal) {
      this.terminal = terminal;
      return this;
    }

    /**
     * The command line to show in "re-run … to resume" messages; default {@code apimart batch FILE
     * --out DIR}. The command passes what the user typed (without the key).
     */
    public Builder commandLine(String commandLine) {
      this.commandLine = Objects.requireNonNull(commandLine, "commandLine");
      return this;
    }

    /** The options. */
    public BatchOptions build() {
      return new BatchOptions(this);
    }
  }
}
