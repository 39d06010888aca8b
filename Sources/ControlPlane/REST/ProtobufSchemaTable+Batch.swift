extension ProtobufSchema {
    /// The batch/v1 messages `kubectl create job|cronjob` sends, as published in k8s.io/api's batch/v1
    /// `generated.proto`, with pointer fields from the Go types. Format: see ``ProtobufSchema``.
    static let batchTable = """
        CronJob: 1 metadata .ObjectMeta; 2 spec .CronJobSpec; 3 status .CronJobStatus
        CronJobSpec: 1 schedule s; 8 timeZone s!; 2 startingDeadlineSeconds l!; 3 concurrencyPolicy s; 4 suspend b!;
            5 jobTemplate .JobTemplateSpec; 6 successfulJobsHistoryLimit i!; 7 failedJobsHistoryLimit i!
        CronJobStatus: 1 active *.ObjectReference; 4 lastScheduleTime t!; 5 lastSuccessfulTime t!
        Job: 1 metadata .ObjectMeta; 2 spec .JobSpec; 3 status .JobStatus
        JobCondition: 1 type s; 2 status s; 3 lastProbeTime t; 4 lastTransitionTime t; 5 reason s; 6 message s
        JobSpec: 1 parallelism i!; 2 completions i!; 3 activeDeadlineSeconds l!; 11 podFailurePolicy .PodFailurePolicy;
            16 successPolicy .SuccessPolicy; 7 backoffLimit i!; 12 backoffLimitPerIndex i!; 13 maxFailedIndexes i!;
            4 selector .LabelSelector; 5 manualSelector b!; 6 template .PodTemplateSpec; 8 ttlSecondsAfterFinished i!;
            9 completionMode s!; 10 suspend b!; 14 podReplacementPolicy s!; 15 managedBy s!
        JobStatus: 1 conditions *.JobCondition; 2 startTime t!; 3 completionTime t!; 4 active i; 5 succeeded i;
            6 failed i; 11 terminating i!; 7 completedIndexes s; 10 failedIndexes s!;
            8 uncountedTerminatedPods .UncountedTerminatedPods; 9 ready i!
        JobTemplateSpec: 1 metadata .ObjectMeta; 2 spec .JobSpec
        PodFailurePolicy: 1 rules *.PodFailurePolicyRule
        PodFailurePolicyOnExitCodesRequirement: 1 containerName s!; 2 operator s; 3 values *i
        PodFailurePolicyOnPodConditionsPattern: 1 type s; 2 status s
        PodFailurePolicyRule: 1 action s; 2 onExitCodes .PodFailurePolicyOnExitCodesRequirement;
            3 onPodConditions *.PodFailurePolicyOnPodConditionsPattern
        SuccessPolicy: 1 rules *.SuccessPolicyRule
        SuccessPolicyRule: 1 succeededIndexes s!; 2 succeededCount i!
        UncountedTerminatedPods: 1 succeeded *s; 2 failed *s
        """

    /// The batch kinds a protobuf body may hold.
    static let batchKinds: Set<String> = ["Job", "CronJob"]
}
