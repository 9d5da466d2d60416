/**
 * The write budget: content-creating requests per installation, counted in the store so that every
 * replica keeps to one budget. Below triage and the queue, which check and honour it.
 */
package dev.triagebot.bot.budget;
