package dev.apimart.testkit.internal;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Task ids shaped like the service's: {@code task_} and a 26-character ULID (48 bits of
 * milliseconds and 80 random bits in Crockford base 32), e.g. {@code task_01JGXYZ1234567890ABCDEF}.
 */
final class TaskIds {

  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private TaskIds() {}

  /** A new id for a task created at {@code time}. */
  public static String next(Instant time) {
    char[] out = new char[5 + 26];
    "task_".getChars(0, 5, out, 0);
    long millis = Math.max(0, time.toEpochMilli()) & 0xFFFF_FFFF_FFFFL;
    for (int i = 9; i >= 0; i--) {
      out[5 + i] = CROCKFORD[(int) (millis & 31)];
      millis >>>= 5;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 10; i < 26; i++) {
      out[5 + i] = CROCKFORD[random.nextInt(32)];
    }
    return new String(out);
  }
}
