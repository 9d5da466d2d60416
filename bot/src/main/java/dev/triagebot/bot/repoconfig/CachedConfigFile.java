package dev.triagebot.bot.repoconfig;

import java.time.Instant;

/**
 * One configuration file as last read from GitHub.
 *
 * @param repository {@code owner/name} of the repository it lives in
 * @param installationId the installation it was read through
 * @param present whether the file was there
 * @param etag GitHub's ETag of the version read; null when absent
 * @param goodText the last text that validated, the configuration in force; null for none
 * @param problem why the version read last is not in force; null when it is
 * @param checkedAt when GitHub was last asked
 * @param stale whether a push changed it since, so that the next read must skip the ETag
 */
record CachedConfigFile(
    String repository,
    long installationId,
    boolean present,
    String etag,
    String goodText,
    ConfigProblem problem,
    Instant checkedAt,
    boolean stale) {}
