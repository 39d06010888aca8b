/// What has to happen before the docker runtime can use this machine's Docker engine, decided from what is there.
/// Pure: ``DockerEngineSetup`` gathers the facts and carries the plan out.
struct DockerEnginePlan: Sendable, Equatable {
    /// What kctl found on the machine.
    struct Facts: Sendable, Equatable {
        var hasClient: Bool
        var hasDaemon: Bool
        var hasBusybox: Bool
        var engineAnswers: Bool
        var daemonProcessRuns: Bool
        var isRoot: Bool
        var hasAptGet: Bool
    }

    /// Debian packages to install with apt-get first (empty when all are there).
    var packages: [String]
    /// Whether to start `dockerd` (none answers and none is starting).
    var startDaemon: Bool
    /// Whether to wait for the engine to answer (it was started, or a dockerd process exists but does not answer yet).
    var waitForEngine: Bool

    /// Debian's packages for the docker runtime: the client and engine, and the node image's shell.
    static let dockerPackage = "docker.io"
    static let busyboxPackage = "busybox-static"

    /// The plan for `facts`.
    ///
    /// - Throws: ``ClusterError/runtimeUnavailable(_:)`` saying what is missing and why kctl cannot fix it (not root,
    ///   or no apt-get).
    static func plan(_ facts: Facts) throws(ClusterError) -> DockerEnginePlan {
        var packages: [String] = []
        if !facts.hasClient || !facts.hasDaemon { packages.append(dockerPackage) }
        if !facts.hasBusybox { packages.append(busyboxPackage) }
        if !packages.isEmpty {
            let list = packages.joined(separator: " ")
            guard facts.hasAptGet else {
                throw .runtimeUnavailable(
                    "the docker runtime needs Debian's \(list), and there is no apt-get here to install them: "
                        + "install Docker and busybox yourself")
            }
            guard facts.isRoot else {
                throw .runtimeUnavailable(
                    "the docker runtime needs Debian's \(list), which only root can install: "
                        + "run `apt-get install \(list)` as root, or run kctl as root")
            }
        }
        let engineAnswers = packages.contains(dockerPackage) ? false : facts.engineAnswers
        let daemonRuns = packages.contains(dockerPackage) ? false : facts.daemonProcessRuns
        let startDaemon = !engineAnswers && !daemonRuns
        if startDaemon, !facts.isRoot {
            throw .runtimeUnavailable(
                "the Docker engine is not running and only root can start it: start dockerd (as root), "
                    + "or run kctl as root")
        }
        return DockerEnginePlan(packages: packages, startDaemon: startDaemon, waitForEngine: !engineAnswers)
    }
}
