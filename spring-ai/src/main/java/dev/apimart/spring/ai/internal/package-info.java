/** Implementation details of the Spring AI adapter; not an API, may change in any release. */
@NullMarked
package dev.apimart.spring.ai.internal;

import org.jspecify.annotations.NullMarked;
