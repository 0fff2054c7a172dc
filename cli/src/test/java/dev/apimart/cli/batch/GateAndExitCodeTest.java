package dev.apimart.cli.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.cli.batch.LineResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateAndExitCodeTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static LineResult line(int n, Status status) {
    return new LineResult(n, status, null, List.of(), null, false);
  }

  @Test
  void fixedConcurrencyHoldsNLinesAndDelaysOnlyTheRefusedLine() {
    FixedConcurrency gate = new FixedConcurrency(3);

    assertThat(gate.nextStart(T0, 2)).hasValue(T0);
    assertThat(gate.nextStart(T0, 3)).isEmpty();
    gate.refused(T0, gate.started(T0), Optional.of(Duration.ofSeconds(7)));
    assertThat(gate.nextStart(T0, 0)).as("nobody else waits").hasValue(T0);
    assertThat(gate.lineDelay(1, Optional.of(Duration.ofSeconds(7)))).hasSeconds(7);
    assertThat(gate.lineDelay(1, Optional.empty())).hasSeconds(1);
    assertThat(gate.lineDelay(3, Optional.empty())).hasSeconds(4);
    assertThat(gate.lineDelay(20, Optional.empty())).hasSeconds(60);
  }

  @Test
  void theExitCodeIsZeroOnlyWhenEveryLineIsDone() {
    assertThat(LineResult.exitCode(List.of(line(1, Status.DONE), line(2, Status.DONE)))).isZero();
    assertThat(LineResult.exitCode(List.of(line(1, Status.DONE), line(2, Status.INVALID))))
        .isEqualTo(2);
  }

  @Test
  void theMostUrgentLineDecidesTheExitCode() {
    assertThat(
            LineResult.exitCode(
                List.of(
                    line(1, Status.INVALID), line(2, Status.SAVE_FAILED), line(3, Status.DONE))))
        .isEqualTo(7);
    assertThat(
            LineResult.exitCode(
                List.of(line(1, Status.NOT_SUBMITTED), line(2, Status.SAVE_FAILED))))
        .isEqualTo(7);
    assertThat(LineResult.exitCode(List.of(line(1, Status.INVALID), line(2, Status.NOT_SUBMITTED))))
        .isEqualTo(1);
    assertThat(LineResult.exitCode(List.of(line(1, Status.SAVE_FAILED), line(2, Status.FAILED))))
        .isEqualTo(4);
    assertThat(LineResult.exitCode(List.of(line(1, Status.FAILED), line(2, Status.TIMED_OUT))))
        .isEqualTo(5);
    assertThat(LineResult.exitCode(List.of(line(1, Status.TIMED_OUT), line(2, Status.ACCOUNT))))
        .isEqualTo(3);
    assertThat(LineResult.exitCode(List.of(line(1, Status.ACCOUNT), line(2, Status.UNKNOWN))))
        .isEqualTo(6);
  }

  @Test
  void imageNamesAreZeroPaddedToTheFilesLength() {
    assertThat(ImageSaver.stem(42, 1000)).isEqualTo("line-0042");
    assertThat(ImageSaver.stem(7, 3)).isEqualTo("line-0007");
    assertThat(ImageSaver.stem(42, 12345)).isEqualTo("line-00042");
  }
}
