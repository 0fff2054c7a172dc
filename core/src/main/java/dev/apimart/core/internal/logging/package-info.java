/**
 * What may be logged: header values by allow-list, URLs without their query string (signed image
 * URLs carry credentials there), and never the API key.
 */
@NullMarked
package dev.apimart.core.internal.logging;

import org.jspecify.annotations.NullMarked;
