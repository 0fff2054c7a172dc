/**
 * ApiMart for LangChain4j: {@link dev.apimart.langchain4j.ApiMartImageModel} implements
 * LangChain4j's {@code ImageModel} for every ApiMart image model.
 */
@NullMarked
package dev.apimart.langchain4j;

import org.jspecify.annotations.NullMarked;
