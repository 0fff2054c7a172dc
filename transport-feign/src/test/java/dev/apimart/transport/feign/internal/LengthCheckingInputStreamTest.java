package dev.apimart.transport.feign.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LengthCheckingInputStreamTest {

  static InputStream bytes(int n) {
    return new ByteArrayInputStream(new byte[n]);
  }

  @Test
  void bodyAsLongAsAnnouncedReadsToTheEnd() throws Exception {
    try (InputStream in = new LengthCheckingInputStream(bytes(100), 100, () -> {})) {
      assertThat(in.readAllBytes()).hasSize(100);
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void bodyShorterThanAnnouncedFailsAtItsEnd() {
    InputStream in = new LengthCheckingInputStream(bytes(10), 100, () -> {});

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(EOFException.class)
        .hasMessage("connection closed after 10 of 100 bytes");
  }

  @Test
  void singleByteReadsAndSkipsCountToo() throws Exception {
    InputStream in = new LengthCheckingInputStream(bytes(3), 4, () -> {});

    assertThat(in.skip(2)).isEqualTo(2);
    assertThat(in.read()).isZero();
    assertThatThrownBy(in::read).isInstanceOf(EOFException.class);
  }

  @Test
  void unknownLengthIsNotChecked() throws Exception {
    try (InputStream in = new LengthCheckingInputStream(bytes(10), -1, () -> {})) {
      assertThat(in.readAllBytes()).hasSize(10);
    }
  }

  @Test
  void zeroLengthReadReturnsAtOnceWithoutTouchingTheSource() throws Exception {
    InputStream neverReady =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("must not be read");
          }

          @Override
          public int read(byte[] b, int off, int len) {
            throw new AssertionError("must not be read");
          }
        };

    assertThat(new LengthCheckingInputStream(neverReady, 5, () -> {}).read(new byte[4], 0, 0))
        .isZero();
  }

  @Test
  void closingRunsTheReleaseAction() throws Exception {
    AtomicInteger released = new AtomicInteger();

    new LengthCheckingInputStream(bytes(1), 1, released::incrementAndGet).close();

    assertThat(released).hasValue(1);
  }
}
