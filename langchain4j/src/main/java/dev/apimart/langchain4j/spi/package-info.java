/** LangChain4j's builder-factory SPI for the ApiMart image model. */
@NullMarked
package dev.apimart.langchain4j.spi;

import org.jspecify.annotations.NullMarked;
