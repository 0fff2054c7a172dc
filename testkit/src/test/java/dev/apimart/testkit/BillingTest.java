package dev.apimart.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apimart.core.model.ImageModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BillingTest {

  private static final String TURBO = "{\"model\":\"z-image-turbo\",\"prompt\":\"a cat\"}";
  private final List<FakeApiMart> fakes = new ArrayList<>();

  @AfterEach
  void close() {
    fakes.forEach(FakeApiMart::close);
  }

  private FakeApiMart fake(FakeApiMart.Builder builder) {
    FakeApiMart fake = builder.start();
    fakes.add(fake);
    return fake;
  }

  @Test
  void balanceAnswerHasTheServiceShapeOnBothRoutes() {
    FakeApiMart fake = fake(FakeApiMart.builder().balance(new BigDecimal("10.50")));
    Http http = new Http(fake);

    for (String path : List.of("/v1/balance", "/v1/user/balance")) {
      JsonNode json = http.get(path).json();
      assertThat(json.propertyNames())
          .containsExactlyInAnyOrder(
              "success", "remain_balance", "used_balance", "unlimited_quota");
      assertThat(json.path("success").asBoolean()).isTrue();
      assertThat(json.path("remain_balance").decimalValue()).isEqualByComparingTo("10.5");
      assertThat(json.path("used_balance").decimalValue()).isEqualByComparingTo("0");
      assertThat(json.path("unlimited_quota").asBoolean()).isFalse();
    }
  }

  @Test
  void completedTasksAreChargedPerImage() {
    FakeApiMart fake =
        fake(
            FakeApiMart.builder()
                .balance(new BigDecimal("1"))
                .price(ImageModel.QWEN_IMAGE_2_0, new BigDecimal("0.10")));
    Http http = new Http(fake);
    String id = http.submitOk("{\"model\":\"qwen-image-2.0\",\"prompt\":\"x\",\"n\":3}");

    assertThat(fake.usedBalance()).isEqualByComparingTo("0");
    FakeTask task = fake.completeNow(id);

    assertThat(task.charged()).isEqualByComparingTo("0.30");
    assertThat(fake.remainingBalance()).isEqualByComparingTo("0.70");
    assertThat(fake.usedBalance()).isEqualByComparingTo("0.30");
    JsonNode balance = http.get("/v1/balance").json();
    assertThat(balance.path("remain_balance").decimalValue()).isEqualByComparingTo("0.7");
    assertThat(balance.path("used_balance").decimalValue()).isEqualByComparingTo("0.3");
  }

  @Test
  void failedAndCancelledTasksCostNothing() {
    FakeApiMart fake = fake(FakeApiMart.builder().balance(BigDecimal.ONE));
    Http http = new Http(fake);
    String failed = http.submitOk(TURBO);
    String cancelled = http.submitOk(TURBO);

    fake.failNow(failed, "x", "y");
    fake.cancelNow(cancelled);

    assertThat(fake.remainingBalance()).isEqualByComparingTo("1");
    assertThat(fake.usedBalance()).isEqualByComparingTo("0");
  }

  @Test
  void promptExtendCostsMore() {
    FakeApiMart fake =
        fake(
            FakeApiMart.builder()
                .price(ImageModel.Z_IMAGE_TURBO, new BigDecimal("0.02"))
                .promptExtendSurcharge(new BigDecimal("0.03")));
    Http http = new Http(fake);
    FakeTask plain = fake.completeNow(http.submitOk(TURBO));
    FakeTask extended =
        fake.completeNow(
            http.submitOk("{\"model\":\"z-image-turbo\",\"prompt\":\"x\",\"prompt_extend\":true}"));

    assertThat(plain.charged()).isEqualByComparingTo("0.02");
    assertThat(extended.charged()).isEqualByComparingTo("0.05");
  }

  @Test
  void submissionTheBalanceCannotPayIs402AndCreatesNothing() {
    FakeApiMart fake =
        fake(
            FakeApiMart.builder()
                .balance(new BigDecimal("0.10"))
                .price(ImageModel.QWEN_IMAGE_2_0_PRO, new BigDecimal("0.08")));
    Http http = new Http(fake);

    Http.Answer answer =
        new Http(fake).submit("{\"model\":\"qwen-image-2.0-pro\",\"prompt\":\"x\",\"n\":2}");

    assertThat(answer.status()).isEqualTo(402);
    assertThat(answer.json().path("error").path("code").asInt()).isEqualTo(402);
    assertThat(answer.json().path("error").path("type").asString()).isEqualTo("insufficient_quota");
    assertThat(answer.errorMessage())
        .isEqualTo(
            "Insufficient balance: this request costs 0.16 (2 image(s) of qwen-image-2.0-pro) but"
                + " only 0.10 is available; top up or ask for fewer images");
    assertThat(fake.tasks()).isEmpty();
    assertThat(http.submit("{\"model\":\"qwen-image-2.0-pro\",\"prompt\":\"x\"}").status())
        .isEqualTo(200);
  }

  @Test
  void runningTasksHoldTheirCostSoTheBalanceIsNeverOverspent() {
    FakeApiMart fake =
        fake(
            FakeApiMart.builder()
                .balance(new BigDecimal("0.05"))
                .price(ImageModel.Z_IMAGE_TURBO, new BigDecimal("0.02")));
    Http http = new Http(fake);
    String first = http.submitOk(TURBO);
    String second = http.submitOk(TURBO);

    assertThat(http.submit(TURBO).status()).isEqualTo(402);
    fake.failNow(first, "x", "y");
    assertThat(http.submit(TURBO).status()).isEqualTo(200);
    fake.completeNow(second);
    assertThat(fake.remainingBalance()).isEqualByComparingTo("0.03");
  }

  @Test
  void setBalanceToZeroProvokes402() {
    FakeApiMart fake = fake(FakeApiMart.builder());
    Http http = new Http(fake);

    fake.setBalance(BigDecimal.ZERO);

    assertThat(http.submit(TURBO).status()).isEqualTo(402);
  }

  @Test
  void unlimitedBalanceNeverRefusesAndShowsMinusOne() {
    FakeApiMart fake = fake(FakeApiMart.builder().unlimitedBalance());
    Http http = new Http(fake);
    fake.completeNow(http.submitOk(TURBO));

    JsonNode balance = http.get("/v1/balance").json();

    assertThat(balance.path("remain_balance").asInt()).isEqualTo(-1);
    assertThat(balance.path("unlimited_quota").asBoolean()).isTrue();
    assertThat(balance.path("used_balance").decimalValue()).isEqualByComparingTo("0.02");
    assertThat(fake.remainingBalance()).isEqualByComparingTo("-1");
    assertThatThrownBy(() -> fake.setBalance(BigDecimal.ONE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void tasksFinishedByTheClockAreChargedWithoutBeingPolled() {
    FakeApiMart fake = fake(FakeApiMart.builder().onlyClockMovesTasks().balance(BigDecimal.ONE));
    Http http = new Http(fake);
    http.submitOk(TURBO);

    fake.advance(java.time.Duration.ofSeconds(5));

    assertThat(http.get("/v1/balance").json().path("used_balance").decimalValue())
        .isEqualByComparingTo("0.02");
  }

  @Test
  void builderRefusesNegativeAmounts() {
    assertThatThrownBy(() -> FakeApiMart.builder().balance(new BigDecimal("-1")))
        .hasMessage("balance must not be negative: -1");
    assertThatThrownBy(
            () -> FakeApiMart.builder().price(ImageModel.Z_IMAGE_TURBO, new BigDecimal("-0.1")))
        .hasMessage("price must not be negative: -0.1");
  }
}
