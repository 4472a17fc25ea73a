/**
 * The recipients' banner pages: {@code /b/{token}} shows a message's current level and reasons, updates over
 * server-sent events, and takes the recipient's report or trust. Public (the token is the credential).
 */
package io.palisade.web.banner;
