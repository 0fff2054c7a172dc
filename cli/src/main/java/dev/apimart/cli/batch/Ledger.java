package dev.apimart.cli.batch;

import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The batch's memory, in the output folder: an append-only JSONL file, one event per line, each
 * written and forced to disk before the step it records goes on — the intent before a submission is
 * sent, the task id before it is waited for. A re-run reads it back to know, line by line, what
 * exists on the service. The format is described in {@code docs/batch.md}.
 *
 * <p>Only the last line of the file may be torn (the process died mid-write); it is ignored, which
 * is safe: an intent that was never completed was never followed by a submission, and a lost task
 * id leaves the line's outcome unknown, never "not submitted". Any other unreadable line stops the
 * batch: without the whole history no line can be known safe to submit.
 */
final class Ledger implements Closeable {

  /** The ledger's name in the output folder. */
  static final String FILE_NAME = "apimart-batch.jsonl";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the ledger says about one line, from its last event. */
  enum State {
    /** Refused or rejected before a task existed: nothing on the service; may be submitted. */
    NOT_CREATED,
    /** An intent without an answer, or an answer that left it open: a task may exist. */
    UNKNOWN,
    /** A task exists and has not been saved yet (running, timed out, or its save failed). */
    SUBMITTED,
    /** The task failed or was cancelled on the service. */
    FAILED,
    /** The images are saved. */
    DONE
  }

  /** One line's history, as of its last event. */
  static final class LineHistory {
    final int line;
    String hash = "";
    State state = State.NOT_CREATED;
    @Nullable String taskId;
    List<String> files = List.of();
    @Nullable String reason;
    @Nullable String lastEventAt;
    boolean hadUnknown;
    @Nullable BigDecimal cost;
    @Nullable BigDecimal creditsCost;

    LineHistory(int line) {
      this.line = line;
    }
  }

  private final Path file;
  private final FileChannel channel;
  private final Map<Integer, LineHistory> history;
  private final List<String> notes;

  private Ledger(
      Path file, FileChannel channel, Map<Integer, LineHistory> history, List<String> notes) {
    this.file = file;
    this.channel = channel;
    this.history = history;
    this.notes = notes;
  }

  /** A ledger that cannot be trusted; nothing may be submitted. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * Opens (creating) the ledger in {@code dir} and reads what it holds.
   *
   * @throws Unreadable when a line other than a torn last one cannot be read
   * @throws IOException when the file cannot be read or opened for appending
   */
  static Ledger open(Path dir, java.time.Clock clock) throws IOException, Unreadable {
    Path file = dir.resolve(FILE_NAME);
    Map<Integer, LineHistory> history = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    boolean endsWithNewline = true;
    long keep = -1;
    String cutOff = null;
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      endsWithNewline = bytes.length == 0 || bytes[bytes.length - 1] == '\n';
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      int count = endsWithNewline ? lines.length - 1 : lines.length;
      for (int i = 0; i < count; i++) {
        String text = lines[i].strip();
        if (text.isEmpty()) {
          continue;
        }
        JsonNode event;
        try {
          event = JSON.readTree(text);
        } catch (JacksonException e) {
          event = null;
        }
        boolean last = i == count - 1;
        if (event == null || !event.isObject()) {
          if (last && !endsWithNewline) {
            cutOff = lines[i];
            keep = bytes.length - lines[i].getBytes(StandardCharsets.UTF_8).length;
            notes.add(
                "the ledger's last line was cut off (the previous run stopped while writing it);"
                    + " it is ignored");
            continue;
          }
          throw new Unreadable(
              "line "
                  + (i + 1)
                  + " of the ledger '"
                  + file
                  + "' is not a JSON object; the ledger is what keeps paid tasks from being"
                  + " submitted twice, so nothing is sent until it is repaired (restore the"
                  + " line, or use a new --out folder)");
        }
        apply(history, event);
      }
    }
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    Ledger ledger = new Ledger(file, channel, history, notes);
    if (cutOff != null) {
      // The fragment is dropped so that the file reads cleanly again, and kept in a note event.
      channel.truncate(keep);
      channel.force(true);
      ledger.append(clock.instant(), 0, null, "repaired", Map.of("cut_off", cutOff));
    } else if (!endsWithNewline) {
      ledger.write("\n");
    }
    return ledger;
  }

  private static void apply(Map<Integer, LineHistory> history, JsonNode event) {
    JsonNode lineNode = event.get("line");
    if (lineNode == null || !lineNode.canConvertToInt()) {
      return;
    }
    int line = lineNode.intValue();
    LineHistory h = history.computeIfAbsent(line, LineHistory::new);
    String kind = text(event, "event");
    String hash = text(event, "request");
    if (hash != null) {
      h.hash = hash;
    }
    h.lastEventAt = text(event, "time");
    String reason = text(event, "reason");
    String taskId = text(event, "task_id");
    switch (kind == null ? "" : kind) {
      case "intent" -> {
        h.state = State.UNKNOWN;
        h.taskId = null;
        h.files = List.of();
        h.reason = "the submission was sent (or about to be) and its answer was never recorded";
      }
      case "submitted", "timed_out", "wait_failed" -> {
        h.state = State.SUBMITTED;
        h.taskId = taskId;
        h.reason = reason;
      }
      case "save_failed" -> {
        h.state = State.SUBMITTED;
        h.taskId = taskId;
        h.reason = reason;
        h.files = files(event);
      }
      case "refused", "rejected" -> {
        h.state = State.NOT_CREATED;
        h.taskId = null;
        h.reason = reason;
      }
      case "unknown" -> {
        h.state = State.UNKNOWN;
        h.taskId = null;
        h.reason = reason;
        h.hadUnknown = true;
      }
      case "failed" -> {
        h.state = State.FAILED;
        h.taskId = taskId;
        h.reason = reason;
      }
      case "completed" -> {
        h.state = State.DONE;
        h.taskId = taskId;
        h.files = files(event);
        h.reason = null;
        h.cost = decimal(event, "cost");
        h.creditsCost = decimal(event, "credits_cost");
      }
      default -> {
        // An event a newer version wrote, or a note: it changes no state.
      }
    }
  }

  private static List<String> files(JsonNode event) {
    JsonNode files = event.get("files");
    if (files == null || !files.isArray()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    files.forEach(f -> names.add(f.asString()));
    return List.copyOf(names);
  }

  private static @Nullable BigDecimal decimal(JsonNode event, String field) {
    JsonNode node = event.get(field);
    return node != null && node.isNumber() ? node.decimalValue() : null;
  }

  private static @Nullable String text(JsonNode event, String field) {
    JsonNode value = event.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  /** The ledger file. */
  Path file() {
    return file;
  }

  /** What the ledger says per line number, as read at opening (not updated by appends). */
  Map<Integer, LineHistory> history() {
    return Collections.unmodifiableMap(history);
  }

  /** Notes about the ledger itself (a torn last line). */
  List<String> notes() {
    return List.copyOf(notes);
  }

  /**
   * Appends one event and forces it to disk before returning.
   *
   * @param time when it happened
   * @param line the line number, or 0 for an event of the whole batch
   * @param hash the line's request hash, or {@code null}
   * @param event the event's name
   * @param fields further fields, in order
   */
  synchronized void append(
      Instant time, int line, @Nullable String hash, String event, Map<String, ?> fields)
      throws IOException {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("time", time.toString());
    if (line > 0) {
      record.put("line", line);
    }
    if (hash != null) {
      record.put("request", hash);
    }
    record.put("event", event);
    fields.forEach(
        (k, v) -> {
          if (v != null) {
            record.put(k, v);
          }
        });
    write(JSON.writeValueAsString(record) + "\n");
  }

  private void write(String text) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  @Override
  public synchronized void close() throws IOException {
    channel.close();
  }
}
