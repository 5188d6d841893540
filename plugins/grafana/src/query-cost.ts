// The cost guard of datasource queries through Grafana: range ÷ step points per series, like the Prometheus
// plugin's. Without a step one is chosen; with one that gives too many points it is coarsened (reported) or,
// when the caller forbids that, the call fails naming the step to use.
import { formatDuration, niceStep } from '@cnmcp/core';
import { GrafanaErrors } from './errors.js';

export interface CostLimits {
  /** Points per series a query may return at most. */
  maxPointsPerSeries: number;
  /** Points per series aimed at when no step is given. */
  autoStepPoints: number;
}

export interface StepDecision {
  stepMs: number;
  maxDataPoints: number;
  /** Set when the requested step was coarsened. */
  step_adjusted?: string;
}

export function decideStep(
  rangeMs: number,
  requestedStepMs: number | undefined,
  limits: CostLimits,
  adjust = true,
): StepDecision {
  const points = (step: number) => Math.floor(rangeMs / step) + 1;
  if (requestedStepMs === undefined) {
    const stepMs = niceStep(rangeMs, limits.autoStepPoints);
    return { stepMs, maxDataPoints: points(stepMs) };
  }
  if (points(requestedStepMs) <= limits.maxPointsPerSeries)
    return { stepMs: requestedStepMs, maxDataPoints: points(requestedStepMs) };
  const coarser = niceStep(rangeMs, limits.maxPointsPerSeries);
  const reason = `step ${formatDuration(requestedStepMs)} over ${formatDuration(rangeMs)} gives ${points(requestedStepMs)} points per series, more than ${limits.maxPointsPerSeries}`;
  if (!adjust)
    throw GrafanaErrors.create('GRAFANA_ERR_QUERY_TOO_EXPENSIVE', reason, {
      hint: `Use step ${formatDuration(coarser)} or more, a shorter range, or leave adjust_step on.`,
    });
  return {
    stepMs: coarser,
    maxDataPoints: points(coarser),
    step_adjusted: `${reason}; used ${formatDuration(coarser)}`,
  };
}
