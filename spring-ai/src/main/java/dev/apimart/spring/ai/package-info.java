/**
 * ApiMart for Spring AI: {@link dev.apimart.spring.ai.ApiMartImageModel} implements Spring AI's
 * {@code ImageModel} on an {@code ApiMartClient}, with {@link
 * dev.apimart.spring.ai.ApiMartImageOptions} for Spring AI's portable options and ApiMart's own.
 */
@NullMarked
package dev.apimart.spring.ai;

import org.jspecify.annotations.NullMarked;
