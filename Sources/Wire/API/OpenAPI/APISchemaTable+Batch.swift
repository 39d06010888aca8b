// Part of the API's schema table (see APISchemaTable.swift): batch/v1 Jobs and CronJobs.

extension APISchema {
    /// The definitions of the batch/v1 package.
    static let batchNames = [
        "Job", "JobSpec", "JobStatus", "JobCondition", "PodFailurePolicy", "PodFailurePolicyRule",
        "PodFailurePolicyOnExitCodesRequirement", "PodFailurePolicyOnPodConditionsPattern", "SuccessPolicy",
        "SuccessPolicyRule", "UncountedTerminatedPods", "CronJob", "CronJobSpec", "CronJobStatus", "JobTemplateSpec",
    ]

    static let batch: [SchemaDefinition] = [
        resource(
            "Job", "A Job runs pods until a given number of them have succeeded, retrying failed ones up to a limit.",
            [
                field("spec", .ref("JobSpec"), "What the Job runs and how many times."),
                field("status", .ref("JobStatus"), "How far the Job has got, kept by the job controller."),
            ]),
        object(
            "JobSpec", "The desired behaviour of a Job.",
            [
                field(
                    "activeDeadlineSeconds", .integer,
                    "Seconds from startTime the Job may stay active; then its pods are stopped and it fails with "
                        + "reason DeadlineExceeded."),
                field(
                    "backoffLimit", .integer,
                    "How many pod failures the Job tolerates before it fails with reason BackoffLimitExceeded. "
                        + "Defaults to 6."),
                field(
                    "backoffLimitPerIndex", .integer,
                    "For Indexed Jobs: how many failures each index tolerates before that index fails."),
                field(
                    "completionMode", .string, enum: ["Indexed", "NonIndexed"],
                    "NonIndexed (the default): the Job completes after completions successful pods, all alike. "
                        + "Indexed: each pod gets an index from 0 to completions-1 (annotation, label and "
                        + "JOB_COMPLETION_INDEX), and the Job completes when every index has succeeded once."),
                field(
                    "completions", .integer,
                    "How many pods must succeed. Unset: any one success completes the Job. Defaults to 1 when "
                        + "parallelism is unset too."),
                field(
                    "managedBy", .string,
                    "The controller that keeps this Job; unset or kubernetes.io/job-controller for the built-in one."),
                field(
                    "manualSelector", .boolean,
                    "Whether the selector was written by hand. Unset or false: the server generates it from the "
                        + "Job's uid."),
                field("maxFailedIndexes", .integer, "For Indexed Jobs with backoffLimitPerIndex: how many indexes may fail."),
                field(
                    "parallelism", .integer,
                    "How many pods run at once at most. Defaults to 1. 0 pauses the Job."),
                field(
                    "podFailurePolicy", .ref("PodFailurePolicy"),
                    "How pod failures count against the backoff limit, by exit code or pod condition."),
                field(
                    "podReplacementPolicy", .string, enum: ["Failed", "TerminatingOrFailed"],
                    "When a replacement pod is created: once the old one is terminating (TerminatingOrFailed, the "
                        + "default) or only once it has failed (Failed)."),
                field("selector", .ref("LabelSelector"), "The pods the Job counts. Generated unless manualSelector is true."),
                field(
                    "successPolicy", .ref("SuccessPolicy"),
                    "For Indexed Jobs: which succeeded indexes make the Job succeed early."),
                field(
                    "suspend", .boolean,
                    "Whether the Job is suspended: its pods are stopped and no new ones start. Defaults to false."),
                field(
                    "template", .ref("PodTemplateSpec"), required: true,
                    "The pod to run. Its restartPolicy must be OnFailure or Never. It cannot change."),
                field(
                    "ttlSecondsAfterFinished", .integer,
                    "Seconds after the Job finished (Complete or Failed) when it is deleted with its pods. Unset: "
                        + "never."),
            ]),
        object(
            "PodFailurePolicy", "How a Job treats its pods' failures.",
            [field("rules", .array(.ref("PodFailurePolicyRule")), required: true, "The rules, checked in order.")]),
        object(
            "PodFailurePolicyRule", "One rule of a pod failure policy: what a matching failed pod means.",
            [
                field(
                    "action", .string, required: true, enum: ["Count", "FailIndex", "FailJob", "Ignore"],
                    "FailJob fails the Job, FailIndex fails the pod's index, Ignore does not count the failure, "
                        + "Count counts it as usual."),
                field(
                    "onExitCodes", .ref("PodFailurePolicyOnExitCodesRequirement"),
                    "Matches a pod by its containers' exit codes."),
                field(
                    "onPodConditions", .array(.ref("PodFailurePolicyOnPodConditionsPattern")),
                    "Matches a pod by its conditions."),
            ]),
        object(
            "PodFailurePolicyOnExitCodesRequirement", "Exit codes a pod failure policy rule matches.",
            [
                field("containerName", .string, "The one container whose exit code counts; any container when unset."),
                field(
                    "operator", .string, required: true, enum: ["In", "NotIn"],
                    "In: an exit code among values matches; NotIn: an exit code not among them matches."),
                field("values", .array(.integer), required: true, "The exit codes, ordered, without duplicates."),
            ]),
        object(
            "PodFailurePolicyOnPodConditionsPattern", "A pod condition a pod failure policy rule matches.",
            [
                field("status", .string, "The condition's status to match. Defaults to True."),
                field("type", .string, required: true, "The condition's type to match."),
            ]),
        object(
            "SuccessPolicy", "When an Indexed Job succeeds before every index has.",
            [field("rules", .array(.ref("SuccessPolicyRule")), required: true, "The rules; the first one met wins.")]),
        object(
            "SuccessPolicyRule", "One success policy rule: some succeeded indexes, or a count of them.",
            [
                field("succeededCount", .integer, "How many of the indexes must have succeeded."),
                field("succeededIndexes", .string, "The indexes, as a list of numbers and ranges: 1,3-5,7."),
            ]),
        object(
            "JobStatus", "The observed state of a Job.",
            [
                field("active", .integer, "Pods pending or running."),
                field("completedIndexes", .string, "For Indexed Jobs: the succeeded indexes, as 1,3-5,7."),
                field(
                    "completionTime", .ref("Time"),
                    "When the Job completed. Set only for a Job that completed successfully."),
                field(
                    "conditions", .array(.ref("JobCondition")),
                    "The latest observations: Complete or Failed when finished, Suspended, SuccessCriteriaMet, "
                        + "FailureTarget."),
                field("failed", .integer, "Pods that failed."),
                field("failedIndexes", .string, "For Indexed Jobs with backoffLimitPerIndex: the failed indexes."),
                field("ready", .integer, "Active pods that are ready."),
                field("startTime", .ref("Time"), "When the job controller started the Job (again, after a suspension)."),
                field("succeeded", .integer, "Pods that succeeded."),
                field("terminating", .integer, "Pods being stopped: they have a deletionTimestamp and are not finished."),
                field(
                    "uncountedTerminatedPods", .ref("UncountedTerminatedPods"),
                    "Finished pods the job controller has not counted yet."),
            ]),
        object(
            "UncountedTerminatedPods", "Uids of finished pods not counted in a Job's status yet.",
            [
                field("failed", .array(.string), "Uids of failed pods."),
                field("succeeded", .array(.string), "Uids of succeeded pods."),
            ]),
        object(
            "JobCondition", "One observation of a Job's state.",
            [
                field("lastProbeTime", .ref("Time"), "When the condition was last checked."),
                field("lastTransitionTime", .ref("Time"), "When the condition last changed status."),
                field("message", .string, "A human-readable explanation."),
                field("reason", .string, "A one-word CamelCase reason, such as BackoffLimitExceeded."),
                field("status", .string, required: true, "True, False or Unknown."),
                field(
                    "type", .string, required: true,
                    "Complete, Failed, Suspended, SuccessCriteriaMet or FailureTarget."),
            ]),
        resource(
            "CronJob", "A CronJob creates Jobs on a repeating schedule.",
            [
                field("spec", .ref("CronJobSpec"), "The schedule and the Job to create."),
                field("status", .ref("CronJobStatus"), "The Jobs running now and when one was last scheduled."),
            ]),
        object(
            "CronJobSpec", "The desired behaviour of a CronJob.",
            [
                field(
                    "concurrencyPolicy", .string, enum: ["Allow", "Forbid", "Replace"],
                    "What to do when a Job is due while the previous one still runs: Allow (the default) runs both, "
                        + "Forbid skips the new one, Replace stops the old one and starts the new one."),
                field(
                    "failedJobsHistoryLimit", .integer, "How many finished, failed Jobs to keep. Defaults to 1."),
                field("jobTemplate", .ref("JobTemplateSpec"), required: true, "The Job to create at each scheduled time."),
                field(
                    "schedule", .string, required: true,
                    "The schedule in Cron format (five fields, or a descriptor such as @hourly)."),
                field(
                    "startingDeadlineSeconds", .integer,
                    "How many seconds after a missed scheduled time the Job may still start; later it counts as "
                        + "missed."),
                field(
                    "successfulJobsHistoryLimit", .integer,
                    "How many finished, successful Jobs to keep. Defaults to 3."),
                field(
                    "suspend", .boolean,
                    "Whether to stop creating Jobs (the running ones go on). Defaults to false."),
                field(
                    "timeZone", .string,
                    "The IANA time zone of the schedule, such as Etc/UTC; the controller manager's when unset."),
            ]),
        object(
            "JobTemplateSpec", "The Job a CronJob creates.",
            [
                field("metadata", .ref("ObjectMeta"), "Labels and annotations of the Jobs created from the template."),
                field("spec", .ref("JobSpec"), "The Job's spec."),
            ]),
        object(
            "CronJobStatus", "The observed state of a CronJob.",
            [
                field("active", .array(.ref("ObjectReference")), "The Jobs running now."),
                field("lastScheduleTime", .ref("Time"), "When a Job was last scheduled."),
                field("lastSuccessfulTime", .ref("Time"), "When a Job last completed successfully."),
            ]),
    ]
}
