/**
 * Streams generated images to a file or stream: size limit, content-type check, redirects that
 * never downgrade https to http, and a file that is either complete or absent.
 */
@NullMarked
package dev.apimart.core.internal.download;

import org.jspecify.annotations.NullMarked;
