import Testing

@testable import kctl

/// What kctl does before a docker-mode command, from what the machine has.
struct DockerEnginePlanTests {
    typealias Facts = DockerEnginePlan.Facts

    let ready = Facts(
        hasClient: true, hasDaemon: true, hasBusybox: true, engineAnswers: true, daemonProcessRuns: true,
        isRoot: true, hasAptGet: true)

    @Test func answeringEngine_needsNothing() throws {
        #expect(try DockerEnginePlan.plan(ready) == DockerEnginePlan(packages: [], startDaemon: false, waitForEngine: false))
    }

    @Test func installedButStopped_startsDockerdAndWaits() throws {
        var facts = ready
        facts.engineAnswers = false
        facts.daemonProcessRuns = false
        #expect(try DockerEnginePlan.plan(facts) == DockerEnginePlan(packages: [], startDaemon: true, waitForEngine: true))
    }

    @Test func startingDaemon_isWaitedForNotStartedTwice() throws {
        var facts = ready
        facts.engineAnswers = false
        #expect(try DockerEnginePlan.plan(facts) == DockerEnginePlan(packages: [], startDaemon: false, waitForEngine: true))
    }

    @Test func freshMachine_installsDockerAndBusyboxThenStarts() throws {
        let facts = Facts(
            hasClient: false, hasDaemon: false, hasBusybox: false, engineAnswers: false, daemonProcessRuns: false,
            isRoot: true, hasAptGet: true)
        #expect(
            try DockerEnginePlan.plan(facts)
                == DockerEnginePlan(packages: ["docker.io", "busybox-static"], startDaemon: true, waitForEngine: true))
    }

    @Test func missingBusyboxOnly_installsIt() throws {
        var facts = ready
        facts.hasBusybox = false
        #expect(try DockerEnginePlan.plan(facts).packages == ["busybox-static"])
        #expect(try DockerEnginePlan.plan(facts).startDaemon == false)
    }

    @Test func notRoot_saysWhatIsMissingAndHow() {
        var facts = ready
        facts.isRoot = false
        facts.hasClient = false
        #expect(throws: ClusterError.runtimeUnavailable(
            "the docker runtime needs Debian's docker.io, which only root can install: "
                + "run `apt-get install docker.io` as root, or run kctl as root")) { try DockerEnginePlan.plan(facts) }
        var stopped = ready
        stopped.isRoot = false
        stopped.engineAnswers = false
        stopped.daemonProcessRuns = false
        #expect(throws: ClusterError.self) { try DockerEnginePlan.plan(stopped) }
    }

    @Test func noAptGet_refuses() {
        var facts = ready
        facts.hasDaemon = false
        facts.hasAptGet = false
        #expect(throws: ClusterError.self) { try DockerEnginePlan.plan(facts) }
    }
}
