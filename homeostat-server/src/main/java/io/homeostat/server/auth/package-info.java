/**
 * Who may do what through the API: API tokens, kept only as hashes, each with a role; viewers
 * read, operators also act on the loop (and are audited), admins also manage tokens.
 */
package io.homeostat.server.auth;
