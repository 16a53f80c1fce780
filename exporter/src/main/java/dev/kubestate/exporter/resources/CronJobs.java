package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.flag;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.pointer;
import static dev.kubestate.exporter.resources.GoFields.timestamp;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** CronJob families ({@code cronjobs}); identity {@code namespace}, {@code cronjob}. */
public final class CronJobs extends KubernetesKind<CronJob> {

  private static final String NEXT_SCHEDULE_TIME_HELP =
      "Next time the cronjob should be scheduled. The time after lastScheduleTime, or after the"
          + " cron job's creation time if it's never been scheduled. Use this to determine if the"
          + " job is delayed.";

  public CronJobs() {
    super(CronJob.class);
  }

  @Override
  public List<Family<CronJob>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_cronjob_annotations", ALPHA, options),
        labels("kube_cronjob_labels", STABLE, options),
        gauge("kube_cronjob_info", "Info about cronjob.", STABLE, CronJobs::info),
        created("kube_cronjob_created", STABLE),
        gauge("kube_cronjob_status_active", "Active holds pointers to currently running jobs.",
            STABLE, (cj, out) -> out.sample(size(status(cj).getActive()))),
        gauge("kube_cronjob_status_last_schedule_time", "LastScheduleTime keeps information of"
                + " when was the last time the job was successfully scheduled.", STABLE,
            timestamp(cj -> status(cj).getLastScheduleTime())),
        gauge("kube_cronjob_status_last_successful_time", "LastSuccessfulTime keeps information of"
                + " when was the last time the job was completed successfully.", STABLE,
            timestamp(cj -> status(cj).getLastSuccessfulTime())),
        gauge("kube_cronjob_spec_suspend",
            "Suspend flag tells the controller to suspend subsequent executions.", STABLE,
            flag(cj -> spec(cj).getSuspend())),
        gauge("kube_cronjob_spec_starting_deadline_seconds", "Deadline in seconds for starting the"
                + " job if it misses scheduled time for any reason.", STABLE,
            pointer(cj -> spec(cj).getStartingDeadlineSeconds())),
        gauge("kube_cronjob_next_schedule_time", NEXT_SCHEDULE_TIME_HELP, STABLE,
            CronJobs::nextScheduleTime),
        gauge("kube_cronjob_schedule_invalid", "Emitted with value 1 for cronjobs whose schedule,"
                + " in its configured timezone, cannot be parsed.", ALPHA,
            CronJobs::scheduleInvalid),
        resourceVersion("kube_cronjob_metadata_resource_version",
            "Resource version representing a specific version of the cronjob.", STABLE),
        gauge("kube_cronjob_spec_successful_job_history_limit", "Successful job history limit"
                + " tells the controller how many completed jobs should be preserved.", ALPHA,
            pointer(cj -> spec(cj).getSuccessfulJobsHistoryLimit())),
        gauge("kube_cronjob_spec_failed_job_history_limit", "Failed job history limit tells the"
                + " controller how many failed jobs should be preserved.", ALPHA,
            pointer(cj -> spec(cj).getFailedJobsHistoryLimit())));
  }

  private static CronJobSpec spec(CronJob cj) {
    return orZero(cj.getSpec(), CronJobSpec::new);
  }

  private static CronJobStatus status(CronJob cj) {
    return orZero(cj.getStatus(), CronJobStatus::new);
  }

  private static int size(List<?> list) {
    return list == null ? 0 : list.size();
  }

  /** {@code timezone} is {@code spec.timeZone}, or {@code local} when unset (ksm-behaviour 14). */
  private static void info(CronJob cj, Samples out) {
    CronJobSpec spec = spec(cj);
    out.begin()
        .label("schedule", spec.getSchedule())
        .label("concurrency_policy", spec.getConcurrencyPolicy())
        .label("timezone", spec.getTimeZone() == null ? "local" : spec.getTimeZone())
        .value(1);
  }

  /**
   * KSM parses the schedule prefixed {@code CRON_TZ=<spec.timeZone> } when a zone is set, else in
   * the process's local zone (its tests leave such cases out for that reason).
   */
  private static Optional<CronSchedule> schedule(CronJobSpec spec) {
    String schedule = spec.getSchedule() == null ? "" : spec.getSchedule();
    String zone = spec.getTimeZone();
    return CronSchedules.parse(
        zone == null ? schedule : "CRON_TZ=" + zone + " " + schedule, ZoneId.systemDefault());
  }

  /**
   * The next activation after {@code status.lastScheduleTime}, else after the creation time; no
   * sample when suspended, when the schedule does not parse, or when both times are unset (or
   * unparsable, which Go cannot tell from unset).
   */
  private static void nextScheduleTime(CronJob cj, Samples out) {
    CronJobSpec spec = spec(cj);
    Optional<CronSchedule> schedule = schedule(spec);
    if (schedule.isEmpty() || Boolean.TRUE.equals(spec.getSuspend())) {
      return;
    }
    long from = seconds(status(cj).getLastScheduleTime());
    if (from == CronSchedule.NEVER) {
      from = seconds(Metadata.meta(cj).getCreationTimestamp());
    }
    if (from != CronSchedule.NEVER) {
      out.sample(schedule.get().next(from));
    }
  }

  /** Unix seconds, Go's zero time for an unset timestamp (which Go's {@code IsZero} also is). */
  private static long seconds(String timestamp) {
    return (long) Timestamps.secondsOrZeroTime(timestamp);
  }

  private static void scheduleInvalid(CronJob cj, Samples out) {
    if (schedule(spec(cj)).isEmpty()) {
      out.sample(1);
    }
  }
}
