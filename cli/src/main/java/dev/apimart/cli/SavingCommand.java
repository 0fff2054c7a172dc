package dev.apimart.cli;

/** A command that waits for a task and saves its images ({@code generate}, {@code wait}). */
interface SavingCommand {
  SaveOptions save();
}
