/**
 * The {@code apimart} command line: generate images with any ApiMart image model, check or resume
 * tasks, show the balance, list the model catalog, or run the fake server. With no API key and no
 * base URL it generates against an embedded fake.
 */
@NullMarked
package dev.apimart.cli;

import org.jspecify.annotations.NullMarked;
