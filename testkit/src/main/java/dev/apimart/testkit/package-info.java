/**
 * A faithful, controllable fake of ApiMart's image generation service for tests: {@link
 * dev.apimart.testkit.FakeApiMart} is a real HTTP server on loopback that validates, bills,
 * schedules and serves images like the service, with a controllable clock, scripted task outcomes
 * ({@link dev.apimart.testkit.Outcome}), injectable faults ({@link dev.apimart.testkit.Fault}) and
 * a journal of every request ({@link dev.apimart.testkit.Journal}).
 */
@NullMarked
package dev.apimart.testkit;

import org.jspecify.annotations.NullMarked;
