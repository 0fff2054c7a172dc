/**
 * Test fixtures shared by the reliability tests: the transports under test, an attempt-counting
 * transport wrapper, virtual time, an in-memory SLF4J provider and a scripted image server.
 */
@NullMarked
package dev.apimart.reliability.support;

import org.jspecify.annotations.NullMarked;
