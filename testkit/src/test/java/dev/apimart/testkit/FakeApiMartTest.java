package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FakeApiMartTest {

  @Test
  void listensOnALoopbackPortOfItsOwn() {
    try (FakeApiMart one = FakeApiMart.start();
        FakeApiMart two = FakeApiMart.start()) {
      assertThat(one.baseUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(one.baseUrl().getScheme()).isEqualTo("http");
      assertThat(one.port()).isPositive().isNotEqualTo(two.port());
      assertThat(one.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + one.port());
      assertThat(one.url("v1/balance")).isEqualTo(one.url("/v1/balance"));
    }
  }

  @Test
  void closingFreesThePortAndIsIdempotent() throws IOException {
    FakeApiMart fake = FakeApiMart.start();
    int port = fake.port();

    fake.close();
    fake.close();

    assertThatThrownBy(() -> new Http(fake).get("/v1/balance"))
        .isInstanceOf(UncheckedIOException.class);
    try (ServerSocket socket =
        new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
    assertThat(fake.toString()).endsWith(", closed]");
  }

  @Test
  void busyPortFailsWithAMessageNamingIt() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> FakeApiMart.builder().port(taken.getLocalPort()).start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(
              "FakeApiMart could not listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void servesManyClientsAtOnce() throws Exception {
    try (FakeApiMart fake = FakeApiMart.builder().workerThreads(2).start()) {
      Http http = new Http(fake);
      List<CompletableFuture<String>> submissions = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        submissions.add(
            CompletableFuture.supplyAsync(
                () -> http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"cat " + n + "\"}")));
      }
      List<String> ids = new ArrayList<>();
      for (CompletableFuture<String> f : submissions) {
        ids.add(f.get());
      }

      assertThat(ids).doesNotHaveDuplicates();
      assertThat(fake.tasks()).hasSize(40);
    }
  }

  @Test
  void builderChecksItsArguments() {
    FakeApiMart.Builder b = FakeApiMart.builder();

    assertThatThrownBy(() -> b.port(70000)).hasMessage("port must be 0-65535, got 70000");
    assertThatThrownBy(() -> b.apiKeys()).hasMessage("keys must name at least one API key");
    assertThatThrownBy(() -> b.apiKey("has space"))
        .hasMessage("an API key must be non-blank printable text without spaces");
    assertThatThrownBy(() -> b.realTime(0))
        .hasMessage("speed must be positive and finite, got 0.0");
    assertThatThrownBy(() -> b.finishAfterPolls(0)).hasMessage("polls must be at least 1, got 0");
    assertThatThrownBy(() -> b.workerThreads(0)).hasMessage("threads must be at least 1, got 0");
    assertThatThrownBy(() -> b.urlShape(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("shape");
  }

  @Test
  void toStringShowsAddressAndTimeModeButNoKey() {
    try (FakeApiMart fake = FakeApiMart.builder().apiKey("sk-hidden").realTime(2).start()) {
      assertThat(fake.toString())
          .isEqualTo("FakeApiMart[" + fake.baseUrl() + ", real time x2.0]")
          .doesNotContain("sk-hidden");
    }
  }

  @Test
  void invalidPromptRegexIsRefusedClearly() {
    try (FakeApiMart fake = FakeApiMart.start()) {
      assertThatThrownBy(() -> fake.onPromptMatching("(", Outcome.completes()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("regex is not a valid pattern");
    }
  }

  @Test
  void outcomeValuesCheckTheirUse() {
    assertThatThrownBy(() -> Outcome.neverFinishes().after(java.time.Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Outcome.fails("x", "y").withMissingImages())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Outcome.fails(" ", "y")).hasMessage("code must not be blank");
    assertThat(Outcome.fails("c", "m").after(java.time.Duration.ofSeconds(3)))
        .isEqualTo(Outcome.fails("c", "m").after(java.time.Duration.ofSeconds(3)))
        .hasToString("Outcome[FAILS after PT3S code=c message=m]");
  }
}
