/**
 * {@code apimart mcp}: ApiMart's image tools served over the Model Context Protocol (stdio), for AI
 * agents and desktop assistants.
 */
@NullMarked
package dev.apimart.cli.mcp;

import org.jspecify.annotations.NullMarked;
