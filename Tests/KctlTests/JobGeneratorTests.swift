import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// The objects `create job|cronjob` send (as kubectl's `create_job.go` and `create_cronjob.go` build them) and the
/// Job and CronJob describers' fields.
@Suite struct JobGeneratorTests {
    static let utc = TimeZone(secondsFromGMT: 0) ?? .current
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func createJob_withACommand() {
        let job = JobGenerator.job(name: "pi", image: "busybox", command: ["sh", "-c", "exit 0"], namespace: nil)
        #expect(job == [
            "apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": "pi", "creationTimestamp": .null],
            "spec": [
                "template": [
                    "metadata": ["creationTimestamp": .null],
                    "spec": [
                        "containers": [["name": "pi", "image": "busybox", "resources": [:],
                                        "command": ["sh", "-c", "exit 0"]]],
                        "restartPolicy": "Never",
                    ],
                ],
            ],
            "status": [:],
        ])
        // The container is named after the Job, cut to 52 characters.
        let long = String(repeating: "j", count: 60)
        let named = JobGenerator.job(name: long, image: "busybox", command: [], namespace: "ns")
        #expect(named[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["name"]
            == .string(String(repeating: "j", count: 52)))
        #expect(named[path: ["metadata", "namespace"]] == "ns")
    }

    @Test func createJob_fromACronJob() {
        let cronJob: JSONValue = [
            "metadata": ["name": "tick", "uid": "cj-uid"],
            "spec": [
                "jobTemplate": [
                    "metadata": ["labels": ["team": "a"], "annotations": ["note": "x"]],
                    "spec": ["backoffLimit": 2, "template": ["metadata": [:], "spec": ["restartPolicy": "OnFailure"]]],
                ],
            ],
        ]
        let job = JobGenerator.job(name: "manual", from: cronJob, namespace: nil)
        #expect(job[path: ["metadata", "annotations"]] == ["cronjob.kubernetes.io/instantiate": "manual", "note": "x"])
        #expect(job[path: ["metadata", "labels"]] == ["team": "a"])
        #expect(job[path: ["metadata", "ownerReferences"]]
            == [["apiVersion": "batch/v1", "kind": "CronJob", "name": "tick", "uid": "cj-uid", "controller": true]])
        #expect(job[path: ["spec", "backoffLimit"]] == 2)
        #expect(job[path: ["spec", "template", "metadata"]] == ["creationTimestamp": .null])
    }

    @Test func createCronJob() {
        let cronJob = JobGenerator.cronJob(
            name: "tick", image: "busybox", schedule: "*/5 * * * *", restart: "OnFailure", command: [], namespace: nil)
        #expect(cronJob[path: ["spec", "schedule"]] == "*/5 * * * *")
        #expect(cronJob[path: ["spec", "jobTemplate", "metadata"]] == ["name": "tick", "creationTimestamp": .null])
        #expect(cronJob[path: ["spec", "jobTemplate", "spec", "template", "spec", "restartPolicy"]] == "OnFailure")
    }

    @Test func describeJob_fields() {
        let job: JSONValue = [
            "metadata": ["name": "pi", "namespace": "default", "labels": ["job-name": "pi"]],
            "spec": [
                "parallelism": 2, "completions": 3, "completionMode": "Indexed", "suspend": false, "backoffLimit": 6,
                "activeDeadlineSeconds": 100,
                "selector": ["matchLabels": ["batch.kubernetes.io/controller-uid": "u1"]],
                "template": ["spec": ["containers": [["name": "pi", "image": "busybox"]]]],
            ],
            "status": [
                "startTime": "2027-01-15T08:00:00Z", "completionTime": "2027-01-15T08:01:05Z", "succeeded": 3,
                "ready": 0, "completedIndexes": "0-2",
            ],
        ]
        let text = JobDescriber.describe(job, events: nil, now: Self.now, timeZone: Self.utc)
        for line in [
            "Selector:                 batch.kubernetes.io/controller-uid=u1",
            "Parallelism:              2", "Completions:              3", "Completion Mode:          Indexed",
            "Suspend:                  false", "Backoff Limit:            6",
            "Start Time:               Fri, 15 Jan 2027 08:00:00 +0000",
            "Completed At:             Fri, 15 Jan 2027 08:01:05 +0000", "Duration:                 65s",
            "Active Deadline Seconds:  100s", "Pods Statuses:            0 Active (0 Ready) / 3 Succeeded / 0 Failed",
            "Completed Indexes:        0-2",
        ] {
            #expect(text.contains(line + "\n"), "\(line)\n\(text)")
        }
        #expect(!text.contains("Events:"))
    }

    @Test func describeCronJob_fields() {
        let cronJob: JSONValue = [
            "metadata": ["name": "tick", "namespace": "default"],
            "spec": [
                "schedule": "* * * * *", "concurrencyPolicy": "Forbid", "suspend": true,
                "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1, "startingDeadlineSeconds": 30,
                "jobTemplate": ["spec": ["template": ["spec": ["containers": [["name": "t", "image": "busybox"]]]]]],
            ],
            "status": ["active": [["name": "tick-1"], ["name": "tick-2"]], "lastScheduleTime": "2027-01-15T08:00:00Z"],
        ]
        let text = JobDescriber.describeCronJob(cronJob, events: [], now: Self.now, timeZone: Self.utc)
        for line in [
            "Concurrency Policy:", "Forbid", "Suspend:", "True", "Starting Deadline Seconds:     30s",
            "Selector:                      <unset>", "Parallelism:                   <unset>",
            // After the pod template, the lines align among themselves (kubectl's tabwriter sections).
            "Last Schedule Time:  Fri, 15 Jan 2027 08:00:00 +0000\nActive Jobs:         tick-1, tick-2\n"
                + "Events:              <none>\n",
        ] {
            #expect(text.contains(line), "\(line)\n\(text)")
        }
    }

    @Test func completedIndexes_areCappedAsKubectl() {
        #expect(JobDescriber.capIndexes("", softLimit: 50) == "<none>")
        #expect(JobDescriber.capIndexes("0-2,4", softLimit: 5) == "0-2,4")
        #expect(JobDescriber.capIndexes("1,3,5,7,9", softLimit: 3) == "1,3,...")
        #expect(JobDescriber.capIndexes("10,11,12", softLimit: 4) == "10,11,...")
    }
}
