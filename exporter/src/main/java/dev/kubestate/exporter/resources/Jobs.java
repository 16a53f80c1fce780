package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.pointer;
import static dev.kubestate.exporter.resources.GoFields.timestamp;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.List;

/** Job families ({@code jobs}); identity {@code namespace}, {@code job_name}. */
public final class Jobs extends KubernetesKind<Job> {

  /**
   * Failed-condition reasons {@code kube_job_status_failed} always writes, in this order (TSV value
   * column of {@code kube_job_status_failed}, ksm-behaviour.md 14).
   */
  private static final List<String> FAILURE_REASONS =
      List.of("BackoffLimitExceeded", "DeadlineExceeded", "Evicted");

  public Jobs() {
    super(Job.class, Identity.namespaced("job_name"));
  }

  @Override
  public List<Family<Job>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_job_annotations", ALPHA, options),
        labels("kube_job_labels", STABLE, options),
        gauge("kube_job_info", "Information about job.", STABLE, (j, out) -> out.sample(1)),
        created("kube_job_created", STABLE),
        gauge("kube_job_spec_parallelism",
            "The maximum desired number of pods the job should run at any given time.", STABLE,
            pointer(j -> spec(j).getParallelism())),
        gauge("kube_job_spec_completions",
            "The desired number of successfully finished pods the job should be run with.", STABLE,
            pointer(j -> spec(j).getCompletions())),
        gauge("kube_job_spec_active_deadline_seconds", "The duration in seconds relative to the"
                + " startTime that the job may be active before the system tries to terminate it.",
            STABLE, pointer(j -> spec(j).getActiveDeadlineSeconds())),
        gauge("kube_job_status_succeeded", "The number of pods which reached Phase Succeeded.",
            STABLE, value(j -> status(j).getSucceeded())),
        gauge("kube_job_status_failed",
            "The number of pods which reached Phase Failed and the reason for failure.", STABLE,
            Jobs::statusFailed),
        gauge("kube_job_status_active", "The number of actively running pods.", STABLE,
            value(j -> status(j).getActive())),
        gauge("kube_job_status_ready", "The number of ready pods that belong to this Job.", ALPHA,
            value(j -> status(j).getReady())),
        gauge("kube_job_complete", "The job has completed its execution.", STABLE,
            outcome("Complete")),
        gauge("kube_job_failed", "The job has failed its execution.", STABLE, outcome("Failed")),
        gauge("kube_job_status_start_time",
            "StartTime represents time when the job was acknowledged by the Job Manager.", STABLE,
            timestamp(j -> status(j).getStartTime())),
        gauge("kube_job_status_completion_time",
            "CompletionTime represents time when the job was completed.", STABLE,
            timestamp(j -> status(j).getCompletionTime())),
        gauge("kube_job_status_suspended", "The number of pods which reached Phase Suspended.",
            ALPHA, Jobs::statusSuspended),
        owner("kube_job_owner", STABLE));
  }

  private static JobSpec spec(Job j) {
    return orZero(j.getSpec(), JobSpec::new);
  }

  private static JobStatus status(Job j) {
    return orZero(j.getStatus(), JobStatus::new);
  }

  private static List<JobCondition> conditions(Job j) {
    return items(status(j).getConditions(), JobCondition::new);
  }

  /**
   * No failures: one sample without {@code reason}. Otherwise, per Failed condition, one sample
   * per known reason (1 for the condition's reason), and when no condition named a known reason,
   * one sample {@code reason=""} with the failed count (ksm-behaviour.md 14).
   */
  private static void statusFailed(Job j, Samples out) {
    Integer failed = status(j).getFailed();
    if (failed == null || failed == 0) {
      out.sample(0);
      return;
    }
    boolean reasonKnown = false;
    for (JobCondition c : conditions(j)) {
      if (!"Failed".equals(c.getType())) {
        continue;
      }
      for (String reason : FAILURE_REASONS) {
        boolean matches = reason.equals(c.getReason());
        reasonKnown |= matches;
        out.sample("reason", reason, matches ? 1 : 0);
      }
    }
    if (!reasonKnown) {
      out.sample("reason", "", failed);
    }
  }

  /** Per condition of the given type, its status as {@code condition} true/false/unknown. */
  private static Generator<Job> outcome(String type) {
    return (j, out) -> {
      for (JobCondition c : conditions(j)) {
        if (type.equals(c.getType())) {
          Conditions.CONDITION.write(out.begin(), c.getStatus());
        }
      }
    };
  }

  /** Per Suspended condition, 1 when its status is exactly {@code True} (KSM compares as is). */
  private static void statusSuspended(Job j, Samples out) {
    for (JobCondition c : conditions(j)) {
      if ("Suspended".equals(c.getType())) {
        out.sample("True".equals(c.getStatus()) ? 1 : 0);
      }
    }
  }
}
