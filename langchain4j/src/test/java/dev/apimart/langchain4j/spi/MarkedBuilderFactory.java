package dev.apimart.langchain4j.spi;

import dev.apimart.langchain4j.ApiMartImageModel;

/** Registered in this module's test resources: proves builder() goes through the SPI. */
public final class MarkedBuilderFactory implements ApiMartImageModelBuilderFactory {

  /** A builder a framework integration might hand out. */
  public static final class MarkedBuilder extends ApiMartImageModel.ApiMartImageModelBuilder {}

  @Override
  public ApiMartImageModel.ApiMartImageModelBuilder get() {
    return new MarkedBuilder();
  }
}
