/**
 * The {@code homeostat} command line (picocli): {@code server} runs a server; the other
 * subcommands are an operator's client of a running one.
 */
package io.homeostat.server.cli;
