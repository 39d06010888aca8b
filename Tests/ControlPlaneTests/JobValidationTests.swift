import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// batch/v1 Job and CronJob defaults, the generated selector and the validation texts.
@Suite struct JobValidationTests {
    static let uid = "5f1c2a3b-0000-4000-8000-000000000001"

    /// A Job as `kubectl create job pi --image=busybox -- sh -c "exit 0"` sends it, admitted for create.
    static func job(_ edit: (inout Job) -> Void = { _ in }) -> Job {
        var job = Job(metadata: ObjectMeta(name: "pi", namespace: "default"))
        job.metadata.uid = uid
        job.spec.template = PodTemplateSpec(
            metadata: ObjectMeta(),
            spec: PodSpec(containers: [Container(name: "pi", image: "busybox", command: ["sh", "-c", "exit 0"])],
                          restartPolicy: "Never"))
        edit(&job)
        job.applyDefaults()
        job.prepareForCreate()
        return job
    }

    @Test func defaultsAndTheGeneratedSelector() {
        let job = Self.job()
        #expect(job.spec.completions == 1)
        #expect(job.spec.parallelism == 1)
        #expect(job.spec.backoffLimit == 6)
        #expect(job.spec.completionMode == "NonIndexed")
        #expect(job.spec.suspend == false)
        #expect(job.spec.podReplacementPolicy == "TerminatingOrFailed")
        #expect(job.spec.selector == LabelSelector(matchLabels: ["batch.kubernetes.io/controller-uid": Self.uid]))
        let expected = [
            "batch.kubernetes.io/controller-uid": Self.uid, "batch.kubernetes.io/job-name": "pi",
            "controller-uid": Self.uid, "job-name": "pi",
        ]
        #expect(job.spec.template.metadata.labels == expected)
        #expect(job.metadata.labels == expected)
        #expect(job.validateCreate().isEmpty)
        // Parallelism alone leaves completions unset.
        #expect(Self.job { $0.spec.parallelism = 3 }.spec.completions == nil)
        #expect(Self.job { $0.spec.completions = 3 }.spec.parallelism == 1)
    }

    @Test func aManualSelectorIsLeftAlone() {
        let job = Self.job {
            $0.spec.manualSelector = true
            $0.spec.selector = LabelSelector(matchLabels: ["app": "x"])
            $0.spec.template.metadata.labels = ["app": "x"]
        }
        #expect(job.spec.selector == LabelSelector(matchLabels: ["app": "x"]))
        #expect(job.spec.template.metadata.labels == ["app": "x"])
        #expect(job.validateCreate().isEmpty)
    }

    @Test func restartPolicyMustBeOnFailureOrNever() {
        let always = Self.job { $0.spec.template.spec.restartPolicy = nil }
        #expect(always.spec.template.spec.restartPolicy == "Always")
        #expect(ValidationFixtures.lines(always.validateCreate())
            == ["spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""])
        #expect(Self.job { $0.spec.template.spec.restartPolicy = "OnFailure" }.validateCreate().isEmpty)
    }

    @Test func countsAndModes() {
        let lines = ValidationFixtures.lines(Self.job {
            $0.spec.parallelism = -1
            $0.spec.backoffLimit = -2
            $0.spec.completionMode = "Sometimes"
        }.validateCreate())
        #expect(lines == [
            "spec.parallelism: Invalid value: -1: must be greater than or equal to 0",
            "spec.backoffLimit: Invalid value: -2: must be greater than or equal to 0",
            "spec.completionMode: Unsupported value: \"Sometimes\": supported values: \"NonIndexed\", \"Indexed\"",
        ])
        #expect(ValidationFixtures.lines(Self.job {
            $0.spec.completionMode = "Indexed"
            $0.spec.parallelism = 2
        }.validateCreate()) == ["spec.completions: Required value: when completion mode is Indexed"])
    }

    @Test func aSelectorThatIsNotGenerated() {
        let lines = ValidationFixtures.lines(Self.job {
            $0.spec.selector = LabelSelector(matchLabels: ["batch.kubernetes.io/controller-uid": "other"])
        }.validateCreate())
        #expect(lines.contains { $0.hasPrefix("spec.selector: Invalid value: v1.LabelSelector{") && $0.hasSuffix("`selector` not auto-generated") })
        #expect(lines.contains { $0.hasPrefix("spec.template.metadata.labels: Invalid value: map[string]string{") })
    }

    @Test func completionsSelectorAndTemplateAreImmutable() {
        let old = Self.job()
        var new = old
        new.spec.completions = 3
        new.spec.template.spec.containers[0].image = "busybox:1.36"
        new.spec.selector = LabelSelector(matchLabels: ["batch.kubernetes.io/controller-uid": Self.uid, "a": "b"])
        new.spec.template.metadata.labels?["a"] = "b"
        let lines = ValidationFixtures.lines(new.validateUpdate(old: old))
        #expect(lines.contains("spec.completions: Invalid value: 3: field is immutable"))
        #expect(lines.contains { $0.hasPrefix("spec.selector: Invalid value: v1.LabelSelector{") && $0.hasSuffix("field is immutable") })
        #expect(lines.contains { $0.hasPrefix("spec.template: Invalid value: ") && $0.hasSuffix("field is immutable") })
        // Parallelism, suspend and the TTL may change.
        var scaled = old
        scaled.spec.parallelism = 5
        scaled.spec.suspend = true
        scaled.spec.ttlSecondsAfterFinished = 60
        #expect(scaled.validateUpdate(old: old).isEmpty)
    }

    @Test func aSuspendedJobThatNeverStartedMayMoveItsPods() {
        let old = Self.job { $0.spec.suspend = true }
        var new = old
        new.spec.template.spec.nodeSelector = ["disk": "ssd"]
        new.spec.template.metadata.annotations = ["note": "moved"]
        #expect(new.validateUpdate(old: old).isEmpty)
        new.spec.template.spec.containers[0].image = "other"
        #expect(!new.validateUpdate(old: old).isEmpty)
    }

    // MARK: - CronJob

    static func cronJob(_ schedule: String = "*/5 * * * *", _ edit: (inout CronJob) -> Void = { _ in }) -> CronJob {
        var cronJob = CronJob(metadata: ObjectMeta(name: "hello", namespace: "default"))
        cronJob.spec.schedule = schedule
        cronJob.spec.jobTemplate.spec.template = PodTemplateSpec(
            metadata: ObjectMeta(),
            spec: PodSpec(containers: [Container(name: "hello", image: "busybox")], restartPolicy: "OnFailure"))
        edit(&cronJob)
        cronJob.applyDefaults()
        return cronJob
    }

    @Test func cronJobDefaults() {
        let cronJob = Self.cronJob()
        #expect(cronJob.spec.concurrencyPolicy == "Allow")
        #expect(cronJob.spec.suspend == false)
        #expect(cronJob.spec.successfulJobsHistoryLimit == 3)
        #expect(cronJob.spec.failedJobsHistoryLimit == 1)
        #expect(cronJob.validateCreate().isEmpty)
        for schedule in ["@hourly", "@daily", "@every 1h30m", "0 0 1 jan,jul ?", "15 14 1 * *", "0 22 * * 1-5"] {
            #expect(Self.cronJob(schedule).validateCreate().isEmpty, "\(schedule)")
        }
    }

    @Test func badSchedulesWithTheParsersTexts() {
        let cases = [
            ("bad schedule", "expected exactly 5 fields, found 2: [bad schedule]"),
            ("61 * * * *", "end of range (61) above maximum (59): 61"),
            ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
            ("* * * foo *", "failed to parse int from foo: strconv.Atoi: parsing \"foo\": invalid syntax"),
            ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
            ("@fortnightly", "unrecognized descriptor: @fortnightly"),
            ("*/0 * * * *", "step of range should be a positive number: */0"),
        ]
        for (schedule, message) in cases {
            #expect(ValidationFixtures.lines(Self.cronJob(schedule).validateCreate())
                == ["spec.schedule: Invalid value: \"\(schedule)\": \(message)"])
        }
        #expect(ValidationFixtures.lines(Self.cronJob("").validateCreate()) == ["spec.schedule: Required value"])
        #expect(ValidationFixtures.lines(Self.cronJob("TZ=UTC 0 * * * *").validateCreate())
            == ["spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"])
    }

    @Test func cronJobFields() {
        #expect(ValidationFixtures.lines(Self.cronJob { $0.spec.timeZone = "Mars/Olympus" }.validateCreate())
            == ["spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"])
        #expect(Self.cronJob { $0.spec.timeZone = "Europe/Paris" }.validateCreate().isEmpty)
        #expect(ValidationFixtures.lines(Self.cronJob { $0.spec.concurrencyPolicy = "Sometimes" }.validateCreate())
            == ["spec.concurrencyPolicy: Unsupported value: \"Sometimes\": supported values: \"Allow\", \"Forbid\", \"Replace\""])
        #expect(ValidationFixtures.lines(Self.cronJob { $0.spec.jobTemplate.spec.template.spec.restartPolicy = nil }
            .validateCreate())
            == ["spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""])
        let selector = ValidationFixtures.lines(Self.cronJob {
            $0.spec.jobTemplate.spec.selector = LabelSelector(matchLabels: ["a": "b"])
        }.validateCreate())
        #expect(selector.count == 1 && selector[0].hasSuffix("`selector` will be auto-generated"))
        let long = String(repeating: "a", count: 53)
        #expect(ValidationFixtures.lines(Self.cronJob { $0.metadata.name = long }.validateCreate())
            == ["metadata.name: Invalid value: \"\(long)\": must be no more than 52 characters"])
        #expect(ValidationFixtures.lines(Self.cronJob { $0.spec.successfulJobsHistoryLimit = -1 }.validateCreate())
            == ["spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0"])
    }
}
