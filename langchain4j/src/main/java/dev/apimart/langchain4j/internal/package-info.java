/** Implementation details of the LangChain4j adapter; not an API, may change in any release. */
@NullMarked
package dev.apimart.langchain4j.internal;

import org.jspecify.annotations.NullMarked;
