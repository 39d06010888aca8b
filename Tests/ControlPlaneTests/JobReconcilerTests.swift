import Foundation
import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The Job controller's decisions, on hand-made pods and a given time.
@Suite struct JobReconcilerTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func job(completions: Int32? = 1, parallelism: Int32? = 1, _ edit: (inout Job) -> Void = { _ in }) -> Job {
        var job = JobValidationTests.job {
            $0.spec.completions = completions
            $0.spec.parallelism = parallelism
            edit(&$0)
        }
        job.metadata.creationTimestamp = Timestamp.format(t0)
        return job
    }

    /// A pod of `job` in `phase`, named `name`.
    static func pod(_ job: Job, _ name: String, phase: String = "Running", ready: Bool = false, finishedAt: Date? = nil,
                    restarts: Int32 = 0, index: Int? = nil) -> Pod {
        var pod = JobPodFactory.pod(for: job, index: index)
        pod.metadata.name = name
        pod.metadata.uid = "uid-\(name)"
        pod.status.phase = phase
        pod.status.conditions = [PodCondition(type: "Ready", status: ready ? "True" : "False")]
        var state = ContainerState(running: ContainerStateRunning())
        if let finishedAt {
            state = ContainerState(terminated: ContainerStateTerminated(
                exitCode: phase == "Succeeded" ? 0 : 1, finishedAt: Timestamp.format(finishedAt)))
        }
        pod.status.containerStatuses = [ContainerStatus(name: "pi", state: state, restartCount: restarts)]
        return pod
    }

    static func creates(_ actions: [JobAction]) -> [Pod] {
        actions.compactMap { if case .createPod(let pod) = $0 { pod } else { nil } }
    }

    static func deletes(_ actions: [JobAction]) -> [String] {
        actions.compactMap { if case .deletePod(let name) = $0 { name } else { nil } }
    }

    static func status(_ actions: [JobAction]) -> JobStatus? {
        actions.compactMap { if case .updateStatus(let status) = $0 { status } else { nil } }.last
    }

    static func events(_ actions: [JobAction]) -> [String] {
        actions.compactMap { if case .event(_, let reason, _) = $0 { reason } else { nil } }
    }

    static func applying(_ job: Job, _ actions: [JobAction]) -> Job {
        var job = job
        if let status = status(actions) { job.status = status }
        return job
    }

    @Test func createsUpToParallelismWhileCompletionsRemain() {
        let job = Self.job(completions: 3, parallelism: 2)
        let actions = JobReconciler.reconcile(job, pods: [], now: Self.t0)
        let pods = Self.creates(actions)
        #expect(pods.count == 2)
        #expect(pods[0].metadata.generateName == "pi-")
        #expect(pods[0].metadata.ownerReferences?.first?.kind == "Job")
        #expect(pods[0].metadata.ownerReferences?.first?.controller == true)
        #expect(pods[0].labels["batch.kubernetes.io/job-name"] == "pi")
        let status = Self.status(actions)
        #expect(status?.active == 2)
        #expect(status?.ready == 0)
        #expect(status?.terminating == 0)
        #expect(status?.startTime == Timestamp.format(Self.t0))

        // Two succeeded: one more pod, not two.
        let running = Self.applying(job, actions)
        let done = [
            Self.pod(job, "pi-a", phase: "Succeeded", finishedAt: Self.t0 + 5),
            Self.pod(job, "pi-b", phase: "Succeeded", finishedAt: Self.t0 + 6),
        ]
        let next = JobReconciler.reconcile(running, pods: done, now: Self.t0 + 7)
        #expect(Self.creates(next).count == 1)
        #expect(Self.status(next)?.succeeded == 2)
        #expect(Self.status(next)?.active == 1)
    }

    @Test func completesWithSuccessCriteriaMetThenComplete() {
        let job = Self.job(completions: 2, parallelism: 2)
        let started = Self.applying(job, JobReconciler.reconcile(job, pods: [], now: Self.t0))
        let pods = [
            Self.pod(job, "pi-a", phase: "Succeeded", finishedAt: Self.t0 + 3),
            Self.pod(job, "pi-b", phase: "Succeeded", finishedAt: Self.t0 + 4),
        ]
        let actions = JobReconciler.reconcile(started, pods: pods, now: Self.t0 + 5)
        let status = Self.status(actions)
        #expect(status?.conditions?.map(\.type) == ["SuccessCriteriaMet", "Complete"])
        #expect(status?.conditions?.allSatisfy { $0.reason == "CompletionsReached" } == true)
        #expect(status?.conditions?.first?.message == "Reached expected number of succeeded pods")
        #expect(status?.completionTime == Timestamp.format(Self.t0 + 5))
        #expect(status?.succeeded == 2)
        #expect(status?.active == nil)
        #expect(Self.events(actions) == ["Completed"])
        #expect(Self.creates(actions).isEmpty)
        // Finished: nothing more.
        #expect(JobReconciler.reconcile(Self.applying(started, actions), pods: pods, now: Self.t0 + 9).isEmpty)
    }

    @Test func withoutCompletionsTheFirstSuccessEndsTheJob() {
        let job = Self.job(completions: nil, parallelism: 2)
        let started = Self.applying(job, JobReconciler.reconcile(job, pods: [], now: Self.t0))
        let pods = [Self.pod(job, "pi-a", phase: "Succeeded", finishedAt: Self.t0 + 2), Self.pod(job, "pi-b")]
        let actions = JobReconciler.reconcile(started, pods: pods, now: Self.t0 + 3)
        // The other pod is left to finish, and nothing new starts; Complete comes once it has.
        #expect(Self.deletes(actions).isEmpty && Self.creates(actions).isEmpty)
        #expect(Self.status(actions)?.conditions == nil)
        let finished = [pods[0], Self.pod(job, "pi-b", phase: "Failed", finishedAt: Self.t0 + 4)]
        let after = JobReconciler.reconcile(Self.applying(started, actions), pods: finished, now: Self.t0 + 5)
        #expect(Self.status(after)?.conditions?.map(\.type) == ["SuccessCriteriaMet", "Complete"])
    }

    @Test func failuresPastTheBackoffLimitFailTheJob() {
        let job = Self.job { $0.spec.backoffLimit = 1 }
        let started = Self.applying(job, JobReconciler.reconcile(job, pods: [], now: Self.t0))
        // One failure: a replacement, after 10 s of backoff.
        let first = [Self.pod(job, "pi-a", phase: "Failed", finishedAt: Self.t0 + 2)]
        let waiting = JobReconciler.reconcile(started, pods: first, now: Self.t0 + 3)
        #expect(Self.creates(waiting).isEmpty)
        #expect(waiting.contains(.requeue(after: .milliseconds(9100))))
        let retry = JobReconciler.reconcile(Self.applying(started, waiting), pods: first, now: Self.t0 + 12)
        #expect(Self.creates(retry).count == 1)
        // Two failures with backoffLimit 1: FailureTarget and Failed, BackoffLimitExceeded.
        let second = first + [Self.pod(job, "pi-b", phase: "Failed", finishedAt: Self.t0 + 20)]
        let actions = JobReconciler.reconcile(Self.applying(started, retry), pods: second, now: Self.t0 + 21)
        let status = Self.status(actions)
        #expect(status?.failed == 2)
        #expect(status?.conditions?.map(\.type) == ["FailureTarget", "Failed"])
        #expect(status?.conditions?.last?.reason == "BackoffLimitExceeded")
        #expect(status?.conditions?.last?.message == "Job has reached the specified backoff limit")
        #expect(status?.completionTime == nil)
        #expect(Self.events(actions) == ["BackoffLimitExceeded"])
        #expect(Self.creates(actions).isEmpty)
    }

    @Test func restartsCountUnderOnFailure() {
        let job = Self.job {
            $0.spec.backoffLimit = 2
            $0.spec.template.spec.restartPolicy = "OnFailure"
        }
        let started = Self.applying(job, JobReconciler.reconcile(job, pods: [], now: Self.t0))
        let actions = JobReconciler.reconcile(started, pods: [Self.pod(job, "pi-a", restarts: 3)], now: Self.t0 + 30)
        #expect(Self.deletes(actions) == ["pi-a"])
        #expect(Self.status(actions)?.conditions?.map(\.type) == ["FailureTarget"])
    }

    @Test func theActiveDeadline() {
        let job = Self.job { $0.spec.activeDeadlineSeconds = 30 }
        let first = JobReconciler.reconcile(job, pods: [], now: Self.t0)
        #expect(first.contains(.requeue(after: .milliseconds(30_100))))
        let started = Self.applying(job, first)
        let actions = JobReconciler.reconcile(started, pods: [Self.pod(job, "pi-a")], now: Self.t0 + 31)
        #expect(Self.deletes(actions) == ["pi-a"])
        #expect(Self.status(actions)?.conditions?.first?.reason == "DeadlineExceeded")
        let after = JobReconciler.reconcile(Self.applying(started, actions), pods: [], now: Self.t0 + 32)
        #expect(Self.status(after)?.conditions?.map(\.type) == ["FailureTarget", "Failed"])
        #expect(Self.status(after)?.conditions?.last?.message == "Job was active longer than specified deadline")
    }

    @Test func suspendAndResume() {
        let job = Self.job { $0.spec.suspend = true }
        let actions = JobReconciler.reconcile(job, pods: [], now: Self.t0)
        #expect(Self.creates(actions).isEmpty)
        #expect(Self.status(actions)?.conditions?.map(\.reason) == ["JobSuspended"])
        #expect(Self.status(actions)?.startTime == nil)
        var resumed = Self.applying(job, actions)
        resumed.spec.suspend = false
        let after = JobReconciler.reconcile(resumed, pods: [], now: Self.t0 + 60)
        #expect(Self.creates(after).count == 1)
        #expect(Self.status(after)?.conditions?.first?.status == "False")
        #expect(Self.status(after)?.conditions?.first?.reason == "JobResumed")
        #expect(Self.status(after)?.startTime == Timestamp.format(Self.t0 + 60))
    }

    @Test func indexedJobsRunEachIndexOnce() {
        let job = Self.job(completions: 3, parallelism: 2) { $0.spec.completionMode = "Indexed" }
        let actions = JobReconciler.reconcile(job, pods: [], now: Self.t0)
        let pods = Self.creates(actions)
        #expect(pods.map { $0.metadata.generateName } == ["pi-0-", "pi-1-"])
        #expect(pods[0].metadata.annotations?[Job.completionIndexAnnotation] == "0")
        #expect(pods[1].labels[Job.completionIndexAnnotation] == "1")
        #expect(pods[1].spec.hostname == "pi-1")
        #expect(pods[0].spec.containers[0].env?.last?.name == "JOB_COMPLETION_INDEX")
        let started = Self.applying(job, actions)
        let next = JobReconciler.reconcile(started, pods: [
            Self.pod(job, "pi-0-x", phase: "Succeeded", finishedAt: Self.t0 + 1, index: 0),
            Self.pod(job, "pi-1-y", index: 1),
        ], now: Self.t0 + 2)
        #expect(Self.creates(next).map { $0.metadata.generateName } == ["pi-2-"])
        #expect(Self.status(next)?.completedIndexes == "0")
        #expect(JobReconciler.intervals([0, 1, 2, 4, 6, 7]) == "0-2,4,6-7")
    }

    @Test func orphansAreAdoptedAndOthersIgnored() {
        let job = Self.job()
        var orphan = Self.pod(job, "pi-orphan")
        orphan.metadata.ownerReferences = nil
        var foreign = Self.pod(job, "other")
        foreign.metadata.ownerReferences = [OwnerReference(apiVersion: "batch/v1", kind: "Job", name: "x", uid: "u", controller: true)]
        let actions = JobReconciler.reconcile(job, pods: [orphan, foreign], now: Self.t0)
        let adopted = actions.compactMap { if case .updatePod(let pod) = $0 { pod.name } else { nil } }
        #expect(adopted == ["pi-orphan"])
        #expect(Self.creates(actions).isEmpty)
        #expect(Self.status(actions)?.active == 1)
    }

    @Test func theTTLController() {
        var job = Self.job { $0.spec.ttlSecondsAfterFinished = 100 }
        #expect(TTLAfterFinished.decide(job, now: Self.t0) == .keep)
        job.status.conditions = [JobCondition(type: "Complete", status: "True", lastTransitionTime: Timestamp.format(Self.t0))]
        #expect(TTLAfterFinished.decide(job, now: Self.t0 + 40) == .wait(60))
        #expect(TTLAfterFinished.decide(job, now: Self.t0 + 100) == .delete)
        job.spec.ttlSecondsAfterFinished = nil
        #expect(TTLAfterFinished.decide(job, now: Self.t0 + 1000) == .keep)
    }
}

/// ``PodFailurePolicyMatcher``: FailJob, Ignore and Count by exit code and by pod condition.
@Suite struct PodFailurePolicyTests {
    static func failed(_ name: String, exitCode: Int32, container: String = "main", conditions: [PodCondition] = []) -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: "default"))
        pod.status.phase = "Failed"
        pod.status.conditions = conditions
        pod.status.containerStatuses = [ContainerStatus(
            name: container, state: ContainerState(terminated: ContainerStateTerminated(exitCode: exitCode)))]
        return pod
    }

    static func rule(_ action: String, _ values: [Int32], op: String = "In") -> PodFailurePolicyRule {
        var rule = PodFailurePolicyRule(action: action)
        rule.onExitCodes = PodFailurePolicyOnExitCodesRequirement(operator: op, values: values)
        return rule
    }

    @Test func exitCodesDecide() {
        let policy = PodFailurePolicy(rules: [Self.rule("FailJob", [42]), Self.rule("Ignore", [3])])
        let outcome = PodFailurePolicyMatcher.evaluate(policy, failed: [
            Self.failed("a", exitCode: 3), Self.failed("b", exitCode: 1), Self.failed("c", exitCode: 42),
        ])
        #expect(outcome.counted == 2)
        #expect(outcome.failJobMessage == "Container main for pod default/c failed with exit code 42 matching FailJob rule at index 0")
        #expect(PodFailurePolicyMatcher.evaluate(nil, failed: [Self.failed("a", exitCode: 3)]).counted == 1)
        let notIn = PodFailurePolicy(rules: [Self.rule("Ignore", [1], op: "NotIn")])
        #expect(PodFailurePolicyMatcher.evaluate(notIn, failed: [Self.failed("a", exitCode: 2), Self.failed("b", exitCode: 1)])
            == .init(counted: 1, failJobMessage: nil))
    }

    @Test func podConditionsDecide() {
        var rule = PodFailurePolicyRule(action: "Ignore")
        rule.onPodConditions = [PodFailurePolicyOnPodConditionsPattern(type: "DisruptionTarget")]
        let evicted = Self.failed("a", exitCode: 137, conditions: [PodCondition(type: "DisruptionTarget", status: "True")])
        #expect(PodFailurePolicyMatcher.evaluate(PodFailurePolicy(rules: [rule]), failed: [evicted]).counted == 0)
        rule.action = "FailJob"
        #expect(PodFailurePolicyMatcher.evaluate(PodFailurePolicy(rules: [rule]), failed: [evicted]).failJobMessage
            == "Pod default/a has condition DisruptionTarget matching FailJob rule at index 0")
    }

    @Test func aFailJobRuleFailsTheJob() {
        let job = JobReconcilerTests.job {
            $0.spec.podFailurePolicy = PodFailurePolicy(rules: [Self.rule("FailJob", [42])])
        }
        let started = JobReconcilerTests.applying(job, JobReconciler.reconcile(job, pods: [], now: JobReconcilerTests.t0))
        var pod = JobReconcilerTests.pod(job, "pi-a", phase: "Failed", finishedAt: JobReconcilerTests.t0 + 1)
        pod.status.containerStatuses?[0].state?.terminated?.exitCode = 42
        let actions = JobReconciler.reconcile(started, pods: [pod], now: JobReconcilerTests.t0 + 2)
        let status = JobReconcilerTests.status(actions)
        #expect(status?.conditions?.map(\.type) == ["FailureTarget", "Failed"])
        #expect(status?.conditions?.last?.reason == "PodFailurePolicy")
        #expect(status?.conditions?.last?.message
            == "Container pi for pod default/pi-a failed with exit code 42 matching FailJob rule at index 0")
    }
}

/// ``SuccessPolicyMatcher`` and an Indexed Job that succeeds by its success policy.
@Suite struct SuccessPolicyTests {
    @Test func rules() {
        let policy = SuccessPolicy(rules: [
            SuccessPolicyRule(succeededIndexes: "0,2-3"), SuccessPolicyRule(succeededCount: 4),
            SuccessPolicyRule(succeededIndexes: "4-9", succeededCount: 2),
        ])
        #expect(SuccessPolicyMatcher.match(policy, succeeded: [0, 2], completions: 10) == nil)
        #expect(SuccessPolicyMatcher.match(policy, succeeded: [0, 2, 3], completions: 10) == 0)
        #expect(SuccessPolicyMatcher.match(policy, succeeded: [1, 5, 6, 8], completions: 10) == 1)
        #expect(SuccessPolicyMatcher.match(policy, succeeded: [5, 6], completions: 10) == 2)
        #expect(SuccessPolicyMatcher.indexes("1,3-5,7", completions: 6) == [1, 3, 4, 5])
    }

    @Test func anIndexedJobSucceedsEarly() {
        let job = JobReconcilerTests.job(completions: 3, parallelism: 3) {
            $0.spec.completionMode = "Indexed"
            $0.spec.successPolicy = SuccessPolicy(rules: [SuccessPolicyRule(succeededIndexes: "0")])
        }
        let t0 = JobReconcilerTests.t0
        let started = JobReconcilerTests.applying(job, JobReconciler.reconcile(job, pods: [], now: t0))
        let pods = [
            JobReconcilerTests.pod(job, "pi-0-a", phase: "Succeeded", finishedAt: t0 + 1, index: 0),
            JobReconcilerTests.pod(job, "pi-1-b", index: 1), JobReconcilerTests.pod(job, "pi-2-c", index: 2),
        ]
        let actions = JobReconciler.reconcile(started, pods: pods, now: t0 + 2)
        #expect(JobReconcilerTests.deletes(actions) == ["pi-1-b", "pi-2-c"])
        let met = JobReconcilerTests.status(actions)?.conditions
        #expect(met?.map(\.type) == ["SuccessCriteriaMet"] && met?.first?.reason == "SuccessPolicy")
        #expect(met?.first?.message == "Matched rules at index 0")
        let done = JobReconciler.reconcile(JobReconcilerTests.applying(started, actions), pods: [pods[0]], now: t0 + 3)
        #expect(JobReconcilerTests.status(done)?.conditions?.map(\.type) == ["SuccessCriteriaMet", "Complete"])
        #expect(JobReconcilerTests.status(done)?.conditions?.last?.reason == "SuccessPolicy")
    }
}
