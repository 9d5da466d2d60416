package dev.triagebot.bot.triage;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Global confidence floors in [0,1], for a deployment that wants to be stricter than the catalog.
 * Each signature's own calibrated thresholds apply where higher; the default 0 leaves them as
 * calibrated.
 *
 * @param suggest from here a matched signature's labels are suggested
 * @param apply from here labels are applied in apply mode
 */
public record GlobalThresholds(
    @DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double suggest,
    @DecimalMin("0") @DecimalMax("1") @DefaultValue("0") double apply) {}
