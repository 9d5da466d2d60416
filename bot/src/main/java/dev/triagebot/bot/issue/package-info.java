/**
 * Value types every feature shares (which issue, in which repository, as the bot last saw it); they
 * sit below all other packages and depend on none of them.
 */
package dev.triagebot.bot.issue;
