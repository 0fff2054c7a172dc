/** Spring Boot auto-configuration of the ApiMart Spring AI {@code ImageModel}. */
@NullMarked
package dev.apimart.spring.ai.autoconfigure;

import org.jspecify.annotations.NullMarked;
