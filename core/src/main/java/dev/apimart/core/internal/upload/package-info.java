/** Checking local image files and building the multipart body of an upload. Internal. */
@NullMarked
package dev.apimart.core.internal.upload;

import org.jspecify.annotations.NullMarked;
