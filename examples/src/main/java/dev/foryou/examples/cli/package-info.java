/** The {@code foryou} command line and its subcommands. */
package dev.foryou.examples.cli;
