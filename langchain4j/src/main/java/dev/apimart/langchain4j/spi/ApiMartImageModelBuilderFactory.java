package dev.apimart.langchain4j.spi;

import dev.apimart.langchain4j.ApiMartImageModel;
import java.util.function.Supplier;

/**
 * LangChain4j's builder-factory SPI for {@link ApiMartImageModel}: the first implementation listed
 * in {@code META-INF/services/dev.apimart.langchain4j.spi.ApiMartImageModelBuilderFactory} supplies
 * the builder {@link ApiMartImageModel#builder()} returns — for a framework integration that wants
 * every builder to start with its own defaults (a base URL, a client).
 */
public interface ApiMartImageModelBuilderFactory
    extends Supplier<ApiMartImageModel.ApiMartImageModelBuilder> {}
