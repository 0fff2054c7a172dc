package dev.apimart.testkit.junit.oldest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.apimart.testkit.FakeApiMart;
import dev.apimart.testkit.junit.FakeApiMartExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's other form, {@code @RegisterExtension} with options; see ExtensionOnOldJUnit. */
public class RegisteredOnOldJUnit {

  @RegisterExtension
  static final FakeApiMartExtension FAKE =
      FakeApiMartExtension.configuredWith(b -> b.strict(false));

  private FakeApiMart fake;

  @Test
  void aPrivateFieldIsInjectedWithTheOptions() {
    assertNotNull(fake);
    assertFalse(fake.isStrict());
  }
}
