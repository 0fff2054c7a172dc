package dev.apimart.spring.boot.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.spring.boot.testkit.EnableFakeApiMart;
import dev.apimart.testkit.FakeApiMart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@EnableFakeApiMart
class PostersTest {
  @Autowired Posters posters;
  @Autowired FakeApiMart fake; // script outcomes, inject faults, read the journal

  @Test
  void makesOnePosterPerSlogan() {
    posters.poster("Grand opening");

    assertThat(fake.journal().submissions()).hasSize(1);
  }
}
