/**
 * The dashboard: static HTML, CSS and ES modules from the classpath ({@code /dashboard}), with
 * Chart.js from its WebJar; the page signs in with an API token, reads the API and follows the
 * live event stream. People see the loop here.
 */
package io.homeostat.server.ui;
