/**
 * Not API: the starter's own plumbing, shared by its Spring Boot 3 and Spring Boot 4 lines; may
 * change in any release.
 */
@NullMarked
package dev.apimart.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
