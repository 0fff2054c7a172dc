package dev.apimart.langchain4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apimart.langchain4j.ApiMartImageModel;
import org.junit.jupiter.api.Test;

class BuilderFactoryTest {

  @Test
  void builderComesFromTheFirstRegisteredFactory() {
    assertThat(ApiMartImageModel.builder()).isInstanceOf(MarkedBuilderFactory.MarkedBuilder.class);
  }
}
