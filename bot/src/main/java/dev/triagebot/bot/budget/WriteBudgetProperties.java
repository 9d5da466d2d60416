package dev.triagebot.bot.budget;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many content-creating requests (comments, labels, reactions) one installation may make, under
 * {@code triage.write-budget}. GitHub's secondary limits are about 80 a minute and 500 an hour; the
 * defaults stay well under them.
 *
 * @param perMinute writes in any sliding minute
 * @param perHour writes in any sliding hour
 */
public record WriteBudgetProperties(
    @Min(1) @DefaultValue("60") int perMinute, @Min(1) @DefaultValue("400") int perHour) {}
